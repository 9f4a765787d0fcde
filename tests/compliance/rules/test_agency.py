"""The agency rules (compliance/rules/agency.py), one group of tests per rule id.

Pure: facts are built in memory and the policy is an unsaved AgencyPolicy() (its defaults). Due on
the day itself is DUE_SOON; the day after is OVERDUE. A duty done after its deadline is MET, with a
detail that starts "Late: " and says how late. Times are London times: 24-hour windows are measured to
the minute, and their due date is the London date the 24 hours run out.

Working days over Christmas 2026, counted by hand (the starting day never counts): Fri 25 Dec is
Christmas Day, Mon 28 Dec the Boxing Day substitute, Fri 1 Jan 2027 New Year's Day. From Wednesday
23 December 2026: Thu 24 = 1, Tue 29 = 2, Wed 30 = 3, Thu 31 = 4, Mon 4 Jan = 5, then 5, 6, 7, 8 = 6-9,
11-15 Jan = 10-14, 18-22 Jan = 15-19, Mon 25 Jan = 20.
"""

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from compliance.catalogue.loader import catalogue_index
from compliance.engine import Context, State
from compliance.facts import Facts, Scope
from compliance.facts.agency import (
    AgencyFacts, AgencyReviewFact, AllegationFact, AllowanceRateFact, ComplaintFact, InspectionReportFact,
    MissingEpisodeFact, NotificationFact, RegistrationNoticeFact,
)
from compliance.models import AgencyPolicy
from compliance.registry import Area, all_rules, get_rule
from records.choices import AllegationCategory, NotifiableEvent, NotifiedBody
from records.models.agency import AgencyReview, AllowanceRate, RegistrationNotice

LONDON = ZoneInfo("Europe/London")


def at(*args):
    return datetime(*args, tzinfo=LONDON)


AWARE = at(2026, 3, 2, 14, 0)  # Monday 2 March 2026, 14:00 (GMT)


def outcomes(rule_id, as_of, *, policy=None, scope=Scope(), **parts):
    facts = Facts.of(scope, agency=AgencyFacts(**{name: tuple(rows) for name, rows in parts.items()}))
    return list(get_rule(rule_id).evaluate(facts, Context(as_of=as_of, policy=policy or AgencyPolicy())))


def only(rule_id, as_of, **kwargs):
    found = outcomes(rule_id, as_of, **kwargs)
    assert len(found) == 1, found
    return found[0]


def test_agency_rules_are_registered_except_CR_AG_011_and_013():
    ids = {r.id for r in all_rules() if r.id.startswith("CR-AG-")}
    assert ids == {f"CR-AG-{n:03d}" for n in range(1, 15)} - {"CR-AG-011", "CR-AG-013"}
    assert all(r.area == Area.AGENCY for r in all_rules() if r.id in ids)
    assert all(clause in catalogue_index() for r in all_rules() if r.id in ids for clause in r.clauses)


@pytest.mark.parametrize("rule_id", ["CR-AG-007", "CR-AG-008", "CR-AG-009", "CR-AG-010", "CR-AG-012", "CR-AG-014"])
def test_agency_records_are_not_checked_on_a_household_recheck(rule_id):
    facts = Facts.of(Scope(household_ids=frozenset({5})))
    assert list(get_rule(rule_id).evaluate(facts, Context(date(2026, 3, 2), AgencyPolicy()))) == []
    assert "agency" not in facts.__dict__  # not even gathered


# CR-AG-001 Schedule 7 notifications within 24 hours ------------------------------------------

def notice(id=1, body=NotifiedBody.OFSTED, sent=None, aware=AWARE, event=NotifiableEvent.SERIOUS_INJURY,
           resident_id=None, **changes):
    base = NotificationFact(id=id, url=f"/records/notifications/{id}/", event=event, event_at=aware,
                            agency_aware_at=aware, notified_body=body, notified_at=sent, household_id=5,
                            social_worker_id=7, resident_id=resident_id)
    return replace(base, **changes)


def test_CR_AG_001_notified_at_exactly_24_hours_is_in_time():
    outcome = only("CR-AG-001", date(2026, 3, 10), notifications=[notice(sent=at(2026, 3, 3, 14, 0))])
    assert outcome.state == State.MET and outcome.detail == "Notified within 24 hours"
    assert outcome.subject.url == "/records/notifications/1/" and outcome.subject.household_id == 5


