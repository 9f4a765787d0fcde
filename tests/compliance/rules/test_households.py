"""The carers-and-households rules (compliance/rules/households.py), one group of tests per rule id.

Pure: facts are built in memory and the policy is an unsaved AgencyPolicy() (its defaults), so no
database and no time travel. Each rule has a compliant case, a gap and its boundary days: due on
the day itself is DUE_SOON, the day after is OVERDUE; 30 days before is the edge of the warning window.
"""

from dataclasses import replace
from datetime import date

import pytest

from compliance.engine import Context, State
from compliance.facts import Facts
from compliance.facts.households import (
    AllegationFact, CarerFact, CheckFact, HouseholdFact, HouseholdFacts, MemberFact, PlacementFact, ReviewFact,
    TrainingFact,
)
from compliance.models import AgencyPolicy
from compliance.registry import all_rules, get_rule

APPROVED = date(2020, 1, 15)


def household(**changes):
    """An approved mainstream household with complete terms, address and a registered social worker."""
    base = HouseholdFact(
        id=1, name="Fenwick household", status="approved", approval_category="mainstream",
        application_date=date(2019, 3, 1), panel_date=date(2020, 1, 8), approval_date=APPROVED,
        foster_care_agreement_date=APPROVED, approved_places=2, age_range_min=0, age_range_max=18,
        placement_types=("short_term", "long_term"), address_line_1="1 High Street", postcode="AB1 2CD",
        ssw_id=50, ssw_name="Sam Shaw", ssw_registration_number="SW0001",
    )
    return replace(base, **changes)


def applicant(**changes):
    """A household in assessment: applied 5 January 2026, panel booked for 10 June 2026."""
    return household(**{"status": "assessment", "application_date": date(2026, 1, 5), "panel_date": date(2026, 6, 10),
                        "approval_date": None, "foster_care_agreement_date": None, **changes})


def carer(id=10, **changes):
    return replace(CarerFact(id=id, household_id=1, name="Ann Fenwick", date_of_birth=date(1980, 5, 1),
                             sex="female"), **changes)


def member(id=20, born=date(1990, 4, 1), **changes):
    return replace(MemberFact(id=id, household_id=1, name="Jo Fenwick", date_of_birth=born,
                              relationship="adult_child", moved_in_date=born), **changes)


def check(id, person, kind="enhanced_dbs", completed=None, **changes):
    return replace(CheckFact(id=id, kind=kind, person=person.person, household_id=1, completed_date=completed,
                             requested_date=completed), **changes)


def placement(id=30, start=date(2025, 6, 1), born=date(2015, 1, 1), **changes):
    return replace(PlacementFact(id=id, household_id=1, child_name=f"Child {id}", child_date_of_birth=born,
                                 placement_type="short_term", start_date=start), **changes)


def review(id=40, on=date(2025, 11, 1), **changes):
    return replace(ReviewFact(id=id, household_id=1, review_date=on, carer_views_recorded=True,
                              children_views_recorded=True, placing_authority_views_recorded=True,
                              went_to_panel=True, outcome="continue", report_completed_date=on), **changes)


def outcomes(rule_id, as_of, *, policy=None, **parts):
    facts = Facts.of(households=HouseholdFacts(**{k: tuple(v) for k, v in parts.items()}))
    return list(get_rule(rule_id).evaluate(facts, Context(as_of=as_of, policy=policy or AgencyPolicy())))


def states(rule_id, as_of, **parts):
    return [o.state for o in outcomes(rule_id, as_of, **parts)]


def by_key(found):
    return {o.key: o for o in found}


def test_every_reference_rule_is_registered_except_the_two_without_data():
    ids = {r.id for r in all_rules() if r.id.startswith("CR-HH-")}
    assert ids == {f"CR-HH-{n:03d}" for n in range(1, 33)} - {"CR-HH-028"}


def test_subjects_carry_the_record_page_household_and_social_worker():
    c = carer()
    [found] = outcomes("CR-HH-007", date(2026, 6, 1), households=[household()], carers=[c])
    assert found.subject.url == "/records/carers/10/"
    assert (found.subject.household_id, found.subject.social_worker_id) == (1, 50)
    assert found.subject.label == "Ann Fenwick (Fenwick household)"


# CR-HH-001 Enhanced DBS before panel -----------------------------------------------------------

def test_CR_HH_001_applicants_and_adults_with_a_dbs_are_met_children_are_not_counted():
    c, adult, child = carer(), member(), member(id=21, born=date(2015, 3, 3))
    found = outcomes("CR-HH-001", date(2026, 6, 1), households=[applicant()], carers=[c], members=[adult, child],
                     checks=[check(1, c, completed=date(2026, 2, 1)), check(2, adult, completed=date(2026, 2, 1))])
    assert [(o.subject.kind, o.state) for o in found] == [("carer", State.MET), ("household_member", State.MET)]


@pytest.mark.parametrize("as_of, state", [
    (date(2026, 5, 10), State.MET),  # 31 days before panel: not yet in the warning window
    (date(2026, 5, 11), State.DUE_SOON),  # 30 days before: the window's edge
    (date(2026, 6, 10), State.DUE_SOON),  # panel day: not yet overdue
    (date(2026, 6, 11), State.OVERDUE),
])
def test_CR_HH_001_a_missing_dbs_falls_due_on_the_panel_date(as_of, state):
    [found] = outcomes("CR-HH-001", as_of, households=[applicant()], carers=[carer()])
    assert found.state == state and found.due == date(2026, 6, 10)
    assert "No completed enhanced DBS" in found.detail


