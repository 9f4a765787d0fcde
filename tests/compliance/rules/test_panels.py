"""The panel and decision rules (compliance/rules/panels.py), one group of tests per rule id.

Pure: facts are built in memory and the policy is an unsaved AgencyPolicy() (its defaults), so no
database and no time travel. Each rule has a compliant case, a gap and its boundary days. Working-day
deadlines are taken across Christmas 2026, when Friday 25 and Monday 28 December (Boxing Day's
substitute) and Friday 1 January 2027 are bank holidays, and across the spring bank holiday (Monday
25 May 2026). Thresholds the reference marks low confidence come from the PANEL_* settings.
"""

from dataclasses import replace
from datetime import date, timedelta

import pytest

from compliance.engine import Context, State
from compliance.facts import Facts, Scope
from compliance.facts.panels import AttendeeFact, DecisionFact, ItemFact, MeetingFact, MemberFact, PanelFacts
from compliance.models import AgencyPolicy
from compliance.registry import Area, all_rules, get_rule

PANEL_DAY = date(2026, 6, 10)  # a Wednesday
JOINED = date(2024, 1, 8)


def member(id, role="independent", **changes):
    """On the central list since January 2024, vetted before joining, reviewed in January 2026."""
    return replace(MemberFact(id=id, name=f"Member {id}", role=role, joined_date=JOINED, is_independent=True,
                              dbs_date=date(2023, 12, 1), references_received_date=date(2023, 12, 10),
                              annual_review_date=date(2026, 1, 12)), **changes)


def chair(id=1, **changes):
    return member(id, "chair", **changes)


def social_worker(id=2, pqe_years=8, **changes):
    return member(id, "social_worker", pqe_years=pqe_years, is_independent=False, **changes)


def quorate_members():
    """The chair, a social worker with 8 years' PQE and three independent members: five, a quorum."""
    return [chair(), social_worker(), member(3), member(4), member(5)]


def sat(members):
    return tuple(AttendeeFact(m.id, m.role, m.pqe_years) for m in members)


def meeting(id=100, day=PANEL_DAY, attendees=None, **changes):
    """Papers sent 12 working days ahead, minutes signed and sent to the decision maker two days later."""
    base = MeetingFact(id=id, date=day, papers_sent_date=date(2026, 5, 22),
                       attendees=sat(quorate_members()) if attendees is None else sat(attendees),
                       minutes_drafted_date=date(2026, 6, 11), minutes_signed_date=date(2026, 6, 12),
                       minutes_sent_to_adm_date=date(2026, 6, 12))
    return replace(base, **changes)


def item(id=200, meeting_id=100, household_id=1, **changes):
    """The Fenwick household's approval, recommended with reasons; Sam Shaw (50) is its social worker."""
    return replace(ItemFact(id=id, meeting_id=meeting_id, household_id=household_id,
                            household_name="Fenwick household", kind="approval", social_worker_id=50,
                            recommendation="approve", reasons_recorded=True), **changes)


def decision(id=300, item_id=200, on=date(2026, 6, 16), **changes):
    """An approval, told orally the same day and in writing the next."""
    return replace(DecisionFact(id=id, item_id=item_id, decision="approve", decision_date=on,
                                oral_notice_date=on, written_notice_date=on + timedelta(days=1)), **changes)


def outcomes(rule_id, as_of, *, scope=Scope(), members=None, meetings=(), items=(), decisions=()):
    facts = Facts.of(scope, panels=PanelFacts(members=tuple(quorate_members() if members is None else members),
                                              meetings=tuple(meetings), items=tuple(items),
                                              decisions=tuple(decisions)))
    return list(get_rule(rule_id).evaluate(facts, Context(as_of=as_of, policy=AgencyPolicy())))


def one(rule_id, as_of, **parts):
    [found] = outcomes(rule_id, as_of, **parts)
    return found


def by_key(found):
    return {o.key: o for o in found}


RECHECK = Scope(household_ids=frozenset({1}))


