"""Countdown and deadlines against dates worked out by hand (England and Wales bank holidays).

Convention: the notice day itself never counts, even when it is a weekend or a bank holiday, so a
Saturday notice with 2 working days' notice starts fieldwork on Tuesday (Mon 1st, Tue 2nd).
"""

from datetime import UTC, date, datetime
from types import SimpleNamespace

from inspections.timeline import (
    LONDON, countdown, deadlines, default_information_deadline, default_records_upload_until, fieldwork_start,
    post_inspection_deadlines, post_inspection_steps,
)


def london(*args):
    return datetime(*args, tzinfo=LONDON)


def test_a_thursday_notice_starts_fieldwork_on_monday_at_nine():
    assert fieldwork_start(london(2026, 11, 26, 9, 15), 2) == london(2026, 11, 30, 9, 0)


def test_a_christmas_eve_notice_skips_christmas_and_the_substitute_boxing_day():
    # Boxing Day 2026 is a Saturday, so Monday 28 December is the bank holiday. Tuesday 29th is the
    # 1st working day after Thursday 24th and Wednesday 30th the 2nd (as Fri, Mon follow a Thursday).
    assert fieldwork_start(london(2026, 12, 24, 9, 0), 2) == london(2026, 12, 30, 9, 0)
    assert fieldwork_start(london(2026, 12, 24, 9, 0), 1) == london(2026, 12, 29, 9, 0)


def test_a_friday_afternoon_notice_starts_fieldwork_on_tuesday():
    assert fieldwork_start(london(2026, 11, 27, 16, 45), 2) == london(2026, 12, 1, 9, 0)


def test_a_weekend_notice_does_not_count_the_notice_day():
    assert fieldwork_start(london(2026, 11, 28, 11, 0), 2) == london(2026, 12, 1, 9, 0)
    assert fieldwork_start(london(2026, 11, 29, 11, 0), 2) == london(2026, 12, 1, 9, 0)


def test_a_notice_on_good_friday_skips_easter_monday():
    # Good Friday 26 March 2027, Easter Monday 29 March 2027.
    assert fieldwork_start(london(2027, 3, 26, 9, 0), 2) == london(2027, 3, 31, 9, 0)
    assert fieldwork_start(london(2027, 3, 25, 9, 0), 2) == london(2027, 3, 31, 9, 0)


def test_fieldwork_starts_at_nine_uk_time_either_side_of_the_clocks_changing():
    # Clocks go back on Sunday 25 October 2026: Monday's 09:00 is GMT, 09:00 UTC.
    start = fieldwork_start(london(2026, 10, 22, 14, 0), 2)
    assert start.astimezone(UTC) == datetime(2026, 10, 26, 9, 0, tzinfo=UTC)
    # Clocks go forward on Sunday 28 March 2027: Wednesday's 09:00 is BST, 08:00 UTC.
    start = fieldwork_start(london(2027, 3, 25, 14, 0), 2)
    assert start.astimezone(UTC) == datetime(2027, 3, 31, 8, 0, tzinfo=UTC)


def test_the_notice_day_is_the_uk_date_not_the_utc_date():
    # 23:30 UTC on Wednesday 21 October 2026 is 00:30 BST on Thursday 22nd.
    notice = datetime(2026, 10, 21, 23, 30, tzinfo=UTC)
    assert fieldwork_start(notice, 2) == london(2026, 10, 26, 9, 0)
    assert default_information_deadline(notice) == london(2026, 10, 22, 12, 0)


def test_the_number_of_working_days_is_a_parameter():
    assert fieldwork_start(london(2026, 11, 26, 9, 0), 1) == london(2026, 11, 27, 9, 0)
    assert fieldwork_start(london(2026, 11, 26, 9, 0), 5) == london(2026, 12, 3, 9, 0)


def test_the_information_deadline_defaults_to_noon_on_the_notice_day():
    assert default_information_deadline(london(2026, 11, 26, 9, 15)) == london(2026, 11, 26, 12, 0)