def test_CR_HH_001_a_member_turning_18_on_the_panel_date_needs_a_dbs_the_day_after_does_not():
    on_the_day, day_after = member(id=21, born=date(2008, 6, 10)), member(id=22, born=date(2008, 6, 11))
    found = outcomes("CR-HH-001", date(2026, 6, 11), households=[applicant()], members=[on_the_day, day_after])
    assert [(o.subject.id, o.state) for o in found] == [(21, State.OVERDUE)]


@pytest.mark.parametrize("panel, counted", [(date(2026, 3, 1), True), (date(2026, 2, 28), False)])
def test_CR_HH_001_born_on_29_february_is_an_adult_on_1_march_in_a_common_year(panel, counted):
    leapling = member(born=date(2008, 2, 29))
    found = outcomes("CR-HH-001", date(2026, 1, 20), households=[applicant(panel_date=panel)], members=[leapling])
    assert bool(found) is counted


def test_CR_HH_001_without_a_panel_date_the_dbs_is_due_when_the_assessment_should_end():
    [found] = outcomes("CR-HH-001", date(2026, 9, 6), households=[applicant(panel_date=None)], carers=[carer()])
    assert found.due == date(2026, 9, 5) and found.state == State.OVERDUE


# CR-HH-002 DBS when a household member turns 18 ------------------------------------------------

TEEN = member(id=21, born=date(2008, 8, 20), relationship="carers_child")  # 18 on 20 August 2026


@pytest.mark.parametrize("as_of, state", [
    (date(2026, 6, 20), None),  # 61 days before: not yet
    (date(2026, 6, 21), State.DUE_SOON),  # 60 days before: the reference's warning starts
    (date(2026, 8, 20), State.DUE_SOON),  # the birthday itself
    (date(2026, 8, 21), State.OVERDUE),
])
def test_CR_HH_002_boundaries_around_the_18th_birthday(as_of, state):
    assert states("CR-HH-002", as_of, households=[household()], members=[TEEN]) == ([state] if state else [])


def test_CR_HH_002_an_application_in_progress_is_met():
    pending = check(1, TEEN, completed=None, requested_date=date(2026, 7, 1), outcome="pending")
    [found] = outcomes("CR-HH-002", date(2026, 9, 1), households=[household()], members=[TEEN], checks=[pending])
    assert found.state == State.MET


@pytest.mark.parametrize("as_of, state", [
    (date(2026, 2, 28), State.DUE_SOON), (date(2026, 3, 1), State.DUE_SOON), (date(2026, 3, 2), State.OVERDUE),
])
def test_CR_HH_002_born_29_february_turns_18_on_1_march_2026(as_of, state):
    leapling = member(born=date(2008, 2, 29), relationship="carers_child")
    [found] = outcomes("CR-HH-002", as_of, households=[household()], members=[leapling])
    assert found.state == state and found.due == date(2026, 3, 1)


def test_CR_HH_002_does_not_apply_to_someone_already_adult_at_approval_or_who_moved_out():
    adult_at_approval = member(id=21, born=date(2001, 1, 1))
    left = replace(TEEN, id=22, moved_out_date=date(2026, 8, 1))
    assert outcomes("CR-HH-002", date(2026, 8, 25), households=[household()], members=[adult_at_approval, left]) == []


# CR-HH-003 New adult joins the household -------------------------------------------------------

LODGER = member(id=23, born=date(1990, 1, 1), relationship="lodger", moved_in_date=date(2026, 3, 2))


def test_CR_HH_003_dbs_and_review_after_a_new_adult_moves_in_are_met():
    found = by_key(outcomes("CR-HH-003", date(2026, 5, 1), households=[household()], members=[LODGER],
                            checks=[check(1, LODGER, requested_date=date(2026, 3, 6))],
                            reviews=[review(on=date(2026, 3, 25))]))
    assert found["dbs"].state == found["review"].state == State.MET


@pytest.mark.parametrize("as_of, dbs, review_state", [
    (date(2026, 3, 12), State.DUE_SOON, State.DUE_SOON),  # 10 days after moving in: DBS due today
    (date(2026, 3, 13), State.OVERDUE, State.DUE_SOON),
    (date(2026, 3, 30), State.OVERDUE, State.DUE_SOON),  # 28 days: review due today
    (date(2026, 3, 31), State.OVERDUE, State.OVERDUE),
])
def test_CR_HH_003_boundaries_of_the_policy_periods(as_of, dbs, review_state):
    found = by_key(outcomes("CR-HH-003", as_of, households=[household()], members=[LODGER]))
    assert (found["dbs"].state, found["review"].state) == (dbs, review_state)


def test_CR_HH_003_reads_the_agency_policy():
    policy = AgencyPolicy(new_adult_dbs_within="P5D")
    found = by_key(outcomes("CR-HH-003", date(2026, 3, 8), policy=policy, households=[household()], members=[LODGER]))
    assert found["dbs"].due == date(2026, 3, 7) and found["dbs"].state == State.OVERDUE


def test_CR_HH_003_a_child_moving_in_is_not_a_new_adult():
    baby = member(id=24, born=date(2026, 3, 1), relationship="carers_child")
    assert outcomes("CR-HH-003", date(2026, 6, 1), households=[household()], members=[baby]) == []


# CR-HH-004 DBS renewal ---------------------------------------------------------------------------

@pytest.mark.parametrize("as_of, state", [
    (date(2026, 1, 29), State.MET), (date(2026, 1, 30), State.DUE_SOON),
    (date(2026, 3, 1), State.DUE_SOON), (date(2026, 3, 2), State.OVERDUE),
])
def test_CR_HH_004_renewal_three_years_after_the_last_dbs(as_of, state):
    c = carer()
    [found] = outcomes("CR-HH-004", as_of, households=[household()], carers=[c],
                       checks=[check(1, c, completed=date(2023, 3, 1))])
    assert found.state == state and found.due == date(2026, 3, 1)