def test_CR_AG_001_one_minute_over_24_hours_is_met_and_noted_as_late():
    outcome = only("CR-AG-001", date(2026, 3, 10), notifications=[notice(sent=at(2026, 3, 3, 14, 1))])
    assert outcome.state == State.MET and outcome.due is None
    assert outcome.detail == "Late: Ofsted notified 24 h 01 min after the agency knew (limit 24 h)"


def test_CR_AG_001_a_late_notification_is_never_a_gap_and_leaves_view_after_12_months():
    late = [notice(sent=at(2026, 3, 3, 20, 10))]
    for as_of in (date(2026, 3, 3), date(2027, 3, 2)):
        outcome = only("CR-AG-001", as_of, notifications=late)
        assert outcome.state == State.MET
        assert outcome.detail == "Late: Ofsted notified 30 h 10 min after the agency knew (limit 24 h)"
    assert outcomes("CR-AG-001", date(2027, 3, 3), notifications=late) == []


def test_CR_AG_001_each_late_body_is_noted_and_one_still_to_tell_is_the_gap():
    late_ofsted = notice(resident_id=3, sent=at(2026, 3, 3, 15, 0))
    late_authority = notice(id=2, resident_id=3, body=NotifiedBody.PLACING_AUTHORITY, sent=at(2026, 3, 4, 14, 30))
    outcome = only("CR-AG-001", date(2026, 3, 10), notifications=[late_ofsted, late_authority])
    assert outcome.state == State.MET
    assert outcome.detail == ("Late: Ofsted notified 25 h 00 min after the agency knew (limit 24 h); "
                              "Placing authority notified 48 h 30 min after the agency knew (limit 24 h)")
    waiting = only("CR-AG-001", date(2026, 3, 10), notifications=[late_ofsted])
    assert waiting.state == State.OVERDUE and waiting.due == date(2026, 3, 3)
    assert waiting.detail == "Overdue: notify the placing authority by 14:00 on 03 Mar 2026"


def test_CR_AG_001_unsent_notification_is_due_the_next_day_at_the_same_hour():
    waiting = only("CR-AG-001", date(2026, 3, 3), notifications=[notice()])
    assert waiting.state == State.DUE_SOON and waiting.detail == "Notify Ofsted by 14:00 on 03 Mar 2026"
    overdue = only("CR-AG-001", date(2026, 3, 4), notifications=[notice()])
    assert overdue.state == State.OVERDUE and overdue.due == date(2026, 3, 3)


def test_CR_AG_001_the_24_hours_run_in_london_time():
    # 23:30 UTC on 10 June is 00:30 BST on 11 June: the 24 hours run out at 00:30 on 12 June.
    late_evening = datetime(2026, 6, 10, 23, 30, tzinfo=ZoneInfo("UTC"))
    outcome = only("CR-AG-001", date(2026, 6, 12), notifications=[notice(aware=late_evening)])
    assert outcome.due == date(2026, 6, 12) and outcome.state == State.DUE_SOON
    assert outcome.detail == "Notify Ofsted by 00:30 on 12 Jun 2026"


def test_CR_AG_001_weekends_count():
    friday_evening = at(2026, 3, 6, 17, 0)
    assert only("CR-AG-001", date(2026, 3, 8), notifications=[notice(aware=friday_evening)]).state == State.OVERDUE


def test_CR_AG_001_an_event_about_a_child_placed_needs_the_placing_authority_too():
    ofsted_only = [notice(resident_id=3, sent=at(2026, 3, 2, 16, 0))]
    outcome = only("CR-AG-001", date(2026, 3, 3), notifications=ofsted_only)
    assert outcome.state == State.DUE_SOON and outcome.detail == "Notify the placing authority by 14:00 on 03 Mar 2026"
    both = [*ofsted_only, notice(id=2, resident_id=3, body=NotifiedBody.PLACING_AUTHORITY,
                                 sent=at(2026, 3, 2, 15, 0))]
    outcome = only("CR-AG-001", date(2026, 3, 3), notifications=both)
    assert outcome.state == State.MET and outcome.subject.id == 1


def test_CR_AG_001_old_events_drop_out_of_view_unless_still_outstanding():
    old = at(2024, 1, 10, 9, 0)
    assert outcomes("CR-AG-001", date(2026, 3, 2), notifications=[notice(aware=old, sent=old)]) == []
    assert only("CR-AG-001", date(2026, 3, 2), notifications=[notice(aware=old)]).state == State.OVERDUE


# CR-AG-002 notification outcome ---------------------------------------------------------------

