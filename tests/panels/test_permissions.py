"""Every panels page as anonymous, as each role, and as someone outside the record (panels/permissions.py)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from panels.choices import Decision, ItemKind, Recommendation
from panels.models import AgencyDecision, PanelMeeting
from tests.factories.inspection_access import InspectorGrantFactory, SampledCaseFactory
from tests.factories.panels import (
    AgencyDecisionFactory, AgendaItemFactory, PanelMeetingFactory, PanelMemberFactory,
)


@pytest.fixture
def other_meeting(members, other_household):
    """A meeting the `panel_member` did not sit on, with `other_household`'s review on it."""
    meeting = PanelMeetingFactory(attendees=members)
    AgendaItemFactory(meeting=meeting, household=other_household, kind=ItemKind.REVIEW,
                      recommendation=Recommendation.CONTINUE, recommendation_reasons="All well.")
    return meeting


@pytest.fixture
def letter(item):
    """The ADM's approval of `item`, with the written notice sent."""
    return AgencyDecisionFactory(item=item, written_notice_date=timezone.localdate())


def pages(item, letter):
    """Every page, with the object it needs."""
    meeting, member = item.meeting, item.meeting.attendees.first()
    return {
        "member_list": reverse("panels:member_list"),
        "member_detail": reverse("panels:member_detail", args=[member.pk]),
        "meeting_list": reverse("panels:meeting_list"),
        "meeting_detail": reverse("panels:meeting_detail", args=[meeting.pk]),
        "item_detail": reverse("panels:item_detail", args=[item.pk]),
        "decision_queue": reverse("panels:decision_queue"),
        "decision_letter": reverse("panels:decision_letter", args=[letter.pk]),
        "household_history": reverse("panels:household_history", args=[item.household_id]),
    }


def change_pages(item, letter):
    meeting, member = item.meeting, item.meeting.attendees.first()
    return {
        "member_create": reverse("panels:member_create"),
        "member_update": reverse("panels:member_update", args=[member.pk]),
        "meeting_create": reverse("panels:meeting_create"),
        "meeting_update": reverse("panels:meeting_update", args=[meeting.pk]),
        "meeting_attendance": reverse("panels:meeting_attendance", args=[meeting.pk]),
        "item_create": reverse("panels:item_create", args=[meeting.pk]),
        "minutes_record": reverse("panels:minutes_record", args=[meeting.pk]),
        "item_recommendation": reverse("panels:item_recommendation", args=[item.pk]),
        "paper_upload": reverse("panels:paper_upload", args=[item.pk]),
        "decision_notices": reverse("panels:decision_notices", args=[letter.pk]),
    }


def test_anonymous_is_sent_to_login_everywhere(client, item, letter):
    for name, url in {**pages(item, letter), **change_pages(item, letter)}.items():
        response = client.get(url)
        assert response.status_code == 302, name
        assert response.url.startswith(reverse("accounts:login")), name


def test_a_manager_sees_and_changes_everything(client_for, manager, item, letter):
    client = client_for(manager)
    for name, url in {**pages(item, letter), **change_pages(item, letter)}.items():
        assert client.get(url).status_code == 200, name


def test_an_administrator_changes_everything_but_cannot_decide(client_for, administrator, meeting, applicant):
    item = AgendaItemFactory(meeting=meeting, household=applicant, recommended=True)
    client = client_for(administrator)
    assert client.get(reverse("panels:meeting_create")).status_code == 200
    assert client.get(reverse("panels:decision_create", args=[item.pk])).status_code == 403
    page = client.get(item.meeting.get_absolute_url()).content.decode()
    assert reverse("panels:decision_create", args=[item.pk]) not in page


def _grant_sampling(inspector, household):
    grant = InspectorGrantFactory(inspector=inspector)
    SampledCaseFactory(inspection=grant.inspection, household=household)
    return grant


def test_an_inspector_during_a_grant_reads_the_sampled_household_and_changes_nothing(client_for, inspector, item,
                                                                                      letter):
    _grant_sampling(inspector, item.household)
    client = client_for(inspector)
    for name, url in pages(item, letter).items():
        expected = 403 if name == "decision_queue" else 200  # the queue spans every household
        assert client.get(url).status_code == expected, name
    for name, url in change_pages(item, letter).items():
        assert client.get(url).status_code == 403, name
        assert client.post(url, {}).status_code == 403, name
    assert client.get(reverse("panels:decision_create", args=[item.pk])).status_code == 403
    page = client.get(item.meeting.get_absolute_url()).content.decode()
    assert "Record attendance" not in page and "Add an item" not in page