@pytest.mark.parametrize("as_of, state", [(date(2027, 2, 28), State.DUE_SOON), (date(2027, 3, 1), State.OVERDUE)])
def test_CR_HH_004_a_dbs_on_29_february_renews_on_28_february(as_of, state):
    c = carer()
    [found] = outcomes("CR-HH-004", as_of, households=[household()], carers=[c],
                       checks=[check(1, c, completed=date(2024, 2, 29))])
    assert (found.due, found.state) == (date(2027, 2, 28), state)


def test_CR_HH_004_update_service_status_checks_keep_an_old_certificate_current():
    c = carer()
    dbs = check(1, c, completed=date(2020, 5, 1), update_service_subscribed=True)
    status = check(2, c, kind="dbs_update_service", completed=date(2025, 11, 1))
    [met] = outcomes("CR-HH-004", date(2026, 6, 1), households=[household()], carers=[c], checks=[dbs, status])
    [gap] = outcomes("CR-HH-004", date(2026, 6, 1), households=[household()], carers=[c], checks=[dbs])
    assert (met.state, met.due) == (State.MET, date(2026, 11, 1))
    assert gap.state == State.OVERDUE


def test_CR_HH_004_adults_at_approval_without_a_dbs_are_missing_new_adults_are_left_to_002_and_003():
    at_approval, new_adult, child = member(id=21), replace(LODGER, id=22), member(id=23, born=date(2015, 1, 1))
    found = outcomes("CR-HH-004", date(2026, 6, 1), households=[household()], members=[at_approval, new_adult, child])
    assert [(o.subject.id, o.state) for o in found] == [(21, State.MISSING)]


def test_CR_HH_004_reads_the_policy_interval():
    c = carer()
    [found] = outcomes("CR-HH-004", date(2026, 6, 1), policy=AgencyPolicy(dbs_renewal="P2Y"), households=[household()],
                       carers=[c], checks=[check(1, c, completed=date(2024, 5, 1))])
    assert (found.due, found.state) == (date(2026, 5, 1), State.OVERDUE)


# CR-HH-005 Disqualification screen ---------------------------------------------------------------

def disclosed(person, **changes):
    return check(1, person, completed=date(2026, 2, 1), outcome="information_disclosed", **changes)


def test_CR_HH_005_a_clear_dbs_needs_no_screen_a_screened_disclosure_is_met():
    c = carer()
    assert outcomes("CR-HH-005", date(2026, 3, 1), households=[household()], carers=[c],
                    checks=[check(1, c, completed=date(2026, 2, 1))]) == []
    screened = disclosed(c, disqualification_screen="not_disqualified", disqualification_screened_date=date(2026, 2, 3))
    assert states("CR-HH-005", date(2026, 3, 1), households=[household()], carers=[c], checks=[screened]) == [State.MET]


@pytest.mark.parametrize("as_of, state", [(date(2026, 2, 1), State.DUE_SOON), (date(2026, 2, 2), State.OVERDUE)])
def test_CR_HH_005_an_unscreened_disclosure_is_due_at_once_when_approved(as_of, state):
    c = carer()
    [found] = outcomes("CR-HH-005", as_of, households=[household()], carers=[c], checks=[disclosed(c)])
    assert found.state == state and found.subject.url == "/records/checks/1/"


def test_CR_HH_005_for_an_applicant_it_is_due_by_panel_and_disqualified_is_always_a_gap():
    c = carer()
    [pending] = outcomes("CR-HH-005", date(2026, 3, 1), households=[applicant()], carers=[c], checks=[disclosed(c)])
    assert (pending.due, pending.state) == (date(2026, 6, 10), State.MET)
    barred = disclosed(c, disqualification_screen="disqualified", disqualification_screened_date=date(2026, 2, 5))
    [found] = outcomes("CR-HH-005", date(2026, 3, 1), households=[applicant()], carers=[c], checks=[barred])
    assert found.state == State.OVERDUE and "disqualifying" in found.detail


# CR-HH-006 Medical at assessment -----------------------------------------------------------------

@pytest.mark.parametrize("as_of, state", [(date(2026, 6, 10), State.DUE_SOON), (date(2026, 6, 11), State.OVERDUE)])
def test_CR_HH_006_a_missing_medical_is_due_on_the_panel_date(as_of, state):
    assert states("CR-HH-006", as_of, households=[applicant()], carers=[carer()]) == [state]


def test_CR_HH_006_a_medical_on_file_is_met():
    c = carer()
    assert states("CR-HH-006", date(2026, 7, 1), households=[applicant()], carers=[c],
                  checks=[check(1, c, kind="medical", completed=date(2026, 3, 1))]) == [State.MET]


# CR-HH-007 Medical update ------------------------------------------------------------------------

@pytest.mark.parametrize("as_of, state", [
    (date(2026, 5, 15), State.MET), (date(2026, 5, 16), State.DUE_SOON),
    (date(2026, 6, 15), State.DUE_SOON), (date(2026, 6, 16), State.OVERDUE),
])
def test_CR_HH_007_medical_renewed_every_three_years(as_of, state):
    c = carer()
    assert states("CR-HH-007", as_of, households=[household()], carers=[c],
                  checks=[check(1, c, kind="medical", completed=date(2023, 6, 15))]) == [state]


def test_CR_HH_007_no_medical_is_missing_and_the_interval_is_policy():
    c = carer()
    assert states("CR-HH-007", date(2026, 1, 1), households=[household()], carers=[c]) == [State.MISSING]
    [found] = outcomes("CR-HH-007", date(2026, 1, 1), policy=AgencyPolicy(medical_renewal="P2Y"),
                       households=[household()], carers=[c],
                       checks=[check(1, c, kind="medical", completed=date(2024, 1, 1))])
    assert (found.due, found.state) == (date(2026, 1, 1), State.DUE_SOON)


