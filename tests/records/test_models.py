"""Model validation that users hit on forms: each refusal has a clear message and saves nothing."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from records.choices import CheckKind, ComplaintOutcome, HouseholdStatus, PlacementEndReason
from records.models import (
    Carer, Check, Complaint, Household, HouseholdMember, Placement, Resident, TrainingRecord,
)
from tests import factories as f

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def assert_refused(record, *, field: str, message: str):
    """full_clean() refuses `record` with `message` on `field`, and the record is not saved."""
    model = type(record)
    before = model.objects.count()
    with pytest.raises(ValidationError) as refused:
        record.full_clean()
        record.save()
    assert message in refused.value.message_dict[field]
    assert model.objects.count() == before


ALL_FACTORIES = [getattr(f, name) for name in f.__all__ if name.endswith("Factory")]


@pytest.mark.parametrize("factory", ALL_FACTORIES, ids=lambda factory: factory.__name__)
def test_every_factory_builds_a_valid_record(factory):
    record = factory()
    record.full_clean()
    assert record.pk is not None


@pytest.mark.parametrize("factory", [f.CarerFactory, f.HouseholdMemberFactory, f.ResidentFactory],
                         ids=lambda factory: factory._meta.model.__name__)
def test_birth_date_in_the_future_is_refused(factory):
    record = factory.build(date_of_birth=today() + timedelta(days=1))
    if hasattr(record, "household_id"):
        record.household = f.HouseholdFactory()
    assert_refused(record, field="date_of_birth",
                   message="This date is in the future; enter the date it actually happened.")


def test_approval_before_the_application_is_refused():
    household = f.HouseholdFactory.build(application_date=today() - timedelta(days=100),
                                         approval_date=today() - timedelta(days=101))
    assert_refused(household, field="approval_date",
                   message="Approval cannot be before the application was received.")


def test_an_approved_household_needs_its_approval_date():
    household = f.HouseholdFactory.build(status=HouseholdStatus.APPROVED, approval_date=None)
    assert_refused(household, field="approval_date", message="An approved household needs its approval date.")


def test_a_placement_cannot_end_before_it_starts():
    placement = f.PlacementFactory.build(
        resident=f.ResidentFactory(), household=f.HouseholdFactory(),
        start_date=today() - timedelta(days=10), end_date=today() - timedelta(days=11),
        end_reason=PlacementEndReason.RETURNED_HOME,
    )
    assert_refused(placement, field="end_date", message="A placement cannot end before it starts.")


@pytest.mark.parametrize("stage", ["assessment", "on_hold", "resigned"])
def test_a_child_cannot_be_placed_with_a_household_that_is_not_approved(stage):
    household = f.HouseholdFactory(**{stage: True}, surname="Lamb")
    placement = f.PlacementFactory.build(resident=f.ResidentFactory(), household=household)
    label = household.get_status_display().lower()
    assert_refused(placement, field="household", message=(
        f"Lamb household is {label}, not approved: children can only be placed with an approved household."))


def test_the_same_carer_cannot_be_recorded_twice():
    first = f.CarerFactory(first_name="Priya", last_name="Sandhu")
    # Another household, different case: still the same person.
    twin = f.CarerFactory.build(household=f.HouseholdFactory(), first_name="priya", last_name="SANDHU",
                                date_of_birth=first.date_of_birth)
    born = f"{first.date_of_birth:%d/%m/%Y}"
    assert_refused(twin, field="__all__",
                   message=f"priya SANDHU, born {born}, is already recorded as a foster carer.")
    assert Carer.objects.filter(last_name__iexact="sandhu").count() == 1


def test_the_same_member_cannot_be_added_to_a_household_twice():
    first = f.HouseholdMemberFactory(first_name="Kai", last_name="Nolan")
    twin = f.HouseholdMemberFactory.build(household=first.household, first_name="Kai", last_name="Nolan",
                                          date_of_birth=first.date_of_birth)
    assert_refused(twin, field="__all__",
                   message=f"Kai Nolan, born {first.date_of_birth:%d/%m/%Y}, is already recorded in this household.")


def test_the_same_person_may_be_a_member_of_two_households():
    # A child who splits time between separated parents is a member of both homes.
    first = f.HouseholdMemberFactory(first_name="Kai", last_name="Nolan")
    second = f.HouseholdMemberFactory.build(household=f.HouseholdFactory(), first_name="Kai", last_name="Nolan",
                                            date_of_birth=first.date_of_birth)
    second.full_clean()
    second.save()
    assert HouseholdMember.objects.filter(last_name="Nolan").count() == 2


def test_the_same_child_cannot_be_recorded_twice():
    first = f.ResidentFactory(first_name="Ruby", last_name="Walsh", reference="C-0107")
    twin = f.ResidentFactory.build(first_name="Ruby", last_name="Walsh", date_of_birth=first.date_of_birth)
    assert_refused(twin, field="__all__",
                   message=f"Ruby Walsh, born {first.date_of_birth:%d/%m/%Y}, is already recorded as C-0107.")


CHECK_SUBJECT_MESSAGE = "Choose exactly one person the check is about: a carer, a household member or staff."


def test_a_check_about_nobody_is_refused():
    check = f.CheckFactory.build(carer=None)
    assert_refused(check, field="__all__", message=CHECK_SUBJECT_MESSAGE)


def test_a_check_about_two_people_is_refused():
    carer = f.CarerFactory()
    member = f.HouseholdMemberFactory(household=carer.household)
    check = f.CheckFactory.build(carer=carer, household_member=member)
    assert_refused(check, field="__all__", message=CHECK_SUBJECT_MESSAGE)


def test_the_database_also_refuses_a_check_about_two_people():
    # Bulk imports skip full_clean(); the constraint is the last line of defence.
    carer = f.CarerFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        f.CheckFactory(carer=carer, staff_member=f.StaffMemberFactory())
    assert not Check.objects.exists()


def test_a_check_copies_its_subjects_household():
    member = f.HouseholdMemberFactory()
    check = f.CheckFactory(carer=None, household_member=member, kind=CheckKind.MEDICAL)
    assert check.household == member.household


def test_training_for_a_carer_and_staff_at_once_is_refused():
    record = f.TrainingRecordFactory.build(carer=f.CarerFactory(), staff_member=f.StaffMemberFactory())
    assert_refused(record, field="__all__",
                   message="Choose either a carer or a member of staff who did the training.")
    assert not TrainingRecord.objects.exists()


def test_a_complaint_outcome_needs_the_response_date():
    complaint = f.ComplaintFactory.build(household=f.HouseholdFactory(), outcome=ComplaintOutcome.UPHELD,
                                         responded_date=None)
    assert_refused(complaint, field="responded_date", message="Record the response date when giving an outcome.")
    assert not Complaint.objects.exists()


def test_a_change_is_recorded_in_history_with_who_made_it(manager):
    household = f.HouseholdFactory(surname="Hadley")
    household.name = "Hadley-Brennan household"
    household._history_user = manager
    household.save()

    latest, created = household.history.all()[:2]
    assert (latest.history_type, latest.name, latest.history_user) == ("~", "Hadley-Brennan household", manager)
    assert created.history_type == "+" and created.name == "Hadley household"
    assert latest.diff_against(created).changed_fields == ["name"]


def test_deleting_a_record_keeps_its_history():
    household = f.HouseholdFactory(enquiry=True)
    pk = household.pk
    household.delete()
    assert not Household.objects.filter(pk=pk).exists()
    assert Household.history.filter(id=pk).values_list("history_type", flat=True).first() == "-"


def test_ending_a_placement_needs_a_reason():
    placement = f.PlacementFactory()
    placement.end_date = today()
    with pytest.raises(ValidationError) as refused:
        placement.full_clean()
    assert refused.value.message_dict["end_reason"] == ["Say why the placement ended."]
    placement.refresh_from_db()
    assert placement.end_date is None
    assert Placement.objects.filter(end_date__isnull=True).count() == 1


def test_a_resident_is_unchanged_by_a_refused_edit():
    resident = f.ResidentFactory()
    resident.date_of_birth = today() + timedelta(days=3)
    with pytest.raises(ValidationError):
        resident.full_clean()
    assert Resident.objects.get(pk=resident.pk).date_of_birth < today()


def test_placement_cannot_start_before_the_household_was_approved():
    household = f.HouseholdFactory()
    placement = f.PlacementFactory.build(
        household=household, resident=f.ResidentFactory(),
        start_date=household.approval_date - timedelta(days=1),
    )
    assert_refused(placement, field="start_date", message=(
        f"{household.name} was approved on {household.approval_date:%d/%m/%Y}; "
        "a placement cannot start before approval."))


def test_approval_cannot_be_before_the_panel():
    household = f.HouseholdFactory.build(reference="HH-X1")
    household.approval_date = household.panel_date - timedelta(days=1)
    assert_refused(household, field="approval_date",
                   message="Approval cannot be before the panel that recommended it.")


def test_household_stays_valid_after_its_social_worker_leaves():
    household = f.HouseholdFactory()
    worker = household.supervising_social_worker
    worker.end_date = today()
    worker.save()
    household.refresh_from_db()
    household.full_clean()  # raises if the departed worker made the household invalid


def test_history_is_attributed_to_the_stamped_user_outside_a_request():
    """Commands and background jobs have no request; the history names who the record was stamped with."""
    household = f.HouseholdFactory()
    user = f.UserFactory()
    household.town = "Fernley"
    household.stamp(user)
    household.save()
    latest = household.history.latest()
    assert latest.town == "Fernley"
    assert latest.history_user == user
