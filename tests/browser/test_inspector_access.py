"""Inspector access end to end in Chromium: the manager grants it, the inspector picks a case and opens it,
cannot open another, and is refused once the grant has ended."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from accounts.models import AccessLog
from inspections.models import InspectorGrant
from inspections.timeline import local
from tests.browser.conftest import login, screenshot
from tests.factories import TEST_PASSWORD
from tests.factories.inspections import InspectionFactory

pytestmark = pytest.mark.browser


def test_a_manager_grants_access_and_the_inspector_sees_only_the_case_they_picked(
        browser, live_server, page, manager, inspector, household, other_household):
    inspection = InspectionFactory()
    starts = local(timezone.now()).replace(second=0, microsecond=0) - timedelta(minutes=1)

    login(page, "manager", TEST_PASSWORD)
    page.goto(inspection.get_absolute_url())
    page.get_by_role("link", name="Grant access").click()
    page.get_by_label("Inspector").select_option(str(inspector.pk))
    page.get_by_label("Access starts").fill(f"{starts:%Y-%m-%dT%H:%M}")
    page.get_by_label("Access ends").fill(f"{starts + timedelta(days=3):%Y-%m-%dT%H:%M}")
    screenshot(page, "inspector-access-01-grant-form")
    with page.expect_navigation():
        page.get_by_role("button", name="Grant access").click()
    assert page.get_by_text("can sign in, read only").is_visible()
    card = page.locator("#access")
    assert card.get_by_text("Active").is_visible()
    card.scroll_into_view_if_needed()
    screenshot(page, "inspector-access-02-inspection-card")

    context = browser.new_context(base_url=live_server.url, locale="en-GB", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    inspector_page = context.new_page()
    login(inspector_page, "inspector", TEST_PASSWORD)
    assert inspector_page.get_by_role("heading", name="Full inspection").is_visible()
    assert inspector_page.get_by_text("None yet.").is_visible()
    screenshot(inspector_page, "inspector-access-03-inspector-home")

    inspector_page.get_by_role("link", name="Pick from the case list").click()
    inspector_page.get_by_label(f"Sample {household.name}").check()
    screenshot(inspector_page, "inspector-access-04-case-list")
    with inspector_page.expect_navigation():
        inspector_page.get_by_role("button", name="Save the sample").click()
    assert inspector_page.get_by_text("Sample saved: 1 added, 0 taken out.").is_visible()
    inspector_page.goto("/")
    inspector_page.locator("#sampled-cases").get_by_role("link", name=str(household)).click()
    assert urlsplit(inspector_page.url).path == household.get_absolute_url()
    assert inspector_page.get_by_role("heading", name=str(household)).is_visible()
    assert inspector_page.get_by_role("link", name="Edit").count() == 0
    screenshot(inspector_page, "inspector-access-05-sampled-household")

    assert inspector_page.goto(other_household.get_absolute_url()).status == 404
    assert AccessLog.objects.filter(user=inspector, path=household.get_absolute_url()).count() == 1

    InspectorGrant.objects.update(ends_at=timezone.now())  # the window closes
    inspector_page.goto(household.get_absolute_url())
    assert urlsplit(inspector_page.url).path == "/accounts/login/"
    assert inspector_page.get_by_text("Your inspector access ended at").is_visible()
    screenshot(inspector_page, "inspector-access-06-signed-out")
    context.close()

    page.goto(inspection.get_absolute_url())
    assert page.locator("#access").get_by_text("Ended").is_visible()
    page.get_by_role("link", name="Access log").click()
    assert page.locator("#access-log").get_by_text(str(household)).is_visible()
    screenshot(page, "inspector-access-07-access-log")
