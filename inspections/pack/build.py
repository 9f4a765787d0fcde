"""Gather a whole Pack: the sections in sections.yaml order, and the cover's facts."""

from django.conf import settings
from django.utils import timezone

from inspections import timeline
from inspections.pack.context import PackContext
from inspections.pack.data import Pack
from inspections.pack.gather import pack_gather
from inspections.pack.gather.agency import agency_setting


def person_label(user) -> str:
    if user is None:
        return ""
    return f"{user} ({user.get_role_display()})" if getattr(user, "role", "") else str(user)


def pack_meta(*, ctx: PackContext, version=None, generated_by=None, generated_at=None) -> dict:
    inspection = ctx.inspection
    meta = {
        "agency_name": settings.AGENCY_NAME, "urn": agency_setting("AGENCY_URN"), "inspection": inspection,
        "since": ctx.since, "today": ctx.today, "period_basis": ctx.period.basis, "version": version,
        "generated_at": timeline.local(generated_at or timezone.now()), "generated_by": person_label(generated_by),
        "full_names": ctx.full_names, "content_hash": "",
    }
    if inspection is not None:
        meta.update(inspection_type=inspection.get_type_display(),
                    notice_received=timeline.local(inspection.notice_received_at),
                    fieldwork_start=inspection.fieldwork_start, lead_inspector=inspection.lead_inspector)
    return meta


def pack_build(*, today=None, full_names=False, inspection=None, version=None, generated_by=None,
               generated_at=None, progress=None) -> Pack:
    """Everything the pack shows, every list materialised. `progress(done, total, title)` per section."""
    ctx = PackContext(today=today or timezone.localdate(), full_names=full_names, inspection=inspection)
    sections = pack_gather(ctx=ctx, progress=progress)
    return Pack(sections=sections, meta=pack_meta(ctx=ctx, version=version, generated_by=generated_by,
                                                  generated_at=generated_at))
