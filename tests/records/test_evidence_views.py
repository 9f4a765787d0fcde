"""Evidence pages (records/views/evidence.py): anonymous, without permission and with it, for each view.

`household` (with `carer_user`) belongs to `ssw`; `other_household` (with `outsider_carer`) to `other_ssw`.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import AccessLog
from records.models import Check, Evidence, EvidenceKind
from tests.factories.evidence import PDF_BYTES, EvidenceFactory

EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(autouse=True)
def tmp_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def evidence(household):
    """A pending DBS certificate for `household`'s carer."""
    return EvidenceFactory(carer=household.carers.get())


@pytest.fixture
def other_evidence(other_household):
    return EvidenceFactory(carer=other_household.carers.get())


def pdf(name="dbs.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def login_redirect(response):
    return response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


# Upload ----------------------------------------------------------------------------------------------

def upload_url(**query):
    from urllib.parse import urlencode
    return f"{reverse('records:evidence_upload')}?{urlencode(query)}"


def test_upload_anonymous_is_sent_to_login(client, household):
    assert login_redirect(client.get(upload_url(household=household.pk)))


def test_upload_for_another_household_is_404(client_for, outsider_carer, other_ssw, household):
    assert client_for(outsider_carer).get(upload_url(household=household.pk)).status_code == 404
    assert client_for(other_ssw).get(upload_url(carer=household.carers.get().pk)).status_code == 404
    response = client_for(outsider_carer).post(upload_url(household=household.pk),
                                               {"file": pdf(), "kind": "insurance"})
    assert response.status_code == 404
    assert not Evidence.objects.exists()


def test_upload_needs_exactly_one_target(client_for, manager, household):
    assert client_for(manager).get(reverse("records:evidence_upload")).status_code == 404
    both = upload_url(household=household.pk, carer=household.carers.get().pk)
    assert client_for(manager).get(both).status_code == 404


def test_a_carer_uploads_for_their_own_household_and_returns_to_next(client_for, carer_user, household):
    url = upload_url(household=household.pk, kind="insurance", next="/portal/")
    page = client_for(carer_user).get(url)
    assert page.status_code == 200
    assert b'accept="application/pdf,image/*,.docx,.heic"' in page.content
    assert b'value="insurance" selected' in page.content

    response = client_for(carer_user).post(url, {"file": pdf("Home insurance.pdf"), "kind": "insurance"})
    assert response.status_code == 302 and response.url == "/portal/"
    evidence = Evidence.objects.get()
    assert (evidence.household, evidence.kind, evidence.created_by) == (household, "insurance", carer_user)


def test_an_unsafe_next_is_ignored(client_for, manager, household):
    url = upload_url(household=household.pk, next="https://evil.example/")
    response = client_for(manager).post(url, {"file": pdf(), "kind": "other"})
    assert response.status_code == 302 and response.url == household.get_absolute_url()


def test_an_exe_renamed_pdf_is_refused_with_a_clear_message(client_for, manager, household, tmp_media):
    response = client_for(manager).post(upload_url(household=household.pk),
                                        {"file": pdf("dbs.pdf", EXE_BYTES), "kind": "other"})
    assert response.status_code == 200
    assert "renaming a file does not change its type" in response.content.decode()
    assert not Evidence.objects.exists()
    assert not [p for p in tmp_media.rglob("*") if p.is_file()]


# Detail, preview and download ------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["records:evidence_detail", "records:evidence_file", "records:evidence_download"])
def test_evidence_pages_anonymous_are_sent_to_login(client, evidence, name):
    assert login_redirect(client.get(reverse(name, args=[evidence.pk])))


@pytest.mark.parametrize("name", ["records:evidence_detail", "records:evidence_file", "records:evidence_download"])
def test_a_carer_guessing_another_households_evidence_gets_404(client_for, outsider_carer, other_ssw, evidence,
                                                               name):
    for user in (outsider_carer, other_ssw):
        assert client_for(user).get(reverse(name, args=[evidence.pk])).status_code == 404
    assert not AccessLog.objects.exists()


def test_the_owner_sees_the_page_and_downloads_the_file_which_is_logged(client_for, carer_user, evidence):
    client = client_for(carer_user)
    page = client.get(reverse("records:evidence_detail", args=[evidence.pk]))
    assert page.status_code == 200 and b"Waiting to be checked" in page.content
    assert b"Verify</button>" not in page.content  # carers never verify

    response = client.get(reverse("records:evidence_download", args=[evidence.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Disposition"].startswith("attachment")
    log = AccessLog.objects.get()
    assert (log.user, log.action, log.object_id) == (carer_user, AccessLog.Action.DOWNLOAD, str(evidence.pk))


def test_the_inline_preview_may_be_framed_by_our_pages_only_and_is_logged_as_a_view(client_for, ssw, evidence):
    response = client_for(ssw).get(reverse("records:evidence_file", args=[evidence.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["Content-Type"] == "application/pdf"
    assert AccessLog.objects.get().action == AccessLog.Action.VIEW


def test_a_png_uploaded_as_pdf_downloads_with_its_real_extension(client_for, manager, household):
    client_for(manager).post(upload_url(household=household.pk), {"file": pdf("scan.pdf", PNG_BYTES), "kind": "other"})
    evidence = Evidence.objects.get()
    assert evidence.content_type == "image/png"
    response = client_for(manager).get(reverse("records:evidence_download", args=[evidence.pk]))
    assert 'filename="scan.pdf.png"' in response["Content-Disposition"]


def test_staff_see_the_verify_form_and_earlier_versions(client_for, ssw, evidence):
    newer = EvidenceFactory(carer=evidence.carer, supersedes=evidence, original_filename="DBS again.pdf")
    Evidence.objects.filter(pk=evidence.pk).update(is_current=False)
    page = client_for(ssw).get(newer.get_absolute_url())
    assert page.status_code == 200
    assert page.context["versions"] == [evidence] and page.context["verify_form"] is not None
    old = client_for(ssw).get(evidence.get_absolute_url())
    assert old.context["newer"] == newer and old.context["verify_form"] is None


# Inbox, verify and reject ----------------------------------------------------------------------------

def test_inbox_anonymous_is_sent_to_login(client):
    assert login_redirect(client.get(reverse("records:evidence_inbox")))


def test_carers_have_no_inbox(client_for, carer_user, evidence):
    assert client_for(carer_user).get(reverse("records:evidence_inbox")).status_code == 403


def test_the_inbox_lists_the_caseloads_uploads_oldest_first(client_for, ssw, evidence, other_evidence,
                                                           django_assert_max_num_queries):
    newer = EvidenceFactory(carer=evidence.carer, kind=EvidenceKind.MEDICAL_REPORT,
                            original_filename="medical.pdf")
    EvidenceFactory(carer=evidence.carer, kind=EvidenceKind.REFERENCE, verified=True)
    for kind in (EvidenceKind.DBS_CERTIFICATE, EvidenceKind.REFERENCE, EvidenceKind.OTHER, EvidenceKind.MEDICAL_REPORT,
                 EvidenceKind.DBS_CERTIFICATE):
        EvidenceFactory(carer=evidence.carer, kind=kind)
    client = client_for(ssw)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("records:evidence_inbox"))
    items = response.context["items"]
    assert items[:2] == [evidence, newer] and len(items) == 7
    assert other_evidence not in items
    html = response.content.decode()
    assert '<iframe class="evidence-preview' in html and reverse("records:evidence_file", args=[evidence.pk]) in html


def test_the_managers_inbox_has_everything(client_for, manager, evidence, other_evidence):
    response = client_for(manager).get(reverse("records:evidence_inbox"))
    assert response.context["items"] == [evidence, other_evidence]


def test_verify_anonymous_and_other_social_worker_change_nothing(client, client_for, other_ssw, evidence):
    url = reverse("records:evidence_verify", args=[evidence.pk])
    data = {f"verify-{evidence.pk}-issued_on": "2026-01-05", f"verify-{evidence.pk}-outcome": "clear"}
    assert login_redirect(client.post(url, data))
    assert client_for(other_ssw).post(url, data).status_code == 404
    assert Evidence.objects.get().status == "pending" and not Check.objects.filter(carer=evidence.carer).exists()


def test_a_social_worker_verifies_a_dbs_from_the_inbox(client_for, ssw, evidence):
    url = reverse("records:evidence_verify", args=[evidence.pk])
    prefix = f"verify-{evidence.pk}"
    response = client_for(ssw).post(url, {f"{prefix}-issued_on": "2026-01-05", f"{prefix}-outcome": "clear",
                                          f"{prefix}-certificate_number": "001122334455",
                                          "next": reverse("records:evidence_inbox")})
    assert response.status_code == 302 and response.url == reverse("records:evidence_inbox")
    evidence.refresh_from_db()
    assert evidence.status == "verified" and evidence.check_record.certificate_number == "001122334455"


def test_verifying_without_the_issue_date_explains_what_is_missing(client_for, ssw, evidence):
    url = reverse("records:evidence_verify", args=[evidence.pk])
    response = client_for(ssw).post(url, {f"verify-{evidence.pk}-outcome": "clear"})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    assert Evidence.objects.get().status == "pending"


def test_rejecting_needs_a_reason_and_records_it(client_for, ssw, evidence):
    url = reverse("records:evidence_reject", args=[evidence.pk])
    assert client_for(ssw).post(url, {f"reject-{evidence.pk}-rejection_reason": ""}).status_code == 400
    response = client_for(ssw).post(url, {f"reject-{evidence.pk}-rejection_reason": "Blurred photo"})
    assert response.status_code == 302
    evidence.refresh_from_db()
    assert (evidence.status, evidence.rejection_reason) == ("rejected", "Blurred photo")


# The evidence card on record pages, and the menu ----------------------------------------------------

def test_the_household_page_lists_its_evidence_with_an_upload_link(client_for, carer_user, household, evidence):
    response = client_for(carer_user).get(reverse("records:carer_detail", args=[evidence.carer.pk]))
    html = response.content.decode()
    assert evidence.get_absolute_url() in html
    assert f"{reverse('records:evidence_upload')}?carer={evidence.carer.pk}" in html


def test_staff_get_an_evidence_inbox_menu_entry_and_carers_do_not(client_for, ssw, carer_user):
    inbox = reverse("records:evidence_inbox")
    assert inbox in client_for(ssw).get(reverse("records:household_list")).content.decode()
    assert inbox not in client_for(carer_user).get(reverse("home"), follow=True).content.decode()


def test_a_long_inbox_is_paged_oldest_first_and_counts_everything(client_for, manager, evidence):
    from records.views import evidence as views

    for _ in range(views.INBOX_PAGE_SIZE):
        EvidenceFactory(carer=evidence.carer, kind=EvidenceKind.OTHER)
    client = client_for(manager)
    first = client.get(reverse("records:evidence_inbox"))
    assert first.context["total"] == views.INBOX_PAGE_SIZE + 1
    assert len(first.context["items"]) == views.INBOX_PAGE_SIZE and first.context["items"][0] == evidence
    second = client.get(reverse("records:evidence_inbox"), {"page": 2})
    assert len(second.context["items"]) == 1 and evidence not in second.context["items"]
    assert "Page 1 of 2" in first.content.decode()


def test_verifying_with_impossible_dates_says_which_date_is_wrong(client_for, ssw, evidence):
    from datetime import timedelta

    from django.utils import timezone

    url = reverse("records:evidence_verify", args=[evidence.pk])
    prefix, today = f"verify-{evidence.pk}", timezone.localdate()
    client = client_for(ssw)
    future = client.post(url, {f"{prefix}-issued_on": (today + timedelta(days=1)).isoformat(),
                               f"{prefix}-outcome": "clear"})
    assert future.status_code == 400
    assert future.context["verify_form"].errors["issued_on"] == ["The date on the document cannot be in the future."]
    backwards = client.post(url, {f"{prefix}-issued_on": today.isoformat(),
                                  f"{prefix}-expires_on": (today - timedelta(days=1)).isoformat(),
                                  f"{prefix}-outcome": "clear"})
    assert backwards.context["verify_form"].errors["expires_on"] == [
        "The expiry date must be after the date on the document."]
    assert Evidence.objects.get().status == "pending" and not Check.objects.exists()


def test_uploading_a_document_dated_in_the_future_is_refused_and_stores_nothing(client_for, manager, household):
    from datetime import timedelta

    from django.utils import timezone

    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client_for(manager).post(upload_url(household=household.pk), {
        "file": pdf(), "kind": EvidenceKind.INSURANCE, "issued_on": tomorrow})
    assert response.status_code == 200
    assert response.context["form"].errors["issued_on"] == ["The date on the document cannot be in the future."]
    assert not Evidence.objects.exists()