def test_CR_AG_002_outcome_recorded_is_met():
    recorded = notice(sent=AWARE, outcome_recorded_date=date(2026, 3, 20))
    assert only("CR-AG-002", date(2026, 4, 10), notifications=[recorded]).state == State.MET


def test_CR_AG_002_outcome_due_30_days_after_the_agency_knew():
    waiting = notice(sent=AWARE)
    assert only("CR-AG-002", date(2026, 4, 1), notifications=[waiting]).state == State.DUE_SOON
    overdue = only("CR-AG-002", date(2026, 4, 2), notifications=[waiting])
    assert overdue.state == State.OVERDUE and overdue.due == date(2026, 4, 1)


def test_CR_AG_002_the_window_comes_from_the_agency_policy():
    fortnight = AgencyPolicy(notification_outcome_within="P14D")
    overdue = only("CR-AG-002", date(2026, 3, 17), notifications=[notice(sent=AWARE)], policy=fortnight)
    assert overdue.state == State.OVERDUE and overdue.due == date(2026, 3, 16)


# CR-AG-003 mental-health concerns --------------------------------------------------------------

def mental_health(**changes):
    return notice(event=NotifiableEvent.MENTAL_HEALTH, resident_id=3, **changes)


def test_CR_AG_003_placing_authority_told_within_24_hours_is_met():
    told = mental_health(body=NotifiedBody.PLACING_AUTHORITY, sent=at(2026, 3, 3, 9, 0))
    assert only("CR-AG-003", date(2026, 3, 10), notifications=[told]).state == State.MET


def test_CR_AG_003_telling_only_ofsted_leaves_the_placing_authority_due():
    ofsted = mental_health(sent=at(2026, 3, 2, 15, 0))
    assert only("CR-AG-003", date(2026, 3, 3), notifications=[ofsted]).state == State.DUE_SOON
    assert only("CR-AG-003", date(2026, 3, 4), notifications=[ofsted]).state == State.OVERDUE


def test_CR_AG_003_other_events_are_not_its_concern():
    assert outcomes("CR-AG-003", date(2026, 3, 4), notifications=[notice()]) == []


# CR-AG-004 complaints ---------------------------------------------------------------------------

def complaint(**changes):
    base = ComplaintFact(id=1, url="/records/complaints/1/", received_date=date(2026, 12, 23), household_id=5,
                         household_name="Fenwick household", social_worker_id=7)
    return replace(base, **changes)


def answered(**changes):
    return complaint(**{"acknowledged_date": date(2026, 12, 24), "responded_date": date(2027, 1, 15),
                        "outcome": "upheld", "action_recorded": True, **changes})


def test_CR_AG_004_acknowledged_answered_and_recorded_is_met():
    assert only("CR-AG-004", date(2027, 2, 1), complaints=[answered()]).state == State.MET


def test_CR_AG_004_a_new_complaint_not_yet_due_is_met_and_does_not_break_the_run():
    """Regression: a fresh complaint outside the warning window used to crash the whole run."""
    policy = AgencyPolicy(due_soon_days=1)
    fresh = only("CR-AG-004", date(2026, 12, 24), complaints=[complaint()], policy=policy)
    assert fresh.state == State.MET


def test_CR_AG_004_answered_without_the_outcome_is_missing():
    gap = only("CR-AG-004", date(2027, 2, 1), complaints=[answered(outcome="open", action_recorded=False)])
    assert gap.state == State.MISSING and gap.detail.startswith("Answered 15 Jan 2027")


def test_CR_AG_004_christmas_complaint_acknowledged_by_4_january_2027():
    assert only("CR-AG-004", date(2027, 1, 4), complaints=[complaint()]).state == State.DUE_SOON
    overdue = only("CR-AG-004", date(2027, 1, 5), complaints=[complaint()])
    assert overdue.state == State.OVERDUE and overdue.due == date(2027, 1, 4)


def test_CR_AG_004_christmas_complaint_answered_by_25_january_2027():
    acknowledged = complaint(acknowledged_date=date(2026, 12, 24))
    assert only("CR-AG-004", date(2027, 1, 25), complaints=[acknowledged]).state == State.DUE_SOON
    overdue = only("CR-AG-004", date(2027, 1, 26), complaints=[acknowledged])
    assert overdue.state == State.OVERDUE and overdue.due == date(2027, 1, 25)


def test_CR_AG_004_timescales_come_from_the_agency_policy():
    policy = AgencyPolicy(complaint_acknowledge_within="2WD")
    assert only("CR-AG-004", date(2026, 12, 30), complaints=[complaint()], policy=policy).state == State.OVERDUE


