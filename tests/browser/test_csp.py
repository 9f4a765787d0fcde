"""The Content Security Policy in Chromium: every main page, for each kind of person, loads with no violation
(the policy allows nothing inline, so an inline script, handler or style would be blocked and reported), the
countdown still ticks and the print buttons still print, through static/js rather than inline code.

A violation is seen twice over: Chromium's console message ("Refused to ... Content Security Policy") and a
`securitypolicyviolation` listener an init script adds to every page before its own scripts run.
"""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from compliance.models import ComplianceRun
from compliance.services import run_execute, run_request
from inspections import services as inspection_services
from inspections import timeline
from inspections.models import PackExport
from tests.browser.conftest import login, screenshot
from tests.browser.test_evidence_bulk import pdf_bytes
from tests.factories import TEST_PASSWORD, PlacementFactory
from tests.factories.evidence import EvidenceFactory
from tests.factories.inspection_outcomes import InterviewEntryFactory, InterviewFactory
from tests.factories.inspection_packs import PackExportFactory
from tests.factories.panels import AgencyDecisionFactory

pytestmark = pytest.mark.browser

LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push(
  `${e.effectiveDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber}) ${e.sample}`));
"""
# Print buttons call window.print(); headless Chromium would open nothing, so count the calls instead.
PRINT_STUB = "window.__printed = 0; window.print = () => { window.__printed += 1; };"


class Watch:
    """Visits pages in `page` and keeps every CSP violation and uncaught script error it sees, with the URL."""

    def __init__(self, page):
        self.page, self.violations, self.errors = page, [], []
        page.add_init_script(LISTENER)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: {error}"))

    def _console(self, message):
        if "Content Security Policy" in message.text:
            self.violations.append(f"{self.page.url} (console): {message.text}")

    def visit(self, url, shot=None):
        response = self.page.goto(url)
        assert response.ok, f"{url}: {response.status}"
        self.page.wait_for_load_state("load")
        self.collect()
        if shot:
            screenshot(self.page, f"csp-{shot}")
        return response

    def collect(self):
        """Read the listener's list for the page now shown (events are queued: give them a moment)."""
        self.page.wait_for_timeout(150)
        seen = self.page.evaluate("window.__cspViolations || []")
        self.violations += [f"{self.page.url} (event): {text}" for text in seen]
        self.page.evaluate("window.__cspViolations = []")

    def assert_clean(self):
        self.collect()
        assert not self.violations, "Content Security Policy violations:\n" + "\n".join(self.violations)
        assert not self.errors, "Script errors:\n" + "\n".join(self.errors)


def pdf_viewer_opened(page) -> bool:
    """Whether Chromium's PDF viewer (an extension frame) has loaded inside the page, waiting up to 5 s."""
    for _ in range(50):
        if any(frame.url.startswith("chrome-extension://") for frame in page.frames):
            page.wait_for_timeout(500)  # let it draw the page before a screenshot
            return True
        page.wait_for_timeout(100)
    return False


@pytest.fixture
def clauses(transactional_db):
    call_command("load_clauses", stdout=StringIO())  # a transactional test before this one may have emptied it


@pytest.fixture
def notice(clauses, manager, household, other_household):
    """Ofsted's notice, received this minute: its compliance run (inline here) is the readiness baseline, and
    the records-upload window closes within 12 hours, so its countdown ticks in the browser."""
    received = timeline.local(timezone.now()).replace(second=0, microsecond=0)
    inspection = inspection_services.inspection_record_notice(
        user=manager, type="full", notice_received_at=received, lead_inspector="Priya Raman")
    inspection.refresh_from_db()
    assert inspection.snapshot_taken_at is not None
    return inspection


def test_the_watch_sees_a_violation(page, manager):
    """The harness itself: an inline style added to a page is reported both ways."""
    watch = Watch(page)
    login(page, "manager", TEST_PASSWORD)
    page.evaluate("""document.body.insertAdjacentHTML("beforeend", '<p style="color: red">inline</p>')""")
    watch.collect()
    assert any("(event): style-src" in v for v in watch.violations), watch.violations
    assert any("(console)" in v for v in watch.violations), watch.violations


