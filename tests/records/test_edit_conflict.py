"""Two people editing the same record: the second save is refused, naming the first change (records/concurrency.py)."""

import pytest
from django.urls import reverse

from records import models as m
from records.choices import StaffRole
from records.concurrency import FIELD
from tests.factories import StaffMemberFactory
from tests.factories.inspection_outcomes import ActionFactory, InterviewFactory, RequirementFactory
from tests.factories.inspections import InspectionFactory
from tests.factories.panels import (
    AgencyDecisionFactory, AgendaItemFactory, PanelMeetingFactory, PanelMemberFactory, PanelMinutesFactory,
    quorate_members,
)


def form_data(response, **changes):
    """What the browser would post back from the form on `response`, with `changes` typed in."""
    data = {}
    for field in response.context["form"]:
        value = field.value()
        if value is None or value is False or value == "":
            continue
        if value is True:
            value = "on"
        elif isinstance(value, (list, tuple)):
            value = [str(item) for item in value]
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        data[field.html_name] = value
    data.update(changes)
    return data


def edit_url(household):
    return reverse("records:household_update", args=[household.pk])


@pytest.fixture
def colleague(db):
    """A second manager, editing the same records at the same time as `manager`."""
    return StaffMemberFactory(role=StaffRole.REGISTERED_MANAGER, with_login=True, first_name="Cara",
                              last_name="Colleague", user__username="colleague").user


def test_the_edit_form_carries_the_version_it_was_loaded_from(client_for, manager, household):
    response = client_for(manager).get(edit_url(household))
    latest = household.history.order_by("-history_id").first().history_id
    assert f'name="{FIELD}" value="{latest}"' in response.content.decode()


def test_a_save_with_nobody_else_editing_works_as_before(client_for, manager, household):
    client = client_for(manager)
    response = client.post(edit_url(household), form_data(client.get(edit_url(household)), town="Eastwick"))
    assert response.status_code == 302
    household.refresh_from_db()
    assert household.town == "Eastwick"


