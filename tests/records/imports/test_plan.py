"""The dry run: nothing is written, and every bad cell is reported with its row, column, value and reason."""

import io

import pytest
from openpyxl import load_workbook

from records.imports.apply import ImportRefused, import_apply
from records.imports.plan import CREATE, ERROR, UPDATE
from records.models import Carer, Household
from tests.factories import CarerFactory, HouseholdFactory, StaffMemberFactory
from tests.records.imports.files import exported, plan_for, upload

CARER_HEADERS = ["Household reference", "First name", "Last name", "Date of birth", "Carer role"]


@pytest.fixture
def household(db):
    """An approved household, HH-1, with no carers yet."""
    return HouseholdFactory(reference="HH-1")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_dry_run_plans_creates_and_writes_nothing(household, fmt):
    rows = [["HH-1", "Amira", "Khan", "17/04/1980", "Main carer"], ["hh-1", "Yusuf", "Khan", "1979-02-01", "second"]]

    plan = plan_for("carers", CARER_HEADERS, rows, fmt=fmt)

    assert plan.errors == []
    assert [(row.row, row.action) for row in plan.rows] == [(2, CREATE), (3, CREATE)]
    assert plan.rows[1].obj.carer_role == "second"
    assert Carer.objects.count() == 0


def test_one_bad_row_blocks_the_whole_file(household, manager):
    rows = [
        ["HH-1", "Amira", "Khan", "1980-04-17", "Main carer"],
        ["HH-1", "Yusuf", "Khan", "31/02/1979", "Main carer"],  # no 31 February
    ]
    plan = plan_for("carers", CARER_HEADERS, rows)

    assert [(e.row, e.column, e.value) for e in plan.errors] == [(3, "Date of birth", "31/02/1979")]
    assert "bad date" in plan.errors[0].reason
    with pytest.raises(ImportRefused):
        import_apply(plan=plan, user=manager)
    assert Carer.objects.count() == 0


def test_each_kind_of_error_names_its_row_column_and_reason(household):
    rows = [
        ["HH-404", "Amira", "Khan", "1980-04-17", "Main carer"],
        ["HH-1", "", "Khan", "1980-04-17", "Main carer"],
        ["HH-1", "Yusuf", "Khan", "1979-02-01", "Grandparent"],
        ["HH-1", "Yusuf", "Khan", "1979-02-01", "Main carer"],
        ["HH-1", "YUSUF", "khan", "01/02/1979", "Main carer"],
    ]
    plan = plan_for("carers", CARER_HEADERS + ["Shoe size"], [row + ["9"] for row in rows])

    found = {(e.row, e.column): e.reason for e in plan.errors}
    assert found[(1, "Shoe size")] == "unknown column"
    assert found[(2, "Household reference")].startswith("unknown household")
    assert found[(3, "First name")] == "missing required value"
    assert found[(4, "Carer role")].startswith("not one of")
    assert found[(6, "")] == "duplicate: the same record as row 5"
    assert [row.action for row in plan.rows] == [ERROR, ERROR, ERROR, CREATE, ERROR]


def test_a_missing_required_column_is_reported(household):
    plan = plan_for("carers", ["Household reference", "First name", "Last name"], [["HH-1", "Amira", "Khan"]])

    assert [(e.row, e.column, e.reason) for e in plan.file_errors] == [(1, "Date of birth", "missing required column")]


def test_model_validation_runs_as_in_the_form(household):
    """full_clean(): the model's own rules (here, TSD only complete with all 7 standards) apply to imports."""
    headers = CARER_HEADERS + ["TSD standards completed", "TSD completed"]
    plan = plan_for("carers", headers, [["HH-1", "Amira", "Khan", "1980-04-17", "Main carer", "3", "2024-01-01"]])

    assert [(e.row, e.column, e.value) for e in plan.errors] == [(2, "TSD completed", "2024-01-01")]


def test_an_existing_record_is_matched_on_its_natural_key_and_only_changes_are_listed(household):
    carer = CarerFactory(household=household, first_name="Amira", last_name="Khan", phone="01632 960000")
    row = ["HH-1", "amira", "KHAN", carer.date_of_birth.isoformat(), "Main carer", "01632 960999"]

    plan = plan_for("carers", CARER_HEADERS + ["Phone"], [row])

    assert plan.rows[0].action == UPDATE
    assert plan.rows[0].obj.pk == carer.pk
    assert set(plan.rows[0].changes) == {"first_name", "last_name", "phone"}


def test_text_quoted_against_formulas_on_export_is_read_back_as_typed(db):
    plan = plan_for("households", ["Reference", "Name", "Notes"], [["HH-9", "Khan household", "=HYPERLINK(\"x\")"]])

    assert plan.rows[0].obj.notes == '=HYPERLINK("x")'
    assert Household.objects.count() == 0


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_exported_formula_is_written_as_text_and_imports_back_as_typed(db, fmt):
    household = HouseholdFactory(notes='=HYPERLINK("http://evil.example","Click")')
    headers, rows = exported("households", [household])
    file, _ = upload(headers, rows, fmt=fmt)

    if fmt == "csv":
        assert "'=HYPERLINK" in file.getvalue().decode("utf-8-sig")
    else:
        cell = load_workbook(io.BytesIO(file.getvalue())).active.cell(row=2, column=headers.index("Notes") + 1)
        assert (cell.data_type, cell.value[:2]) == ("s", "'=")
    assert plan_for("households", headers, rows, fmt=fmt).rows[0].action == "unchanged"


def test_a_check_names_one_person_a_carer_a_member_or_staff(household):
    carer = CarerFactory(household=household, first_name="Amira", last_name="Khan")
    staff = StaffMemberFactory(first_name="Jo", last_name="Bloggs", email="jo@example.org")
    headers = ["Household reference", "Person name", "Staff member", "Kind"]
    rows = [
        ["HH-1", "Amira Khan", "", "Medical"],
        ["", "", "Jo Bloggs", "Medical"],
        ["HH-1", "Nobody Here", "", "Medical"],
        ["HH-1", "Amira Khan", "jo@example.org", "Medical"],
        ["", "", "someone@example.org", "Medical"],
    ]
    plan = plan_for("checks", headers, rows)

    assert (plan.rows[0].obj.carer, plan.rows[1].obj.staff_member) == (carer, staff)
    assert [(e.row, e.column, e.reason.split(":")[0]) for e in plan.errors] == [
        (4, "Person name", "unknown person"),
        (5, "Staff member", "give either a member of staff or a person, not both"),
        (6, "Staff member", "unknown member of staff"),
    ]