# CR-HH-008 Two personal references ---------------------------------------------------------------

def references(person, n):
    return [check(i, person, kind="reference_personal", completed=date(2026, 3, i)) for i in range(1, n + 1)]


def test_CR_HH_008_two_references_are_met_one_is_a_gap_by_panel():
    c = carer()
    assert states("CR-HH-008", date(2026, 7, 1), households=[applicant()], carers=[c],
                  checks=references(c, 2)) == [State.MET]
    [found] = outcomes("CR-HH-008", date(2026, 6, 11), households=[applicant()], carers=[c], checks=references(c, 1))
    assert found.state == State.OVERDUE and "1 of 2" in found.detail
    assert states("CR-HH-008", date(2026, 6, 10), households=[applicant()], carers=[c],
                  checks=references(c, 1)) == [State.DUE_SOON]


@pytest.mark.parametrize("ended, state", [(date(2025, 1, 5), State.MET), (date(2025, 1, 4), State.OVERDUE)])
def test_CR_HH_008_a_previous_providers_reference_within_12_months_stands_in(ended, state):
    c = carer(previous_fostering_provider="Northern Fostering", previous_approval_ended_date=ended)
    ref = check(1, c, kind="reference_previous_provider", completed=date(2026, 2, 1))
    assert states("CR-HH-008", date(2026, 6, 11), households=[applicant()], carers=[c], checks=[ref]) == [state]


# CR-HH-009 Previous provider -------------------------------------------------------------------

def test_CR_HH_009_a_recent_previous_provider_must_be_asked_for_a_reference():
    c = carer(previous_fostering_provider="Northern Fostering", previous_approval_ended_date=date(2025, 6, 1))
    [gap] = outcomes("CR-HH-009", date(2026, 6, 11), households=[applicant()], carers=[c])
    asked = check(1, c, kind="reference_previous_provider", requested_date=date(2026, 2, 1), outcome="pending")
    [met] = outcomes("CR-HH-009", date(2026, 6, 11), households=[applicant()], carers=[c], checks=[asked])
    assert (gap.key, gap.state, met.state) == ("reference", State.OVERDUE, State.MET)


def test_CR_HH_009_a_provider_left_over_12_months_before_applying_needs_no_reference():
    c = carer(previous_fostering_provider="Northern Fostering", previous_approval_ended_date=date(2025, 1, 4))
    assert outcomes("CR-HH-009", date(2026, 6, 11), households=[applicant()], carers=[c]) == []


@pytest.mark.parametrize("as_of, state", [(date(2027, 1, 14), State.DUE_SOON), (date(2027, 1, 15), State.OVERDUE)])
def test_CR_HH_009_records_asked_for_are_due_in_15_working_days_over_christmas(as_of, state):
    # Requested Mon 21 Dec 2026: 25, 28 Dec (Boxing Day substitute) and 1 Jan are bank holidays.
    h = household(status="deregistered", records_requested_date=date(2026, 12, 21))
    [found] = outcomes("CR-HH-009", as_of, households=[h])
    assert (found.key, found.due, found.state) == ("records", date(2027, 1, 14), state)
    provided = replace(h, records_provided_date=date(2027, 1, 10))
    assert states("CR-HH-009", as_of, households=[provided]) == [State.MET]


# CR-HH-010 Local authority consulted -------------------------------------------------------------

def test_CR_HH_010_local_authority_check_before_panel():
    c = carer()
    la = check(1, c, kind="local_authority", completed=date(2026, 2, 1))
    assert states("CR-HH-010", date(2026, 6, 11), households=[applicant()], carers=[c], checks=[la]) == [State.MET]
    assert states("CR-HH-010", date(2026, 6, 10), households=[applicant()], carers=[c]) == [State.DUE_SOON]
    assert states("CR-HH-010", date(2026, 6, 11), households=[applicant()], carers=[c]) == [State.OVERDUE]


# CR-HH-011 Other background checks ---------------------------------------------------------------

def test_CR_HH_011_children_in_the_home_need_a_health_visitor_or_school_check():
    c, child = carer(), member(id=21, born=date(2016, 1, 1), relationship="carers_child")
    [gap] = outcomes("CR-HH-011", date(2026, 6, 11), households=[applicant()], carers=[c], members=[child])
    done = check(1, c, kind="health_visitor_school", completed=date(2026, 3, 1))
    [met] = outcomes("CR-HH-011", date(2026, 6, 11), households=[applicant()], carers=[c], members=[child],
                     checks=[done])
    assert (gap.state, met.state) == (State.OVERDUE, State.MET)


def test_CR_HH_011_no_children_or_one_who_is_18_by_panel_means_no_check():
    turning_18 = member(id=21, born=date(2008, 6, 10), relationship="carers_child")
    assert outcomes("CR-HH-011", date(2026, 5, 1), households=[applicant()], carers=[carer()]) == []
    assert outcomes("CR-HH-011", date(2026, 5, 1), households=[applicant()], members=[turning_18]) == []


# CR-HH-012 Stage 1 and report before panel -------------------------------------------------------

def test_CR_HH_012_stage_one_and_report_shared_before_panel():
    ready = applicant(stage_one_completed_date=date(2026, 3, 1), assessment_report_shared_date=date(2026, 5, 20))
    assert states("CR-HH-012", date(2026, 6, 11), households=[ready]) == [State.MET, State.MET]
    found = by_key(outcomes("CR-HH-012", date(2026, 6, 10), households=[applicant()]))
    assert found["stage_one"].state == found["report_shared"].state == State.DUE_SOON
    assert states("CR-HH-012", date(2026, 6, 11), households=[applicant()]) == [State.OVERDUE, State.OVERDUE]


