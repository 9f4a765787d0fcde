"""The children and placements rules (compliance/rules/children.py), one group of tests per rule id.

Pure: facts are built in memory and the policy is an unsaved AgencyPolicy() (its defaults). Due on
the day itself is DUE_SOON; the day after is OVERDUE. A document received or given after its deadline
is MET, with a detail that starts "Late: " and says how late.

Working days over Christmas 2026, counted by hand (the day of placement never counts): Fri 25 Dec is
Christmas Day, Sat 26 Boxing Day with Mon 28 Dec its substitute, Fri 1 Jan 2027 New Year's Day. From
Wednesday 23 December 2026:
  Thu 24 Dec = 1, Tue 29 = 2, Wed 30 = 3, Thu 31 = 4, Mon 4 Jan = 5,
  Tue 5 = 6, Wed 6 = 7, Thu 7 = 8, Fri 8 = 9, Mon 11 Jan = 10.
"""

from dataclasses import replace
from datetime import date

from compliance.catalogue.loader import catalogue_index
from compliance.engine import Context, State
from compliance.facts import Facts
from compliance.facts.children import ChildFact, ChildrenFacts, PlacementFact
from compliance.models import AgencyPolicy
from compliance.registry import Area, all_rules, get_rule

XMAS_START = date(2026, 12, 23)  # a Wednesday


def child(id=1, born=date(2015, 6, 1), **changes):
    base = ChildFact(id=id, label=f"Child {id} (C-{id:04d})", url=f"/records/children/{id}/", date_of_birth=born,
                     placing_authority="Northshire", legal_status="s31", gp_registered=True, dentist_registered=True,
                     last_health_assessment_date=None, views_last_recorded_date=None)
    return replace(base, **changes)


def placement(id=10, start=XMAS_START, the_child=None, **changes):
    """A current placement with the Fenwick household, nothing yet received."""
    base = PlacementFact(id=id, url=f"/records/placements/{id}/", child=the_child or child(), household_id=5,
                         household_name="Fenwick household", start_date=start, social_worker_id=7,
                         household_address="1 High Street, AB1 2CD", previous_address="4 Mill Lane, AB3 4EF")
    return replace(base, **changes)


def outcomes(rule_id, as_of, *placements, policy=None):
    facts = Facts.of(children=ChildrenFacts(placements=tuple(placements)))
    return list(get_rule(rule_id).evaluate(facts, Context(as_of=as_of, policy=policy or AgencyPolicy())))


def only(rule_id, as_of, *placements, **kwargs):
    found = outcomes(rule_id, as_of, *placements, **kwargs)
    assert len(found) == 1, found
    return found[0]


def by_key(found):
    return {o.key: o for o in found}


def test_children_rules_are_registered_except_CR_PL_006():
    ids = {r.id for r in all_rules() if r.id.startswith("CR-PL-")}
    assert ids == {f"CR-PL-{n:03d}" for n in (1, 2, 3, 4, 5, 7, 8)}
    assert all(r.area == Area.CHILDREN for r in all_rules() if r.id in ids)
    assert all(clause in catalogue_index() for r in all_rules() if r.id in ids for clause in r.clauses)


def test_subjects_carry_the_record_page_household_and_social_worker():
    outcome = only("CR-PL-001", XMAS_START, placement())
    assert outcome.subject.url == "/records/placements/10/"
    assert (outcome.subject.household_id, outcome.subject.social_worker_id) == (5, 7)
    health = outcomes("CR-PL-007", XMAS_START, placement())[0]
    assert health.subject.kind == "resident" and health.subject.url == "/records/children/1/"


# CR-PL-001 placement plan within 5 working days -------------------------------------------------

def test_CR_PL_001_plan_received_in_time_is_met():
    outcome = only("CR-PL-001", date(2027, 2, 1), placement(placement_plan_received_date=date(2026, 12, 24)))
    assert outcome.state == State.MET and "after the deadline" not in outcome.detail


def test_CR_PL_001_christmas_placement_plan_due_monday_4_january_2027():
    start = placement()
    on_deadline = only("CR-PL-001", date(2027, 1, 4), start)
    assert on_deadline.due == date(2027, 1, 4)
    assert on_deadline.state == State.DUE_SOON
    assert only("CR-PL-001", date(2027, 1, 5), start).state == State.OVERDUE


def test_CR_PL_001_overdue_plan_says_whether_it_was_chased():
    assert "not chased" in only("CR-PL-001", date(2027, 1, 5), placement()).detail
    chased = only("CR-PL-001", date(2027, 1, 5), placement(placement_plan_chased_date=date(2027, 1, 5)))
    assert chased.state == State.OVERDUE and "chased 05 Jan 2027" in chased.detail


