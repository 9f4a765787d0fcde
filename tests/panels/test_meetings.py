"""Meetings: only the central list may sit, and only a quorate panel may recommend."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from panels.choices import ItemKind, Recommendation
from panels.models import AgendaItem, PanelAttendance, PanelMeeting
from panels.services import item_recommendation_record, meeting_attendance_set
from panels.terms import Terms
from tests.factories.panels import AgendaItemFactory, PanelMeetingFactory, PanelMemberFactory


def attendance_url(meeting):
    return reverse("panels:meeting_attendance", args=[meeting.pk])


def recommendation_url(item):
    return reverse("panels:item_recommendation", args=[item.pk])


def test_a_member_who_left_before_the_meeting_is_refused_by_name(members, manager):
    meeting = PanelMeetingFactory()
    gone = PanelMemberFactory(first_name="Iris", last_name="Moreno", left_date=meeting.date - timedelta(days=1))
    with pytest.raises(ValidationError) as error:
        meeting_attendance_set(meeting=meeting, members=[*members, gone], user=manager)
    assert error.value.messages == [f"Iris Moreno left the central list on {gone.left_date:%-d %b %Y}, "
                                    f"before the meeting on {meeting.date:%-d %b %Y}."]
    assert not meeting.attendances.exists()


def test_someone_who_joined_the_list_after_the_meeting_is_refused(members, manager):
    meeting = PanelMeetingFactory()
    late = PanelMemberFactory(joined_date=meeting.date + timedelta(days=1))
    with pytest.raises(ValidationError, match="joined the central list on .*, after the meeting"):
        meeting_attendance_set(meeting=meeting, members=[late], user=manager)


def test_a_member_leaving_on_the_day_of_the_meeting_may_still_sit(manager):
    meeting = PanelMeetingFactory()
    last_day = PanelMemberFactory(left_date=meeting.date)
    meeting_attendance_set(meeting=meeting, members=[last_day], user=manager)
    assert list(meeting.attendees.all()) == [last_day]


def test_the_attendance_model_itself_refuses_someone_not_on_the_list_that_day(members):
    meeting = PanelMeetingFactory()
    gone = PanelMemberFactory(left_date=meeting.date - timedelta(days=30))
    with pytest.raises(ValidationError):
        PanelAttendance(meeting=meeting, member=gone).full_clean()


def test_the_attendance_form_offers_only_people_on_the_list_that_day(client_for, manager, members):
    meeting = PanelMeetingFactory()
    gone = PanelMemberFactory(last_name="Departed", left_date=meeting.date - timedelta(days=1))
    page = client_for(manager).get(attendance_url(meeting)).content.decode()
    for member in members:
        assert f'value="{member.pk}"' in page
    assert f'value="{gone.pk}"' not in page


def test_saving_attendance_records_exactly_the_people_ticked(client_for, manager, members, meeting):
    response = client_for(manager).post(attendance_url(meeting), {"members": [m.pk for m in members[:4]]})
    assert response.status_code == 302
    assert set(meeting.attendees.all()) == set(members[:4])
    assert set(PanelAttendance.history.filter(history_type="-").values_list("member_id", flat=True)) == {members[4].pk}


def test_posting_someone_not_on_the_central_list_is_refused_with_a_clear_message(client_for, manager, members):
    meeting = PanelMeetingFactory()
    response = client_for(manager).post(attendance_url(meeting), {"members": [members[0].pk, 999999]})
    assert response.status_code == 200
    assert "That person is not on the central list." in response.content.decode()
    assert not meeting.attendances.exists()


def test_posting_someone_who_has_left_names_them_and_saves_nothing(client_for, manager, members):
    meeting = PanelMeetingFactory()
    gone = PanelMemberFactory(first_name="Iris", last_name="Moreno", left_date=meeting.date - timedelta(days=1))
    response = client_for(manager).post(attendance_url(meeting), {"members": [members[0].pk, gone.pk]})
    assert response.status_code == 200
    assert "Iris Moreno left the central list on" in response.content.decode()
    assert not meeting.attendances.exists()


def test_a_non_quorate_meeting_cannot_record_a_recommendation(members, applicant, manager):
    meeting = PanelMeetingFactory(attendees=members[:4])
    item = AgendaItemFactory(meeting=meeting, household=applicant)
    with pytest.raises(ValidationError) as error:
        item_recommendation_record(item=item, user=manager, recommendation=Recommendation.NOT_APPROVE,
                                   reasons="Not enough evidence of capacity.")
    assert error.value.messages == ["This meeting was not quorate, so it cannot make recommendations:",
                                    "4 panel members attended; a panel needs at least 5."]
    item.refresh_from_db()
    assert item.recommendation == ""


def test_the_recommendation_page_says_why_the_meeting_is_not_quorate(client_for, manager, members, applicant):
    meeting = PanelMeetingFactory(attendees=members[1:])  # everyone but the chair
    item = AgendaItemFactory(meeting=meeting, household=applicant)
    response = client_for(manager).post(recommendation_url(item), {
        "recommendation": Recommendation.NOT_APPROVE, "recommendation_reasons": "Concerns.",
    })
    page = response.content.decode()
    assert response.status_code == 200
    assert "This meeting was not quorate, so it cannot make recommendations:" in page
    assert "Neither the chair nor a vice chair attended." in page
    assert AgendaItem.objects.get(pk=item.pk).recommendation == ""


def test_a_quorate_meeting_records_the_recommendation_and_terms(client_for, manager, meeting, applicant):
    item = AgendaItemFactory(meeting=meeting, household=applicant)
    response = client_for(manager).post(recommendation_url(item), {
        "recommendation": Recommendation.APPROVE, "recommendation_reasons": "A thorough assessment.",
        "dissent": "One member felt the age range should start at 5.", "carers_attended": "on",
        "approval_category": "mainstream", "approved_places": "2", "age_range_min": "0", "age_range_max": "18",
        "placement_types": ["short_term", "long_term"],
    })
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.recommendation == Recommendation.APPROVE
    assert item.carers_attended
    assert item.dissent.startswith("One member")
    assert item.recommended_terms == Terms("mainstream", 2, 0, 18, ("long_term", "short_term"))


def test_a_recommendation_to_approve_needs_terms(client_for, manager, meeting, applicant):
    item = AgendaItemFactory(meeting=meeting, household=applicant)
    response = client_for(manager).post(recommendation_url(item), {
        "recommendation": Recommendation.APPROVE, "recommendation_reasons": "Good.",
        "approval_category": "", "approved_places": "", "age_range_min": "", "age_range_max": "",
    })
    assert response.status_code == 200
    assert "Terms of approval need this." in response.content.decode()


def test_a_recommendation_needs_reasons(manager, meeting, applicant):
    item = AgendaItemFactory(meeting=meeting, household=applicant)
    with pytest.raises(ValidationError) as error:
        item_recommendation_record(item=item, user=manager, recommendation=Recommendation.NOT_APPROVE, reasons=" ")
    assert "recommendation_reasons" in error.value.message_dict


def test_a_panel_that_has_not_met_cannot_recommend(manager, members, applicant):
    meeting = PanelMeetingFactory(date=timezone.localdate() + timedelta(days=7), papers_sent_date=None,
                                  attendees=members)
    item = AgendaItemFactory(meeting=meeting, household=applicant)
    with pytest.raises(ValidationError, match="record the recommendation after the meeting"):
        item_recommendation_record(item=item, user=manager, recommendation=Recommendation.NOT_APPROVE,
                                   reasons="Premature.")


def test_a_review_item_only_offers_review_recommendations(client_for, manager, meeting, household):
    item = AgendaItemFactory(meeting=meeting, household=household, kind=ItemKind.REVIEW)
    page = client_for(manager).get(recommendation_url(item)).content.decode()
    assert 'value="continue"' in page and 'value="terminate"' in page
    assert 'value="approve"' not in page and 'value="not_approve"' not in page


def test_attendance_that_would_unmake_the_quorum_after_recommendations_is_refused(manager, members, item):
    with pytest.raises(ValidationError, match="would make it not quorate"):
        meeting_attendance_set(meeting=item.meeting, members=members[:4], user=manager)
    assert item.meeting.attendances.count() == 5


def test_the_meeting_page_shows_attendance_quorum_items_and_a_short_papers_warning(client_for, manager, members,
                                                                                    applicant):
    held = timezone.localdate() - timedelta(days=14)
    meeting = PanelMeetingFactory(date=held, papers_sent_date=held - timedelta(days=1), attendees=members)
    AgendaItemFactory(meeting=meeting, household=applicant, recommended=True)
    page = client_for(manager).get(meeting.get_absolute_url()).content.decode()
    assert "Quorate" in page
    assert "Short: at least 5 are needed" in page
    assert applicant.name in page
    for member in members:
        assert str(member) in page


def test_a_joint_panel_needs_the_other_providers_name(client_for, manager):
    response = client_for(manager).post(reverse("panels:meeting_create"), {
        "date": timezone.localdate().isoformat(), "is_joint": "on", "joint_with": "",
    })
    assert response.status_code == 200
    assert "Name the provider the panel is held jointly with." in response.content.decode()
    assert not PanelMeeting.objects.exists()


def test_papers_cannot_be_sent_after_the_meeting(client_for, manager):
    today = timezone.localdate()
    response = client_for(manager).post(reverse("panels:meeting_create"), {
        "date": (today - timedelta(days=3)).isoformat(), "papers_sent_date": today.isoformat(),
    })
    assert "Papers cannot be sent after the meeting." in response.content.decode()


def test_moving_a_meeting_to_a_date_someone_was_not_on_the_list_is_refused(client_for, manager, members):
    meeting = PanelMeetingFactory(attendees=members)
    members[0].left_date = meeting.date
    members[0].save()
    later = meeting.date + timedelta(days=1)
    response = client_for(manager).post(reverse("panels:meeting_update", args=[meeting.pk]), {
        "date": later.isoformat(), "papers_sent_date": meeting.papers_sent_date.isoformat(),
    })
    assert response.status_code == 200
    assert f"{members[0]} left the central list on" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.date != later


def test_attendance_history_names_who_recorded_it_even_outside_a_request(manager, members):
    meeting = PanelMeetingFactory()
    meeting_attendance_set(meeting=meeting, members=members, user=manager)
    assert {entry.history_user for entry in PanelAttendance.history.all()} == {manager}