# CR-HH-013 Assessment within eight months --------------------------------------------------------

@pytest.mark.parametrize("panel, as_of, state", [
    (date(2026, 9, 30), date(2026, 10, 5), State.MET),  # booked on the last day allowed
    (None, date(2026, 8, 30), State.MET), (None, date(2026, 8, 31), State.DUE_SOON),
    (date(2026, 10, 1), date(2026, 9, 30), State.DUE_SOON), (date(2026, 10, 1), date(2026, 10, 1), State.OVERDUE),
])
def test_CR_HH_013_panel_within_eight_months_of_31_january_is_by_30_september(panel, as_of, state):
    h = applicant(application_date=date(2026, 1, 31), panel_date=panel)
    [found] = outcomes("CR-HH-013", as_of, households=[h])
    assert (found.due, found.state) == (date(2026, 9, 30), state)


# CR-HH-014 Foster care agreement ----------------------------------------------------------------

@pytest.mark.parametrize("as_of, state", [(date(2026, 3, 12), State.DUE_SOON), (date(2026, 3, 13), State.OVERDUE)])
def test_CR_HH_014_agreement_within_10_days_of_approval(as_of, state):
    h = household(approval_date=date(2026, 3, 2), foster_care_agreement_date=None)
    assert states("CR-HH-014", as_of, households=[h]) == [state]
    assert states("CR-HH-014", as_of, households=[replace(h, foster_care_agreement_date=date(2026, 3, 4))]) \
        == [State.MET]


# CR-HH-015 Annual review ----------------------------------------------------------------------

@pytest.mark.parametrize("as_of, state", [(date(2026, 3, 10), State.DUE_SOON), (date(2026, 3, 11), State.OVERDUE)])
def test_CR_HH_015_first_review_exactly_12_months_after_approval(as_of, state):
    h = household(approval_date=date(2025, 3, 10))
    [found] = outcomes("CR-HH-015", as_of, households=[h])
    assert (found.due, found.state) == (date(2026, 3, 10), state)


def test_CR_HH_015_measured_from_the_last_review_meeting():
    found = outcomes("CR-HH-015", date(2026, 6, 1), households=[household()],
                     reviews=[review(id=1, on=date(2024, 1, 5)), review(id=2, on=date(2026, 2, 1))])
    assert [(o.due, o.state) for o in found] == [(date(2027, 2, 1), State.MET)]


@pytest.mark.parametrize("as_of, state", [(date(2025, 2, 28), State.DUE_SOON), (date(2025, 3, 1), State.OVERDUE)])
def test_CR_HH_015_a_review_on_29_february_is_next_due_on_28_february(as_of, state):
    [found] = outcomes("CR-HH-015", as_of, households=[household()], reviews=[review(on=date(2024, 2, 29))])
    assert (found.due, found.state) == (date(2025, 2, 28), state)


# CR-HH-016 First review to panel ---------------------------------------------------------------

def test_CR_HH_016_first_review_to_panel():
    first = review(id=1, on=date(2021, 1, 5), is_first_review=True)
    later = review(id=2, on=date(2022, 1, 5), went_to_panel=False)
    assert states("CR-HH-016", date(2026, 1, 1), households=[household()], reviews=[first, later]) == [State.MET]
    decided = replace(first, went_to_panel=False)
    [gap] = outcomes("CR-HH-016", date(2026, 1, 1), households=[household()], reviews=[decided, later])
    assert (gap.state, gap.due, gap.subject.url) == (State.OVERDUE, date(2021, 1, 5), "/records/reviews/1/")
    awaiting = replace(first, went_to_panel=False, outcome="pending")
    assert states("CR-HH-016", date(2026, 1, 1), households=[household()], reviews=[awaiting]) == [State.MET]
    assert outcomes("CR-HH-016", date(2026, 1, 1), households=[household()]) == []


# CR-HH-017 Review consultation -----------------------------------------------------------------

def test_CR_HH_017_latest_review_holds_every_view_and_the_report():
    found = outcomes("CR-HH-017", date(2026, 1, 1), households=[household()], reviews=[review()],
                     placements=[placement()])
    assert [o.state for o in found] == [State.MET]


def test_CR_HH_017_missing_childrens_views_when_a_child_was_placed_is_a_gap():
    thin = review(children_views_recorded=False, report_completed_date=None)
    [found] = outcomes("CR-HH-017", date(2025, 11, 2), households=[household()], reviews=[thin],
                       placements=[placement()])
    assert found.state == State.OVERDUE
    assert "children's views" in found.detail and "review report" in found.detail


@pytest.mark.parametrize("ended, needed", [(date(2024, 11, 1), True), (date(2024, 10, 31), False)])
def test_CR_HH_017_only_placements_in_the_12_months_before_the_review_count(ended, needed):
    old = placement(start=date(2023, 1, 1), end_date=ended)
    thin = review(children_views_recorded=False, placing_authority_views_recorded=False)
    [found] = outcomes("CR-HH-017", date(2026, 1, 1), households=[household()], reviews=[thin], placements=[old])
    assert (found.state == State.OVERDUE) is needed


# CR-HH-018 Review after a significant event ----------------------------------------------------

def concluded(on=date(2026, 12, 10)):
    return AllegationFact(id=60, household_id=1, received_date=date(2026, 10, 1), outcome="unsubstantiated",
                          closed_date=on)


