"""Key records journeys, end to end in Chromium."""

from urllib.parse import urlsplit

import pytest

from records.models import Household
from tests.browser.conftest import login, screenshot
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.browser


def test_manager_creates_a_household_with_an_adult_member_and_sees_the_history(page, manager):
    login(page, "manager", TEST_PASSWORD)
    page.goto("/records/households/")
    page.get_by_role("link", name="Add household").click()
    page.fill("#id_reference", "HH-7001")
    page.fill("#id_name", "Whitfield household")
    page.select_option("#id_status", "assessment")
    page.fill("#id_enquiry_date", "2026-03-02")
    page.fill("#id_application_date", "2026-04-06")
    page.get_by_label("Long-term").check()
    page.fill("#id_town", "Millbridge")
    screenshot(page, "household-add-form")
    page.get_by_role("button", name="Save").click()

    assert page.get_by_text("Household “Whitfield household (HH-7001)” added.").is_visible()
    household = Household.objects.get(reference="HH-7001")
    assert urlsplit(page.url).path == household.get_absolute_url()

    members = page.locator("section", has=page.get_by_role("heading", name="Other household members"))
    members.get_by_role("link", name="Add").click()
    assert page.input_value("#id_household") == str(household.pk)
    page.fill("#id_first_name", "Callum")
    page.fill("#id_last_name", "Whitfield")
    page.fill("#id_date_of_birth", "2001-05-17")
    page.select_option("#id_relationship", "adult_child")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("Household member “Callum Whitfield” added.").is_visible()

    page.goto(household.get_absolute_url())
    members = page.locator("section", has=page.get_by_role("heading", name="Other household members"))
    assert members.get_by_role("cell", name="Callum").is_visible()
    screenshot(page, "household-detail")
    page.get_by_role("link", name="History").click()
    history = page.locator("main")
    assert history.get_by_text("Created").first.is_visible()
    assert history.get_by_text(str(manager)).first.is_visible()
    screenshot(page, "household-history")


def test_foster_carer_cannot_reach_another_households_page(page, carer_user, household, other_household):
    login(page, "carer", TEST_PASSWORD)
    page.goto(household.get_absolute_url())
    assert page.get_by_role("heading", name=str(household)).is_visible()
    screenshot(page, "carer-own-household")

    response = page.goto(other_household.get_absolute_url())
    assert response.status == 404
    assert other_household.name not in page.content()
    response = page.goto("/records/households/")
    assert response.status == 200
    assert household.name in page.content() and other_household.name not in page.content()


def test_list_search_narrows_as_you_type(page, manager):
    from tests.factories import HouseholdFactory

    HouseholdFactory(name="Quayle household")
    HouseholdFactory(name="Brennan household")
    login(page, "manager", TEST_PASSWORD)
    page.goto("/records/households/")
    page.evaluate("window.__notReloaded = true")
    page.fill("#id_q", "quayle")
    page.wait_for_url("**/records/households/?q=quayle*")
    results = page.locator("#results")
    assert results.get_by_text("Quayle household").is_visible()
    assert results.get_by_text("Brennan household").count() == 0
    assert page.evaluate("window.__notReloaded") is True  # updated in place by htmx, no full reload
    screenshot(page, "households-live-search")