def test_CR_AG_004_answer_without_outcome_or_action_is_missing():
    outcome = only("CR-AG-004", date(2027, 2, 1), complaints=[answered(action_recorded=False)])
    assert outcome.state == State.MISSING and outcome.detail.endswith("record the outcome and the action taken")


def test_CR_AG_004_acknowledged_on_the_last_day_is_in_time_a_day_later_is_late():
    on_the_day = only("CR-AG-004", date(2027, 2, 1), complaints=[answered(acknowledged_date=date(2027, 1, 4))])
    assert on_the_day.state == State.MET
    assert on_the_day.detail == "Acknowledged and answered on time; outcome recorded"
    outcome = only("CR-AG-004", date(2027, 2, 1), complaints=[answered(acknowledged_date=date(2027, 1, 5))])
    assert outcome.state == State.MET and outcome.due is None
    assert outcome.detail == "Late: Acknowledged 05 Jan 2027, 1 day after the deadline of 04 Jan 2027"


def test_CR_AG_004_late_answer_is_met_and_says_how_late():
    late = answered(responded_date=date(2027, 1, 27))
    outcome = only("CR-AG-004", date(2027, 2, 1), complaints=[late])
    assert outcome.state == State.MET
    assert outcome.detail == "Late: Answered 27 Jan 2027, 2 days after the deadline of 25 Jan 2027"
    # Answered late but the outcome not yet recorded: that is still something to fix.
    unrecorded = only("CR-AG-004", date(2027, 2, 1), complaints=[replace(late, action_recorded=False)])
    assert unrecorded.state == State.MISSING


def test_CR_AG_004_closed_complaints_older_than_12_months_drop_out_of_view():
    assert outcomes("CR-AG-004", date(2027, 12, 24), complaints=[answered()]) == []
    assert len(outcomes("CR-AG-004", date(2027, 12, 23), complaints=[answered()])) == 1


# CR-AG-005 allegations -------------------------------------------------------------------------

def allegation(**changes):
    """Received Thursday 24 December 2026 about a child placed: LADO by Tue 29 Dec, others by 25 Dec."""
    base = AllegationFact(id=1, url="/records/allegations/1/", received_date=date(2026, 12, 24),
                          category=AllegationCategory.PHYSICAL, household_id=5, household_name="Fenwick household",
                          social_worker_id=7, resident_id=3)
    return replace(base, **changes)


def notified(**changes):
    return allegation(placing_authority_informed_date=date(2026, 12, 24), ofsted_notified_date=date(2026, 12, 25),
                      **changes)


def test_CR_AG_005_referred_and_notified_on_time_is_met():
    outcome = only("CR-AG-005", date(2027, 1, 10), allegations=[notified(lado_referred_date=date(2026, 12, 29))])
    assert outcome.state == State.MET and outcome.subject.url == "/records/allegations/1/"


def test_CR_AG_005_placing_authority_and_ofsted_within_24_hours_christmas_included():
    assert only("CR-AG-005", date(2026, 12, 25), allegations=[allegation()]).state == State.DUE_SOON
    overdue = only("CR-AG-005", date(2026, 12, 26), allegations=[allegation()])
    assert overdue.state == State.OVERDUE
    assert overdue.detail == ("Overdue: refer to the LADO by 29 Dec 2026; tell the placing authority by 25 Dec 2026; "
                              "notify Ofsted by 25 Dec 2026")


def test_CR_AG_005_lado_within_one_working_day_skips_the_bank_holidays():
    assert only("CR-AG-005", date(2026, 12, 29), allegations=[notified()]).state == State.DUE_SOON
    overdue = only("CR-AG-005", date(2026, 12, 30), allegations=[notified()])
    assert overdue.state == State.OVERDUE and overdue.due == date(2026, 12, 29)


def test_CR_AG_005_standards_of_care_concern_is_not_a_schedule_7_notification():
    concern = allegation(category=AllegationCategory.STANDARDS_OF_CARE, resident_id=None,
                         lado_referred_date=date(2026, 12, 24))
    assert only("CR-AG-005", date(2027, 1, 10), allegations=[concern]).state == State.MET


def test_CR_AG_005_late_lado_referral_is_met_and_says_how_late():
    late = only("CR-AG-005", date(2027, 1, 10), allegations=[notified(lado_referred_date=date(2026, 12, 30))])
    assert late.state == State.MET and late.due is None
    assert late.detail == "Late: Referred to the LADO 30 Dec 2026, 1 day after the deadline of 29 Dec 2026"