def test_an_inspector_sees_the_meetings_but_not_an_unsampled_households_items(client_for, inspector, item, letter,
                                                                              other_meeting, other_household):
    _grant_sampling(inspector, item.household)
    client = client_for(inspector)
    other_item = other_meeting.items.get()
    assert client.get(other_meeting.get_absolute_url()).status_code == 200  # meetings and minutes are in the pack
    assert client.get(reverse("panels:item_detail", args=[other_item.pk])).status_code == 404
    assert client.get(reverse("panels:household_history", args=[other_household.pk])).status_code == 404
    assert reverse("panels:item_detail", args=[other_item.pk]) not in client.get(
        other_meeting.get_absolute_url()).content.decode()


def test_an_inspector_without_a_grant_sees_no_panel_page(client_for, inspector, item, letter):
    client = client_for(inspector)
    for name, url in pages(item, letter).items():
        assert client.get(url).status_code == 404, name


def test_a_panel_member_sees_only_the_meetings_they_sat_on(client_for, panel_member, seat, item, other_meeting):
    client = client_for(panel_member)
    listing = client.get(reverse("panels:meeting_list")).content.decode()
    assert item.meeting.get_absolute_url() in listing
    assert other_meeting.get_absolute_url() not in listing
    assert client.get(item.meeting.get_absolute_url()).status_code == 200
    assert client.get(other_meeting.get_absolute_url()).status_code == 404
    assert client.get(reverse("panels:item_detail", args=[item.pk])).status_code == 200
    other_item = other_meeting.items.get()
    assert client.get(reverse("panels:item_detail", args=[other_item.pk])).status_code == 404


def test_a_panel_member_cannot_see_the_central_list_decisions_or_change_anything(client_for, panel_member, seat,
                                                                                  item, letter):
    client = client_for(panel_member)
    assert client.get(reverse("panels:member_list")).status_code == 403
    assert client.get(reverse("panels:decision_queue")).status_code == 403
    assert client.get(reverse("panels:decision_letter", args=[letter.pk])).status_code == 404
    assert client.get(reverse("panels:item_recommendation", args=[item.pk])).status_code == 403
    assert client.get(reverse("panels:meeting_attendance", args=[item.meeting_id])).status_code == 403


def test_a_panel_member_not_linked_to_the_central_list_sees_no_meetings(client_for, panel_member, item):
    client = client_for(panel_member)
    assert item.meeting.get_absolute_url() not in client.get(reverse("panels:meeting_list")).content.decode()
    assert client.get(item.meeting.get_absolute_url()).status_code == 404


def test_staff_who_sit_on_panel_see_the_meetings_they_sat_on(client_for, other_ssw, item):
    member = PanelMemberFactory(staff_member=other_ssw.staff_member, social_worker=True)
    item.meeting.attendances.create(member=member)
    assert client_for(other_ssw).get(item.meeting.get_absolute_url()).status_code == 200


def test_the_decision_maker_sees_the_queue_and_decides(client_for, decision_maker, item):
    client = client_for(decision_maker)
    queue = client.get(reverse("panels:decision_queue")).content.decode()
    assert reverse("panels:decision_create", args=[item.pk]) in queue
    assert client.get(reverse("panels:decision_create", args=[item.pk])).status_code == 200
    response = client.post(reverse("panels:decision_create", args=[item.pk]), {
        "decision": Decision.APPROVE, "decision_date": timezone.localdate().isoformat(),
        "reasons": "Agree with panel.", "approval_category": "mainstream", "approved_places": "2",
        "age_range_min": "0", "age_range_max": "18", "placement_types": ["long_term", "short_term"],
        "carer_agrees_to_terms": "unknown",
    })
    assert response.status_code == 302
    assert AgencyDecision.objects.get().decided_by == decision_maker
    assert client.get(reverse("panels:meeting_create")).status_code == 403


