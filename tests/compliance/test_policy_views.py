"""The agency policy page: only the registered manager and responsible individual may change it,
bad periods are refused with a clear message, and every change shows in the history."""

import json
from datetime import date

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from compliance.engine import State
from compliance.forms import AgencyPolicyForm
from compliance.models import AgencyPolicy
from compliance.services import gaps_preview
from records.models.agency import AgencyReview

pytestmark = pytest.mark.django_db

URL = reverse("compliance:policy")


def form_data(**changes):
    """The current policy as the form posts it, with `changes` applied."""
    data = model_to_dict(AgencyPolicy.current(), exclude=["id"])
    data["mandatory_courses"] = json.dumps(data["mandatory_courses"])
    data["post_first_placement_review"] = "on" if data["post_first_placement_review"] else ""
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


def test_anonymous_users_are_sent_to_sign_in(client):
    for response in (client.get(URL), client.post(URL, {})):
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("fixture", ["administrator", "decision_maker", "granted_inspector", "ssw", "panel_member",
                                     "carer_user"])
def test_only_managers_may_see_or_change_the_policy(request, client_for, fixture):
    client = client_for(request.getfixturevalue(fixture))

    assert client.get(URL).status_code == 403
    assert client.post(URL, form_data(dbs_renewal="P2Y")).status_code == 403
    assert AgencyPolicy.current().dbs_renewal == "P3Y"


@pytest.mark.parametrize("fixture", ["manager", "responsible_individual"])
def test_a_manager_changes_a_period_and_the_history_shows_who_and_old_to_new(request, client_for, fixture):
    user = request.getfixturevalue(fixture)
    client = client_for(user)

    response = client.post(URL, form_data(dbs_renewal="P2Y", due_soon_days="45"))

    assert response.status_code == 302 and response["Location"] == URL
    policy = AgencyPolicy.current()
    assert (policy.dbs_renewal, policy.due_soon_days) == ("P2Y", 45)
    page = client.get(URL)
    [latest, *_] = page.context["entries"]
    assert latest.who == user
    assert {(c.label, c.old, c.new) for c in latest.changes} >= {
        ("Renew carers' and household DBS every", "P3Y", "P2Y"),
        ("Warn this many days before something falls due", "30", "45"),
    }
    html = page.content.decode()
    assert "<del>P3Y</del>" in html and "<ins>P2Y</ins>" in html and str(user) in html


def test_a_bad_period_is_refused_with_a_clear_message(client_for, manager):
    response = client_for(manager).post(URL, form_data(medical_renewal="P3X"))

    assert response.status_code == 200
    assert "&#x27;P3X&#x27; is not a period: use e.g. P3Y, P12M" in response.content.decode()
    assert "Nothing has been saved yet" in response.content.decode()
    assert AgencyPolicy.current().medical_renewal == "P3Y"


def test_bad_course_periods_are_refused(client_for, manager):
    response = client_for(manager).post(URL, form_data(mandatory_courses='{"first_aid": "soon"}'))

    assert response.context["form"].errors["mandatory_courses"]
    assert AgencyPolicy.current().mandatory_courses == {"first_aid": "P3Y", "safeguarding": "P3Y"}


def test_saving_without_changes_adds_no_history(client_for, manager):
    client = client_for(manager)
    AgencyPolicy.current()
    before = AgencyPolicy.history.count()

    client.post(URL, form_data())

    assert AgencyPolicy.history.count() == before


def test_every_policy_field_is_in_one_section_and_on_the_page(client_for, manager):
    """The page renders only the form's SECTIONS: a field left out of them would silently not show."""
    fields = sorted(f.name for f in AgencyPolicy._meta.concrete_fields if not f.primary_key)

    assert sorted(name for _, names in AgencyPolicyForm.SECTIONS for name in names) == fields
    html = client_for(manager).get(URL).content.decode()
    assert [name for name in fields if f'name="{name}"' not in html] == []


def test_a_document_review_interval_changed_on_the_page_changes_CR_AG_008(client_for, manager):
    """The statement of purpose and children's guide were last reviewed on 10 January 2025."""
    for kind in (AgencyReview.Kind.STATEMENT_OF_PURPOSE, AgencyReview.Kind.CHILDRENS_GUIDE):
        AgencyReview.objects.create(kind=kind, completed_date=date(2025, 1, 10))

    def documents_reviewed():
        findings = gaps_preview(as_of=date(2026, 6, 1)).findings
        return {(f.outcome.key, f.outcome.state, f.outcome.due) for f in findings if f.rule.id == "CR-AG-008"}

    assert documents_reviewed() == {("statement_of_purpose", State.OVERDUE, date(2026, 1, 10)),
                                    ("childrens_guide", State.OVERDUE, date(2026, 1, 10))}

    response = client_for(manager).post(URL, form_data(document_review_interval="P24M"))

    assert response.status_code == 302 and AgencyPolicy.current().document_review_interval == "P24M"
    assert documents_reviewed() == {("statement_of_purpose", State.MET, date(2027, 1, 10)),
                                    ("childrens_guide", State.MET, date(2027, 1, 10))}