def test_CR_AG_005_every_late_duty_is_noted_and_an_outstanding_one_is_still_a_gap():
    all_late = allegation(lado_referred_date=date(2027, 1, 4), placing_authority_informed_date=date(2026, 12, 26),
                          ofsted_notified_date=date(2026, 12, 25))
    outcome = only("CR-AG-005", date(2027, 1, 10), allegations=[all_late])
    assert outcome.state == State.MET
    assert outcome.detail == ("Late: Referred to the LADO 04 Jan 2027, 6 days after the deadline of 29 Dec 2026; "
                              "Placing authority told 26 Dec 2026, 1 day after the deadline of 25 Dec 2026")
    no_ofsted = only("CR-AG-005", date(2027, 1, 10), allegations=[replace(all_late, ofsted_notified_date=None)])
    assert no_ofsted.state == State.OVERDUE and no_ofsted.due == date(2026, 12, 25)
    assert no_ofsted.detail == "Overdue: notify Ofsted by 25 Dec 2026"


# CR-AG-006 missing episodes --------------------------------------------------------------------

def episode(**changes):
    """Missing from 22:00 on Monday 2 March 2026 (GMT)."""
    base = MissingEpisodeFact(id=1, url="/records/missing-episodes/1/", child_label="Child 3 (C-0003)",
                              household_id=5, social_worker_id=7, missing_from=at(2026, 3, 2, 22, 0))
    return replace(base, **changes)


def test_CR_AG_006_placing_authority_told_at_exactly_24_hours_is_in_time():
    outcome = only("CR-AG-006", date(2026, 3, 3), missing_episodes=[episode(
        placing_authority_informed_at=at(2026, 3, 3, 22, 0))])
    assert outcome.state == State.MET and outcome.detail == "Reported and followed up on time"


def test_CR_AG_006_told_a_minute_late_is_met_and_noted_as_late():
    outcome = only("CR-AG-006", date(2026, 3, 4), missing_episodes=[episode(
        placing_authority_informed_at=at(2026, 3, 3, 22, 1))])
    assert outcome.state == State.MET and outcome.due is None
    assert outcome.detail == "Late: Placing authority told 24 h 01 min after the child went missing (limit 24 h)"


def test_CR_AG_006_not_told_is_overdue_the_day_after_the_24_hours_run_out():
    assert only("CR-AG-006", date(2026, 3, 3), missing_episodes=[episode()]).state == State.DUE_SOON
    overdue = only("CR-AG-006", date(2026, 3, 4), missing_episodes=[episode()])
    assert overdue.state == State.OVERDUE and "by 22:00 on 03 Mar 2026" in overdue.detail


def test_CR_AG_006_return_interview_within_72_hours_of_return():
    back = episode(placing_authority_informed_at=at(2026, 3, 2, 23, 0), returned_at=at(2026, 3, 5, 9, 0))
    assert only("CR-AG-006", date(2026, 3, 8), missing_episodes=[back]).state == State.DUE_SOON
    assert only("CR-AG-006", date(2026, 3, 9), missing_episodes=[back]).state == State.OVERDUE
    interviewed = replace(back, return_interview_date=date(2026, 3, 6))
    assert only("CR-AG-006", date(2026, 3, 9), missing_episodes=[interviewed]).state == State.MET
    late_interview = replace(back, return_interview_date=date(2026, 3, 10))
    late = only("CR-AG-006", date(2026, 3, 12), missing_episodes=[late_interview])
    assert late.state == State.MET
    assert late.detail == "Late: Return interview held 10 Mar 2026, 2 days after the deadline of 08 Mar 2026"


def test_CR_AG_006_the_return_interview_window_comes_from_the_agency_policy():
    back = episode(placing_authority_informed_at=at(2026, 3, 2, 23, 0), returned_at=at(2026, 3, 5, 9, 0))
    assert only("CR-AG-006", date(2026, 3, 7), missing_episodes=[back]).due == date(2026, 3, 8)
    next_day = AgencyPolicy(return_interview_within_hours=24)
    overdue = only("CR-AG-006", date(2026, 3, 7), missing_episodes=[back], policy=next_day)
    assert overdue.state == State.OVERDUE and overdue.due == date(2026, 3, 6)


# CR-AG-007 regulation 35 and board reports ---------------------------------------------------------