def test_the_managers_pages_and_the_admin_keep_to_the_policy(page, manager, household, other_household, notice,
                                                            settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    User.objects.filter(pk=manager.pk).update(is_staff=True, is_superuser=True)  # as the demo's manager
    placement = PlacementFactory(household=household, resident__first_name="Maya")
    EvidenceFactory(carer=household.carers.get(), file__data=pdf_bytes(), size=len(pdf_bytes()))
    running = PackExportFactory(queued=True, status=PackExport.Status.RUNNING, progress=42,
                                stage="Laying out the pages")
    watch = Watch(page)
    login(page, "manager", TEST_PASSWORD)

    watch.visit("/", shot="01-home")
    expect(page.locator("#notice-countdown")).to_be_visible()
    watch.visit("/compliance/", shot="02-dashboard")
    # Readiness by area (from the notice's whole-agency check): bars drawn from w-pct-* classes, n% wide at n%.
    areas = page.locator("[aria-labelledby=areas-heading] .progress-bar")
    assert areas.count() >= 3
    for bar in areas.all():
        percent = int(bar.locator("..").get_attribute("aria-valuenow"))
        track = bar.locator("..").bounding_box()["width"]
        assert abs(bar.bounding_box()["width"] - track * percent / 100) <= 1.5, percent
    watch.visit("/compliance/gaps/", shot="03-gaps")
    watch.visit("/records/households/")
    page.fill("#id_q", "Fenwick")  # htmx swaps the results in: no inline styles, no eval
    expect(page.locator("#results")).to_contain_text("Fenwick")
    expect(page.locator("#results")).not_to_contain_text("Okafor")
    watch.visit(household.get_absolute_url(), shot="04-household")
    watch.visit(placement.resident.get_absolute_url())
    watch.visit("/records/evidence/inbox/")
    frame = page.locator("iframe.evidence-preview")
    expect(frame).to_be_visible()
    assert frame.bounding_box()["height"] > 500  # 34rem from site.css, not the 150px default
    assert pdf_viewer_opened(page), "Chromium's PDF viewer never opened in the preview frame"
    screenshot(page, "csp-05-evidence-inbox")
    watch.visit("/records/evidence/bulk/")
    expect(page.locator("#bulk-drop")).to_be_visible()  # evidence_bulk.js turned the form into a drop zone
    watch.visit("/records/import/", shot="06-import")
    watch.visit(notice.get_absolute_url(), shot="07-inspection")
    watch.visit(f"/inspections/{notice.pk}/readiness/", shot="08-readiness")
    expect(page.locator("#readiness-progress")).to_be_visible()
    watch.visit("/inspections/packs/preview/", shot="09-pack-preview")
    watch.visit(running.get_absolute_url(), shot="10-pack-running")
    bar = page.locator("#pack-status .progress-bar")
    assert bar.inner_text() == "42%"
    assert abs(bar.bounding_box()["width"] - 0.42 * bar.locator("..").bounding_box()["width"]) <= 1.5
    for url in ["/inspections/", "/inspections/packs/", "/panels/meetings/", "/compliance/runs/"]:
        watch.visit(url)
    watch.visit("/compliance/clauses/", shot="11-clauses")
    top, sub = page.locator("td.clause-depth-0").first, page.locator("td.clause-depth-1").first
    assert top.evaluate("el => getComputedStyle(el).paddingLeft") == "16px"
    assert sub.evaluate("el => getComputedStyle(el).paddingLeft") == "32px"

    # Django's admin: the index, a list with filters and actions, a change form with its widgets' scripts.
    watch.visit("/admin/", shot="12-admin")
    watch.visit("/admin/accounts/user/")
    watch.visit(f"/admin/accounts/user/{manager.pk}/change/", shot="13-admin-user")
    expect(page.locator("#id_groups_filter")).to_be_visible()  # SelectFilter2.js built the chooser
    page.locator("#calendarlink0").click()  # DateTimeShortcuts.js's calendar opens
    expect(page.locator("#calendarbox0")).to_be_visible()
    watch.visit("/admin/accounts/accesslog/")
    watch.assert_clean()


def test_the_countdown_ticks_in_its_last_12_hours(page, manager, notice):
    watch = Watch(page)
    page.clock.install()  # the page's clock, to run it forward; it starts at the real time
    login(page, "manager", TEST_PASSWORD)

    assert notice.records_upload_until - notice.notice_received_at == timedelta(hours=6)
    same_day = timeline.local(notice.records_upload_until).date() == timezone.localdate()
    prefix = "today, in" if same_day else "in"  # as inspections.timeline.countdown words it
    in_5_hours_50_odd = re.compile(rf"^{prefix} 5 h 5\d min$")
    # The dashboard's card (information deadline, records upload window, fieldwork): the script has replaced
    # the server's working-day wording with hours and minutes.
    watch.visit("/")
    expect(page.locator("[data-countdown]").nth(1)).to_have_text(in_5_hours_50_odd)

    # The inspection's page, and time passing (the page's clock survives navigations, so this comes last).
    watch.visit(notice.get_absolute_url())
    closes = page.locator("#countdown [data-deadline]").nth(1)
    expect(closes).to_have_text(in_5_hours_50_odd)
    page.clock.run_for("30:00")
    expect(closes).to_have_text(re.compile(rf"^{prefix} 5 h 2\d min$"))
    page.clock.run_for("06:00:00")
    expect(closes).to_have_text("passed")
    assert "working day" in page.locator("#countdown [data-deadline]").nth(2).inner_text()  # days away: as served
    screenshot(page, "csp-14-countdown-passed")
    watch.assert_clean()


def test_the_print_buttons_print(page, manager, ssw, decision_maker, clauses):
    inspection_at = timezone.now() - timedelta(days=50)
    interview = InterviewFactory(inspection__notice_received_at=inspection_at, interviewee=ssw,
                                 interviewee_role="Supervising social worker")
    InterviewEntryFactory(interview=interview)
    decision = AgencyDecisionFactory(decided_by=decision_maker)
    page.add_init_script(PRINT_STUB)
    watch = Watch(page)

    login(page, "manager", TEST_PASSWORD)
    watch.visit(interview.get_absolute_url(), shot="15-interview")
    page.get_by_role("button", name="Print").click()
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    assert not page.locator("nav.navbar").is_visible()
    assert not page.locator(".breadcrumb").is_visible()
    assert not page.get_by_role("button", name="Print").is_visible()
    screenshot(page, "csp-16-interview-print")
    page.emulate_media(media="screen")

    page.context.clear_cookies()
    login(page, "adm", TEST_PASSWORD)
    watch.visit(f"/panels/decisions/{decision.pk}/letter/", shot="17-letter")
    letter = page.locator("article.letter")
    assert letter.evaluate("el => getComputedStyle(el).maxWidth") == "768px"  # 48rem, from site.css
    page.get_by_role("button", name="Print").click()
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    assert not page.locator("nav.navbar").is_visible()
    assert letter.evaluate("el => getComputedStyle(el).borderTopStyle") == "none"
    screenshot(page, "csp-18-letter-print")
    watch.assert_clean()


def test_the_social_workers_pages_keep_to_the_policy(page, ssw, household, notice):
    watch = Watch(page)
    login(page, "ssw", TEST_PASSWORD)
    watch.visit("/")
    watch.visit("/compliance/", shot="19-ssw-dashboard")
    watch.visit(household.get_absolute_url())
    watch.visit(f"/compliance/gaps/?household={household.pk}")
    watch.assert_clean()


def test_the_carer_portal_on_a_phone_keeps_to_the_policy(phone_page, carer_user, household, notice):
    page = phone_page
    carer = household.carers.get()
    type(carer).objects.filter(pk=carer.pk).update(tsd_standards_completed=3)
    PlacementFactory(household=household, resident__first_name="Maya")
    run = run_request(trigger=ComplianceRun.Trigger.MANUAL, household_ids=[household.pk], enqueue=False)
    run_execute(run_id=run.pk)
    watch = Watch(page)

    login(page, "carer", TEST_PASSWORD)
    watch.collect()
    screenshot(page, "csp-20-carer-home")
    watch.visit("/records/portal/", shot="21-portal")
    tsd = page.locator("#training .progress-bar").first
    track = tsd.locator("..").bounding_box()["width"]
    assert abs(tsd.bounding_box()["width"] - track * 43 / 100) <= 1.5  # 3 of 7 standards
    page.get_by_role("button", name="Toggle navigation").click()  # Bootstrap's collapse still opens the menu
    expect(page.locator("#mainnav")).to_be_visible()
    watch.visit(f"/inspections/{notice.pk}/readiness/", shot="22-carer-readiness")
    watch.assert_clean()