def test_every_panel_rule_is_registered_with_the_reference_severity():
    rules = {r.id: r for r in all_rules() if r.id.startswith(("CR-PN-", "CR-ADM-"))}
    assert {rid: r.severity for rid, r in rules.items()} == {
        "CR-PN-001": "high", "CR-PN-002": "high", "CR-PN-003": "high", "CR-PN-004": "low", "CR-PN-005": "high",
        "CR-PN-006": "medium", "CR-PN-007": "high", "CR-ADM-001": "high", "CR-ADM-002": "medium",
        "CR-ADM-003": "high",
    }
    assert {r.area for r in rules.values()} == {Area.PANELS}


def test_subjects_open_the_member_meeting_and_item_pages():
    members = quorate_members()
    [review] = [o for o in outcomes("CR-PN-004", PANEL_DAY, members=members) if o.subject.id == 2]
    assert (review.subject.kind, review.subject.url) == ("panel_member", "/panels/members/2/")
    assert review.subject.label == "Member 2 (Social worker member)"
    quorum = one("CR-PN-005", PANEL_DAY, meetings=[meeting()])
    assert (quorum.subject.kind, quorum.subject.url, quorum.subject.label) == (
        "panel_meeting", "/panels/meetings/100/", "Panel 10 Jun 2026")
    assert quorum.subject.household_id is None
    adm = one("CR-ADM-001", date(2026, 6, 20), meetings=[meeting()], items=[item()], decisions=[decision()])
    notice = one("CR-ADM-002", date(2026, 6, 20), meetings=[meeting()], items=[item()], decisions=[decision()])
    assert (adm.subject.kind, adm.subject.id, notice.subject.kind, notice.subject.id) == (
        "agenda_item", 200, "agency_decision", 300)
    assert adm.subject.url == notice.subject.url == "/panels/items/200/"
    assert (adm.subject.household_id, adm.subject.social_worker_id) == (1, 50)
    assert adm.subject.label == "Fenwick household: Approval of an applicant, panel 10 Jun 2026"


def test_a_household_recheck_yields_only_its_items_and_decisions():
    parts = dict(meetings=[meeting()], items=[item(), item(201, household_id=2)],
                 decisions=[decision(), decision(301, item_id=201)])
    for rule_id in ("CR-PN-001", "CR-PN-002", "CR-PN-003", "CR-PN-004", "CR-PN-005", "CR-PN-006", "CR-PN-007"):
        assert outcomes(rule_id, date(2026, 6, 20), scope=RECHECK, **parts) == []
    for rule_id in ("CR-ADM-001", "CR-ADM-002"):
        assert [o.subject.household_id for o in outcomes(rule_id, date(2026, 6, 20), scope=RECHECK, **parts)] == [1]


# CR-PN-001 Members drawn from the central list ------------------------------------------------

def test_CR_PN_001_a_panel_of_central_list_members_with_an_experienced_social_worker_is_met():
    found = one("CR-PN-001", date(2026, 6, 20), meetings=[meeting()])
    assert found.state == State.MET and found.detail == "Every member sitting was on the central list"


@pytest.mark.parametrize("changes, on_list", [
    ({"left_date": PANEL_DAY}, True),  # left on the meeting day: still on the list that day
    ({"left_date": date(2026, 6, 9)}, False),  # left the day before
    ({"joined_date": PANEL_DAY}, True),
    ({"joined_date": date(2026, 6, 11)}, False),  # joined the day after
])
def test_CR_PN_001_everyone_sitting_is_on_the_list_on_the_meeting_date(changes, on_list):
    members = [*quorate_members()[:4], member(5, **changes)]
    found = one("CR-PN-001", date(2026, 6, 20), members=members, meetings=[meeting(attendees=members)])
    assert found.state == (State.MET if on_list else State.OVERDUE) and found.due == PANEL_DAY
    assert on_list or "Member 5" in found.detail


@pytest.mark.parametrize("pqe_years, state", [(3, State.MET), (2, State.OVERDUE)])
def test_CR_PN_001_the_list_needs_a_social_worker_with_three_years_pqe(pqe_years, state):
    members = [chair(), social_worker(pqe_years=pqe_years), member(3), member(4), member(5)]
    found = one("CR-PN-001", date(2026, 6, 20), members=members, meetings=[meeting(attendees=members)])
    assert found.state == state
    assert state == State.MET or "No social worker with 3+ years" in found.detail