def test_CR_PL_001_plan_received_late_is_met_but_says_so():
    # The placing authority was late, not the agency: noted, not a gap.
    on_last_day = only("CR-PL-001", date(2027, 2, 1), placement(placement_plan_received_date=date(2027, 1, 4)))
    late = only("CR-PL-001", date(2027, 2, 1), placement(placement_plan_received_date=date(2027, 1, 5)))
    assert on_last_day.state == late.state == State.MET
    assert "after the deadline" not in on_last_day.detail
    assert "after the deadline of 04 Jan 2027" in late.detail
    assert on_last_day.detail == "Placement plan received 04 Jan 2027"
    assert late.detail == "Late: Placement plan received 05 Jan 2027, 1 day after the deadline of 04 Jan 2027"


def test_CR_PL_001_ended_and_future_placements_are_not_checked():
    ended = placement(end_date=date(2027, 1, 2))
    future = placement(id=11, start=date(2027, 3, 1))
    assert outcomes("CR-PL-001", date(2027, 1, 5), ended, future) == []


# CR-PL-002 delegated authority, due with the placement plan ------------------------------------

def test_CR_PL_002_delegated_authority_recorded_is_met():
    outcome = only("CR-PL-002", date(2027, 1, 5), placement(delegated_authority_recorded_date=date(2026, 12, 23)))
    assert outcome.state == State.MET


def test_CR_PL_002_delegated_authority_due_with_the_plan_on_4_january_2027():
    assert only("CR-PL-002", date(2027, 1, 4), placement()).state == State.DUE_SOON
    overdue = only("CR-PL-002", date(2027, 1, 5), placement())
    assert overdue.state == State.OVERDUE and overdue.due == date(2027, 1, 4)


# CR-PL-003 care plan within 10 working days ----------------------------------------------------

def test_CR_PL_003_care_plan_received_is_met():
    assert only("CR-PL-003", date(2027, 2, 1), placement(care_plan_received_date=date(2027, 1, 8))).state == State.MET


def test_CR_PL_003_christmas_care_plan_due_monday_11_january_2027():
    assert only("CR-PL-003", date(2027, 1, 11), placement()).due == date(2027, 1, 11)
    assert only("CR-PL-003", date(2027, 1, 11), placement()).state == State.DUE_SOON
    assert only("CR-PL-003", date(2027, 1, 12), placement()).state == State.OVERDUE


# CR-PL-004 children's guide at placement -------------------------------------------------------

def test_CR_PL_004_guide_given_on_the_first_day_is_met():
    outcome = only("CR-PL-004", date(2027, 1, 5), placement(childrens_guide_given_date=XMAS_START))
    assert outcome.state == State.MET and outcome.detail == "Children's guide given 23 Dec 2026"


def test_CR_PL_004_guide_is_due_on_the_day_of_placement():
    assert only("CR-PL-004", XMAS_START, placement()).state == State.DUE_SOON
    assert only("CR-PL-004", date(2026, 12, 24), placement()).state == State.OVERDUE


def test_CR_PL_004_guide_given_a_day_late_is_met_but_says_so():
    late_guide = placement(childrens_guide_given_date=date(2026, 12, 24))
    late = only("CR-PL-004", date(2027, 1, 5), late_guide)
    assert late.state == State.MET and late.due is None
    assert late.detail == "Late: Children's guide given 24 Dec 2026, 1 day after the deadline of 23 Dec 2026"
    assert only("CR-PL-004", date(2026, 12, 24), late_guide).state == State.MET
    assert only("CR-PL-004", date(2027, 12, 24), late_guide).detail == late.detail


# CR-PL-005 placement register ----------------------------------------------------------------

def test_CR_PL_005_complete_entry_is_met():
    ended = placement(id=11, start=date(2025, 1, 6), end_date=date(2026, 6, 1), address_on_leaving="Home")
    assert [o.state for o in outcomes("CR-PL-005", date(2027, 1, 5), placement(), ended)] == [State.MET] * 2


def test_CR_PL_005_missing_register_items_are_listed():
    gaps = placement(household_address="", previous_address=" ", the_child=child(placing_authority=""))
    outcome = only("CR-PL-005", date(2027, 1, 5), gaps)
    assert outcome.state == State.MISSING
    assert outcome.detail == ("Register entry lacks the carers' address, the child's previous address, "
                              "the placing authority")


def test_CR_PL_005_address_on_leaving_is_needed_from_the_day_the_placement_ends():
    ending = placement(start=date(2025, 1, 6), end_date=date(2027, 1, 5))
    assert only("CR-PL-005", date(2027, 1, 4), ending).state == State.MET
    on_the_day = only("CR-PL-005", date(2027, 1, 5), ending)
    assert on_the_day.state == State.MISSING and "address on leaving" in on_the_day.detail


def test_CR_PL_005_placements_not_yet_started_are_not_on_the_register():
    assert outcomes("CR-PL-005", date(2026, 12, 22), placement()) == []


# CR-PL-007 health registration and assessments ------------------------------------------------

def health(as_of, **child_changes):
    found = by_key(outcomes("CR-PL-007", as_of, placement(start=date(2024, 1, 8), the_child=child(**child_changes))))
    return found["registration"], found["assessment"]


def test_CR_PL_007_registered_and_assessed_child_is_met():
    registration, assessment = health(date(2026, 5, 1), last_health_assessment_date=date(2026, 3, 1))
    assert registration.state == assessment.state == State.MET
    assert assessment.due == date(2027, 3, 1)


