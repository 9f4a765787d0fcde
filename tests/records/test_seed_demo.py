"""manage.py seed_demo: the demo agency's size, logins, deliberate gaps, history and re-runs."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db.models import Max
from django.utils import timezone

from accounts.models import User
from records.choices import ApprovalCategory, CheckKind, HouseholdStatus
from records.demo.build import agency_plan, build_agency
from records.demo.logins import DEMO_PASSWORD, LOGINS
from records.demo.plan import add_years
from records.demo.save import MODEL_ORDER
from records.models import (
    Carer, Check, Household, HouseholdMember, JournalEntry, Placement, Resident, StaffMember,
)
from records.permissions import restrict
from tests.factories import HouseholdFactory

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


@pytest.fixture
def agency():
    """The demo agency for seed 2011 as of today, built without per-record validation (tested once below)."""
    return build_agency(seed=2011, scale="demo", today=today(), validate=False)


def household_snapshot():
    return list(Household.objects.order_by("reference").values_list(
        "reference", "name", "status", "approval_category", "approval_date", "postcode"))


def test_the_demo_agency_has_the_expected_size(agency):
    assert Household.objects.count() == 40
    assert 55 <= HouseholdMember.objects.count() <= 70
    assert 45 <= Resident.objects.count() <= 60
    assert 18 <= StaffMember.objects.count() <= 22
    assert set(Household.objects.values_list("status", flat=True)) == set(HouseholdStatus.values)
    assert set(Household.objects.values_list("approval_category", flat=True)) == set(ApprovalCategory.values)
    assert Household.objects.filter(status=HouseholdStatus.APPROVED).count() > 20
    carers_per_household = [h.carers.count() for h in Household.objects.all()]
    assert set(carers_per_household) == {1, 2}
    assert Placement.objects.filter(end_date__isnull=True).count() >= 20
    assert Placement.objects.filter(end_date__isnull=False).count() >= 10
    assert HouseholdMember.objects.filter(relationship="lodger").exists()
    assert agency["Check"] > 300 and agency["TrainingRecord"] > 300 and agency["JournalEntry"] > 200
    assert agency["Allegation"] >= 2 and agency["MissingEpisode"] >= 1 and agency["Notification"] >= 4
    assert all(agency[model.__name__] == model.objects.count() for model in MODEL_ORDER)


def test_every_demo_record_passes_model_validation():
    # build_agency validates every record after inserting it and raises if one is invalid.
    counts = build_agency(seed=2011, scale="demo", today=today(), validate=True)
    assert sum(counts.values()) > 2000


def plan_snapshot(seed: int):
    plan = agency_plan(seed=seed, scale="demo", today=today())
    households = [(h.reference, h.name, h.status, h.approval_date, h.postcode) for h in plan.of(Household)]
    children = [(r.first_name, r.last_name, r.date_of_birth) for r in plan.of(Resident)]
    entries = [(e.entry_date, e.text) for e in plan.of(JournalEntry)]
    return households, children, entries


def test_the_same_seed_on_the_same_day_gives_the_same_agency():
    assert plan_snapshot(2011) == plan_snapshot(2011)


def test_a_different_seed_gives_a_different_agency():
    households, children, _ = plan_snapshot(2011)
    other_households, other_children, _ = plan_snapshot(2012)
    assert [h[1] for h in households] != [h[1] for h in other_households]
    assert children != other_children


def test_each_demo_login_signs_in_with_the_documented_password(agency):
    for login in LOGINS:
        user = authenticate(username=login.username, password=DEMO_PASSWORD)
        assert user is not None, login.username
        assert user.role == login.role
    manager = User.objects.get(username="manager")
    assert manager.is_staff and manager.is_superuser
    assert not User.objects.exclude(username="manager").filter(is_superuser=True).exists()


def test_the_carer_login_sees_their_own_household_with_a_child_placed(agency):
    carer = User.objects.get(username="carer")
    household = carer.carer.household
    assert household.status == HouseholdStatus.APPROVED
    placements = restrict(Placement.objects.all(), carer)
    assert placements.count() >= 1
    assert set(placements.values_list("household", flat=True)) == {household.pk}
    assert JournalEntry.objects.filter(placement__household=household, author=carer).exists()


def test_the_ssw_login_has_a_caseload(agency):
    ssw = User.objects.get(username="ssw")
    caseload = Household.objects.filter(supervising_social_worker=ssw.staff_member)
    assert 5 <= caseload.count() <= 15
    assert set(caseload.values_list("status", flat=True)) <= {HouseholdStatus.APPROVED, HouseholdStatus.ON_HOLD}
    assert set(restrict(Household.objects.all(), ssw)) == set(caseload)


def test_staff_logins_are_linked_to_staff_records(agency):
    for username, role in [("manager", "registered_manager"), ("ri", "responsible_individual"),
                           ("ssw", "supervising_social_worker"), ("admin", "administrator"), ("adm", "decision_maker")]:
        assert User.objects.get(username=username).staff_member.role == role
    assert not StaffMember.objects.filter(user__username__in=["panel", "inspector", "carer"]).exists()


def test_the_deliberate_gaps_are_on_the_ssw_logins_caseload(agency):
    now = today()
    ssw = User.objects.get(username="ssw")
    caseload = Household.objects.filter(supervising_social_worker__user=ssw, status=HouseholdStatus.APPROVED)

    # A carer whose latest enhanced DBS has expired (nothing newer, not on the update service).
    latest_dbs = {}
    for check in Check.objects.filter(kind=CheckKind.ENHANCED_DBS, carer__household__in=caseload):
        if check.carer_id not in latest_dbs or check.completed_date > latest_dbs[check.carer_id].completed_date:
            latest_dbs[check.carer_id] = check
    assert any(c.expiry_date and c.expiry_date < now for c in latest_dbs.values()), "expired DBS"

    # A household whose last review of approval was more than 12 months ago.
    stale = caseload.filter(approval_date__lt=now - timedelta(days=365)).annotate(
        last_review=Max("reviews__review_date")).filter(last_review__lt=now - timedelta(days=365))
    assert stale.exists(), "review overdue"

    # A mainstream carer approved over 12 months ago who has not completed TSD.
    assert Carer.objects.filter(
        household__in=caseload, household__approval_category=ApprovalCategory.MAINSTREAM,
        household__approval_date__lt=now - timedelta(days=365), tsd_completed_date__isnull=True,
    ).exists(), "TSD overdue"

    # A household member turning 18 within 60 days with no DBS at all.
    turning = HouseholdMember.objects.filter(
        household__in=caseload,
        date_of_birth__gt=add_years(now, -18), date_of_birth__lte=add_years(now + timedelta(days=60), -18),
    ).exclude(checks__kind=CheckKind.ENHANCED_DBS)
    assert turning.exists(), "member turning 18 without DBS"

    # A current placement, started well over five working days ago, with no placement plan.
    assert Placement.objects.filter(
        household__in=caseload, end_date__isnull=True, start_date__lte=now - timedelta(days=10),
        placement_plan_received_date__isnull=True,
    ).exists(), "placement plan missing"


def test_seeded_records_have_history_by_the_manager(agency):
    manager = User.objects.get(username="manager")
    for model in MODEL_ORDER:
        assert model.history.count() == model.objects.count(), model.__name__
        assert set(model.history.values_list("history_user", flat=True)) == {manager.pk}, model.__name__
    assert set(Check.objects.values_list("created_by", flat=True)) == {manager.pk}
    # Checks and training copy their person's household (the model's save() is bypassed by bulk inserts).
    assert not Check.objects.filter(carer__isnull=False, household__isnull=True).exists()


def seed(*args):
    out = StringIO()
    call_command("seed_demo", "--no-validate", *args, stdout=out)
    return out.getvalue()


def test_a_second_run_refuses_and_reset_builds_the_same_agency_again():
    output = seed()
    assert DEMO_PASSWORD in output and "Household" in output and "ssw supervises" in output
    first = household_snapshot()

    with pytest.raises(CommandError, match="already has records or demo logins. Run with --reset"):
        seed()
    assert Household.objects.count() == 40

    seed("--reset")
    assert household_snapshot() == first
    assert User.objects.filter(username__in=[login.username for login in LOGINS]).count() == len(LOGINS)
    assert Household.history.count() == 40

    seed("--reset", "--seed", "7")
    assert household_snapshot() != first


def test_reset_removes_records_that_were_not_from_the_demo():
    stray = HouseholdFactory(reference="HH-STRAY")
    with pytest.raises(CommandError):
        seed()
    seed("--reset")
    assert not Household.objects.filter(reference="HH-STRAY").exists()
    assert not Household.history.filter(reference="HH-STRAY").exists()
    assert Household.objects.count() == 40
    assert not StaffMember.objects.filter(pk=stray.supervising_social_worker_id).exists()