def test_CR_PN_001_a_breach_is_due_soon_on_the_meeting_day_and_overdue_after():
    members = [*quorate_members()[:4], member(5, left_date=date(2026, 5, 1))]
    parts = dict(members=members, meetings=[meeting(attendees=members)])
    assert one("CR-PN-001", PANEL_DAY, **parts).state == State.DUE_SOON
    assert one("CR-PN-001", date(2026, 6, 11), **parts).state == State.OVERDUE


# CR-PN-002 Independent chair and vice chair(s) ------------------------------------------------

def test_CR_PN_002_an_independent_chair_and_a_vice_chair_are_met():
    found = by_key(outcomes("CR-PN-002", PANEL_DAY, members=[*quorate_members(), member(6, "vice_chair")]))
    assert found["independent"].state == found["appointments"].state == State.MET
    assert found["independent"].subject.id == 1
    assert found["appointments"].subject.url == "/panels/members/"


def test_CR_PN_002_no_vice_chair_is_missing():
    found = by_key(outcomes("CR-PN-002", PANEL_DAY))
    assert found["appointments"].state == State.MISSING
    assert found["appointments"].detail == "No vice chair on the central list"


def test_CR_PN_002_a_chair_who_left_does_not_count():
    members = [chair(left_date=date(2026, 6, 1)), member(6, "vice_chair")]
    found = by_key(outcomes("CR-PN-002", PANEL_DAY, members=members))
    assert set(found) == {"appointments"} and found["appointments"].state == State.MISSING


@pytest.mark.parametrize("joined, state", [(date(2011, 9, 30), State.MET), (date(2011, 10, 1), State.OVERDUE)])
def test_CR_PN_002_chairs_appointed_from_1_october_2011_must_be_independent(joined, state):
    members = [chair(is_independent=False, joined_date=joined), member(6, "vice_chair")]
    found = by_key(outcomes("CR-PN-002", PANEL_DAY, members=members))
    assert found["independent"].state == state


def test_CR_PN_002_an_agency_with_no_central_list_yet_yields_nothing():
    assert outcomes("CR-PN-002", PANEL_DAY, members=[]) == []


# CR-PN-003 Vetting before first sitting -------------------------------------------------------

def test_CR_PN_003_dbs_and_references_before_the_first_sitting_are_met():
    found = by_key(outcomes("CR-PN-003", PANEL_DAY, members=[chair()], meetings=[meeting(attendees=[chair()])]))
    assert found["vetting"].state == State.MET
    assert found["dbs_renewal"].state == State.MET and found["dbs_renewal"].due == date(2026, 12, 1)


@pytest.mark.parametrize("dbs_date, late", [(PANEL_DAY, False), (date(2026, 6, 11), True)])
def test_CR_PN_003_a_dbs_on_the_first_sitting_day_is_in_time_the_day_after_is_late(dbs_date, late):
    m = chair(dbs_date=dbs_date)
    found = by_key(outcomes("CR-PN-003", date(2026, 6, 20), members=[m], meetings=[meeting(attendees=[m])]))
    assert found["vetting"].state == State.MET
    assert ("after the deadline of 10 Jun 2026" in found["vetting"].detail) == late


def test_CR_PN_003_a_member_who_sat_without_references_is_overdue_from_the_first_sitting():
    m = chair(references_received_date=None)
    earlier = meeting(101, day=date(2026, 3, 4), attendees=[m])
    found = by_key(outcomes("CR-PN-003", PANEL_DAY, members=[m], meetings=[meeting(attendees=[m]), earlier]))
    assert found["vetting"].state == State.OVERDUE and found["vetting"].due == date(2026, 3, 4)
    assert found["vetting"].detail == "No references recorded; first sat on 04 Mar 2026"


def test_CR_PN_003_a_new_member_not_yet_vetted_is_due_before_their_first_panel():
    m = member(7, joined_date=date(2026, 6, 1), dbs_date=None, references_received_date=None)
    [found] = outcomes("CR-PN-003", PANEL_DAY, members=[m])
    assert (found.state, found.due, found.key) == (State.DUE_SOON, None, "vetting")
    assert "No enhanced DBS or references recorded" in found.detail


