"""Pack pages as anonymous, as people who may not see packs, as staff and inspectors who may, and as managers.

Packs here are built by PackExportFactory (tiny files) unless a test generates one for real.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccessLog
from inspections.models import InspectorGrant, PackExport
from tests.factories.inspection_packs import PDF_BYTES, PackExportFactory, small_agency
from tests.factories.inspections import InspectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def inspection():
    return InspectionFactory()


@pytest.fixture
def pack(inspection):
    return PackExportFactory(inspection=inspection)


@pytest.fixture
def other_pack():
    """A pack for another inspection: an inspector granted access to `inspection` must not find it."""
    return PackExportFactory(inspection=InspectionFactory(lead_inspector="Someone else"))


def grant(inspector, inspection, **times):
    now = timezone.now()
    return InspectorGrant.objects.create(inspection=inspection, inspector=inspector,
                                         starts_at=times.get("starts_at", now - timedelta(hours=1)),
                                         ends_at=times.get("ends_at", now + timedelta(days=1)))


def urls(pack):
    return [reverse("inspections:pack_list"), reverse("inspections:pack_detail", args=[pack.pk]),
            reverse("inspections:pack_status", args=[pack.pk]), reverse("inspections:pack_preview"),
            reverse("inspections:pack_download", args=[pack.pk, "pdf"])]


def test_anonymous_visitors_are_sent_to_sign_in(client, pack):
    for url in urls(pack):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    assert client.post(reverse("inspections:pack_request")).status_code == 302
    assert not AccessLog.objects.exists()


@pytest.mark.parametrize("role", ["carer_user", "panel_member", "inspector"])
def test_carers_panel_members_and_inspectors_without_access_find_nothing(request, client_for, pack, role):
    client = client_for(request.getfixturevalue(role))
    for url in urls(pack):
        assert client.get(url).status_code == 404, url
    assert not AccessLog.objects.filter(action=AccessLog.Action.DOWNLOAD).exists()


def test_an_inspector_whose_access_ended_finds_nothing(client_for, inspector, pack):
    now = timezone.now()
    grant(inspector, pack.inspection, starts_at=now - timedelta(days=2), ends_at=now - timedelta(hours=1))
    response = client_for(inspector).get(reverse("inspections:pack_download", args=[pack.pk, "pdf"]))
    assert response.status_code in (302, 404)  # signed out, or nothing there
    assert not AccessLog.objects.filter(action=AccessLog.Action.DOWNLOAD).exists()


def test_an_inspector_during_access_sees_and_downloads_their_inspections_packs_only(client_for, inspector, pack,
                                                                                    other_pack):
    grant(inspector, pack.inspection)
    client = client_for(inspector)
    listing = client.get(reverse("inspections:pack_list")).content.decode()
    assert str(pack) in listing and str(other_pack) not in listing
    assert client.get(reverse("inspections:pack_detail", args=[pack.pk])).status_code == 200
    response = client.get(reverse("inspections:pack_download", args=[pack.pk, "pdf"]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF_BYTES
    assert AccessLog.objects.filter(user=inspector, action=AccessLog.Action.DOWNLOAD, object_id=str(pack.pk),
                                    object_kind="inspections.packexport").exists()
    assert client.get(reverse("inspections:pack_detail", args=[other_pack.pk])).status_code == 404
    assert client.get(reverse("inspections:pack_download", args=[other_pack.pk, "pdf"])).status_code == 404
    assert client.get(reverse("inspections:pack_preview")).status_code == 404  # live records: staff only
    assert client.post(reverse("inspections:pack_request")).status_code in (403, 404)


def test_a_social_worker_views_and_downloads_but_cannot_generate(client_for, ssw, pack):
    client = client_for(ssw)
    page = client.get(reverse("inspections:pack_detail", args=[pack.pk])).content.decode()
    assert reverse("inspections:pack_download", args=[pack.pk, "zip"]) in page
    assert reverse("inspections:pack_request") not in page
    for kind, start in [("zip", b"PK"), ("xlsx", b"PK not"), ("carers-register.csv", b"Household")]:
        response = client.get(reverse("inspections:pack_download", args=[pack.pk, kind]))
        assert response.status_code == 200, kind
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert body.startswith(start), kind
        assert response["Content-Disposition"].startswith("attachment")
    assert AccessLog.objects.filter(user=ssw, action=AccessLog.Action.DOWNLOAD).count() == 3
    assert client.post(reverse("inspections:pack_request"), {}).status_code == 403
    assert client.get(reverse("inspections:pack_download", args=[pack.pk, "secrets.csv"])).status_code == 404
    assert client.get(reverse("inspections:pack_download", args=[pack.pk, "..%2F..%2Fsettings.csv"])).status_code == 404


def test_an_unfinished_pack_has_nothing_to_download_and_polls_for_progress(client_for, manager):
    pack = PackExportFactory(queued=True, status=PackExport.Status.RUNNING, progress=42,
                             stage="Laying out the pages (the longest step)")
    client = client_for(manager)
    assert client.get(reverse("inspections:pack_download", args=[pack.pk, "pdf"])).status_code == 404
    status = client.get(reverse("inspections:pack_status", args=[pack.pk]), HTTP_HX_REQUEST="true")
    html = status.content.decode()
    assert 'aria-valuenow="42"' in html and "w-pct-42" in html and "Laying out the pages" in html
    assert "hx-trigger=\"every 1s\"" in html and '<meta http-equiv="refresh"' in html  # noscript fallback
    assert "HX-Refresh" not in status


def test_a_finished_pack_polled_by_htmx_reloads_the_page(client_for, manager, pack):
    response = client_for(manager).get(reverse("inspections:pack_status", args=[pack.pk]) + "?poll=1",
                                       HTTP_HX_REQUEST="true")
    assert response["HX-Refresh"] == "true" and "hx-get" not in response.content.decode()


def test_the_manager_generates_a_pack_from_the_inspection_page(client_for, manager, inspection,
                                                               django_capture_on_commit_callbacks):
    small_agency(households=2)
    client = client_for(manager)
    page = client.get(inspection.get_absolute_url()).content.decode()
    assert "Generate the pack" in page and "No pack generated for this inspection yet." in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("inspections:pack_request"), {"inspection": inspection.pk})
    pack = PackExport.objects.get()
    assert response.status_code == 302 and response["Location"] == pack.get_absolute_url()
    assert (pack.status, pack.version, pack.inspection, pack.requested_by, pack.full_names) == (
        PackExport.Status.SUCCEEDED, 1, inspection, manager, False)
    assert pack.page_count > 5 and pack.duration_ms is not None and pack.progress == 100
    detail = client.get(pack.get_absolute_url()).content.decode()
    assert "Ready" in detail and f"PDF ({pack.page_count} pages)" in detail and pack.content_hash in detail
    assert str(pack) in client.get(inspection.get_absolute_url()).content.decode()


def test_a_practice_pack_with_full_names_from_the_packs_page(client_for, responsible_individual,
                                                             django_capture_on_commit_callbacks):
    client = client_for(responsible_individual)
    assert "Generate a practice pack" in client.get(reverse("inspections:pack_list")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("inspections:pack_request"), {"full_names": "on"})
    pack = PackExport.objects.get()
    assert pack.inspection is None and pack.full_names and pack.status == PackExport.Status.SUCCEEDED


def test_the_preview_shows_initials_and_only_managers_may_switch_to_full_names(client_for, manager, ssw):
    agency = small_agency(households=1)
    child = agency.children[0]
    full = f"{child.first_name} {child.last_name} ({child.reference})"
    page = client_for(manager).get(reverse("inspections:pack_preview")).content.decode()
    assert f"{child.first_name[0]}{child.last_name[0]} ({child.reference})" in page and full not in page
    assert full in client_for(manager).get(reverse("inspections:pack_preview") + "?full_names=1").content.decode()
    assert full not in client_for(ssw).get(reverse("inspections:pack_preview") + "?full_names=1").content.decode()
    assert AccessLog.objects.filter(object_kind="inspections.pack_preview", user=ssw).exists()