@pytest.mark.parametrize("as_of, state", [
    (date(2026, 12, 23), State.DUE_SOON), (date(2027, 1, 22), State.DUE_SOON), (date(2027, 1, 23), State.OVERDUE),
])
def test_CR_HH_018_28_working_days_across_christmas_2026(as_of, state):
    # 10 Dec 2026 + 28 working days, skipping 25 Dec, 28 Dec (Boxing Day substitute) and 1 Jan: 22 Jan 2027.
    [found] = outcomes("CR-HH-018", as_of, households=[household()], allegations=[concluded()])
    assert (found.key, found.due, found.state) == ("allegation:60", date(2027, 1, 22), state)


def test_CR_HH_018_a_review_since_the_event_is_met_and_an_adult_leaving_is_a_trigger():
    left = member(id=21, moved_out_date=date(2026, 3, 2))
    child_left = member(id=22, born=date(2015, 1, 1), moved_out_date=date(2026, 3, 2))
    found = outcomes("CR-HH-018", date(2027, 2, 1), households=[household()], members=[left, child_left],
                     allegations=[concluded()], reviews=[review(on=date(2027, 1, 5))])
    assert [(o.key, o.state) for o in found] == [("allegation:60", State.MET), ("member_left:21", State.MET)]


def test_CR_HH_018_reads_the_policy_period():
    [found] = outcomes("CR-HH-018", date(2026, 12, 20), policy=AgencyPolicy(ad_hoc_review_within="5WD"),
                       households=[household()], allegations=[concluded()])
    assert found.due == date(2026, 12, 17) and found.state == State.OVERDUE


# CR-HH-019 TSD standards ---------------------------------------------------------------------------

@pytest.mark.parametrize("as_of, state", [(date(2026, 4, 30), State.DUE_SOON), (date(2026, 5, 1), State.OVERDUE)])
def test_CR_HH_019_mainstream_carers_finish_tsd_within_12_months(as_of, state):
    h = household(approval_date=date(2025, 4, 30))
    assert states("CR-HH-019", as_of, households=[h], carers=[carer()]) == [state]
    assert states("CR-HH-019", as_of, households=[h], carers=[carer(tsd_completed_date=date(2026, 1, 1))]) \
        == [State.MET]


def test_CR_HH_019_family_and_friends_carers_have_18_months():
    h = household(approval_date=date(2025, 4, 30), approval_category="connected")
    [found] = outcomes("CR-HH-019", date(2026, 5, 1), households=[h], carers=[carer()])
    assert (found.due, found.state) == (date(2026, 10, 30), State.MET)


# CR-HH-020 Induction and development plan --------------------------------------------------------

@pytest.mark.parametrize("as_of, state", [(date(2026, 4, 30), State.DUE_SOON), (date(2026, 5, 1), State.OVERDUE)])
def test_CR_HH_020_induction_within_three_months_of_approval_on_31_january(as_of, state):
    h = household(approval_date=date(2026, 1, 31))
    found = by_key(outcomes("CR-HH-020", as_of, households=[h], carers=[carer()]))
    assert (found["induction"].due, found["induction"].state) == (date(2026, 4, 30), state)


def test_CR_HH_020_development_plan_reviewed_yearly():
    c = carer(induction_completed_date=date(2020, 2, 1), pdp_reviewed_date=date(2025, 6, 1))
    met = by_key(outcomes("CR-HH-020", date(2026, 5, 1), households=[household()], carers=[c]))
    gap = by_key(outcomes("CR-HH-020", date(2026, 6, 2), households=[household()], carers=[c]))
    assert (met["induction"].state, met["pdp"].state, gap["pdp"].state) == (State.MET, State.MET, State.OVERDUE)


# CR-HH-021 Mandatory training ----------------------------------------------------------------------

def test_CR_HH_021_each_policy_course_is_renewed_on_its_own_period():
    c = carer()
    training = [TrainingFact(c.id, "safeguarding", date(2023, 7, 1)), TrainingFact(c.id, "first_aid", date(2025, 1, 1))]
    found = by_key(outcomes("CR-HH-021", date(2026, 7, 2), households=[household()], carers=[c], training=training))
    assert (found["safeguarding"].state, found["first_aid"].state) == (State.OVERDUE, State.MET)
    on_the_day = by_key(outcomes("CR-HH-021", date(2026, 7, 1), households=[household()], carers=[c],
                                 training=training))
    assert on_the_day["safeguarding"].state == State.DUE_SOON


def test_CR_HH_021_a_course_never_done_is_due_by_the_end_of_the_first_year():
    h = household(approval_date=date(2026, 1, 10))
    found = by_key(outcomes("CR-HH-021", date(2027, 1, 11), households=[h], carers=[carer()]))
    assert found["first_aid"].due == date(2027, 1, 10) and found["first_aid"].state == State.OVERDUE


def test_CR_HH_021_the_course_list_is_policy():
    policy = AgencyPolicy(mandatory_courses={"medication": "P2Y"})
    found = outcomes("CR-HH-021", date(2026, 7, 2), policy=policy, households=[household()], carers=[carer()])
    assert [o.key for o in found] == ["medication"]


# CR-HH-022 Named social worker ------------------------------------------------------------------

@pytest.mark.parametrize("changes, state", [
    ({}, State.MET), ({"ssw_end_date": date(2026, 5, 1)}, State.MET),  # leaves today: still in post
    ({"ssw_id": None, "ssw_name": ""}, State.MISSING), ({"ssw_end_date": date(2026, 4, 30)}, State.MISSING),
    ({"ssw_registration_number": ""}, State.MISSING),
])
def test_CR_HH_022_a_registered_social_worker_in_post(changes, state):
    assert states("CR-HH-022", date(2026, 5, 1), households=[household(**changes)]) == [state]


# CR-HH-023 Supervision visits --------------------------------------------------------------------