@pytest.mark.parametrize("as_of, state", [(date(2026, 12, 1), State.DUE_SOON), (date(2026, 12, 2), State.OVERDUE)])
def test_CR_PN_003_dbs_renewal_follows_the_agency_interval(as_of, state):
    found = by_key(outcomes("CR-PN-003", as_of, members=[chair()]))
    assert (found["dbs_renewal"].state, found["dbs_renewal"].due) == (state, date(2026, 12, 1))


def test_CR_PN_003_members_who_have_left_are_not_checked():
    assert outcomes("CR-PN-003", PANEL_DAY, members=[chair(left_date=date(2026, 6, 1), dbs_date=None)]) == []


# CR-PN-004 Annual review ----------------------------------------------------------------------

@pytest.mark.parametrize("as_of, state", [
    (date(2026, 1, 29), State.MET),  # 31 days before: outside the warning window
    (date(2026, 1, 30), State.DUE_SOON),
    (date(2026, 3, 1), State.DUE_SOON),  # exactly 12 months (365 days) after the last review
    (date(2026, 3, 2), State.OVERDUE),
])
def test_CR_PN_004_the_review_falls_due_12_months_after_the_last(as_of, state):
    [found] = outcomes("CR-PN-004", as_of, members=[chair(annual_review_date=date(2025, 3, 1))])
    assert (found.state, found.due) == (state, date(2026, 3, 1))


def test_CR_PN_004_a_member_never_reviewed_is_due_a_year_after_joining():
    [found] = outcomes("CR-PN-004", date(2025, 1, 9), members=[chair(annual_review_date=None)])
    assert (found.state, found.due) == (State.OVERDUE, date(2025, 1, 7))
    assert found.detail == "No annual review recorded; due by 07 Jan 2025"


def test_CR_PN_004_the_interval_is_the_panel_member_review_setting(settings):
    settings.PANEL_MEMBER_REVIEW_DAYS = 730
    [found] = outcomes("CR-PN-004", date(2026, 3, 2), members=[chair(annual_review_date=date(2025, 3, 1))])
    assert (found.state, found.due) == (State.MET, date(2027, 3, 1))


def test_CR_PN_004_only_members_on_the_list():
    members = [chair(), member(8, left_date=date(2026, 1, 1)), member(9, joined_date=date(2026, 7, 1))]
    assert [o.subject.id for o in outcomes("CR-PN-004", PANEL_DAY, members=members)] == [1]


# CR-PN-005 Quorum -----------------------------------------------------------------------------

def test_CR_PN_005_exactly_five_with_the_chair_and_an_experienced_social_worker_is_quorate():
    found = one("CR-PN-005", date(2026, 6, 20), meetings=[meeting()])
    assert found.state == State.MET and found.detail == "Quorate: 5 members (at least 5)"


def test_CR_PN_005_one_fewer_is_not_quorate():
    found = one("CR-PN-005", date(2026, 6, 20), meetings=[meeting(attendees=quorate_members()[:4])])
    assert (found.state, found.due) == (State.OVERDUE, PANEL_DAY)
    assert found.detail == "4 panel members attended; a panel needs at least 5."


def test_CR_PN_005_the_panel_adviser_does_not_count():
    attendees = [*quorate_members()[:4], member(6, "panel_adviser", is_independent=False)]
    assert one("CR-PN-005", date(2026, 6, 20), meetings=[meeting(attendees=attendees)]).state == State.OVERDUE


@pytest.mark.parametrize("count, state", [(5, State.OVERDUE), (6, State.MET)])
def test_CR_PN_005_a_joint_panel_needs_six(count, state):
    attendees = [*quorate_members(), member(6)][:count]
    found = one("CR-PN-005", date(2026, 6, 20), members=attendees, meetings=[meeting(attendees=attendees,
                                                                                      is_joint=True)])
    assert found.state == state
    assert state == State.MET or found.detail == "5 panel members attended; a joint panel needs at least 6."


@pytest.mark.parametrize("attendees, reason", [
    ([social_worker(), *(member(n) for n in range(3, 7))], "Neither the chair nor a vice chair attended."),
    ([chair(), social_worker(pqe_years=2), *(member(n) for n in range(3, 6))],
     "No social worker with at least 3 years' post-qualifying experience attended."),
])
def test_CR_PN_005_five_without_a_chair_or_an_experienced_social_worker_are_not_quorate(attendees, reason):
    found = one("CR-PN-005", date(2026, 6, 20), meetings=[meeting(attendees=attendees)])
    assert found.state == State.OVERDUE and found.detail == reason


