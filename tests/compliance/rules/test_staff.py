"""The staff rules (compliance/rules/staff.py), one group of tests per rule id.

Pure: facts are built in memory and the policy is an unsaved AgencyPolicy() (its defaults). Due on
the day itself is DUE_SOON; the day after is OVERDUE. A check or induction done after its deadline is
MET, with a detail that starts "Late: " and says how late.
"""

from dataclasses import replace
from datetime import date, time

from compliance.catalogue.loader import catalogue_index
from compliance.engine import Context, State
from compliance.facts import Facts, Scope
from compliance.facts.staff import CheckFact, ManagerRegistrationFact, StaffFact, StaffFacts, SupervisionFact
from compliance.models import AgencyPolicy
from compliance.registry import Area, all_rules, get_rule
from records.choices import CheckKind, CheckOutcome, StaffRole, SupervisionKind

START = date(2025, 3, 3)  # a Monday


def check(kind, completed=date(2025, 2, 20), outcome=CheckOutcome.CLEAR, certificate=False):
    return CheckFact(kind=kind, completed_date=completed, outcome=outcome, certificate_recorded=certificate)


def full_checks(completed=date(2025, 2, 20)):
    """Everything Schedule 1 and NMS 19 ask for, completed before the start."""
    return (
        check(CheckKind.IDENTITY, completed), check(CheckKind.ENHANCED_DBS, completed, certificate=True),
        check(CheckKind.REFERENCE_EMPLOYER, completed), check(CheckKind.REFERENCE_PERSONAL, completed),
        check(CheckKind.QUALIFICATIONS, completed), check(CheckKind.RIGHT_TO_WORK, completed),
    )


def signed(kind, on):
    return SupervisionFact(kind=kind, date=on, start_time=time(10), duration_minutes=60, supervisor_signed=True,
                           supervisee_signed=True)


def member(id=1, **changes):
    """A supervising social worker who started on 3 March 2025 with every record in order."""
    base = StaffFact(
        id=id, label=f"Staff {id} (Supervising social worker)", url=f"/records/staff/{id}/",
        role=StaffRole.SUPERVISING_SOCIAL_WORKER, start_date=START, qualifications_listed=True,
        swe_registration_number="SW1001", swe_registration_checked_date=START, interview_date=date(2025, 1, 10),
        references_verified_date=date(2025, 2, 21), induction_started_date=START,
        induction_completed_date=date(2025, 6, 2), employment_gaps_explained=True, checks=full_checks(),
        households_allocated=12,
    )
    return replace(base, **changes)


def outcomes(rule_id, as_of, *staff, registrations=(), policy=None, scope=Scope()):
    facts = Facts.of(scope, staff=StaffFacts(staff=tuple(staff), manager_registrations=tuple(registrations)))
    return list(get_rule(rule_id).evaluate(facts, Context(as_of=as_of, policy=policy or AgencyPolicy())))


def only(rule_id, as_of, *staff, **kwargs):
    found = outcomes(rule_id, as_of, *staff, **kwargs)
    assert len(found) == 1, found
    return found[0]


def test_staff_rules_are_registered_in_the_staff_area():
    ids = {r.id for r in all_rules() if r.id.startswith("CR-ST-")}
    assert ids == {f"CR-ST-{n:03d}" for n in range(1, 10)}
    assert all(r.area == Area.STAFF for r in all_rules() if r.id in ids)
    assert all(clause in catalogue_index() for r in all_rules() if r.id in ids for clause in r.clauses)


def test_staff_rules_yield_nothing_for_a_household_recheck():
    scope = Scope(household_ids=frozenset({1}))
    for rule_id in (f"CR-ST-{n:03d}" for n in range(1, 10)):
        # The staff facts are never even asked for: a household recheck gathers none.
        facts = Facts.of(scope)
        assert list(get_rule(rule_id).evaluate(facts, Context(date(2026, 1, 5), AgencyPolicy()))) == []
        assert "staff" not in facts.__dict__