def test_the_second_save_is_refused_with_the_first_persons_change(client_for, manager, colleague, household):
    first, second = client_for(colleague), client_for(manager)
    first_form, second_form = first.get(edit_url(household)), second.get(edit_url(household))
    old_town = household.town
    assert first.post(edit_url(household), form_data(first_form, town="Eastwick")).status_code == 302
    rows = household.history.count()

    response = second.post(edit_url(household), form_data(second_form, town="Westwick"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone else saved this record while you were editing: Cara Colleague at" in page
    assert f"Town: {old_town} → Eastwick" in page
    assert 'value="Westwick"' in page  # what they typed is kept
    household.refresh_from_db()
    assert household.town == "Eastwick" and household.history.count() == rows

    # Saving again, having seen the message, is deliberate: it goes through.
    again = second.post(edit_url(household), form_data(response))
    assert again.status_code == 302
    household.refresh_from_db()
    assert household.town == "Westwick" and household.history.count() == rows + 1


def test_a_save_that_changed_none_of_the_forms_fields_is_no_conflict(client_for, manager, colleague, household):
    loaded = client_for(manager).get(edit_url(household))
    household.save()  # a history row, but the same values (a command, a related save)
    response = client_for(manager).post(edit_url(household), form_data(loaded, town="Eastwick"))
    assert response.status_code == 302


def test_a_post_without_the_version_is_saved_as_before(client_for, manager, colleague, household):
    data = form_data(client_for(manager).get(edit_url(household)), town="Eastwick")
    data.pop(FIELD)
    client_for(colleague).post(edit_url(household), form_data(client_for(colleague).get(edit_url(household)),
                                                               town="Northwick"))
    assert client_for(manager).post(edit_url(household), data).status_code == 302


def test_the_check_takes_one_row_lock(client_for, manager, colleague, household, django_assert_max_num_queries):
    first, second = client_for(colleague), client_for(manager)
    loaded = second.get(edit_url(household))
    first.post(edit_url(household), form_data(first.get(edit_url(household)), town="Eastwick"))
    with django_assert_max_num_queries(40) as queries:
        second.post(edit_url(household), form_data(loaded, town="Westwick"))
    assert sum("FOR UPDATE" in query["sql"] for query in queries.captured_queries) == 1


# Every other edit view that saves a model through a ModelForm ------------------------------------------------

def _panel_member(user):
    return PanelMemberFactory(), "panels:member_update", {"notes": "{}"}


def _meeting(user):
    return PanelMeetingFactory(), "panels:meeting_update", {}


def _recommendation(user):
    item = AgendaItemFactory(meeting=PanelMeetingFactory(attendees=quorate_members()), recommended=True)
    return item, "panels:item_recommendation", {"recommendation_reasons": "{}"}


def _minutes(user):
    return PanelMinutesFactory(), "panels:minutes_record", {}


def _decision_notices(user):
    decision = AgencyDecisionFactory()
    return decision, "panels:decision_notices", {}


def _inspection(user):
    return InspectionFactory(), "inspections:edit", {"lead_inspector": "{}"}


def _outcomes(user):
    return InspectionFactory(), "inspections:outcomes_edit", {}


def _finding(user):
    finding = RequirementFactory()
    return finding, "inspections:finding_edit", {"text": "{}"}


def _action(user):
    action = ActionFactory(owner=user)
    return action, "inspections:action_edit", {"description": "{}"}


def _interview(user):
    return InterviewFactory(), "inspections:interview_edit", {"inspector_name": "{}"}


def _url(name, obj):
    if name == "panels:minutes_record":
        return reverse(name, args=[obj.meeting_id])
    if name == "inspections:action_edit":
        return reverse(name, args=[obj.finding.inspection_id, obj.pk])
    if name in ("inspections:finding_edit", "inspections:interview_edit"):
        return reverse(name, args=[obj.inspection_id, obj.pk])
    return reverse(name, args=[obj.pk])


def _with_formset(response, data):
    """An interview form also posts its entries formset."""
    entries = response.context.get("entries")
    if entries is not None:
        for field in entries.management_form:
            data[field.html_name] = field.value()
    return data


EDIT_VIEWS = [_panel_member, _meeting, _recommendation, _minutes, _decision_notices, _inspection, _outcomes, _finding,
              _action, _interview]


@pytest.mark.parametrize("build", EDIT_VIEWS, ids=lambda build: build.__name__.strip("_"))
def test_every_edit_view_takes_its_version_and_refuses_a_stale_one(client_for, manager, colleague, build):
    obj, name, fields = build(manager)
    url = _url(name, obj)
    first, second = client_for(colleague), client_for(manager)
    first_form, second_form = first.get(url), second.get(url)
    assert FIELD in second_form.content.decode()
    changed = {key: template.format("first") for key, template in fields.items()}
    # The token must not reach the services (several take the form's cleaned_data as keyword arguments).
    saved = first.post(url, _with_formset(first_form, form_data(first_form, **changed)))
    assert saved.status_code == 302, (saved.context["form"].errors, form_data(first_form, **changed))
    if not fields:
        return
    rows = type(obj).history.filter(id=obj.pk).count()
    refused = second.post(url, _with_formset(second_form, form_data(
        second_form, **{key: template.format("second") for key, template in fields.items()})))
    assert refused.status_code == 200
    assert "Someone else saved this record while you were editing: Cara Colleague" in refused.content.decode()
    assert type(obj).history.filter(id=obj.pk).count() == rows
    obj.refresh_from_db()
    assert all(getattr(obj, key) == "first" for key in fields)
    again = second.post(url, _with_formset(refused, form_data(refused)))
    assert again.status_code == 302
    obj.refresh_from_db()
    assert all(getattr(obj, key) == "second" for key in fields)


def test_the_household_update_still_says_nothing_changed(client_for, manager, household):
    client = client_for(manager)
    response = client.post(edit_url(household), form_data(client.get(edit_url(household))), follow=True)
    assert "Nothing was changed." in response.content.decode()
    assert m.Household.objects.get(pk=household.pk).history.count() == household.history.count()


def test_a_carer_saving_contact_details_over_a_social_workers_change_is_refused(
        client_for, carer_user, household, manager):
    """The portal's contact form edits two records (the carer and the household); each is version-checked."""
    carer_client = client_for(carer_user)
    loaded = carer_client.get(reverse("records:portal_contact"))
    assert 'name="carer_version"' in loaded.content.decode()

    staff = client_for(manager)
    page = staff.get(reverse("records:household_update", args=[household.pk]))
    staff.post(reverse("records:household_update", args=[household.pk]), form_data(page, phone="01632 960999"))
    household.refresh_from_db()
    assert household.phone == "01632 960999"

    history = household.history.count()
    refused = carer_client.post(reverse("records:portal_contact"), form_data(
        loaded, household_phone="01632 960111", phone="07700 900123"))
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Someone else saved this record while you were editing" in page and "01632 960999" in page
    household.refresh_from_db()
    carer = household.carers.get()
    assert household.phone == "01632 960999" and carer.phone != "07700 900123"  # nothing saved, either record
    assert household.history.count() == history

    again = carer_client.post(reverse("records:portal_contact"), form_data(refused))
    assert again.status_code == 302
    household.refresh_from_db()
    assert household.phone == "01632 960111"


def test_a_carer_saving_contact_details_after_an_unrelated_change_is_no_conflict(
        client_for, carer_user, household, manager):
    carer_client = client_for(carer_user)
    loaded = carer_client.get(reverse("records:portal_contact"))
    household.town = "Eastwick"
    household.save()  # not a field the contact form edits

    saved = carer_client.post(reverse("records:portal_contact"), form_data(loaded, household_phone="01632 960111"))
    assert saved.status_code == 302
    household.refresh_from_db()
    assert (household.phone, household.town) == ("01632 960111", "Eastwick")


def interview_data(response, *, entry_response=None):
    """The interview form and its entries formset as the browser would post them, the first entry's answer changed."""
    data = _with_formset(response, form_data(response))
    for index, entry in enumerate(response.context["entries"]):
        for field in entry:
            value = field.value()
            if value not in (None, "", False):
                data[field.html_name] = str(value)
        if index == 0 and entry_response is not None:
            data[entry["response"].html_name] = entry_response
    return data


def test_an_interview_entry_saved_over_someone_elses_change_is_refused(client_for, manager, colleague):
    from inspections.models import InterviewEntry
    from tests.factories.inspection_outcomes import InterviewEntryFactory

    entry = InterviewEntryFactory()
    url = reverse("inspections:interview_edit", args=[entry.interview.inspection_id, entry.interview_id])
    first, second = client_for(colleague), client_for(manager)
    first_form, second_form = first.get(url), second.get(url)

    assert first.post(url, interview_data(first_form, entry_response="First answer.")).status_code == 302
    refused = second.post(url, interview_data(second_form, entry_response="Second answer."))

    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Someone else saved this record while you were editing: Cara Colleague" in page
    assert "First answer." in page  # their change is shown
    assert InterviewEntry.objects.get(pk=entry.pk).response == "First answer."
    again = second.post(url, interview_data(refused, entry_response="Second answer."))
    assert again.status_code == 302
    assert InterviewEntry.objects.get(pk=entry.pk).response == "Second answer."