def test_CR_PN_005_due_soon_on_the_meeting_day_overdue_after_and_nothing_before():
    parts = dict(meetings=[meeting(attendees=[])])
    assert outcomes("CR-PN-005", date(2026, 6, 9), **parts) == []
    assert one("CR-PN-005", PANEL_DAY, **parts).state == State.DUE_SOON
    found = one("CR-PN-005", date(2026, 6, 11), **parts)
    assert found.state == State.OVERDUE and found.detail == "No attendance recorded"


def test_CR_PN_005_the_quorum_is_the_setting(settings):
    settings.PANEL_QUORUM_MIN_MEMBERS = 6
    assert one("CR-PN-005", date(2026, 6, 20), meetings=[meeting()]).state == State.OVERDUE


# CR-PN-006 Papers five working days ahead -----------------------------------------------------
# A panel on Friday 29 May 2026: five working days back, across the spring bank holiday, is Thursday 21 May.

MAY_PANEL = date(2026, 5, 29)


def may_panel(**changes):
    return meeting(day=MAY_PANEL, **changes)


def test_CR_PN_006_papers_exactly_five_working_days_ahead_are_met():
    found = one("CR-PN-006", date(2026, 5, 25), meetings=[may_panel(papers_sent_date=date(2026, 5, 21))],
                items=[item()])
    assert found.state == State.MET and found.detail == "Papers sent 21 May 2026, 5 working days ahead"


def test_CR_PN_006_four_working_days_across_the_bank_holiday_is_short_before_the_panel():
    found = one("CR-PN-006", date(2026, 5, 26), meetings=[may_panel(papers_sent_date=date(2026, 5, 22))],
                items=[item()])
    assert (found.state, found.due) == (State.OVERDUE, date(2026, 5, 21))
    assert "only 4 working days before the panel (5 needed)" in found.detail


def test_CR_PN_006_short_papers_after_the_panel_cannot_be_put_right_and_say_so():
    found = one("CR-PN-006", date(2026, 6, 1), meetings=[may_panel(papers_sent_date=date(2026, 5, 22))],
                items=[item()])
    assert found.state == State.MET and found.detail == "Papers sent 22 May 2026, 4 working days ahead; 5 were needed"


@pytest.mark.parametrize("as_of, state", [(date(2026, 5, 21), State.DUE_SOON), (date(2026, 5, 22), State.OVERDUE)])
def test_CR_PN_006_unsent_papers_are_due_five_working_days_ahead(as_of, state):
    found = one("CR-PN-006", as_of, meetings=[may_panel(papers_sent_date=None)], items=[item()])
    assert (found.state, found.due) == (state, date(2026, 5, 21))


def test_CR_PN_006_a_meeting_with_no_cases_needs_no_papers():
    assert outcomes("CR-PN-006", date(2026, 6, 1), meetings=[may_panel(papers_sent_date=None)]) == []


# CR-PN-007 Minutes with reasons ---------------------------------------------------------------
# A panel on Wednesday 23 December 2026: five working days later is Monday 4 January 2027.

XMAS_PANEL = date(2026, 12, 23)


def xmas_panel(**changes):
    return meeting(day=XMAS_PANEL, **{"papers_sent_date": date(2026, 12, 9), "minutes_drafted_date": XMAS_PANEL,
                                      "minutes_signed_date": None, "minutes_sent_to_adm_date": None, **changes})


def test_CR_PN_007_minutes_signed_in_time_with_reasons_for_each_recommendation_are_met():
    found = one("CR-PN-007", date(2027, 1, 20), meetings=[xmas_panel(minutes_signed_date=date(2027, 1, 4))],
                items=[item()])
    assert found.state == State.MET and found.detail == "Minutes with reasons signed 04 Jan 2027"


@pytest.mark.parametrize("as_of, state", [(date(2027, 1, 4), State.DUE_SOON), (date(2027, 1, 5), State.OVERDUE)])
def test_CR_PN_007_unsigned_minutes_are_due_five_working_days_after_the_panel(as_of, state):
    found = one("CR-PN-007", as_of, meetings=[xmas_panel()], items=[item()])
    assert (found.state, found.due) == (state, date(2027, 1, 4))
    assert found.detail.startswith("Minutes not signed by the chair")


