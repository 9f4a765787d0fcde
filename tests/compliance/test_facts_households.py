"""compliance/facts/households.py on PostgreSQL: ten queries whatever the size, narrowed by scope."""

from datetime import timedelta

import pytest
from django.utils import timezone

from compliance.facts import Scope
from compliance.facts.households import gather
from records.choices import CheckKind, TrainingCourse
from tests.factories import (
    ApprovalReviewFactory, CarerFactory, CheckFactory, HouseholdFactory, HouseholdMemberFactory, PlacementFactory,
    StaffMemberFactory, SupervisionVisitFactory, TrainingRecordFactory, UnannouncedVisitFactory,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def quiet(settings):
    settings.COMPLIANCE_RECHECK_ON_SAVE = False


def household_with_everything():
    household = HouseholdFactory()
    carer = CarerFactory(household=household)
    member = HouseholdMemberFactory(household=household)
    CheckFactory(carer=carer)
    CheckFactory(carer=None, household_member=member, kind=CheckKind.MEDICAL)
    TrainingRecordFactory(carer=carer, completed_date=TODAY - timedelta(days=400))
    TrainingRecordFactory(carer=carer, completed_date=TODAY - timedelta(days=10))
    SupervisionVisitFactory(household=household, visit_date=TODAY - timedelta(days=40))
    SupervisionVisitFactory(household=household, visit_date=TODAY - timedelta(days=5))
    UnannouncedVisitFactory(household=household, visit_date=TODAY - timedelta(days=30), home_safety_checked=False)
    UnannouncedVisitFactory(household=household, visit_date=TODAY - timedelta(days=300))
    ApprovalReviewFactory(household=household)
    PlacementFactory(household=household)
    return household, carer, member


@pytest.mark.parametrize("households", [1, 5])
def test_gather_takes_ten_queries_whatever_the_number_of_households(households, django_assert_num_queries):
    for _ in range(households):
        household_with_everything()
    with django_assert_num_queries(10):
        facts = gather(Scope())
    assert len(facts.households) == households and len(facts.placements) == households


def test_gather_reads_latest_visits_courses_and_the_social_worker():
    household, carer, member = household_with_everything()
    StaffMemberFactory()  # staff checks and training are not household facts
    facts = gather(Scope())

    [h] = facts.households
    worker = household.supervising_social_worker
    assert (h.ssw_id, h.ssw_name, h.ssw_registration_number) == (worker.pk, str(worker), worker.swe_registration_number)
    assert h.last_supervision_visit == TODAY - timedelta(days=5)
    assert (h.last_unannounced_visit, h.last_home_safety_check) == (TODAY - timedelta(days=30),
                                                                     TODAY - timedelta(days=300))
    assert facts.last_course(facts.carers[0], TrainingCourse.SAFEGUARDING) == TODAY - timedelta(days=10)
    assert {c.person for c in facts.checks} == {("carer", carer.pk), ("household_member", member.pk)}
    assert h.url == f"/records/households/{household.pk}/"
    assert facts.carers[0].url == f"/records/carers/{carer.pk}/"
    assert facts.members[0].url == f"/records/members/{member.pk}/"


def test_a_household_scope_gathers_only_its_households():
    mine, _, _ = household_with_everything()
    household_with_everything()
    facts = gather(Scope(household_ids=frozenset({mine.pk})))
    everything = [*facts.households, *facts.carers, *facts.members, *facts.checks, *facts.reviews, *facts.placements]
    assert {getattr(fact, "household_id", getattr(fact, "id", None)) for fact in everything} == {mine.pk}
    assert len(facts.training) == 1
