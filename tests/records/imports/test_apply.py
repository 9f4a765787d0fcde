"""Applying an import: one transaction, stamped with the user, history says it was the import."""

from datetime import timedelta

import pytest

from records.imports.apply import ImportRefused, import_apply
from records.imports.plan import UNCHANGED, UPDATE
from records.models import Carer, Check, Household, TrainingRecord
from tests.factories import (
    CheckFactory, HouseholdFactory, HouseholdMemberFactory, ResidentFactory, TrainingRecordFactory,
)
from tests.records.imports.files import exported, plan_for


def test_applying_creates_records_stamped_with_the_user_and_the_file(db, manager):
    HouseholdFactory(reference="HH-1")
    plan = plan_for("carers", ["Household reference", "First name", "Last name", "Date of birth"],
                    [["HH-1", "Amira", "Khan", "1980-04-17"]])

    assert import_apply(plan=plan, user=manager) == {"create": 1, "update": 0}

    carer = Carer.objects.get()
    assert (carer.created_by, carer.updated_by) == (manager, manager)
    history = carer.history.get()
    assert (history.history_user, history.history_change_reason) == (manager, "Import of records.csv")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_reimporting_the_same_file_changes_nothing_and_adds_no_history(db, manager, fmt):
    households = [HouseholdFactory(), HouseholdFactory()]
    headers, rows = exported("households", households)
    history_rows = Household.history.count()

    plan = plan_for("households", headers, rows, fmt=fmt)
    assert [row.action for row in plan.rows] == [UNCHANGED, UNCHANGED]
    import_apply(plan=plan, user=manager)

    assert Household.history.count() == history_rows


def test_an_updated_cell_updates_only_that_field_attributed_to_the_user_and_the_import(db, manager):
    household, other = HouseholdFactory(town="Leeds"), HouseholdFactory()
    headers, rows = exported("households", [household, other])
    rows[0][headers.index("Town")] = "Wakefield"

    plan = plan_for("households", headers, rows, fmt="xlsx")
    assert [(row.action, set(row.changes)) for row in plan.rows] == [(UPDATE, {"town"}), (UNCHANGED, set())]
    import_apply(plan=plan, user=manager)

    household.refresh_from_db()
    assert household.town == "Wakefield"
    latest, before = household.history.all()[:2]
    assert [change.field for change in latest.diff_against(before).changes] == ["town"]
    assert (latest.history_user, latest.history_change_reason) == (manager, "Import of records.xlsx")
    assert other.history.count() == 1


def test_checks_and_training_take_their_household_from_the_person(db, manager):
    member = HouseholdMemberFactory()
    check, training = CheckFactory(), TrainingRecordFactory()
    check_headers, check_rows = exported("checks", [check])
    training_headers, training_rows = exported("training", [training])
    check_rows[0][check_headers.index("Person name")] = member.full_name
    check_rows[0][check_headers.index("Household reference")] = member.household.reference
    check_rows[0][check_headers.index("Person date of birth")] = member.date_of_birth.isoformat()
    TrainingRecord.objects.all().delete()

    import_apply(plan=plan_for("checks", check_headers, check_rows), user=manager)
    import_apply(plan=plan_for("training", training_headers, training_rows), user=manager)

    new_check = Check.objects.get(household_member=member)
    assert new_check.household == member.household
    assert TrainingRecord.objects.get().household == training.carer.household


def test_a_failure_while_applying_rolls_the_whole_import_back(db, manager):
    """Two overlapping placements of one child each pass alone; saving the second fails and undoes the first."""
    resident, household = ResidentFactory(reference="C-1"), HouseholdFactory(reference="HH-1")
    headers = ["Child reference", "Household reference", "Placement type", "Start date"]
    start = household.approval_date
    plan = plan_for("placements", headers, [["C-1", "HH-1", "Long-term", start.isoformat()],
                                            ["C-1", "HH-1", "Short-term", (start + timedelta(days=10)).isoformat()]])
    assert plan.is_valid

    with pytest.raises(ImportRefused, match="Row 3: This child already has a placement"):
        import_apply(plan=plan, user=manager)
    assert not resident.placements.exists()