def review(kind, on, id=1):
    return AgencyReviewFact(id=id, url=f"/records/agency-reviews/{id}/", kind=kind, completed_date=on)


def review_outcomes(rule_id, as_of, *reviews, policy=None):
    return {o.key: o for o in outcomes(rule_id, as_of, reviews=reviews, policy=policy)}


def test_CR_AG_007_recent_review_and_board_report_are_met():
    found = review_outcomes("CR-AG-007", date(2026, 6, 1), review(AgencyReview.Kind.REG35, date(2026, 3, 1)),
                            review(AgencyReview.Kind.BOARD_REPORT, date(2026, 5, 29)))
    assert {k: o.state for k, o in found.items()} == {"reg35": State.MET, "board_report": State.MET}
    assert found["reg35"].subject.url == "/records/agency-reviews/"


def test_CR_AG_007_none_recorded_is_missing():
    found = review_outcomes("CR-AG-007", date(2026, 6, 1))
    assert {o.state for o in found.values()} == {State.MISSING}


def test_CR_AG_007_reg35_every_six_months_by_policy_board_every_three():
    reviews = (review(AgencyReview.Kind.REG35, date(2026, 3, 1)), review(AgencyReview.Kind.BOARD_REPORT,
                                                                           date(2026, 3, 1)))
    assert review_outcomes("CR-AG-007", date(2026, 6, 1), *reviews)["board_report"].state == State.DUE_SOON
    assert review_outcomes("CR-AG-007", date(2026, 6, 2), *reviews)["board_report"].state == State.OVERDUE
    assert review_outcomes("CR-AG-007", date(2026, 9, 2), *reviews)["reg35"].state == State.OVERDUE
    yearly = AgencyPolicy(reg35_interval="P12M")
    assert review_outcomes("CR-AG-007", date(2026, 9, 2), *reviews, policy=yearly)["reg35"].state == State.MET


def test_CR_AG_007_the_board_report_interval_comes_from_the_agency_policy():
    board = review(AgencyReview.Kind.BOARD_REPORT, date(2026, 3, 1))
    assert review_outcomes("CR-AG-007", date(2026, 6, 2), board)["board_report"].due == date(2026, 6, 1)
    six_monthly = AgencyPolicy(board_report_interval="P6M")
    found = review_outcomes("CR-AG-007", date(2026, 6, 2), board, policy=six_monthly)["board_report"]
    assert found.state == State.MET and found.due == date(2026, 9, 1)


# CR-AG-008 statement of purpose and children's guide ---------------------------------------------

def test_CR_AG_008_both_reviewed_within_the_year_is_met():
    found = review_outcomes("CR-AG-008", date(2026, 6, 1),
                            review(AgencyReview.Kind.STATEMENT_OF_PURPOSE, date(2026, 1, 5)),
                            review(AgencyReview.Kind.CHILDRENS_GUIDE, date(2026, 1, 5)))
    assert {o.state for o in found.values()} == {State.MET}


def test_CR_AG_008_reviewed_on_29_february_is_due_28_february():
    sop = review(AgencyReview.Kind.STATEMENT_OF_PURPOSE, date(2024, 2, 29))
    assert review_outcomes("CR-AG-008", date(2025, 2, 28), sop)["statement_of_purpose"].state == State.DUE_SOON
    assert review_outcomes("CR-AG-008", date(2025, 3, 1), sop)["statement_of_purpose"].state == State.OVERDUE
    assert review_outcomes("CR-AG-008", date(2025, 3, 1), sop)["childrens_guide"].state == State.MISSING


def test_CR_AG_008_the_review_interval_comes_from_the_agency_policy():
    found = review_outcomes("CR-AG-008", date(2025, 3, 1), review(AgencyReview.Kind.STATEMENT_OF_PURPOSE,
                                                                  date(2024, 2, 29)),
                            review(AgencyReview.Kind.CHILDRENS_GUIDE, date(2024, 2, 29), id=2),
                            policy=AgencyPolicy(document_review_interval="P24M"))
    assert {o.state for o in found.values()} == {State.MET}
    assert {o.due for o in found.values()} == {date(2026, 2, 28)}


# CR-AG-009 registration changes -----------------------------------------------------------------

def registration_notice(kind=RegistrationNotice.Kind.RESPONSIBLE_INDIVIDUAL, on=date(2026, 3, 1), **changes):
    base = RegistrationNoticeFact(id=1, url="/records/registration-notices/1/", kind=kind, event_date=on)
    return replace(base, **changes)


