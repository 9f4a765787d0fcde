"""Import in Chromium: a manager uploads households with one bad date, sees the error, fixes it and imports."""

import pytest
from playwright.sync_api import expect

from records.models import Household
from tests.browser.conftest import login, screenshot
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.browser

HEADER = "Reference,Name,Status,Approval date,Town\n"
GOOD = "HH-7001,Ashworth household,Enquiry,,Leeds\n"


def write_csv(path, second_row):
    path.write_text(HEADER + GOOD + second_row, encoding="utf-8")
    return path


def test_import_households_fix_a_bad_row_and_see_them_listed(page, manager, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    bad = write_csv(tmp_path / "households.csv", "HH-7002,Bradshaw household,Enquiry,31/02/2024,York\n")
    login(page, manager.username, TEST_PASSWORD)

    page.goto("/records/import/")
    expect(page.get_by_role("heading", name="Import records")).to_be_visible()
    page.get_by_label("What the file holds").select_option("households")
    page.get_by_label("File (.csv or .xlsx)").set_input_files(str(bad))
    page.get_by_role("button", name="Check the file").click()

    error_row = page.locator("#import-rows tr[data-row='3']")
    expect(error_row).to_contain_text("Error")
    expect(error_row).to_contain_text("Approval date")
    expect(error_row).to_contain_text("31/02/2024")
    expect(error_row).to_contain_text("bad date")
    expect(page.locator("#import-summary")).to_contain_text("1 error")
    expect(page.get_by_role("button", name="Import 2 changes")).to_have_count(0)
    screenshot(page, "import-dry-run-error")

    fixed = write_csv(tmp_path / "households-fixed.csv", "HH-7002,Bradshaw household,Enquiry,,York\n")
    page.get_by_label("What the file holds").select_option("households")
    page.get_by_label("File (.csv or .xlsx)").set_input_files(str(fixed))
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator("#import-summary")).to_contain_text("2 to create, 0 to update, 0 unchanged, 0 errors")
    screenshot(page, "import-dry-run-ok")
    assert not Household.objects.filter(reference__in=["HH-7001", "HH-7002"]).exists()

    page.get_by_role("button", name="Import 2 changes").click()
    expect(page.get_by_role("heading", name="Households")).to_be_visible()
    expect(page.get_by_text("Imported households-fixed.csv: 2 created, 0 updated.")).to_be_visible()
    expect(page.locator("#results")).to_contain_text("Ashworth household")
    expect(page.locator("#results")).to_contain_text("Bradshaw household")
    screenshot(page, "import-done")
    assert Household.objects.filter(reference__in=["HH-7001", "HH-7002"]).count() == 2
