"""The registered manager records a notice, generates the inspection pack, watches its progress bar and
downloads it, in Chromium. The PDF's first pages are saved as PNGs beside the screenshots for a person
to look at.

So that the progress bar can be seen moving, the task does not run inline here: the test runs it in a
thread, which pauses before laying out the PDF until the page has shown that stage.
"""

import subprocess
import threading

import pytest
from django.db import connection
from django.utils import timezone

from accounts.models import AccessLog
from inspections import timeline
from inspections.models import Inspection, PackExport
from inspections.pack import services
from tests.browser.conftest import SCREENSHOT_DIR, login, screenshot
from tests.factories import TEST_PASSWORD
from tests.factories.inspection_packs import small_agency

pytestmark = pytest.mark.browser


@pytest.fixture
def queued(monkeypatch):
    """Packs asked for in the browser are queued, not generated inline; their ids land here."""
    ids = []
    monkeypatch.setattr(services, "_task_send", lambda *, pack_id: ids.append(pack_id))
    return ids


@pytest.fixture
def paused_before_pdf(monkeypatch):
    """Generation stops before the PDF is laid out until the test sets the event."""
    go_on = threading.Event()
    render = services.pdf_render

    def waiting_render(html):
        assert go_on.wait(timeout=30), "the test never let the PDF render"
        return render(html)

    monkeypatch.setattr(services, "pdf_render", waiting_render)
    return go_on


def generate_in_background(pack_id):
    def run():
        try:
            services.pack_generate(pack_id=pack_id)
        finally:
            connection.close()
    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_the_manager_generates_the_pack_watches_progress_and_downloads_it(page, manager, queued,
                                                                          paused_before_pdf):
    agency = small_agency(households=4)
    notice_at = timeline.local(timezone.now()).replace(second=0, microsecond=0)
    login(page, "manager", TEST_PASSWORD)
    page.goto("/inspections/")
    page.get_by_role("link", name="Record a notice").click()
    page.get_by_label("Type").select_option("full")
    page.get_by_label("Notice received at").fill(f"{notice_at:%Y-%m-%dT%H:%M}")
    page.get_by_label("Lead inspector").fill("Priya Raman")
    with page.expect_navigation():
        page.get_by_role("button", name="Record the notice").click()
    assert page.locator("#countdown li", has_text="Fieldwork starts").is_visible()
    inspection = Inspection.objects.get()

    card = page.locator("#pack")
    assert card.get_by_text("No pack generated for this inspection yet.").is_visible()
    with page.expect_navigation():
        card.get_by_role("button", name="Generate the pack").click()
    assert page.get_by_role("heading", name="Inspection pack v1").is_visible()
    bar = page.get_by_role("progressbar", name="Generating the pack")
    assert bar.get_attribute("aria-valuenow") == "0" and page.get_by_text("Waiting to start").is_visible()

    thread = generate_in_background(queued[0])
    page.get_by_text("Laying out the pages").wait_for()  # htmx polled the new stage in
    assert bar.get_attribute("aria-valuenow") == "42"
    screenshot(page, "inspections-pack-01-progress")
    paused_before_pdf.set()
    thread.join(timeout=60)

    page.get_by_text("Ready", exact=True).wait_for()  # the fragment saw it finish and reloaded the page
    pack = PackExport.objects.get()
    assert (pack.status, pack.inspection) == (PackExport.Status.SUCCEEDED, inspection)
    page.get_by_role("link", name=f"PDF ({pack.page_count} pages)").wait_for()
    screenshot(page, "inspections-pack-02-ready")

    with page.expect_download() as download:
        page.get_by_role("link", name=f"PDF ({pack.page_count} pages)").click()
    assert download.value.suggested_filename == "inspection-pack-v1.pdf"
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    pdf_path = SCREENSHOT_DIR / "inspections-pack-v1.pdf"
    download.value.save_as(pdf_path)
    assert pdf_path.read_bytes().startswith(b"%PDF-")
    assert AccessLog.objects.filter(user=manager, action=AccessLog.Action.DOWNLOAD,
                                    object_id=str(pack.pk)).count() == 1

    # Page images for a person to check: the cover, the contents and the register.
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "3", str(pdf_path),
                    str(SCREENSHOT_DIR / "inspections-pack-03-pdf-page")], check=True)
    text = subprocess.run(["pdftotext", "-layout", str(pdf_path), "-"], check=True, capture_output=True,
                          text=True).stdout
    assert "Priya Raman" in text and "Full inspection" in text
    for household in agency.approved:
        assert household.reference in text
    page.goto(inspection.get_absolute_url())
    assert page.locator("#pack").get_by_role("link", name="Inspection pack v1").is_visible()

    # The preview: today's records through the same templates, children by initials.
    with page.expect_navigation():
        page.locator("#pack").get_by_role("link", name="Preview").click()
    child = agency.children[0]
    assert page.get_by_role("heading", name="Register of foster carers", exact=True).first.is_visible()
    assert page.get_by_text(f"{child.first_name[0]}{child.last_name[0]} ({child.reference})").first.is_visible()
    assert f"{child.first_name} {child.last_name} ({child.reference})" not in page.content()
    screenshot(page, "inspections-pack-04-preview")