def test_CR_PN_007_signed_minutes_without_reasons_for_a_recommendation_are_a_gap():
    found = one("CR-PN-007", date(2027, 1, 20), meetings=[xmas_panel(minutes_signed_date=date(2026, 12, 24))],
                items=[item(reasons_recorded=False), item(201, recommendation="", kind="other")])
    assert found.state == State.OVERDUE
    assert found.detail == "No reasons for the recommendation on Fenwick household (due by 04 Jan 2027)"


def test_CR_PN_007_minutes_signed_late_say_so():
    found = one("CR-PN-007", date(2027, 1, 20), meetings=[xmas_panel(minutes_signed_date=date(2027, 1, 5))],
                items=[item()])
    assert found.state == State.MET and found.detail.endswith("after the deadline of 04 Jan 2027")


def test_CR_PN_007_the_window_is_a_setting(settings):
    settings.PANEL_MINUTES_SIGNED_WORKING_DAYS = 7
    assert one("CR-PN-007", date(2027, 1, 5), meetings=[xmas_panel()], items=[item()]).due == date(2027, 1, 6)


# CR-ADM-001 Decision within 7 working days of the final minutes -------------------------------
# Final minutes received Wednesday 23 December 2026: 24, 29, 30, 31 December, 4, 5, 6 January.

def received_on_23_december(**changes):
    return meeting(day=date(2026, 12, 16), **{"minutes_signed_date": date(2026, 12, 23),
                                              "minutes_sent_to_adm_date": date(2026, 12, 23), **changes})


@pytest.mark.parametrize("as_of, state", [
    (date(2026, 12, 24), State.DUE_SOON), (date(2027, 1, 6), State.DUE_SOON), (date(2027, 1, 7), State.OVERDUE),
])
def test_CR_ADM_001_the_decision_is_due_7_working_days_after_the_final_minutes(as_of, state):
    found = one("CR-ADM-001", as_of, meetings=[received_on_23_december()], items=[item()])
    assert (found.state, found.due) == (state, date(2027, 1, 6))


@pytest.mark.parametrize("decided, late", [(date(2027, 1, 6), False), (date(2027, 1, 7), True)])
def test_CR_ADM_001_a_decision_on_the_deadline_is_in_time_the_day_after_is_late(decided, late):
    found = one("CR-ADM-001", date(2027, 2, 1), meetings=[received_on_23_december()], items=[item()],
                decisions=[decision(on=decided)])
    assert found.state == State.MET
    assert found.detail == f"Decided {decided:%d %b %Y}" + (", after the deadline of 06 Jan 2027" if late else "")


def test_CR_ADM_001_before_the_final_minutes_arrive_the_clock_has_not_started():
    found = one("CR-ADM-001", date(2026, 12, 22), meetings=[received_on_23_december(
        minutes_signed_date=None, minutes_sent_to_adm_date=None)], items=[item()])
    assert (found.state, found.due) == (State.DUE_SOON, None)
    assert found.detail.startswith("Waiting for the final minutes")


def test_CR_ADM_001_deferred_and_unrecommended_items_await_no_decision():
    items = [item(recommendation="deferred"), item(201, recommendation="")]
    assert outcomes("CR-ADM-001", date(2027, 1, 7), meetings=[received_on_23_december()], items=items) == []


def test_CR_ADM_001_the_working_days_are_the_setting(settings):
    settings.PANEL_DECISION_WORKING_DAYS = 10
    assert one("CR-ADM-001", date(2027, 1, 7), meetings=[received_on_23_december()], items=[item()]).due == \
        date(2027, 1, 11)


# CR-ADM-002 Told orally within 2 and in writing within 5 working days -------------------------
# Decided Thursday 24 December 2026: orally by Wednesday 30 December, in writing by Tuesday 5 January.

XMAS_EVE = date(2026, 12, 24)


def adm_002(as_of, **changes):
    return one("CR-ADM-002", as_of, meetings=[received_on_23_december()], items=[item()],
               decisions=[decision(on=XMAS_EVE, **{"oral_notice_date": None, "written_notice_date": None, **changes})])