def test_the_upload_window_is_real_hours_across_a_clock_change():
    # 22:00 BST on Saturday 24 October 2026 + 6 hours = 03:00 GMT on Sunday 25th (not 04:00).
    until = default_records_upload_until(london(2026, 10, 24, 22, 0), 6)
    assert until == datetime(2026, 10, 25, 3, 0, tzinfo=UTC)
    assert until.utcoffset().total_seconds() == 0


def test_deadlines_are_in_time_order_and_say_which_have_passed():
    inspection = SimpleNamespace(
        information_deadline_at=london(2026, 11, 26, 12, 0), records_upload_until=london(2026, 11, 26, 15, 15),
        fieldwork_start=london(2026, 11, 30, 9, 0))
    result = deadlines(inspection, now=london(2026, 11, 26, 13, 0))
    assert [(d.label, d.passed) for d in result] == [
        ("Information deadline", True), ("Records upload window closes", False), ("Fieldwork starts", False)]


def test_the_countdown_is_in_working_days_and_in_hours_on_the_day():
    now = london(2026, 11, 26, 10, 0)
    assert countdown(london(2026, 11, 30, 9, 0), now=now) == "in 2 working days"
    assert countdown(london(2026, 11, 27, 9, 0), now=now) == "in 1 working day"
    assert countdown(london(2026, 11, 26, 12, 0), now=now) == "today, in 2 h 0 min"
    assert countdown(london(2026, 11, 26, 10, 25), now=now) == "today, in 25 min"
    assert countdown(london(2026, 11, 26, 9, 0), now=now) == "passed"


def test_the_countdown_on_the_day_the_clocks_go_back_counts_real_hours():
    # 00:30 BST to 03:00 GMT on Sunday 25 October 2026 is 3 h 30 min, not 2 h 30 min.
    now = datetime(2026, 10, 24, 23, 30, tzinfo=UTC)
    assert countdown(london(2026, 10, 25, 3, 0), now=now) == "today, in 3 h 30 min"


def test_the_countdown_over_christmas_counts_only_working_days():
    assert countdown(london(2026, 12, 30, 9, 0), now=london(2026, 12, 24, 9, 0)) == "in 2 working days"
    assert countdown(london(2026, 12, 29, 9, 0), now=london(2026, 12, 24, 9, 0)) == "in 1 working day"


def test_the_post_inspection_clock_runs_over_christmas_and_new_year():
    # Fieldwork ends Friday 4 December 2026. Worked by hand: 25 and 28 Dec and 1 Jan are bank holidays.
    steps = post_inspection_deadlines(date(2026, 12, 4), today=date(2027, 1, 12))
    assert [(d.label, d.at, d.passed) for d in steps] == [
        ("Draft report due", date(2027, 1, 4), True),  # 18 working days
        ("Comments on the draft due", date(2027, 1, 11), True),  # 5 after the draft
        ("Final report due", date(2027, 1, 20), False),  # 30 working days
        ("Report published", date(2027, 1, 27), False),  # 5 after the final report
    ]


def test_the_post_inspection_clock_runs_over_easter():
    # Fieldwork ends Friday 12 March 2027; Good Friday 26 March and Easter Monday 29 March are skipped.
    draft, *_ = post_inspection_deadlines(date(2027, 3, 12))
    assert draft.at == date(2027, 4, 9)


# The post-inspection clock once real dates are known (inspections.timeline.post_inspection_steps) ---------

def test_the_comments_clock_restarts_from_the_day_the_draft_arrived():
    # Draft received Wednesday 16 December 2026: Thu 17, Fri 18, Mon 21, Tue 22, Wed 23.
    steps = post_inspection_deadlines(date(2026, 12, 4), draft_received_on=date(2026, 12, 16))
    assert steps[1].at == date(2026, 12, 23)
    # Received on Christmas Eve: 25 and 28 Dec and 1 Jan do not count (Tue 29, Wed 30, Thu 31, Mon 4, Tue 5).
    steps = post_inspection_deadlines(date(2026, 12, 4), draft_received_on=date(2026, 12, 24))
    assert steps[1].at == date(2027, 1, 5)
    assert steps[0].at == date(2027, 1, 4) and steps[2].at == date(2027, 1, 20)  # unchanged