def test_CR_AG_009_change_notified_is_met():
    notified_change = registration_notice(ofsted_notified_date=date(2026, 3, 4))
    assert only("CR-AG-009", date(2026, 4, 1), registration_notices=[notified_change]).state == State.MET


def test_CR_AG_009_change_due_to_ofsted_within_14_days():
    assert only("CR-AG-009", date(2026, 3, 15), registration_notices=[registration_notice()]).state == State.DUE_SOON
    overdue = only("CR-AG-009", date(2026, 3, 16), registration_notices=[registration_notice()])
    assert overdue.state == State.OVERDUE and overdue.subject.kind == "registration_notice"


def test_CR_AG_009_notified_on_the_14th_day_is_in_time_the_15th_is_late():
    in_time = registration_notice(ofsted_notified_date=date(2026, 3, 15))
    assert only("CR-AG-009", date(2026, 4, 1), registration_notices=[in_time]).detail == "Ofsted notified"
    late = only("CR-AG-009", date(2026, 4, 1), registration_notices=[registration_notice(
        ofsted_notified_date=date(2026, 3, 16))])
    assert late.state == State.MET and late.due is None
    assert late.detail == "Late: Ofsted notified 16 Mar 2026, 1 day after the deadline of 15 Mar 2026"


def test_CR_AG_009_absences_are_left_to_CR_AG_010():
    absence = registration_notice(kind=RegistrationNotice.Kind.MANAGER_ABSENCE)
    assert outcomes("CR-AG-009", date(2026, 4, 1), registration_notices=[absence]) == []


# CR-AG-010 manager absence ------------------------------------------------------------------------

def absence(**changes):
    """The registered manager off from Monday 1 June 2026, interim arrangements recorded."""
    return registration_notice(kind=RegistrationNotice.Kind.MANAGER_ABSENCE, on=date(2026, 6, 1),
                               interim_arrangements_recorded=True, **changes)


def test_CR_AG_010_absence_and_return_notified_is_met():
    done = absence(end_date=date(2026, 7, 13), ofsted_notified_date=date(2026, 5, 1),
                   return_notified_date=date(2026, 7, 14))
    assert only("CR-AG-010", date(2026, 8, 1), registration_notices=[done]).state == State.MET


def test_CR_AG_010_absence_notified_within_a_week_of_its_start():
    assert only("CR-AG-010", date(2026, 6, 8), registration_notices=[absence()]).state == State.DUE_SOON
    assert only("CR-AG-010", date(2026, 6, 9), registration_notices=[absence()]).state == State.OVERDUE


def test_CR_AG_010_only_absences_of_28_days_or_more():
    assert len(outcomes("CR-AG-010", date(2026, 7, 1), registration_notices=[absence(end_date=date(2026, 6, 29))])) == 1
    assert outcomes("CR-AG-010", date(2026, 7, 1), registration_notices=[absence(end_date=date(2026, 6, 28))]) == []


def test_CR_AG_010_return_notified_within_7_days():
    back = absence(end_date=date(2026, 7, 13), ofsted_notified_date=date(2026, 5, 1))
    assert only("CR-AG-010", date(2026, 7, 20), registration_notices=[back]).state == State.DUE_SOON
    overdue = only("CR-AG-010", date(2026, 7, 21), registration_notices=[back])
    assert overdue.state == State.OVERDUE and overdue.detail == "Overdue: notify Ofsted of the return by 20 Jul 2026"
    late_return = replace(back, return_notified_date=date(2026, 7, 24))
    late = only("CR-AG-010", date(2026, 8, 1), registration_notices=[late_return])
    assert late.state == State.MET
    assert late.detail == "Late: Return notified 24 Jul 2026, 4 days after the deadline of 20 Jul 2026"


def test_CR_AG_010_the_absence_notice_window_comes_from_the_agency_policy():
    assert only("CR-AG-010", date(2026, 6, 9), registration_notices=[absence()]).due == date(2026, 6, 8)
    fortnight = AgencyPolicy(manager_absence_notice_within="P14D")
    found = only("CR-AG-010", date(2026, 6, 9), registration_notices=[absence()], policy=fortnight)
    assert found.state == State.DUE_SOON and found.due == date(2026, 6, 15)


def test_CR_AG_010_the_return_notice_window_comes_from_the_agency_policy():
    back = absence(end_date=date(2026, 7, 13), ofsted_notified_date=date(2026, 5, 1))
    three_days = AgencyPolicy(manager_return_notice_within="P3D")
    found = only("CR-AG-010", date(2026, 7, 17), registration_notices=[back], policy=three_days)
    assert found.state == State.OVERDUE and found.due == date(2026, 7, 16)


