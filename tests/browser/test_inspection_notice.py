"""The registered manager records Ofsted's notice in Chromium and sees the countdown."""

import pytest
from django.utils import timezone

from inspections import timeline
from inspections.models import Inspection
from tests.browser.conftest import login, screenshot
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.browser


def test_the_manager_records_a_notice_and_sees_the_countdown(page, manager):
    notice_at = timeline.local(timezone.now()).replace(second=0, microsecond=0)
    login(page, "manager", TEST_PASSWORD)
    page.goto("/inspections/")
    page.get_by_role("link", name="Record a notice").click()
    page.get_by_label("Type").select_option("full")
    page.get_by_label("Notice received at").fill(f"{notice_at:%Y-%m-%dT%H:%M}")
    page.get_by_label("Lead inspector").fill("Priya Raman")
    with page.expect_navigation():
        page.get_by_role("button", name="Record the notice").click()

    inspection = Inspection.objects.get()
    start = inspection.fieldwork_start
    assert page.get_by_text("Notice recorded.").is_visible()
    row = page.locator("#countdown li", has_text="Fieldwork starts")
    assert row.get_by_text(f"{start:%A} {start.day} {start:%b %Y} at 09:00").is_visible()
    assert row.locator("[data-deadline]").inner_text() == timeline.countdown(start, now=timezone.now())
    assert page.locator("#countdown li").count() == 3
    screenshot(page, "inspections-01-countdown")
