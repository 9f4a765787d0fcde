"""manage.py import_records: a dry run by default, --apply to import, --template for the columns."""

import csv
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from records.imports.types import SPECS
from records.models import Carer
from tests.factories import HouseholdFactory

ROWS = "Household reference,First name,Last name,Date of birth\nHH-1,Amira,Khan,17/04/1980\n"


@pytest.fixture
def carers_csv(tmp_path, db):
    """A carers file adding Amira Khan to household HH-1."""
    HouseholdFactory(reference="HH-1")
    path = tmp_path / "carers.csv"
    path.write_text(ROWS, encoding="utf-8")
    return path


def run(*args):
    out = StringIO()
    call_command("import_records", *map(str, args), stdout=out)
    return out.getvalue()


def test_it_does_a_dry_run_by_default(carers_csv):
    output = run("carers", carers_csv)

    assert "Row 2: create Amira Khan" in output
    assert "Dry run" in output
    assert not Carer.objects.exists()


def test_it_applies_with_apply_attributed_to_the_user(carers_csv, manager):
    output = run("carers", carers_csv, "--apply", "--user", "manager")

    assert "1 created" in output
    carer = Carer.objects.get()
    assert carer.history.get().history_change_reason == "Import of carers.csv"
    assert carer.created_by == manager
    assert "Row 2: unchanged" in run("carers", carers_csv, "--apply", "--user", "manager")

    carers_csv.write_text(ROWS.replace("Amira,Khan,17/04/1980", "Amira,Khan-Ali,17/04/1980"), encoding="utf-8")
    assert "Row 2: create" in run("carers", carers_csv)  # the name is part of the key: a different person


def test_applying_needs_to_know_who_is_importing(carers_csv, manager):
    with pytest.raises(CommandError, match="--apply needs --user"):
        run("carers", carers_csv, "--apply")
    assert not Carer.objects.exists()


def test_it_lists_the_changed_columns_of_an_update(carers_csv, manager):
    run("carers", carers_csv, "--apply", "--user", "manager")
    carers_csv.write_text(ROWS.replace("Date of birth", "Date of birth,Phone").replace("1980", "1980,01632 960123"),
                          encoding="utf-8")

    assert "Row 2: update Amira Khan (Phone: '' -> '01632 960123')" in run("carers", carers_csv)


def test_it_fails_and_applies_nothing_when_a_row_is_bad(carers_csv, manager):
    carers_csv.write_text(ROWS + "HH-2,Yusuf,Khan,1979-02-01\n", encoding="utf-8")

    with pytest.raises(CommandError, match="1 error"):
        run("carers", carers_csv, "--apply", "--user", "manager")
    assert not Carer.objects.exists()


@pytest.mark.parametrize("slug", sorted(SPECS))
def test_it_writes_a_csv_template_with_the_columns_and_an_example_row(tmp_path, slug):
    path = tmp_path / f"{slug}.csv"
    run(slug, "--template", path)

    with path.open(encoding="utf-8-sig", newline="") as file:
        header, example = list(csv.reader(file))
    assert header == SPECS[slug].headers
    assert any(example)


def test_it_writes_an_xlsx_template(tmp_path):
    path = tmp_path / "staff.xlsx"
    run("staff", "--template", path)

    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    assert list(rows[0]) == SPECS["staff"].headers
    assert rows[1][0] == "Jo"
