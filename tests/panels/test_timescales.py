"""Papers' lead time (NMS 14.3), the ADM's 7 working days (NMS 14.9), notices and the IRM window, over bank holidays."""

from datetime import date

import pytest

from panels import timescales
from panels.choices import Decision
from panels.models import AgencyDecision, PanelMeeting

# Spring bank holiday: Monday 25 May 2026.
PANEL_AFTER_SPRING_HOLIDAY = date(2026, 5, 26)


def test_papers_sent_five_working_days_ahead_across_a_bank_holiday_are_in_time():
    # Sent Mon 18 May: Tue 19 = 1, Wed 20 = 2, Thu 21 = 3, Fri 22 = 4, Mon 25 holiday, Tue 26 = 5.
    meeting = PanelMeeting(date=PANEL_AFTER_SPRING_HOLIDAY, papers_sent_date=date(2026, 5, 18))
    assert meeting.papers_lead_working_days == 5
    assert not meeting.papers_short


def test_papers_sent_a_day_later_are_flagged_short_because_the_holiday_does_not_count():
    meeting = PanelMeeting(date=PANEL_AFTER_SPRING_HOLIDAY, papers_sent_date=date(2026, 5, 19))
    assert meeting.papers_lead_working_days == 4
    assert meeting.papers_short


def test_unsent_papers_are_not_flagged_short_but_show_the_last_day_to_send():
    meeting = PanelMeeting(date=PANEL_AFTER_SPRING_HOLIDAY)
    assert meeting.papers_lead_working_days is None
    assert not meeting.papers_short
    assert meeting.papers_due_by == date(2026, 5, 18)


def test_the_papers_lead_time_is_a_setting(settings):
    settings.PANEL_PAPERS_MIN_WORKING_DAYS = 3
    assert not timescales.papers_short(date(2026, 5, 20), PANEL_AFTER_SPRING_HOLIDAY)
    assert timescales.papers_short(date(2026, 5, 21), PANEL_AFTER_SPRING_HOLIDAY)


def test_final_minutes_received_on_wednesday_23_december_2026_give_a_decision_deadline_of_6_january_2027():
    # Seven working days, starting the day after receipt:
    #   Thu 24 Dec = 1; Fri 25 Dec Christmas Day; Sat 26 / Sun 27; Mon 28 Dec Boxing Day (substitute day,
    #   because 26 Dec is a Saturday); Tue 29 = 2; Wed 30 = 3; Thu 31 = 4; Fri 1 Jan 2027 New Year's Day;
    #   Sat 2 / Sun 3; Mon 4 Jan = 5; Tue 5 Jan = 6; Wed 6 Jan = 7.
    assert timescales.decision_due(date(2026, 12, 23)) == date(2027, 1, 6)


def test_no_decision_deadline_until_the_final_minutes_arrive():
    assert timescales.decision_due(None) is None
    countdown = timescales.countdown(None, today=date(2026, 12, 31))
    assert not countdown.started and not countdown.overdue


@pytest.mark.parametrize("today, left, overdue, due_today", [
    (date(2026, 12, 23), 7, False, False),
    (date(2026, 12, 31), 3, False, False),   # Mon 4, Tue 5, Wed 6 (Fri 1 Jan is New Year's Day)
    (date(2027, 1, 1), 3, False, False),     # a bank holiday: still three working days
    (date(2027, 1, 6), 0, False, True),
    (date(2027, 1, 7), -1, True, False),
    (date(2027, 1, 9), -2, True, False),     # a Saturday: two working days late (Thu 7, Fri 8)
])
def test_the_countdown_to_the_decision_deadline(today, left, overdue, due_today):
    countdown = timescales.countdown(date(2027, 1, 6), today=today)
    assert countdown.due == date(2027, 1, 6)
    assert countdown.overdue is overdue
    assert countdown.due_today is due_today
    assert countdown.working_days_left == left


def test_the_decision_deadline_is_a_setting(settings):
    settings.PANEL_DECISION_WORKING_DAYS = 10
    # Three more working days after Wed 6 Jan: Thu 7, Fri 8, Mon 11.
    assert timescales.decision_due(date(2026, 12, 23)) == date(2027, 1, 11)


def test_telling_the_applicant_orally_in_two_and_in_writing_in_five_working_days():
    decision = AgencyDecision(decision=Decision.NOT_APPROVE, decision_date=date(2026, 12, 23))
    # Oral: Thu 24 = 1, Tue 29 = 2. Written: 24, 29, 30, 31, Mon 4 Jan = 5.
    assert decision.oral_notice_due == date(2026, 12, 29)
    assert decision.written_notice_due == date(2027, 1, 4)


def test_the_representation_window_runs_28_calendar_days_from_written_notice(settings):
    decision = AgencyDecision(decision=Decision.NOT_APPROVE, decision_date=date(2026, 12, 23))
    assert decision.representation_deadline is None  # no written notice yet
    decision.written_notice_date = date(2027, 1, 4)
    assert decision.representation_deadline == date(2027, 2, 1)
    settings.PANEL_REPRESENTATION_DAYS = 21
    assert decision.representation_deadline == date(2027, 1, 25)


def test_an_approval_has_no_representation_window():
    decision = AgencyDecision(decision=Decision.APPROVE, decision_date=date(2026, 12, 23),
                              written_notice_date=date(2027, 1, 4))
    assert not decision.is_qualifying_determination
    assert decision.representation_deadline is None


def test_papers_go_to_the_irm_within_ten_working_days_of_its_notice():
    # Notified Fri 18 Dec 2026: 21, 22, 23, 24, 29, 30, 31 Dec, 4, 5, 6 Jan.
    assert timescales.irm_papers_due(date(2026, 12, 18)) == date(2027, 1, 6)