def test_leavers_are_not_checked():
    leaver = member(end_date=date(2025, 12, 31), checks=())
    assert outcomes("CR-ST-001", date(2026, 1, 5), leaver) == []
    assert outcomes("CR-ST-003", date(2026, 1, 5), leaver) == []


# CR-ST-001 Schedule 1 checks before start ------------------------------------------------------

def test_CR_ST_001_checks_complete_before_start_are_met():
    outcome = only("CR-ST-001", date(2026, 1, 5), member())
    assert outcome.state == State.MET and outcome.subject.url == "/records/staff/1/"


def test_CR_ST_001_missing_checks_are_overdue_from_the_day_after_the_start():
    no_dbs = member(checks=tuple(c for c in full_checks() if c.kind != CheckKind.ENHANCED_DBS))
    assert only("CR-ST-001", START, no_dbs).state == State.DUE_SOON
    overdue = only("CR-ST-001", date(2025, 3, 4), no_dbs)
    assert overdue.state == State.OVERDUE and overdue.due == START
    assert overdue.detail == "Missing at start (03 Mar 2025): enhanced DBS"


def test_CR_ST_001_a_future_starter_is_warned_within_the_window():
    starter = member(start_date=date(2026, 2, 2), checks=())
    assert only("CR-ST-001", date(2026, 1, 2), starter).state == State.MET
    soon = only("CR-ST-001", date(2026, 1, 5), starter)
    assert soon.state == State.DUE_SOON and soon.detail.startswith("Needed before start (02 Feb 2026)")


def test_CR_ST_001_two_references_one_from_the_latest_employer():
    personal_only = member(checks=(*[c for c in full_checks() if c.kind != CheckKind.REFERENCE_EMPLOYER],
                                   check(CheckKind.REFERENCE_PERSONAL)))
    outcome = only("CR-ST-001", date(2026, 1, 5), personal_only)
    assert outcome.detail.endswith(": reference from the latest employer")


def test_CR_ST_001_unsatisfactory_and_pending_checks_do_not_count():
    checks = (*[c for c in full_checks() if c.kind != CheckKind.IDENTITY],
              check(CheckKind.IDENTITY, outcome=CheckOutcome.UNSATISFACTORY),
              CheckFact(kind=CheckKind.IDENTITY))
    outcome = only("CR-ST-001", date(2026, 1, 5), member(checks=checks))
    assert outcome.state == State.OVERDUE and "proof of identity (unsatisfactory)" in outcome.detail


def test_CR_ST_001_check_completed_on_the_start_date_is_in_time_the_day_after_is_late():
    on_the_day = member(checks=full_checks(completed=START))
    assert "after the start date" not in only("CR-ST-001", date(2026, 1, 5), on_the_day).detail
    late_dbs = member(checks=(*[c for c in full_checks() if c.kind != CheckKind.ENHANCED_DBS],
                              check(CheckKind.ENHANCED_DBS, completed=date(2025, 3, 4))))
    late = only("CR-ST-001", date(2026, 1, 5), late_dbs)
    assert late.state == State.MET and late.due is None
    assert late.detail == "Late: after the start date (03 Mar 2025): enhanced DBS 04 Mar 2025 (1 day late)"
    # The person has the checks now: the lateness is history, noted but never a gap.
    assert only("CR-ST-001", date(2025, 3, 4), late_dbs).state == State.MET
    assert only("CR-ST-001", date(2026, 3, 4), late_dbs).detail == late.detail


def test_CR_ST_001_every_late_check_is_noted_and_a_missing_one_is_still_a_gap():
    on_time = [c for c in full_checks() if c.kind not in (CheckKind.ENHANCED_DBS, CheckKind.REFERENCE_PERSONAL)]
    late_refs = member(checks=(*on_time, check(CheckKind.ENHANCED_DBS, completed=date(2025, 3, 4)),
                               check(CheckKind.REFERENCE_PERSONAL, completed=date(2025, 3, 17))))
    outcome = only("CR-ST-001", date(2026, 1, 5), late_refs)
    assert outcome.state == State.MET
    assert outcome.detail == ("Late: after the start date (03 Mar 2025): enhanced DBS 04 Mar 2025 (1 day late), "
                              "two written references 17 Mar 2025 (14 days late)")
    no_identity = replace(late_refs, checks=tuple(c for c in late_refs.checks if c.kind != CheckKind.IDENTITY))
    gap = only("CR-ST-001", date(2026, 1, 5), no_identity)
    assert gap.state == State.OVERDUE and gap.detail == "Missing at start (03 Mar 2025): proof of identity"


