"""Bulk upload (records/views/evidence.py): the plain multi-file form, the per-file endpoint and assigning."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from records.models import Evidence
from tests.factories.evidence import PDF_BYTES

EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64
BULK = "records:evidence_bulk"
BULK_FILE = "records:evidence_bulk_file"


@pytest.fixture(autouse=True)
def tmp_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def pdf(name, content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_bulk_upload_anonymous_is_sent_to_login(client, db):
    assert client.get(reverse(BULK)).status_code == 302
    assert client.post(reverse(BULK_FILE), {"file": pdf("a.pdf")}).status_code == 302
    assert not Evidence.objects.exists()


def test_carers_and_the_decision_maker_cannot_bulk_upload(client_for, carer_user, decision_maker):
    for user in (carer_user, decision_maker):
        assert client_for(user).get(reverse(BULK)).status_code == 403
        assert client_for(user).post(reverse(BULK_FILE), {"file": pdf("a.pdf")}).status_code == 403
    assert not Evidence.objects.exists()


def test_without_js_many_files_upload_at_once_and_bad_ones_are_named(client_for, ssw, household):
    client = client_for(ssw)
    response = client.post(reverse(BULK), {"files": [pdf("one.pdf"), pdf("two.pdf"), pdf("setup.pdf", EXE_BYTES)]},
                           follow=True)
    assert sorted(Evidence.objects.values_list("original_filename", flat=True)) == ["one.pdf", "two.pdf"]
    html = response.content.decode()
    assert "2 files uploaded" in html and "Not uploaded: setup.pdf" in html
    assert [e.original_filename for e in response.context["unassigned"]] == ["one.pdf", "two.pdf"]
    # The select offers only what the social worker may change.
    assert f'value="household:{household.pk}"' in html


def test_assigning_sends_files_to_the_inbox_and_leaves_the_rest(client_for, ssw, household, other_household):
    client = client_for(ssw)
    client.post(reverse(BULK), {"files": [pdf("one.pdf"), pdf("two.pdf"), pdf("three.pdf")]})
    one, two, three = Evidence.objects.order_by("pk")
    carer = household.carers.get()
    response = client.post(reverse(BULK), {
        "step": "assign",
        f"target-{one.pk}": f"carer:{carer.pk}", f"kind-{one.pk}": "dbs_certificate",
        f"target-{two.pk}": f"household:{other_household.pk}", f"kind-{two.pk}": "insurance",  # not theirs
        f"target-{three.pk}": "", f"kind-{three.pk}": "other",
    }, follow=True)
    one.refresh_from_db()
    two.refresh_from_db()
    assert (one.carer, one.household, one.kind) == (carer, household, "dbs_certificate")
    assert two.household is None
    assert [e.pk for e in response.context["unassigned"]] == [two.pk, three.pk]
    assert [e.pk for e in client.get(reverse("records:evidence_inbox")).context["items"]] == [one.pk]


def test_the_per_file_endpoint_stores_one_file_and_answers_in_json(client_for, manager, household):
    response = client_for(manager).post(reverse(BULK_FILE), {"file": pdf("scan.pdf"),
                                                              "target": f"household:{household.pk}",
                                                              "kind": "insurance"})
    assert response.status_code == 200
    evidence = Evidence.objects.get()
    assert response.json() == {"ok": True, "id": evidence.pk, "name": "scan.pdf", "assigned": True,
                               "url": evidence.get_absolute_url()}
    assert (evidence.household, evidence.kind) == (household, "insurance")


def test_the_per_file_endpoint_refuses_an_executable(client_for, manager, tmp_media):
    response = client_for(manager).post(reverse(BULK_FILE), {"file": pdf("setup.pdf", EXE_BYTES)})
    assert response.status_code == 400
    assert "not a PDF" in response.json()["error"]
    assert not Evidence.objects.exists() and not [p for p in tmp_media.rglob("*") if p.is_file()]


def test_someone_elses_unassigned_upload_is_not_visible(client_for, ssw, other_ssw, household, other_household):
    client_for(ssw).post(reverse(BULK_FILE), {"file": pdf("mine.pdf")})
    evidence = Evidence.objects.get()
    assert client_for(other_ssw).get(reverse(BULK)).context["unassigned"] == []
    assert client_for(other_ssw).get(evidence.get_absolute_url()).status_code == 404
    assert client_for(ssw).get(evidence.get_absolute_url()).status_code == 200
