"""Readiness during the notice in Chromium: the manager records a notice, sees the countdown on the
dashboard and the readiness page's progress bar move when a carer's DBS is recorded; the carer sees
only their own household's list. After fieldwork: the report's dates, a requirement with its action
plan, and an interview record printed without the menu."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from compliance.models import Gap
from inspections import timeline
from inspections.models import Finding, Inspection
from tests.browser.conftest import login, screenshot
from tests.factories import TEST_PASSWORD, CheckFactory
from tests.factories.inspection_outcomes import ActionFactory, InterviewEntryFactory, InterviewFactory
from tests.factories.inspections import InspectionFactory

pytestmark = pytest.mark.browser


def test_the_manager_follows_readiness_and_the_carer_sees_their_own_list(page, manager, household, carer_user,
                                                                       other_household, outsider_carer):
    notice_at = timeline.local(timezone.now()).replace(second=0, microsecond=0)
    login(page, "manager", TEST_PASSWORD)
    page.goto("/inspections/notice/")
    page.get_by_label("Type").select_option("full")
    page.get_by_label("Notice received at").fill(f"{notice_at:%Y-%m-%dT%H:%M}")
    page.get_by_label("Lead inspector").fill("Priya Raman")
    with page.expect_navigation():
        page.get_by_role("button", name="Record the notice").click()
    inspection = Inspection.objects.get()
    assert inspection.snapshot_taken_at is not None  # the notice's run finished inline (eager Celery)

    # The dashboard counts down to each deadline.
    page.goto("/")
    card = page.locator("#notice-countdown")
    assert card.is_visible()
    start = inspection.fieldwork_start
    row = card.locator("li", has_text="Fieldwork starts")
    assert row.get_by_text(f"{start:%A} {start.day} {start:%b %Y} at 09:00").is_visible()
    assert row.locator("[data-countdown]").inner_text() == timeline.countdown(start, now=timezone.now())
    screenshot(page, "inspections-readiness-01-dashboard-countdown")

    # The carer's DBS is recorded: its gap closes (the on-save recheck runs inline).
    carer = household.carers.get()
    dbs_gaps = Gap.objects.filter(rule_id="CR-HH-004", subject_kind="carer", subject_id=carer.pk)
    assert dbs_gaps.filter(status="open").exists()
    CheckFactory(carer=carer)
    assert not dbs_gaps.filter(status="open").exists()

    card.get_by_role("link", name="Readiness").click()
    page.wait_for_url(f"**/inspections/{inspection.pk}/readiness/")
    at_notice = inspection.notice_gaps.count()
    assert page.locator("#at-notice").inner_text() == str(at_notice)
    assert page.locator("#closed-since").inner_text() == "1"
    bar = page.locator("#readiness-progress")
    assert bar.get_attribute("aria-valuenow") == str(round(100 / at_notice))
    assert page.get_by_role("heading", name="Who still has to do what").is_visible()
    assert page.locator(f"#person-hh{household.pk}").is_visible()
    screenshot(page, "inspections-readiness-02-manager")

    # Filter to the other social worker's caseload.
    page.get_by_label("Person").select_option(f"sw:{other_household.supervising_social_worker_id}")
    with page.expect_navigation():
        page.get_by_role("button", name="Filter").click()
    assert page.locator(f"#person-sw{other_household.supervising_social_worker_id}").is_visible()
    assert page.locator(f"#person-sw{household.supervising_social_worker_id}").count() == 0

    # The carer: "Before the inspection" in the menu, and only their own household's items.
    page.context.clear_cookies()
    login(page, "carer", TEST_PASSWORD)
    page.get_by_role("button", name="Inspection", exact=True).click()
    page.get_by_role("link", name="Before the inspection").click()
    page.wait_for_url(f"**/inspections/{inspection.pk}/readiness/")
    needed = page.locator("#what-we-need li")
    own = Gap.objects.filter(status="open", household=household, subject_kind__in=["carer", "household_member"])
    assert needed.count() == own.count() > 0
    assert "Okafor" not in page.content()
    assert page.locator("#readiness-progress").is_visible()
    screenshot(page, "inspections-readiness-03-carer")
    assert page.goto(f"/inspections/{inspection.pk}/").status == 404


def test_the_manager_records_the_report_and_an_interview_record_prints(page, manager, ssw):
    call_command("load_clauses", stdout=StringIO())  # a transactional test before this one may have emptied it
    today = timezone.localdate()
    inspection = InspectionFactory(notice_received_at=timezone.now() - timedelta(days=50))
    interview = InterviewFactory(inspection=inspection, interviewee=ssw, interviewee_role="Supervising social worker")
    InterviewEntryFactory(interview=interview)
    login(page, "manager", TEST_PASSWORD)
    page.goto(f"/inspections/{inspection.pk}/outcomes/edit/")
    page.get_by_label("Fieldwork ended (the feedback day)").fill(f"{today - timedelta(days=40):%Y-%m-%d}")
    page.get_by_label("Draft received on").fill(f"{today - timedelta(days=20):%Y-%m-%d}")
    page.get_by_label("The effectiveness of leaders and managers").select_option("good")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    assert page.get_by_text("Dates and judgements saved.").is_visible()
    assert page.locator("#post-inspection-steps li").count() == 4

    page.get_by_role("link", name="Requirement or recommendation").click()
    page.get_by_label("Clause").select_option("fsr2011:r17")
    page.get_by_label("Text").fill("Every carer completes the TSD standards within 12 months of approval.")
    page.get_by_label("Compliance date").fill(f"{today + timedelta(days=60):%Y-%m-%d}")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    finding = Finding.objects.get()
    ActionFactory(finding=finding, owner=manager, due_date=today - timedelta(days=2))
    page.reload()
    assert page.locator(f"#finding-{finding.pk}").get_by_text("Reg 17").is_visible()
    screenshot(page, "inspections-outcomes-01-page")

    page.goto(interview.get_absolute_url())
    assert page.get_by_role("button", name="Print").is_visible()
    # The print rules live in static/css/site.css: an inline <style> here would be blocked by the policy.
    page.emulate_media(media="print")
    assert not page.locator("nav.navbar").is_visible()
    assert not page.locator(".breadcrumb").is_visible()
    assert not page.get_by_role("button", name="Print").is_visible()
    assert page.get_by_text("How do you know supervision visits happen").is_visible()
    screenshot(page, "inspections-interview-01-print")