def test_a_supervising_social_worker_sees_caseload_items_but_cannot_decide(client_for, ssw, item, other_meeting):
    client = client_for(ssw)
    assert client.get(reverse("panels:item_detail", args=[item.pk])).status_code == 200
    other_item = other_meeting.items.get()
    assert client.get(reverse("panels:item_detail", args=[other_item.pk])).status_code == 404
    assert client.get(item.meeting.get_absolute_url()).status_code == 404  # the meeting has others' cases
    assert client.get(reverse("panels:decision_create", args=[item.pk])).status_code == 403
    assert client.post(reverse("panels:decision_create", args=[item.pk]), {"decision": "approve"}).status_code == 403
    assert client.get(reverse("panels:decision_queue")).status_code == 403
    assert not AgencyDecision.objects.exists()


def test_a_carer_reads_only_their_own_households_letter(client_for, carer_user, outsider_carer, meeting, household,
                                                        other_household, decision_maker):
    own = AgencyDecisionFactory(
        item=AgendaItemFactory(meeting=meeting, household=household, kind=ItemKind.REVIEW,
                               recommendation=Recommendation.CONTINUE, recommendation_reasons="Going well."),
        decision=Decision.CONTINUE, written_notice_date=timezone.localdate(), decided_by=decision_maker,
        approval_category="", approved_places=None, age_range_min=None, age_range_max=None, placement_types=[],
    )
    theirs = AgencyDecisionFactory(
        item=AgendaItemFactory(meeting=meeting, household=other_household, kind=ItemKind.REVIEW,
                               recommendation=Recommendation.CONTINUE, recommendation_reasons="Going well."),
        decision=Decision.CONTINUE, written_notice_date=timezone.localdate(),
    )
    client = client_for(carer_user)
    letter = client.get(reverse("panels:decision_letter", args=[own.pk]))
    assert letter.status_code == 200
    assert "continue to be suitable to foster" in letter.content.decode()
    assert client.get(reverse("panels:decision_letter", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("panels:item_detail", args=[own.item_id])).status_code == 404
    assert client.get(reverse("panels:meeting_list")).status_code == 403
    assert client_for(outsider_carer).get(reverse("panels:decision_letter", args=[own.pk])).status_code == 404


def test_a_carer_cannot_read_a_letter_before_written_notice_is_recorded(client_for, carer_user, meeting, household):
    decision = AgencyDecisionFactory(
        item=AgendaItemFactory(meeting=meeting, household=household, kind=ItemKind.REVIEW,
                               recommendation=Recommendation.TERMINATE, recommendation_reasons="Concerns."),
        decision=Decision.TERMINATE, approval_category="", approved_places=None, age_range_min=None,
        age_range_max=None, placement_types=[],
    )
    url = reverse("panels:decision_letter", args=[decision.pk])
    assert client_for(carer_user).get(url).status_code == 404
    decision.written_notice_date = timezone.localdate()
    decision.save()
    assert "qualifying determination" in client_for(carer_user).get(url).content.decode()


@pytest.mark.parametrize("fixture, titles", [
    ("manager", ["Central list", "Panel meetings", "Decisions to make"]),
    ("administrator", ["Central list", "Panel meetings", "Decisions"]),
    ("decision_maker", ["Central list", "Panel meetings", "Decisions to make"]),
    ("granted_inspector", ["Central list", "Panel meetings"]),
    ("inspector", []),
    ("panel_member", ["My panel meetings"]),
    ("ssw", []),
    ("carer_user", []),
])
def test_the_panels_menu_matches_the_role(request, client_for, fixture, titles):
    user = request.getfixturevalue(fixture)
    response = client_for(user).get(reverse("home"), follow=True)
    assert [title for title, _ in response.context["panels_menu"]] == titles


def test_there_is_no_delete_page(client_for, manager, meeting):
    response = client_for(manager).post(f"/panels/meetings/{meeting.pk}/delete/")
    assert response.status_code == 404
    assert PanelMeeting.objects.filter(pk=meeting.pk).exists()


def test_a_panel_member_is_not_offered_a_link_to_the_household_record(client_for, panel_member, seat, item):
    page = client_for(panel_member).get(reverse("panels:item_detail", args=[item.pk])).content.decode()
    assert item.household.name in page
    assert item.household.get_absolute_url() not in page