@pytest.mark.parametrize("as_of, state", [(date(2026, 2, 28), State.DUE_SOON), (date(2026, 3, 1), State.OVERDUE)])
def test_CR_HH_023_monthly_when_a_child_is_placed(as_of, state):
    h = household(last_supervision_visit=date(2026, 1, 31))
    [found] = outcomes("CR-HH-023", as_of, households=[h], placements=[placement()])
    assert (found.due, found.state) == (date(2026, 2, 28), state)


def test_CR_HH_023_every_two_months_without_a_child():
    h = household(last_supervision_visit=date(2026, 1, 31))
    ended = placement(end_date=date(2026, 1, 20))
    # Due 31 March (59 days); a renewal warns in the last quarter of its interval: 14 days.
    found = outcomes("CR-HH-023", date(2026, 3, 17), households=[h], placements=[ended])
    assert [(o.due, o.state) for o in found] == [(date(2026, 3, 31), State.DUE_SOON)]
    assert states("CR-HH-023", date(2026, 3, 16), households=[h], placements=[ended]) == [State.MET]
    assert states("CR-HH-023", date(2026, 2, 28), households=[h]) == [State.MET]


# CR-HH-024 / 025 Unannounced visits -------------------------------------------------------------

@pytest.mark.parametrize("rule_id, field", [("CR-HH-024", "last_unannounced_visit"),
                                            ("CR-HH-025", "last_home_safety_check")])
@pytest.mark.parametrize("as_of, state", [
    (date(2026, 5, 10), State.MET), (date(2026, 5, 11), State.DUE_SOON),
    (date(2026, 6, 10), State.DUE_SOON), (date(2026, 6, 11), State.OVERDUE),
])
def test_CR_HH_024_and_CR_HH_025_unannounced_visit_and_home_safety_every_12_months(rule_id, field, as_of, state):
    h = household(**{field: date(2025, 6, 10)})
    assert states(rule_id, as_of, households=[h]) == [state]


def test_CR_HH_024_a_new_household_has_12_months_for_its_first():
    h = household(approval_date=date(2025, 9, 1))
    assert [(o.due, o.state) for o in outcomes("CR-HH-024", date(2026, 9, 2), households=[h])] == \
        [(date(2026, 9, 1), State.OVERDUE)]


def test_CR_HH_025_a_visit_without_the_safety_check_does_not_count():
    h = household(last_unannounced_visit=date(2026, 1, 1), last_home_safety_check=None)
    assert states("CR-HH-025", date(2026, 6, 1), households=[h]) == [State.OVERDUE]


# CR-HH-026 Usual fostering limit ----------------------------------------------------------------

FOUR = [placement(id=30 + i, start=date(2026, 1, 1 + i)) for i in range(4)]


def test_CR_HH_026_three_children_are_within_the_limit_four_need_an_exemption():
    h = household(approved_places=4)
    assert states("CR-HH-026", date(2026, 2, 1), households=[h], placements=FOUR[:3]) == [State.MET]
    [gap] = outcomes("CR-HH-026", date(2026, 2, 1), households=[h], placements=FOUR)
    assert (gap.state, gap.due) == (State.OVERDUE, date(2026, 1, 4))


def test_CR_HH_026_a_placement_ending_today_no_longer_counts():
    ending = [*FOUR[:3], replace(FOUR[3], end_date=date(2026, 2, 1))]
    assert states("CR-HH-026", date(2026, 2, 1), households=[household()], placements=ending) == [State.MET]


@pytest.mark.parametrize("changes, state", [
    ({"children_placed_are_siblings": True}, State.MET),
    ({"fostering_limit_exemption_until": date(2026, 12, 31)}, State.MET),
    ({"fostering_limit_exemption_until": date(2026, 2, 1)}, State.DUE_SOON),  # last day of the exemption
    ({"fostering_limit_exemption_until": date(2026, 1, 31)}, State.OVERDUE),
])
def test_CR_HH_026_siblings_or_a_current_exemption(changes, state):
    assert states("CR-HH-026", date(2026, 2, 1), households=[household(**changes)], placements=FOUR) == [state]


# CR-HH-027 Placement within terms ----------------------------------------------------------------

def test_CR_HH_027_a_placement_within_terms_is_met():
    assert states("CR-HH-027", date(2026, 1, 1), households=[household()], placements=[placement()]) == [State.MET]


@pytest.mark.parametrize("as_of, state", [(date(2027, 1, 4), State.DUE_SOON), (date(2027, 1, 5), State.OVERDUE)])
def test_CR_HH_027_outside_terms_must_be_regularised_within_6_working_days_over_christmas(as_of, state):
    emergency = placement(start=date(2026, 12, 22), placement_type="emergency")
    [found] = outcomes("CR-HH-027", as_of, households=[household()], placements=[emergency])
    assert (found.due, found.state) == (date(2027, 1, 4), state) and "emergency" in found.detail


def test_CR_HH_027_number_and_age_outside_terms():
    h = household(approved_places=1, age_range_min=5, age_range_max=11)
    first, second = placement(id=1, born=date(2016, 1, 1)), placement(id=2, start=date(2025, 7, 1),
                                                                       born=date(2013, 1, 1))
    found = outcomes("CR-HH-027", date(2026, 1, 1), households=[h], placements=[first, second])
    assert [o.state for o in found] == [State.MET, State.OVERDUE]
    assert "more than 1 approved places" in found[1].detail and "aged 13" in found[1].detail


def test_CR_HH_027_age_is_checked_today_a_child_who_has_grown_into_the_terms_is_within_them():
    h = household(age_range_min=11, age_range_max=18)
    placed_at_10 = placement(start=date(2024, 6, 1), born=date(2014, 1, 1))  # 12 on 1 January 2026
    assert states("CR-HH-027", date(2026, 1, 1), households=[h], placements=[placed_at_10]) == [State.MET]


