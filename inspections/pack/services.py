"""Writes for the pack: ask for one (a PackExport row, the task sent on commit) and generate it.

`pack_generate` moves the row QUEUED -> RUNNING -> SUCCEEDED or FAILED, writing progress and the
current stage as it goes (outside any transaction, so the page polling it sees each step). Every
generated pack is kept with its files; a new one gets the next version number.
"""

import logging
import tempfile
import time

from django.core.files import File
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from inspections.models import PackExport, SampledCase
from inspections.pack.build import pack_build, person_label
from inspections.pack.bundle import bundle_write
from inspections.pack.evidence import evidence_files_for
from inspections.pack.render import pack_document, pdf_render
from inspections.pack.tables import tables_xlsx

logger = logging.getLogger(__name__)

VERSION_ATTEMPTS = 5


def pack_request(*, user, inspection=None, full_names=False, enqueue=True) -> PackExport:
    """Queue a new pack (the next version); its task is sent once this transaction commits."""
    for attempt in range(VERSION_ATTEMPTS):
        try:
            with transaction.atomic():
                version = (PackExport.objects.aggregate(top=Max("version"))["top"] or 0) + 1
                pack = PackExport(inspection=inspection, version=version, full_names=full_names,
                                  requested_by=user if user is not None and user.is_authenticated else None,
                                  stage="Waiting to start")
                # requested_by may be empty (a command, the benchmark) though the model field is not blank=True.
                pack.full_clean(exclude=None if pack.requested_by else ["requested_by"])
                pack.save()
            break
        except IntegrityError:  # someone else took that version number at the same moment
            if attempt == VERSION_ATTEMPTS - 1:
                raise
    if enqueue:
        transaction.on_commit(lambda: _task_send(pack_id=pack.pk))
    return pack


def pack_generate(*, pack_id, stage_times=None) -> PackExport:
    """Gather, render, export and bundle the pack, then store its files. Re-raises on failure (the row
    says FAILED with the error). `stage_times`, if given, collects seconds per stage (the benchmark)."""
    pack = PackExport.objects.select_related("inspection", "requested_by").get(pk=pack_id)
    if pack.status == PackExport.Status.SUCCEEDED:
        return pack  # the task was delivered twice
    started = time.monotonic()
    clock = _StageClock(stage_times)
    _progress(pack, 2, "Gathering the records", status=PackExport.Status.RUNNING, started_at=timezone.now(),
              error="")
    try:
        _generate(pack, clock)
    except Exception as exc:
        _finish(pack, started, status=PackExport.Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000],
                stage="Failed")
        logger.exception("Inspection pack %s failed", pack.pk)
        raise
    _finish(pack, started, status=PackExport.Status.SUCCEEDED, stage="Ready", progress=100)
    return pack


def _generate(pack, clock):
    def gathered(done, total, title):
        _progress(pack, 2 + round(38 * done / total), f"Gathered: {title}")

    data = pack_build(full_names=pack.full_names, inspection=pack.inspection, version=pack.version,
                      generated_by=pack.requested_by, generated_at=pack.started_at, progress=gathered)
    clock.lap("gather")
    _progress(pack, 42, "Laying out the pages (the longest step)")
    rendered = pack_document(data)
    pdf = pdf_render(rendered.html)
    clock.lap("pdf")
    _progress(pack, 85, "Writing the spreadsheets")
    tables = data.tables()
    header = _header_lines(pack, data.meta, pdf.page_count)
    xlsx = tables_xlsx(tables, about=[tuple(line.split(": ", 1)) for line in header])
    clock.lap("spreadsheets")
    _progress(pack, 92, "Adding the sampled cases' files")
    folders = [evidence_files_for(case, full_names=pack.full_names) for case in _sampled_cases(pack)]
    with tempfile.TemporaryFile() as bundle:
        bundle_write(bundle, version=pack.version, pdf=pdf.pdf, xlsx=xlsx, tables=tables, folders=folders,
                     header_lines=header)
        clock.lap("bundle")
        _progress(pack, 97, "Saving the files")
        bundle.seek(0)
        pack.pdf.save("pack.pdf", ContentFile(pdf.pdf), save=False)
        pack.bundle.save("bundle.zip", File(bundle), save=False)
    clock.lap("save")
    pack.content_hash, pack.page_count = rendered.content_hash, pdf.page_count


def _sampled_cases(pack):
    if pack.inspection_id is None:
        return []
    return list(SampledCase.objects.filter(inspection_id=pack.inspection_id)
                .select_related("household", "resident").order_by("pk"))


def _header_lines(pack, meta, page_count) -> list[str]:
    inspection = meta["inspection"]
    return [
        f"Agency: {meta['agency_name']}",
        f"Ofsted URN: {meta['urn']}",
        f"Inspection pack: version {pack.version}",
        f"Inspection: {meta['inspection_type'] if inspection else 'none (practice pack)'}",
        f"Period covered: {meta['since']:%d/%m/%Y} to {meta['today']:%d/%m/%Y}",
        f"Generated: {meta['generated_at']:%d/%m/%Y %H:%M} by {person_label(pack.requested_by) or 'the system'}",
        f"Children named by: {'full name and reference' if pack.full_names else 'initials and reference'}",
        f"Pages in the PDF: {page_count}",
        f"Content hash (SHA-256 of the sections' HTML, as printed on the cover): {meta['content_hash']}",
    ]


class _StageClock:
    def __init__(self, times):
        self.times, self.last = times, time.monotonic()

    def lap(self, name):
        now = time.monotonic()
        if self.times is not None:
            self.times[name] = now - self.last
        self.last = now


def _progress(pack, percent, stage, **fields):
    """Write progress at once (its own autocommit statement) so the polling page sees it."""
    pack.progress, pack.stage = percent, stage[:120]
    for name, value in fields.items():
        setattr(pack, name, value)
    PackExport.objects.filter(pk=pack.pk).update(progress=percent, stage=pack.stage, **fields)


def _finish(pack, started, **fields):
    pack.finished_at = timezone.now()
    pack.duration_ms = round((time.monotonic() - started) * 1000)
    for name, value in fields.items():
        setattr(pack, name, value)
    try:
        pack.save()
    except Exception:  # the database itself failed: the caller re-raises the original error
        if pack.status != PackExport.Status.FAILED:
            raise
        logger.exception("Could not record the failure of inspection pack %s", pack.pk)


# Sending the task ----------------------------------------------------------------------------------

def _eager():
    from inspections.tasks import pack_generate_task

    return bool(pack_generate_task.app.conf.task_always_eager)


def _task_send(*, pack_id):
    from inspections.tasks import pack_generate_task

    if not _eager():
        pack_generate_task.apply_async(args=[pack_id])
        return
    try:
        pack_generate_task.apply_async(args=[pack_id])
    except Exception:
        # Inline (demo, tests): the row already says FAILED; the request that asked for it must still succeed.
        logger.exception("Inspection pack %s failed inline", pack_id)