def test_CR_ST_001_where_applicable_items_apply_only_when_relevant():
    no_quals = member(qualifications_listed=False,
                      checks=tuple(c for c in full_checks() if c.kind != CheckKind.QUALIFICATIONS))
    assert only("CR-ST-001", date(2026, 1, 5), no_quals).state == State.MET
    previous = member(checks=(*full_checks(), CheckFact(kind=CheckKind.PREVIOUS_WORK_WITH_CHILDREN)))
    assert "reason previous work with children ended" in only("CR-ST-001", date(2026, 1, 5), previous).detail


def test_CR_ST_001_employment_history_needs_gaps_explained():
    unexplained = member(employment_gaps_explained=False)
    assert "employment history" in only("CR-ST-001", date(2026, 1, 5), unexplained).detail
    by_check = member(employment_gaps_explained=False,
                      checks=(*full_checks(), check(CheckKind.EMPLOYMENT_HISTORY)))
    assert only("CR-ST-001", date(2026, 1, 5), by_check).state == State.MET


# CR-ST-002 NMS 19 recruitment record -----------------------------------------------------------

def test_CR_ST_002_complete_recruitment_record_is_met():
    assert only("CR-ST-002", date(2026, 1, 5), member()).state == State.MET


def test_CR_ST_002_missing_interview_references_and_certificate_number():
    gaps = member(interview_date=None, references_verified_date=None,
                  checks=(*[c for c in full_checks() if c.kind != CheckKind.ENHANCED_DBS],
                          check(CheckKind.ENHANCED_DBS)))
    outcome = only("CR-ST-002", date(2026, 1, 5), gaps)
    assert outcome.state == State.OVERDUE
    assert outcome.detail == ("Missing at start (03 Mar 2025): interview, references confirmed by telephone, "
                              "DBS certificate number")


def test_CR_ST_002_references_confirmed_after_the_start_are_late():
    on_the_day = only("CR-ST-002", date(2026, 1, 5), member(references_verified_date=START))
    assert on_the_day.state == State.MET and not on_the_day.detail.startswith("Late:")
    late = only("CR-ST-002", date(2026, 1, 5), member(references_verified_date=date(2025, 3, 4)))
    assert late.state == State.MET and late.detail.startswith("Late: after the start date (03 Mar 2025)")
    assert late.detail.endswith("references confirmed by telephone 04 Mar 2025 (1 day late)")


def test_CR_ST_002_an_overseas_check_once_started_must_be_completed():
    overseas = member(checks=(*full_checks(), CheckFact(kind=CheckKind.OVERSEAS)))
    assert "overseas criminal record check" in only("CR-ST-002", date(2026, 1, 5), overseas).detail


# CR-ST-003 staff DBS renewal ------------------------------------------------------------------

def dbs_member(*checks):
    return member(checks=tuple(checks))


def test_CR_ST_003_dbs_within_three_years_is_met():
    assert only("CR-ST-003", date(2026, 1, 5), dbs_member(check(CheckKind.ENHANCED_DBS))).state == State.MET


def test_CR_ST_003_due_exactly_three_years_later():
    staff = dbs_member(check(CheckKind.ENHANCED_DBS, completed=date(2023, 3, 1)))
    assert only("CR-ST-003", date(2026, 3, 1), staff).state == State.DUE_SOON
    assert only("CR-ST-003", date(2026, 3, 2), staff).state == State.OVERDUE


