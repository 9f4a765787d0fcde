"""Hostile or mis-saved files: refused with a message that says what to do, before memory runs out."""

import io

import pytest

from records.imports.plan import import_plan
from records.imports.types import SPECS
from records.models import Household

HEADER = "Reference,Name,Town\r\n"


def plan_bytes(content: bytes, name="households.csv"):
    return import_plan(spec=SPECS["households"], upload=io.BytesIO(content), filename=name)


def only_message(plan):
    assert plan.rows == []
    [error] = plan.errors
    return error.reason


@pytest.mark.django_db
def test_utf8_with_or_without_bom_is_read():
    text = HEADER + "HH-1,Brontë household,Haworth\r\n"
    for content in (text.encode("utf-8"), text.encode("utf-8-sig")):
        plan = plan_bytes(content)
        assert plan.errors == []
        assert plan.rows[0].obj.name == "Brontë household"


@pytest.mark.django_db
def test_a_latin1_file_gets_a_clear_message():
    message = only_message(plan_bytes((HEADER + "HH-1,Brontë household,Haworth\r\n").encode("latin-1")))

    assert "Line 2 is not UTF-8" in message
    assert "CSV UTF-8" in message


@pytest.mark.django_db
def test_a_utf16_file_gets_a_clear_message():
    message = only_message(plan_bytes((HEADER + "HH-1,Brontë household,Haworth\r\n").encode("utf-16")))

    assert "UTF-16" in message and "CSV UTF-8" in message


@pytest.mark.django_db
def test_a_file_that_is_not_a_workbook_is_refused():
    message = only_message(plan_bytes(b"this is not a zip file", name="households.xlsx"))

    assert "not a readable Excel workbook" in message


@pytest.mark.django_db
def test_other_file_types_are_refused():
    assert "Only .csv and .xlsx" in only_message(plan_bytes(b"{}", name="households.json"))


class Unreadable(io.BytesIO):
    """A file that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the file was read")


@pytest.mark.django_db
def test_an_oversize_file_is_refused_before_it_is_read(settings):
    settings.IMPORT_MAX_BYTES = 1000
    upload = Unreadable(b"x" * 1001)

    plan = import_plan(spec=SPECS["households"], upload=upload, filename="households.csv")

    assert "larger than" in only_message(plan)


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_too_many_rows_are_refused_while_streaming(settings, fmt):
    settings.IMPORT_MAX_ROWS = 10
    from tests.records.imports.files import upload
    file, name = upload(["Reference", "Name"], [[f"HH-{n}", f"Household {n}"] for n in range(20_000)], fmt=fmt)
    total = len(file.getvalue())

    plan = import_plan(spec=SPECS["households"], upload=file, filename=name)

    assert "more than 10 rows" in only_message(plan)
    if fmt == "csv":
        assert file.tell() < total / 2  # stopped early: most of the file was never read
    assert Household.objects.count() == 0


@pytest.mark.django_db
def test_blank_rows_are_skipped_but_keep_their_numbers():
    plan = plan_bytes((HEADER + ",,\r\nHH-1,Khan household,\r\n").encode())

    assert [(row.row, row.action) for row in plan.rows] == [(3, "create")]
