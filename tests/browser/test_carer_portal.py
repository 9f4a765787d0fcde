"""The carer portal on a phone (390 px): sign in, see what is needed, upload a certificate, write the journal."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from compliance.models import ComplianceRun
from compliance.services import run_execute, run_request
from records.choices import MemberRelationship
from records.models import Evidence, JournalEntry
from tests import factories as f
from tests.browser.conftest import login, screenshot
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.browser


def tiny_pdf() -> bytes:
    """A real one-page PDF (a few hundred bytes), with a correct cross-reference table."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_carer_on_a_phone_sees_what_is_needed_uploads_a_certificate_and_writes_the_journal(
        phone_page, carer_user, household, other_household):
    page = phone_page
    today = timezone.localdate()
    lodger = f.HouseholdMemberFactory(household=household, first_name="Robin", relationship=MemberRelationship.LODGER,
                                      date_of_birth=today - timedelta(days=30 * 365),
                                      moved_in_date=today - timedelta(days=3))
    placement = f.PlacementFactory(household=household, resident__first_name="Maya")
    run = run_request(trigger=ComplianceRun.Trigger.MANUAL, household_ids=[household.pk], enqueue=False)
    run_execute(run_id=run.pk)

    login(page, "carer", TEST_PASSWORD)
    assert urlsplit(page.url).path == "/"
    needed = page.locator("#needed")
    assert needed.get_by_role("heading", name="What we need from you").is_visible()
    assert needed.get_by_text("no enhanced DBS applied for").first.is_visible()
    assert other_household.name not in page.content()
    assert fits_the_screen(page)
    screenshot(page, "portal-01-home")

    # The upload button is big enough to tap and shows where keyboard focus is.
    upload = needed.get_by_role("link", name=f"Upload the DBS certificate for {lodger}")
    box = upload.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 300
    upload.focus()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    upload.click()
    page.wait_for_url("**/evidence/upload/**")
    assert page.input_value("#id_kind") == "dbs_certificate"
    page.set_input_files("#id_file", files=[{"name": "robin-dbs.pdf", "mimeType": "application/pdf",
                                             "buffer": tiny_pdf()}])
    page.fill("#id_issued_on", (today - timedelta(days=1)).isoformat())
    assert fits_the_screen(page)
    screenshot(page, "portal-02-upload")
    page.get_by_role("button", name="Upload").click()
    page.wait_for_url(lambda url: urlsplit(url).path == "/records/portal/")
    assert page.get_by_text("robin-dbs.pdf").first.is_visible()
    # Until the agency checks it, the need says the file is waiting instead of asking for it again.
    assert needed.get_by_text("You sent “robin-dbs.pdf”").is_visible()
    assert needed.get_by_role("link", name=f"Upload the DBS certificate for {lodger}").count() == 0
    evidence = Evidence.objects.get()
    assert (evidence.kind, evidence.household_member, evidence.status) == ("dbs_certificate", lodger, "pending")
    screenshot(page, "portal-03-uploaded")

    page.locator("#children").get_by_role("link", name="Add a journal entry for Maya").click()
    assert page.input_value("#id_placement") == str(placement.pk)
    page.fill("#id_entry_date", today.isoformat())
    page.fill("#id_text", "Maya read to us tonight and laughed at the cat.")
    assert fits_the_screen(page)
    screenshot(page, "portal-04-journal-form")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("Maya read to us tonight").first.is_visible()
    entry = JournalEntry.objects.get()
    assert entry.placement == placement and entry.author == carer_user
    screenshot(page, "portal-05-journal-saved")


def test_a_carer_on_a_phone_tells_us_someone_moved_in(phone_page, carer_user, household):
    page = phone_page
    login(page, "carer", TEST_PASSWORD)
    page.locator("#people").get_by_role("link", name="Someone has moved in").click()
    page.get_by_label("First name").fill("Jordan")
    page.get_by_label("Last name").fill("Price")
    page.get_by_label("Date of birth").fill("1998-06-01")
    page.get_by_label("Who they are to you").select_option("partner")
    page.get_by_label("Date they moved in").fill(timezone.localdate().isoformat())
    assert fits_the_screen(page)
    screenshot(page, "portal-06-member-form")
    page.get_by_role("button", name="Send to my social worker").click()
    requests = page.locator("#requests")
    assert requests.get_by_text("Jordan Price has joined the household").is_visible()
    assert requests.get_by_text("Waiting for a decision").is_visible()
    screenshot(page, "portal-07-request-sent")


def test_the_social_worker_approves_a_new_adult_and_the_dbs_is_needed_at_once(page, ssw, carer_user, household):
    from records import change_requests

    change_request = change_requests.change_request_submit(
        household=household, user=carer_user, target_model=change_requests.MEMBER, action="create",
        new={"first_name": "Jordan", "last_name": "Price", "date_of_birth": timezone.localdate().replace(year=1998),
             "relationship": MemberRelationship.PARTNER, "moved_in_date": timezone.localdate()},
        reason="My partner has moved in with us.")
    login(page, "ssw", TEST_PASSWORD)
    page.goto("/records/change-requests/")
    page.get_by_role("link", name="Jordan Price has joined the household").click()
    assert page.get_by_text("My partner has moved in with us.").is_visible()
    page.get_by_label("Approve and apply the change").check()
    screenshot(page, "portal-08-ssw-decides")
    page.get_by_role("button", name="Record the decision").click()
    assert page.get_by_text("Approved: the record is updated").is_visible()
    screenshot(page, "portal-09-ssw-approved")
    member = household.members.get(first_name="Jordan")
    change_request.refresh_from_db()
    assert change_request.status == "approved" and member.history.get().history_user == ssw

    page.goto(household.get_absolute_url())
    assert page.locator("#change-requests").get_by_text(f"approved by {ssw}").is_visible()
    page.goto(f"/compliance/gaps/?household={household.pk}")
    assert "Jordan Price" in page.content()