def test_CR_ST_003_dbs_on_29_february_renews_on_28_february():
    staff = dbs_member(check(CheckKind.ENHANCED_DBS, completed=date(2024, 2, 29)))
    assert only("CR-ST-003", date(2027, 3, 1), staff).due == date(2027, 2, 28)


def test_CR_ST_003_update_service_check_renews_and_policy_sets_the_interval():
    staff = dbs_member(check(CheckKind.ENHANCED_DBS, completed=date(2022, 1, 10)),
                       check(CheckKind.DBS_UPDATE_SERVICE, completed=date(2025, 6, 1)))
    assert only("CR-ST-003", date(2026, 1, 5), staff).due == date(2028, 6, 1)
    two_years = AgencyPolicy(staff_dbs_renewal="P2Y")
    assert only("CR-ST-003", date(2026, 1, 5), staff, policy=two_years).due == date(2027, 6, 1)


def test_CR_ST_003_no_dbs_at_all_is_overdue_from_the_start():
    outcome = only("CR-ST-003", date(2026, 1, 5), dbs_member())
    assert outcome.state == State.OVERDUE and outcome.due == START


# CR-ST-004 Social Work England registration -----------------------------------------------------

def test_CR_ST_004_checked_within_12_months_is_met():
    checked = member(swe_registration_checked_date=date(2025, 9, 1))
    assert only("CR-ST-004", date(2026, 1, 5), checked).state == State.MET


def test_CR_ST_004_check_due_after_exactly_12_months():
    staff = member(swe_registration_checked_date=date(2025, 3, 15))
    assert only("CR-ST-004", date(2026, 3, 15), staff).state == State.DUE_SOON
    assert only("CR-ST-004", date(2026, 3, 16), staff).state == State.OVERDUE


def test_CR_ST_004_social_worker_without_a_number_is_missing():
    outcome = only("CR-ST-004", date(2026, 1, 5), member(role=StaffRole.MANAGER, swe_registration_number=""))
    assert outcome.state == State.MISSING


def test_CR_ST_004_other_roles_are_not_checked():
    assert outcomes("CR-ST-004", date(2026, 1, 5), member(role=StaffRole.ADMINISTRATOR)) == []


# CR-ST-005 induction ---------------------------------------------------------------------------

def test_CR_ST_005_completed_induction_is_met():
    assert only("CR-ST-005", date(2026, 1, 5), member()).state == State.MET


def test_CR_ST_005_christmas_starter_begins_induction_by_wednesday_6_january_2027():
    # Started Wednesday 23 December 2026: Thu 24 = 1, Tue 29 = 2, Wed 30 = 3, Thu 31 = 4,
    # Mon 4 Jan = 5, Tue 5 = 6, Wed 6 Jan = 7 (25, 28 December and 1 January are bank holidays).
    starter = member(start_date=date(2026, 12, 23), induction_started_date=None, induction_completed_date=None)
    on_the_day = only("CR-ST-005", date(2027, 1, 6), starter)
    assert on_the_day.due == date(2027, 1, 6) and on_the_day.state == State.DUE_SOON
    assert only("CR-ST-005", date(2027, 1, 7), starter).state == State.OVERDUE


def test_CR_ST_005_started_induction_completes_within_six_months():
    started = member(induction_completed_date=None)
    assert only("CR-ST-005", date(2025, 9, 3), started).state == State.DUE_SOON
    overdue = only("CR-ST-005", date(2025, 9, 4), started)
    assert overdue.state == State.OVERDUE and overdue.due == date(2025, 9, 3)


def test_CR_ST_005_completed_on_the_deadline_is_in_time_a_day_later_is_met_but_late():
    on_the_day = only("CR-ST-005", date(2026, 1, 5), member(induction_completed_date=date(2025, 9, 3)))
    assert on_the_day.state == State.MET and on_the_day.detail == "Induction completed 03 Sep 2025"
    late = member(induction_completed_date=date(2025, 9, 4))
    outcome = only("CR-ST-005", date(2026, 1, 5), late)
    assert outcome.state == State.MET and outcome.due is None
    assert outcome.detail == "Late: Induction completed 04 Sep 2025, 1 day after the deadline of 03 Sep 2025"
    assert only("CR-ST-005", date(2026, 9, 4), late).state == State.MET


