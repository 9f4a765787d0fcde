"""Asking for a pack, generating it in the task, and what the row says when it fails."""

import pytest
from django.urls import reverse

from inspections.models import PackExport
from inspections.pack import services
from inspections.pack.services import pack_generate, pack_request
from inspections.tasks import pack_generate_task
from tests.factories.inspection_packs import PackExportFactory, small_agency

pytestmark = pytest.mark.django_db


def test_each_request_takes_the_next_version_and_queues_until_commit(manager, django_capture_on_commit_callbacks):
    PackExportFactory(version=7)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first = pack_request(user=manager)
        second = pack_request(user=manager, full_names=True)
    assert (first.version, second.version) == (8, 9)
    assert len(callbacks) == 2  # the tasks go only once the rows are committed
    first.refresh_from_db()
    assert (first.status, first.progress, first.stage, first.requested_by) == (
        PackExport.Status.QUEUED, 0, "Waiting to start", manager)


def test_the_task_generates_the_pack_reporting_each_stage(manager, monkeypatch):
    small_agency(households=1)
    pack = pack_request(user=manager, enqueue=False)
    seen = []
    original = services._progress

    def record(pack, percent, stage, **fields):
        seen.append((percent, stage))
        original(pack, percent, stage, **fields)

    monkeypatch.setattr(services, "_progress", record)
    pack_generate_task(pack.pk)
    pack.refresh_from_db()
    assert pack.status == PackExport.Status.SUCCEEDED and pack.progress == 100 and pack.stage == "Ready"
    assert pack.pdf.name.endswith(".pdf") and pack.bundle.name and pack.started_at <= pack.finished_at
    percents = [percent for percent, _ in seen]
    assert percents == sorted(percents) and percents[0] == 2 and percents[-1] == 97
    assert "Gathered: Register of foster carers" in [stage for _, stage in seen]
    assert "Laying out the pages (the longest step)" in [stage for _, stage in seen]


def test_generating_again_leaves_a_finished_pack_alone(manager):
    pack = PackExportFactory()
    name = pack.pdf.name
    times = {}
    assert pack_generate(pack_id=pack.pk, stage_times=times).pdf.name == name
    assert times == {}


def test_a_failure_is_recorded_on_the_row_and_raised(manager, monkeypatch):
    pack = pack_request(user=manager, enqueue=False)

    def broken(html):
        raise RuntimeError("Pango is missing")

    monkeypatch.setattr(services, "pdf_render", broken)
    with pytest.raises(RuntimeError):
        pack_generate(pack_id=pack.pk)
    pack.refresh_from_db()
    assert pack.status == PackExport.Status.FAILED and pack.error == "RuntimeError: Pango is missing"
    assert pack.finished and pack.stage == "Failed" and not pack.pdf and pack.duration_ms is not None


def test_inline_a_failure_still_answers_the_manager(client_for, manager, monkeypatch,
                                                    django_capture_on_commit_callbacks):
    monkeypatch.setattr(services, "pdf_render", lambda html: 1 / 0)
    client = client_for(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("inspections:pack_request"), {})
    pack = PackExport.objects.get()
    assert response.status_code == 302 and pack.status == PackExport.Status.FAILED
    page = client.get(response["Location"]).content.decode()
    assert "The pack could not be generated" in page and "ZeroDivisionError: division by zero" in page


def test_the_benchmark_stages_are_timed(manager):
    small_agency(households=1)
    pack = pack_request(user=manager, enqueue=False)
    times = {}
    pack_generate(pack_id=pack.pk, stage_times=times)
    assert list(times) == ["gather", "pdf", "spreadsheets", "bundle", "save"]
    assert all(seconds >= 0 for seconds in times.values())