def test_CR_ADM_002_told_orally_and_in_writing_on_the_deadlines_is_met():
    found = adm_002(date(2027, 2, 1), oral_notice_date=date(2026, 12, 30), written_notice_date=date(2027, 1, 5))
    assert found.state == State.MET and found.detail == "Told orally and in writing in time"


@pytest.mark.parametrize("as_of, state", [(date(2026, 12, 30), State.DUE_SOON), (date(2026, 12, 31), State.OVERDUE)])
def test_CR_ADM_002_oral_notice_is_due_2_working_days_after_the_decision(as_of, state):
    found = adm_002(as_of)
    assert (found.state, found.due) == (state, date(2026, 12, 30))


@pytest.mark.parametrize("as_of, state", [(date(2027, 1, 5), State.DUE_SOON), (date(2027, 1, 6), State.OVERDUE)])
def test_CR_ADM_002_written_notice_is_due_5_working_days_after_the_decision(as_of, state):
    found = adm_002(as_of, oral_notice_date=date(2026, 12, 29))
    assert (found.state, found.due) == (state, date(2027, 1, 5))
    assert "send written notice by 05 jan 2027" in found.detail.lower()


def test_CR_ADM_002_notices_given_late_say_so():
    found = adm_002(date(2027, 2, 1), oral_notice_date=date(2026, 12, 31), written_notice_date=date(2027, 1, 6))
    assert found.state == State.MET
    assert found.detail == ("Told orally 31 Dec 2026, after the deadline of 30 Dec 2026; "
                            "Written notice 06 Jan 2027, after the deadline of 05 Jan 2027")


# CR-ADM-003 Qualifying determination and the IRM clock ----------------------------------------

def adm_003(as_of, **changes):
    return outcomes("CR-ADM-003", as_of, meetings=[received_on_23_december()], items=[item()],
                    decisions=[decision(on=XMAS_EVE, **{"decision": "not_approve", "oral_notice_date": XMAS_EVE,
                                                        "written_notice_date": date(2026, 12, 29), **changes})])


def test_CR_ADM_003_a_written_notice_opens_the_28_day_window():
    [found] = adm_003(date(2027, 1, 10))
    assert found.state == State.MET
    assert found.detail == ("Written notice 29 Dec 2026; representations or an IRM application until 26 Jan 2027")


@pytest.mark.parametrize("decision_kind, agrees, applies", [
    ("not_approve", None, True), ("terminate", None, True), ("approve_changed_terms", False, True),
    ("approve_changed_terms", True, False), ("approve", None, False), ("continue", None, False),
])
def test_CR_ADM_003_applies_to_qualifying_determinations_only(decision_kind, agrees, applies):
    assert bool(adm_003(date(2027, 1, 10), decision=decision_kind, carer_agrees_to_terms=agrees)) == applies


@pytest.mark.parametrize("as_of, state", [(date(2027, 1, 5), State.DUE_SOON), (date(2027, 1, 6), State.OVERDUE)])
def test_CR_ADM_003_no_written_notice_is_due_5_working_days_after_the_decision(as_of, state):
    [found] = adm_003(as_of, written_notice_date=None)
    assert (found.state, found.due) == (state, date(2027, 1, 5))


def test_CR_ADM_003_a_notice_without_reasons_is_not_enough():
    [found] = adm_003(date(2027, 1, 6), reasons_recorded=False)
    assert found.state == State.OVERDUE


# The IRM told us on Friday 18 December 2026: ten working days later is Wednesday 6 January 2027.
@pytest.mark.parametrize("as_of, state", [(date(2027, 1, 6), State.DUE_SOON), (date(2027, 1, 7), State.OVERDUE)])
def test_CR_ADM_003_irm_papers_are_due_10_working_days_after_its_notice(as_of, state):
    [found] = adm_003(as_of, irm_notified_date=date(2026, 12, 18))
    assert (found.state, found.due) == (state, date(2027, 1, 6))
    assert "send the papers to the irm by 06 jan 2027" in found.detail.lower()


def test_CR_ADM_003_irm_papers_sent_on_the_deadline_are_met():
    [found] = adm_003(date(2027, 1, 20), irm_notified_date=date(2026, 12, 18), irm_papers_sent_date=date(2027, 1, 6))
    assert found.state == State.MET and "until 26 Jan 2027" in found.detail
