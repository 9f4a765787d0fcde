"""The children, staff and agency facts against PostgreSQL: a fixed number of queries, and the right facts.

Our bugs live in the joins, so these tests build records with the factories and gather for real.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from compliance.facts import Scope
from compliance.facts import agency as agency_facts
from compliance.facts import children as children_facts
from compliance.facts import staff as staff_facts
from records.choices import CheckKind, NotifiedBody, StaffRole, SupervisionKind
from records.models import (
    AgencyReview, AllowanceRate, InspectionReport, ManagerRegistration, RegistrationNotice,
)
from tests.factories import (
    AllegationFactory, CheckFactory, ComplaintFactory, HouseholdFactory, MissingEpisodeFactory, NotificationFactory,
    PlacementFactory, StaffMemberFactory, StaffSupervisionFactory,
)

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
FAMILIES = {"children": children_facts, "staff": staff_facts, "agency": agency_facts}


def add_households(count):
    """`count` households, each with its social worker (with checks and supervision), a child placed,
    a complaint, an allegation, a missing episode and a notification."""
    households = []
    for _ in range(count):
        household = HouseholdFactory()
        worker = household.supervising_social_worker
        CheckFactory(carer=None, staff_member=worker)
        StaffSupervisionFactory(staff_member=worker)
        placement = PlacementFactory(household=household)
        ComplaintFactory(household=household)
        AllegationFactory(household=household)
        MissingEpisodeFactory(placement=placement)
        NotificationFactory(household=household, resident=placement.resident)
        households.append(household)
    return households


def add_agency_records():
    AgencyReview.objects.create(kind=AgencyReview.Kind.REG35, completed_date=date(2026, 3, 1))
    RegistrationNotice.objects.create(kind=RegistrationNotice.Kind.MANAGER_ABSENCE, event_date=date(2026, 6, 1),
                                      end_date=date(2026, 7, 13), interim_arrangements="Deputy manager")
    InspectionReport.objects.create(published_date=date(2026, 3, 2))
    AllowanceRate.objects.create(age_band="5_10", effective_from=date(2026, 4, 6),
                                 weekly_allowance=Decimal("215.50"), national_minimum=Decimal("210.00"))
    manager = StaffMemberFactory(role=StaffRole.REGISTERED_MANAGER)
    ManagerRegistration.objects.create(manager=manager, appointed_date=date(2025, 1, 6),
                                       registration_applied_date=date(2025, 2, 1))


def queries(family, scope=Scope()):
    with CaptureQueriesContext(connection) as context:
        FAMILIES[family].gather(scope)
    return len(context)


@pytest.mark.parametrize("family, expected", [("children", 1), ("staff", 5), ("agency", 8)])
def test_gather_makes_the_same_number_of_queries_for_2_and_20_households(family, expected):
    add_agency_records()
    add_households(2)
    few = queries(family)
    add_households(18)
    assert queries(family) == few == expected


def test_a_household_recheck_gathers_no_staff_and_only_household_records():
    households = add_households(3)
    add_agency_records()
    scope = Scope(household_ids=frozenset({households[0].pk}))
    assert queries("staff", scope) == 0 and staff_facts.gather(scope) == staff_facts.StaffFacts()
    assert queries("agency", scope) == 4
    facts = agency_facts.gather(scope)
    assert {n.household_id for n in facts.notifications} == {households[0].pk}
    assert [e.household_id for e in facts.missing_episodes] == [households[0].pk]
    assert facts.reviews == facts.registration_notices == facts.allowance_rates == ()
    placements = children_facts.gather(scope).placements
    assert [p.household_id for p in placements] == [households[0].pk]


def test_children_facts_of_a_small_agency():
    household = HouseholdFactory(address_line_1="1 High Street", postcode="AB1 2CD")
    placement = PlacementFactory(household=household, previous_address="4 Mill Lane",
                                 resident__dentist_registered=True)
    ended = PlacementFactory(household=household, start_date=date(2024, 1, 8), end_date=date(2024, 6, 3),
                             end_reason="returned_home", address_on_leaving="Home to mum")
    HouseholdFactory(address_line_1="")  # another household, no placements
    found = {p.id: p for p in children_facts.gather(Scope()).placements}
    assert set(found) == {placement.pk, ended.pk}
    fact, child = found[placement.pk], placement.resident
    assert fact.url == placement.get_absolute_url() and fact.child.url == child.get_absolute_url()
    assert (fact.household_id, fact.social_worker_id) == (household.pk, household.supervising_social_worker_id)
    assert fact.household_address == "1 High Street, AB1 2CD" and fact.previous_address == "4 Mill Lane"
    assert fact.placement_plan_received_date == placement.placement_plan_received_date
    assert fact.child.label == f"{child.first_name} {child.last_name} ({child.reference})"
    assert fact.child.date_of_birth == child.date_of_birth
    assert fact.child.dentist_registered and fact.child.gp_registered
    assert found[ended.pk].end_date == date(2024, 6, 3) and found[ended.pk].address_on_leaving == "Home to mum"


def test_staff_facts_of_a_small_agency():
    worker = StaffMemberFactory(first_name="Sam", last_name="Shaw", qualifications="", interview_date=date(2023, 1, 5))
    HouseholdFactory.create_batch(2, supervising_social_worker=worker)
    HouseholdFactory(supervising_social_worker=worker, deregistered=True)  # not on the caseload
    CheckFactory(carer=None, staff_member=worker, kind=CheckKind.IDENTITY, certificate_number="")
    CheckFactory(carer=None, staff_member=worker)
    CheckFactory()  # a carer's check: not staff
    StaffSupervisionFactory(staff_member=worker, date=date(2026, 1, 5), start_time=time(10), duration_minutes=45,
                            supervisor_signed=True)
    StaffSupervisionFactory(staff_member=worker, kind=SupervisionKind.APPRAISAL, date=date(2025, 11, 3))
    manager = StaffMemberFactory(role=StaffRole.REGISTERED_MANAGER, first_name="Rita", last_name="Moss")
    registration = ManagerRegistration.objects.create(manager=manager, appointed_date=date(2025, 1, 6),
                                                      qualification_achieved_date=date(2019, 7, 1))
    facts = staff_facts.gather(Scope())
    found = {s.id: s for s in facts.staff}
    # The supervisors StaffSupervisionFactory made are staff too.
    assert {worker.pk, manager.pk} <= set(found)
    sam = found[worker.pk]
    assert sam.label == "Sam Shaw (Supervising social worker)" and sam.url == worker.get_absolute_url()
    assert sam.households_allocated == 2 and not sam.qualifications_listed and sam.is_social_worker
    assert sam.interview_date == date(2023, 1, 5) and sam.swe_registration_number == worker.swe_registration_number
    assert sorted((c.kind, c.certificate_recorded, c.satisfactory) for c in sam.checks) == [
        (CheckKind.ENHANCED_DBS, True, True), (CheckKind.IDENTITY, False, True)]
    latest = sam.latest(SupervisionKind.SUPERVISION, date(2026, 2, 1))
    assert latest.date == date(2026, 1, 5) and latest.missing_record_items() == ["staff member's signature"]
    assert sam.latest(SupervisionKind.APPRAISAL, date(2026, 2, 1)).date == date(2025, 11, 3)
    assert found[manager.pk].households_allocated == 0
    [fact] = facts.manager_registrations
    assert (fact.id, fact.manager_name, fact.url) == (registration.pk, "Rita Moss", registration.get_absolute_url())
    assert fact.qualification_achieved_date == date(2019, 7, 1) and fact.registered_date is None


def test_agency_facts_of_a_small_agency():
    household = HouseholdFactory(surname="Fenwick")
    placement = PlacementFactory(household=household)
    aware = datetime(2026, 3, 2, 14, 0, tzinfo=LONDON)
    notification = NotificationFactory(household=household, resident=placement.resident, event_at=aware,
                                       agency_aware_at=aware, notified_at=aware + timedelta(hours=2),
                                       notified_body=NotifiedBody.PLACING_AUTHORITY)
    complaint = ComplaintFactory(household=household, action_taken="  ")
    ComplaintFactory(household=None)  # about the agency, not a household
    allegation = AllegationFactory(household=household, resident=placement.resident)
    episode = MissingEpisodeFactory(placement=placement, return_interview_date=None)
    add_agency_records()
    facts = agency_facts.gather(Scope())
    [n] = facts.notifications
    assert (n.id, n.url, n.resident_id, n.household_id) == (notification.pk, notification.get_absolute_url(),
                                                            placement.resident_id, household.pk)
    assert n.agency_aware_at == aware and n.notified_at == aware + timedelta(hours=2)
    assert n.social_worker_id == household.supervising_social_worker_id
    assert n.notified_body == NotifiedBody.PLACING_AUTHORITY
    assert len(facts.complaints) == 2
    mine = next(c for c in facts.complaints if c.id == complaint.pk)
    assert not mine.action_recorded and mine.household_name == "Fenwick household"
    assert mine.acknowledged_date == complaint.acknowledged_date
    [a] = facts.allegations
    assert (a.id, a.resident_id, a.lado_referred_date) == (allegation.pk, placement.resident_id,
                                                           allegation.lado_referred_date)
    [e] = facts.missing_episodes
    child = placement.resident
    assert e.child_label == f"{child.first_name} {child.last_name} ({child.reference})"
    assert (e.household_id, e.url, e.return_interview_date) == (household.pk, episode.get_absolute_url(), None)
    assert [(r.kind, r.completed_date) for r in facts.reviews] == [(AgencyReview.Kind.REG35, date(2026, 3, 1))]
    [absence] = facts.registration_notices
    assert absence.end_date == date(2026, 7, 13) and absence.interim_arrangements_recorded
    assert [r.published_date for r in facts.inspection_reports] == [date(2026, 3, 2)]
    [rate] = facts.allowance_rates
    assert rate.weekly_allowance == Decimal("215.50") and rate.url.startswith("/records/allowance-rates/")
