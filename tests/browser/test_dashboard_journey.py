"""The registered manager's dashboard end to end in Chromium: an overdue review of approval found by a real
run, followed to the household, recorded, rechecked and resolved."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

import compliance.sections  # noqa: F401  registers the household card (until ComplianceConfig.ready() imports it)
from compliance.models import ComplianceRun, Gap
from compliance.services import run_request
from tests.browser.conftest import login, screenshot
from tests.factories import TEST_PASSWORD, ApprovalReviewFactory, CarerFactory, HouseholdFactory
from tests.factories.compliance import ComplianceRunFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def overdue_review(ssw):
    """The Whitfield household, approved 2.5 years ago, last reviewed 13 months ago: its annual review is overdue."""
    household = HouseholdFactory(supervising_social_worker=ssw.staff_member, surname="Whitfield", reference="HH-5150")
    CarerFactory(household=household, first_name="Callum", last_name="Whitfield")
    ApprovalReviewFactory(household=household, review_date=timezone.localdate() - timedelta(days=396))
    return household


def review_gap(household):
    return Gap.objects.get(rule_id="CR-HH-015", household=household)


def test_the_manager_follows_an_overdue_review_to_the_household_records_it_and_sees_it_resolved(
        page, phone_page, settings, manager, overdue_review):
    # Saving a record rechecks its household by itself; switched off so that Recheck now does the work here.
    settings.COMPLIANCE_RECHECK_ON_SAVE = False
    run = run_request(trigger=ComplianceRun.Trigger.NIGHTLY)  # inline in tests, as in the demo
    run.refresh_from_db()
    assert run.status == ComplianceRun.Status.SUCCEEDED, run.error
    gap = review_gap(overdue_review)
    assert gap.status == Gap.Status.OPEN and gap.state == "overdue"

    login(page, "manager", TEST_PASSWORD)
    assert urlsplit(page.url).path == "/"
    assert page.get_by_role("heading", name=f"Welcome, {manager.first_name}").is_visible()
    assert page.get_by_text("The compliance dashboard").is_visible()
    assert page.locator("#readiness-overall").inner_text().endswith("%")
    assert page.locator("#readiness-trend").is_visible()
    screenshot(page, "dashboard-01-desktop")

    login(phone_page, "manager", TEST_PASSWORD)
    assert phone_page.get_by_role("button", name="Recheck now").is_visible()
    screenshot(phone_page, "dashboard-02-phone")

    page.get_by_role("link", name="See all overdue").click()
    row = page.locator(".gap-rows li", has_text="CR-HH-015").filter(has_text="Whitfield household")
    assert row.get_by_text("Annual review of approval").is_visible()
    assert row.get_by_text("days overdue").is_visible()
    screenshot(page, "dashboard-03-overdue-gaps")
    row.get_by_role("link", name="Whitfield household").click()

    assert urlsplit(page.url).path == overdue_review.get_absolute_url()
    gaps_card = page.locator("section#compliance-gaps")
    assert gaps_card.get_by_role("link", name="CR-HH-015").is_visible()
    reviews = page.locator("section", has=page.get_by_role("heading", name="Reviews of approval"))
    reviews.get_by_role("link", name="Add").click()
    assert urlsplit(page.url).path == "/records/reviews/add/"
    assert page.input_value("#id_household") == str(overdue_review.pk)
    page.fill("#id_review_date", timezone.localdate().isoformat())
    page.get_by_label("Carer views recorded").check()
    page.select_option("#id_outcome", "continue")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("added.").is_visible()

    page.goto("/")
    page.get_by_role("button", name="Recheck now").click()
    assert page.get_by_text("Recheck finished").is_visible()
    assert page.get_by_text("1 resolved.").is_visible()
    latest = ComplianceRun.objects.order_by("-queued_at", "-id").first()
    assert (latest.trigger, latest.status) == (ComplianceRun.Trigger.MANUAL, ComplianceRun.Status.SUCCEEDED)
    assert page.locator("#run-status").get_by_text("Recheck now by").is_visible()
    screenshot(page, "dashboard-04-after-recheck")

    assert review_gap(overdue_review).status == Gap.Status.RESOLVED
    page.goto(gap.get_absolute_url())
    assert page.get_by_text("Resolved", exact=True).first.is_visible()
    screenshot(page, "dashboard-05-gap-resolved")
    page.goto(overdue_review.get_absolute_url())
    assert page.locator("section#compliance-gaps").get_by_role("link", name="CR-HH-015").count() == 0


def test_a_check_in_progress_is_watched_until_it_finishes_then_the_page_reloads(page, manager):
    run = ComplianceRunFactory(status=ComplianceRun.Status.RUNNING, trigger=ComplianceRun.Trigger.MANUAL,
                               requested_by=manager, finished_at=None)

    login(page, "manager", TEST_PASSWORD)
    status = page.locator("#run-status")
    assert status.get_by_text("Checking the records").is_visible()
    page.evaluate("window.__notReloaded = true")
    screenshot(page, "dashboard-06-check-running")

    ComplianceRun.objects.filter(pk=run.pk).update(status=ComplianceRun.Status.SUCCEEDED, finished_at=timezone.now())
    status.get_by_text("Checked").wait_for(timeout=8_000)  # htmx polls every 2 s
    assert page.evaluate("window.__notReloaded") is None  # reloaded, so the figures are the new run's