# CR-ST-006 supervision -------------------------------------------------------------------------

def supervised(*sessions):
    return member(supervisions=tuple(sessions))


def test_CR_ST_006_monthly_supervision_signed_and_timed_counts_as_met():
    staff = supervised(signed(SupervisionKind.SUPERVISION, date(2026, 1, 5)))
    outcome = only("CR-ST-006", date(2026, 1, 20), staff)
    assert outcome.state == State.MET and outcome.due == date(2026, 2, 5)
    # A monthly duty warns only in the last quarter of its interval (7 days), not for the whole month.
    assert only("CR-ST-006", date(2026, 1, 28), staff).state == State.MET
    assert only("CR-ST-006", date(2026, 1, 29), staff).state == State.DUE_SOON


def test_CR_ST_006_31_january_supervision_is_due_by_28_february():
    staff = supervised(signed(SupervisionKind.SUPERVISION, date(2026, 1, 31)))
    assert only("CR-ST-006", date(2026, 2, 28), staff).state == State.DUE_SOON
    assert only("CR-ST-006", date(2026, 3, 1), staff).state == State.OVERDUE


def test_CR_ST_006_record_without_time_length_or_signatures_is_a_gap():
    unsigned = SupervisionFact(kind=SupervisionKind.SUPERVISION, date=date(2026, 1, 5), duration_minutes=60)
    outcome = only("CR-ST-006", date(2026, 1, 20), supervised(unsigned))
    assert outcome.state == State.MISSING
    assert outcome.detail.endswith("record lacks time, supervisor's signature, staff member's signature")


def test_CR_ST_006_interval_from_policy_and_appraisals_do_not_count():
    staff = supervised(signed(SupervisionKind.SUPERVISION, date(2025, 11, 1)),
                       signed(SupervisionKind.APPRAISAL, date(2026, 1, 2)))
    assert only("CR-ST-006", date(2026, 1, 5), staff).state == State.OVERDUE
    policy = AgencyPolicy(staff_supervision_interval="P3M")  # due 1 February 2026 instead of 1 December
    assert only("CR-ST-006", date(2026, 1, 5), staff, policy=policy).state == State.MET
    assert only("CR-ST-006", date(2026, 2, 2), staff, policy=policy).state == State.OVERDUE


# CR-ST-007 annual appraisal --------------------------------------------------------------------

def test_CR_ST_007_appraisal_within_a_year_is_met():
    appraised = supervised(signed(SupervisionKind.APPRAISAL, date(2025, 9, 1)))
    assert only("CR-ST-007", date(2026, 1, 5), appraised).state == State.MET


def test_CR_ST_007_appraisal_due_after_exactly_12_months():
    staff = supervised(signed(SupervisionKind.APPRAISAL, date(2025, 3, 15)))
    assert only("CR-ST-007", date(2026, 3, 15), staff).state == State.DUE_SOON
    assert only("CR-ST-007", date(2026, 3, 16), staff).state == State.OVERDUE


def test_CR_ST_007_29_february_appraisal_is_due_28_february():
    staff = member(start_date=date(2020, 1, 6), supervisions=(signed(SupervisionKind.APPRAISAL, date(2024, 2, 29)),))
    assert only("CR-ST-007", date(2025, 3, 1), staff).due == date(2025, 2, 28)


def test_CR_ST_007_never_appraised_is_due_a_year_after_starting():
    outcome = only("CR-ST-007", date(2026, 3, 4), member())
    assert outcome.due == date(2026, 3, 3) and outcome.state == State.OVERDUE


# CR-ST-008 caseload ----------------------------------------------------------------------------

def test_CR_ST_008_caseload_at_the_ceiling_is_met_one_over_is_a_gap():
    assert only("CR-ST-008", date(2026, 1, 5), member(households_allocated=15)).state == State.MET
    over = only("CR-ST-008", date(2026, 1, 5), member(households_allocated=16))
    assert over.state == State.OVERDUE and over.detail == "16 households allocated; the ceiling is 15"


