"""Evidence in Chromium: a manager bulk-uploads three files, assigns them and verifies one in the inbox."""

import io
import zipfile

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from compliance.models import Gap
from records.models import Check, Evidence
from tests.browser.conftest import login, screenshot
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.browser


def pdf_bytes(text="Enhanced DBS certificate - sample"):
    """A small valid one-page PDF with a line of text (offsets computed, so viewers open it)."""
    stream = f"BT /F1 18 Tf 60 760 Td ({text}) Tj ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                b"/Resources << /Font << /F1 5 0 R >> >> >>"),
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = io.BytesIO(b"%PDF-1.4\n"), []
    out.seek(0, 2)
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), (210, 230, 245)).save(buffer, format="PNG")
    return buffer.getvalue()


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def test_a_manager_bulk_uploads_three_files_and_verifies_one(page, manager, household, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    carer = household.carers.get()
    files = [
        {"name": "DBS certificate.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()},
        {"name": "Home safety photo.png", "mimeType": "image/png", "buffer": png_bytes()},
        {"name": "Reference.docx", "mimeType": "application/octet-stream", "buffer": docx_bytes()},
    ]

    login(page, "manager", TEST_PASSWORD)
    page.get_by_role("button", name="Evidence").click()
    page.get_by_role("link", name="Bulk upload").click()
    expect(page.locator("#bulk-drop")).to_be_visible()  # the script turned the form into a drop zone
    page.set_input_files("#id_files", files)
    page.get_by_role("button", name="Upload", exact=True).click()
    uploaded = page.locator("#bulk-progress li[data-state=uploaded]")
    uploaded.nth(2).wait_for()
    assert uploaded.count() == 3
    page.locator("#bulk-assign tbody select").nth(5).wait_for()  # the table came back with three rows
    screenshot(page, "evidence-01-bulk-uploaded")

    by_name = {e.original_filename: e for e in Evidence.objects.all()}  # uploads run in parallel: any order
    dbs, photo, reference = (by_name[f["name"]] for f in files)
    page.select_option(f"#target-{dbs.pk}", f"carer:{carer.pk}")
    page.select_option(f"#kind-{dbs.pk}", "dbs_certificate")
    page.select_option(f"#target-{photo.pk}", f"household:{household.pk}")
    page.select_option(f"#kind-{photo.pk}", "safety_check")
    page.select_option(f"#target-{reference.pk}", f"carer:{carer.pk}")
    page.select_option(f"#kind-{reference.pk}", "reference")
    screenshot(page, "evidence-02-assign")
    page.get_by_role("button", name="Send to the inbox").click()
    expect(page.get_by_text("3 files sent to the evidence inbox.")).to_be_visible()

    page.get_by_role("link", name="Evidence inbox").click()
    expect(page.locator("article")).to_have_count(3)
    first = page.locator(f"#evidence-{dbs.pk}")
    expect(first.locator("iframe")).to_be_visible()
    expect(page.locator(f"#evidence-{photo.pk} img")).to_be_visible()
    page.wait_for_timeout(2500)  # let the PDF viewer draw for the screenshot
    screenshot(page, "evidence-03-inbox")

    first.get_by_label("Date on the document").fill((timezone.localdate().replace(day=1)).isoformat())
    first.get_by_label("Certificate number").fill("001234567890")
    first.get_by_role("button", name="Verify").click()
    expect(page.get_by_text("Verified “DBS certificate: DBS certificate.pdf”.")).to_be_visible()
    expect(page.locator("article")).to_have_count(2)
    screenshot(page, "evidence-04-verified")
    page.goto(carer.get_absolute_url())
    expect(page.get_by_role("heading", name="Evidence")).to_be_visible()
    screenshot(page, "evidence-05-carer-page")
    page.get_by_role("link", name="DBS certificate", exact=True).click()
    expect(page.get_by_text("Recorded as")).to_be_visible()
    page.wait_for_timeout(1500)
    screenshot(page, "evidence-06-detail")

    dbs.refresh_from_db()
    assert dbs.status == "verified" and dbs.check_record == Check.objects.get(carer=carer)
    assert not Gap.objects.filter(rule_id="CR-HH-004", subject_kind="carer", subject_id=carer.pk,
                                  status="open").exists()


def test_a_carer_uploads_from_a_phone(phone_page, carer_user, household, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    page = phone_page
    login(page, "carer", TEST_PASSWORD)
    page.goto(f"/records/evidence/upload/?household={household.pk}&kind=insurance")
    assert page.locator("input[type=file]").get_attribute("accept") == "application/pdf,image/*,.docx,.heic"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways ({width}px)"
    page.set_input_files("input[type=file]", {"name": "insurance.pdf", "mimeType": "application/pdf",
                                              "buffer": pdf_bytes("Home insurance")})
    screenshot(page, "evidence-07-phone-upload")
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_text("is uploaded; the agency will check it.")).to_be_visible()
    assert Evidence.objects.get().household == household