@pytest.mark.parametrize("as_of, state", [(date(2026, 1, 9), State.DUE_SOON), (date(2026, 1, 12), State.OVERDUE)])
def test_CR_HH_027_ageing_past_the_terms_gives_6_working_days_from_the_birthday(as_of, state):
    # Turns 12 on Thu 1 Jan 2026 (a bank holiday) in a household approved for 0-11: due Fri 9 Jan 2026.
    h = household(age_range_min=0, age_range_max=11)
    growing = placement(start=date(2022, 6, 1), born=date(2014, 1, 1))
    [found] = outcomes("CR-HH-027", as_of, households=[h], placements=[growing])
    assert (found.due, found.state) == (date(2026, 1, 9), state)


# CR-HH-029 Safer-care plan ------------------------------------------------------------------------

@pytest.mark.parametrize("as_of, state", [(date(2026, 5, 20), State.DUE_SOON), (date(2026, 5, 21), State.OVERDUE)])
def test_CR_HH_029_safer_care_plan_reviewed_yearly(as_of, state):
    assert states("CR-HH-029", as_of, households=[household(safer_care_plan_reviewed_date=date(2025, 5, 20))]) \
        == [state]
    reviewed = household(safer_care_plan_reviewed_date=date(2025, 5, 20))
    assert states("CR-HH-029", date(2026, 1, 1), households=[reviewed]) == [State.MET]


def test_CR_HH_029_never_reviewed_is_overdue_from_approval():
    assert states("CR-HH-029", date(2026, 1, 1), households=[household()]) == [State.OVERDUE]


# CR-HH-030 Register complete ----------------------------------------------------------------------

def test_CR_HH_030_register_complete_or_what_it_lacks():
    assert states("CR-HH-030", date(2026, 1, 1), households=[household()], carers=[carer()]) == [State.MET]
    [found] = outcomes("CR-HH-030", date(2026, 1, 1), households=[household(placement_types=(), postcode="")],
                       carers=[carer(sex="")])
    assert found.state == State.MISSING
    assert found.detail == "Register lacks sex of Ann Fenwick, address, placement types"
    assert "a carer" in outcomes("CR-HH-030", date(2026, 1, 1), households=[household()])[0].detail


# CR-HH-031 Ending recorded ------------------------------------------------------------------------

ENDED = household(status="resigned", resignation_notice_date=date(2024, 1, 31), deregistration_date=date(2024, 2, 29),
                  approval_end_reasons="Retired.", records_retain_until=date(2034, 2, 28))


def test_CR_HH_031_ending_recorded_with_ten_years_retention_from_29_february():
    assert states("CR-HH-031", date(2024, 3, 1), households=[ENDED]) == [State.MET]
    too_short = replace(ENDED, records_retain_until=date(2034, 2, 27))
    [short] = outcomes("CR-HH-031", date(2024, 3, 1), households=[too_short])
    assert short.state == State.OVERDUE and "28 Feb 2034" in short.detail


@pytest.mark.parametrize("as_of, state", [(date(2024, 2, 29), State.DUE_SOON), (date(2024, 3, 1), State.OVERDUE)])
def test_CR_HH_031_missing_reasons_are_due_when_approval_ends(as_of, state):
    [found] = outcomes("CR-HH-031", as_of, households=[replace(ENDED, approval_end_reasons="")])
    assert found.state == state and "reasons" in found.detail


def test_CR_HH_031_a_deregistered_household_needs_no_resignation_notice():
    terminated = replace(ENDED, status="deregistered", resignation_notice_date=None)
    assert states("CR-HH-031", date(2024, 3, 1), households=[terminated]) == [State.MET]


# CR-HH-032 Review after the first placement -------------------------------------------------------

def test_CR_HH_032_only_when_the_policy_asks():
    assert outcomes("CR-HH-032", date(2026, 6, 1), households=[household()], placements=[placement()]) == []


@pytest.mark.parametrize("as_of, state", [(date(2026, 4, 30), State.DUE_SOON), (date(2026, 5, 1), State.OVERDUE)])
def test_CR_HH_032_review_within_three_months_of_the_first_placement(as_of, state):
    policy = AgencyPolicy(post_first_placement_review=True)
    first = placement(start=date(2026, 1, 31))
    assert states("CR-HH-032", as_of, policy=policy, households=[household()], placements=[first]) == [state]
    assert states("CR-HH-032", as_of, policy=policy, households=[household()], placements=[first],
                  reviews=[review(on=date(2026, 3, 1))]) == [State.MET]


def test_CR_HH_032_the_window_comes_from_the_agency_policy():
    policy = AgencyPolicy(post_first_placement_review=True, post_first_placement_review_within="P6M")
    [found] = outcomes("CR-HH-032", date(2026, 5, 1), policy=policy, households=[household()],
                       placements=[placement(start=date(2026, 1, 31))])
    assert found.state == State.MET and found.due == date(2026, 7, 31)


# Who the rules apply to -------------------------------------------------------------------------------

def test_enquiries_and_ended_households_only_meet_the_rules_meant_for_them():
    enquiry = household(id=2, status="enquiry", approval_date=None)
    ended = replace(ENDED, id=3)
    facts = Facts.of(households=HouseholdFacts(households=(enquiry, ended)))
    ctx = Context(as_of=date(2026, 1, 1), policy=AgencyPolicy())
    applied = {r.id for r in all_rules() if r.id.startswith("CR-HH") and list(r.evaluate(facts, ctx))}
    assert applied == {"CR-HH-031"}