def test_publication_counts_from_the_final_report_once_it_has_arrived():
    # Final report on Tuesday 22 December 2026: Wed 23, Thu 24, Tue 29, Wed 30, Thu 31.
    *_, published = post_inspection_deadlines(date(2026, 12, 4), final_report_on=date(2026, 12, 22))
    assert published.at == date(2026, 12, 31)


def test_the_whole_clock_over_easter_and_the_early_may_bank_holiday():
    # Fieldwork ends Friday 12 March 2027. Good Friday 26 March, Easter Monday 29 March and Monday 3 May
    # (early May bank holiday) are skipped. Final: 18 working days reach Fri 9 Apr, 12 more Tue 27 Apr;
    # publication: Wed 28, Thu 29, Fri 30 Apr, Tue 4, Wed 5 May.
    steps = post_inspection_deadlines(date(2027, 3, 12))
    assert [d.at for d in steps] == [date(2027, 4, 9), date(2027, 4, 16), date(2027, 4, 27), date(2027, 5, 5)]


def test_a_draft_received_just_before_easter_gives_comments_after_it():
    # Thursday 25 March 2027: Tue 30, Wed 31, Thu 1, Fri 2, Mon 5 April.
    steps = post_inspection_deadlines(date(2027, 3, 12), draft_received_on=date(2027, 3, 25))
    assert steps[1].at == date(2027, 4, 5)


def test_the_clocks_changing_does_not_move_a_date_counted_in_working_days():
    # Fieldwork ends Friday 23 October 2026; the clocks go back on Sunday 25th. 18 working days: Wed 18 Nov.
    assert post_inspection_deadlines(date(2026, 10, 23))[0].at == date(2026, 11, 18)


def outcome(fieldwork_end=date(2026, 12, 4), **dates):
    fields = dict.fromkeys(["draft_received_on", "comments_sent_on", "final_report_on", "published_on"])
    return SimpleNamespace(fieldwork_end=fieldwork_end, **(fields | dates))


def test_each_step_is_done_due_or_overdue():
    # Draft arrived Monday 21 December 2026, so comments were due Wednesday 30th (Tue 22, Wed 23,
    # Thu 24, Tue 29, Wed 30); seen on Monday 11 January 2027 they are overdue. The final report is due
    # Wednesday 20 January: 7 working days after the 11th.
    steps = post_inspection_steps(outcome(draft_received_on=date(2026, 12, 21)), today=date(2027, 1, 11))
    assert [(s.label, s.due, s.status, s.working_days_left) for s in steps] == [
        ("Draft report due", date(2027, 1, 4), "done", None),
        ("Comments on the draft due", date(2026, 12, 30), "overdue", None),
        ("Final report due", date(2027, 1, 20), "due", 7),
        ("Report published", date(2027, 1, 27), "due", 12),
    ]
    assert steps[0].done_on == date(2026, 12, 21) and not steps[0].late
    assert "after the draft arrived" in steps[1].counted_from
    assert "after the final report is due" in steps[3].counted_from


def test_a_step_is_due_on_its_day_and_overdue_the_day_after():
    [draft, *_] = post_inspection_steps(outcome(), today=date(2027, 1, 4))
    assert (draft.status, draft.working_days_left) == ("due", 0)
    [draft, *_] = post_inspection_steps(outcome(), today=date(2027, 1, 5))
    assert draft.status == "overdue"


def test_a_step_done_after_its_date_is_done_and_late():
    [draft, *_] = post_inspection_steps(outcome(draft_received_on=date(2027, 1, 6)), today=date(2027, 1, 7))
    assert draft.status == "done" and draft.late


def test_there_is_no_clock_before_fieldwork_ends():
    assert post_inspection_steps(outcome(fieldwork_end=None), today=date(2027, 1, 7)) == []