def test_CR_PL_007_gp_and_dentist_registration_are_both_needed():
    registration, _ = health(date(2026, 5, 1), dentist_registered=False, last_health_assessment_date=date(2026, 3, 1))
    assert registration.state == State.MISSING and registration.detail.endswith("with a dentist")


def test_CR_PL_007_yearly_assessment_due_after_exactly_12_months():
    _, on_the_day = health(date(2026, 3, 15), last_health_assessment_date=date(2025, 3, 15))
    _, day_after = health(date(2026, 3, 16), last_health_assessment_date=date(2025, 3, 15))
    assert on_the_day.due == date(2026, 3, 15) and on_the_day.state == State.DUE_SOON
    assert day_after.state == State.OVERDUE


def test_CR_PL_007_under_fives_are_assessed_every_six_months():
    _, assessment = health(date(2026, 5, 1), born=date(2023, 2, 1), last_health_assessment_date=date(2026, 3, 1))
    assert assessment.due == date(2026, 9, 1)


def test_CR_PL_007_age_at_the_assessment_decides_the_interval_even_for_a_29_february_birthday():
    # Born 29 February 2020: 5 on 1 March 2025 (a common year).
    born = date(2020, 2, 29)
    _, day_before_fifth = health(date(2025, 3, 2), born=born, last_health_assessment_date=date(2025, 2, 28))
    _, on_fifth = health(date(2025, 3, 2), born=born, last_health_assessment_date=date(2025, 3, 1))
    assert day_before_fifth.due == date(2025, 8, 28)
    assert on_fifth.due == date(2026, 3, 1)


def test_CR_PL_007_first_assessment_due_20_working_days_after_placement():
    first = by_key(outcomes("CR-PL-007", date(2027, 1, 5), placement()))["assessment"]
    # 20 working days from 23 Dec 2026: 11 Jan is the 10th (see the module docstring), then
    # 12, 13, 14, 15, 18, 19, 20, 21, 22, 25 January.
    assert first.due == date(2027, 1, 25) and first.state == State.DUE_SOON


def test_CR_PL_007_no_assessment_is_due_on_or_after_the_18th_birthday():
    # Born 10 June 2008: 18 on 10 June 2026, the day the next yearly assessment would fall due.
    _, assessment = health(date(2026, 6, 1), born=date(2008, 6, 10), last_health_assessment_date=date(2025, 6, 10))
    assert assessment.state == State.MET and "turns 18 on 10 Jun 2026" in assessment.detail
    # A day older, and the assessment falls due the day before they turn 18.
    _, assessment = health(date(2026, 6, 10), born=date(2008, 6, 11), last_health_assessment_date=date(2025, 6, 10))
    assert assessment.state == State.DUE_SOON


def test_CR_PL_007_young_person_of_18_is_no_longer_checked_even_born_on_29_february():
    # Born 29 February 2008: 18 on 1 March 2026.
    young_person = placement(start=date(2024, 1, 8), the_child=child(born=date(2008, 2, 29)))
    assert len(outcomes("CR-PL-007", date(2026, 2, 28), young_person)) == 2
    assert outcomes("CR-PL-007", date(2026, 3, 1), young_person) == []


# CR-PL-008 child's views ---------------------------------------------------------------------

def views(as_of, policy=None, **child_changes):
    return only("CR-PL-008", as_of, placement(start=date(2024, 1, 8), the_child=child(**child_changes)),
                policy=policy)


def test_CR_PL_008_views_recorded_recently_are_met():
    assert views(date(2026, 3, 1), views_last_recorded_date=date(2026, 1, 10)).state == State.MET


def test_CR_PL_008_views_due_six_months_later_by_default():
    assert views(date(2026, 7, 10), views_last_recorded_date=date(2026, 1, 10)).state == State.DUE_SOON
    assert views(date(2026, 7, 11), views_last_recorded_date=date(2026, 1, 10)).state == State.OVERDUE


def test_CR_PL_008_interval_comes_from_the_agency_policy():
    policy = AgencyPolicy(child_views_interval="P3M")
    outcome = views(date(2026, 4, 11), policy=policy, views_last_recorded_date=date(2026, 1, 10))
    assert outcome.due == date(2026, 4, 10) and outcome.state == State.OVERDUE


def test_CR_PL_008_never_recorded_is_due_one_interval_after_the_placement_started():
    outcome = views(date(2024, 7, 9))
    assert outcome.due == date(2024, 7, 8) and outcome.state == State.OVERDUE


def test_CR_PL_008_child_moved_on_the_day_is_counted_once_with_the_new_placement():
    the_child = child()
    old = placement(id=10, start=date(2025, 1, 6), end_date=date(2026, 3, 2), the_child=the_child)
    new = placement(id=11, start=date(2026, 3, 2), the_child=the_child, household_id=6)
    found = outcomes("CR-PL-008", date(2026, 3, 2), old, new)
    assert len(found) == 1 and found[0].subject.household_id == 6