# CR-AG-012 allowances ------------------------------------------------------------------------------

def rate(band, weekly, minimum="200.00", since=date(2026, 4, 6), id=1):
    return AllowanceRateFact(id=id, url=f"/records/allowance-rates/{id}/", age_band=band, effective_from=since,
                             weekly_allowance=Decimal(weekly), national_minimum=Decimal(minimum))


def allowance_outcomes(as_of, rates, reviews=()):
    return {o.key: o for o in outcomes("CR-AG-012", as_of, allowance_rates=rates, reviews=reviews)}


ALL_BANDS_AT_MINIMUM = [rate(band, "200.00") for band in AllowanceRate.AgeBand.values]
REVIEWED = (review(AgencyReview.Kind.ALLOWANCES, date(2026, 3, 20)),
            review(AgencyReview.Kind.PAYMENT_POLICY, date(2026, 4, 1)))


def test_CR_AG_012_rates_at_the_minimum_and_reviewed_this_year_are_met():
    found = allowance_outcomes(date(2026, 5, 1), ALL_BANDS_AT_MINIMUM, REVIEWED)
    assert len(found) == 7 and {o.state for o in found.values()} == {State.MET}


def test_CR_AG_012_a_rate_a_penny_below_the_minimum_is_a_gap():
    rates = [*ALL_BANDS_AT_MINIMUM[1:], rate("0_2", "199.99")]
    gap = allowance_outcomes(date(2026, 5, 1), rates, REVIEWED)["rate:0_2"]
    assert gap.state == State.OVERDUE
    assert gap.detail == "Ages 0 to 2: £199.99 a week is below the national minimum of £200.00"


def test_CR_AG_012_uses_the_rate_in_force_and_flags_missing_bands():
    rates = [rate("5_10", "190.00", since=date(2025, 4, 7)), rate("5_10", "210.00", since=date(2026, 4, 6), id=2)]
    assert allowance_outcomes(date(2026, 4, 5), rates)["rate:5_10"].state == State.OVERDUE
    found = allowance_outcomes(date(2026, 4, 6), rates)
    assert found["rate:5_10"].state == State.MET and found["rate:0_2"].state == State.MISSING


def test_CR_AG_012_allowances_reviewed_every_12_months():
    found = allowance_outcomes(date(2027, 3, 21), ALL_BANDS_AT_MINIMUM, REVIEWED)
    assert found["allowances"].state == State.OVERDUE and found["allowances"].due == date(2027, 3, 20)
    assert found["payment_policy"].state == State.DUE_SOON


# CR-AG-014 Ofsted report shared -------------------------------------------------------------------

def report(**changes):
    return replace(InspectionReportFact(id=1, url="/records/inspection-reports/1/", published_date=date(2026, 3, 2)),
                   **changes)


def test_CR_AG_014_report_shared_is_met():
    shared = report(shared_date=date(2026, 3, 5))
    assert only("CR-AG-014", date(2026, 4, 1), inspection_reports=[shared]).state == State.MET


def test_CR_AG_014_report_shared_within_10_days_of_publication():
    assert only("CR-AG-014", date(2026, 3, 12), inspection_reports=[report()]).state == State.DUE_SOON
    assert only("CR-AG-014", date(2026, 3, 13), inspection_reports=[report()]).state == State.OVERDUE


def test_CR_AG_014_shared_on_the_10th_day_is_in_time_the_11th_is_late():
    in_time = only("CR-AG-014", date(2026, 4, 1), inspection_reports=[report(shared_date=date(2026, 3, 12))])
    assert in_time.state == State.MET and in_time.detail == "Shared 12 Mar 2026"
    late = only("CR-AG-014", date(2026, 4, 1), inspection_reports=[report(shared_date=date(2026, 3, 13))])
    assert late.state == State.MET and late.due is None
    assert late.detail == "Late: Shared 13 Mar 2026, 1 day after the deadline of 12 Mar 2026"


def test_CR_AG_014_only_the_latest_report_and_none_before_the_first():
    older = report(id=2, published_date=date(2023, 1, 10))
    assert only("CR-AG-014", date(2026, 3, 13), inspection_reports=[older, report()]).subject.id == 1
    assert outcomes("CR-AG-014", date(2026, 3, 1), inspection_reports=[report()]) == []
