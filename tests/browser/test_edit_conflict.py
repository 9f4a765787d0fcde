"""Two people edit the same household in two browsers: the second is told what the first changed."""

import pytest

from records.models import Household
from tests.browser.conftest import login, screenshot
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.browser


def test_the_second_editor_sees_the_conflict_and_can_save_again(page, browser, live_server, manager,
                                                                administrator, household):
    other = browser.new_context(base_url=live_server.url, locale="en-GB", viewport={"width": 1280, "height": 900})
    other_page = other.new_page()
    try:
        login(page, "manager", TEST_PASSWORD)
        login(other_page, "administrator", TEST_PASSWORD)
        edit = f"/records/households/{household.pk}/edit/"
        page.goto(edit)
        other_page.goto(edit)

        other_page.fill("#id_town", "Eastwick")
        other_page.get_by_role("button", name="Save").click()
        assert other_page.get_by_text(f"Changes to “{household.name}").first.is_visible()

        page.fill("#id_town", "Westwick")
        page.get_by_role("button", name="Save").click()
        alert = page.get_by_role("alert").filter(has_text="Someone else saved this record while you were editing")
        assert alert.is_visible()
        assert f"{administrator} at" in alert.inner_text() and "→ Eastwick" in alert.inner_text()
        assert page.input_value("#id_town") == "Westwick"
        screenshot(page, "edit-conflict")
        assert Household.objects.get(pk=household.pk).town == "Eastwick"

        page.get_by_role("button", name="Save").click()
        assert page.get_by_text(f"Changes to “{household.name}").first.is_visible()
        assert Household.objects.get(pk=household.pk).town == "Westwick"
    finally:
        other.close()