def test_CR_ST_008_ceiling_comes_from_policy_and_only_ssws_are_counted():
    policy = AgencyPolicy(max_households_per_ssw=20)
    assert only("CR-ST-008", date(2026, 1, 5), member(households_allocated=16), policy=policy).state == State.MET
    assert outcomes("CR-ST-008", date(2026, 1, 5), member(role=StaffRole.MANAGER, households_allocated=30)) == []


# CR-ST-009 registered manager ------------------------------------------------------------------

def manager(**changes):
    base = ManagerRegistrationFact(id=3, url="/records/manager-registrations/3/", manager_name="Rita Moss",
                                   appointed_date=date(2026, 1, 5), registration_applied_date=date(2026, 1, 20),
                                   registered_date=date(2026, 3, 2), qualification_achieved_date=date(2019, 7, 1))
    return replace(base, **changes)


def manager_outcomes(as_of, *registrations):
    return {o.key: o for o in outcomes("CR-ST-009", as_of, registrations=registrations)}


def test_CR_ST_009_registered_and_qualified_manager_is_met():
    found = manager_outcomes(date(2026, 4, 1), manager())
    assert [o.state for o in found.values()] == [State.MET, State.MET]
    assert found["in_post"].subject.kind == "agency"
    assert found["in_post"].subject.url == "/records/manager-registrations/"


def test_CR_ST_009_no_manager_recorded_is_missing():
    assert manager_outcomes(date(2026, 4, 1))["in_post"].state == State.MISSING


def test_CR_ST_009_new_manager_applies_within_12_weeks():
    # Appointed Monday 5 January 2026: 12 weeks on is Monday 30 March.
    new = manager(registration_applied_date=None, registered_date=None)
    assert manager_outcomes(date(2026, 3, 30), new)["in_post"].state == State.DUE_SOON
    overdue = manager_outcomes(date(2026, 3, 31), new)["in_post"]
    assert overdue.state == State.OVERDUE and overdue.due == date(2026, 3, 30)
    applied = manager(registered_date=None)
    assert manager_outcomes(date(2026, 3, 31), applied)["in_post"].state == State.MET


def test_CR_ST_009_vacancy_is_due_soon_until_26_weeks_then_overdue():
    # Left Monday 1 June 2026: 26 weeks (182 days) on is Monday 30 November.
    left = manager(left_date=date(2026, 6, 1))
    on_leaving = manager_outcomes(date(2026, 6, 1), left)
    assert set(on_leaving) == {"in_post"} and on_leaving["in_post"].state == State.DUE_SOON
    assert manager_outcomes(date(2026, 11, 30), left)["in_post"].due == date(2026, 11, 30)
    assert manager_outcomes(date(2026, 12, 1), left)["in_post"].state == State.OVERDUE
    successor = manager(id=4, appointed_date=date(2026, 9, 1), registration_applied_date=date(2026, 9, 10),
                        registered_date=None)
    assert manager_outcomes(date(2026, 12, 1), left, successor)["in_post"].state == State.MET


def test_CR_ST_009_manager_without_the_qualification_enrols_in_6_months_and_qualifies_in_3_years():
    unqualified = manager(qualification_achieved_date=None)
    assert manager_outcomes(date(2026, 7, 5), unqualified)["qualification"].state == State.DUE_SOON
    late = manager_outcomes(date(2026, 7, 6), unqualified)["qualification"]
    assert late.state == State.OVERDUE and late.due == date(2026, 7, 5)
    enrolled = manager(qualification_achieved_date=None, qualification_enrolled_date=date(2026, 5, 1))
    studying = manager_outcomes(date(2026, 7, 6), enrolled)["qualification"]
    assert studying.state == State.MET and studying.due == date(2029, 1, 5)
    assert manager_outcomes(date(2029, 1, 6), enrolled)["qualification"].state == State.OVERDUE
