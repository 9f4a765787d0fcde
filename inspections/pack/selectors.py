"""Permission-checked reads of packs. Staff see every pack; an inspector sees only the packs of the
inspection their active grant is for; everyone else finds nothing (404). Managers generate packs."""

from django.http import Http404
from django.utils import timezone

from inspections.models import PackExport
from inspections.permissions import active_grant, can_change, can_view


def can_generate(user) -> bool:
    return can_change(user)


def can_preview(user) -> bool:
    """The live preview reads today's records: staff only, not inspectors."""
    return can_view(user)


def packs_for(*, user, now=None):
    """The packs `user` may see, newest first."""
    packs = PackExport.objects.select_related("inspection", "requested_by").order_by("-version")
    if can_view(user):
        return packs
    grant = active_grant(user, now=now or timezone.now())
    if grant is not None:
        return packs.filter(inspection_id=grant.inspection_id)
    return packs.none()


def pack_get(*, user, pk, now=None) -> PackExport:
    pack = packs_for(user=user, now=now).filter(pk=pk).first()
    if pack is None:
        raise Http404("No such pack.")
    return pack


def require_pack_list(user, *, now=None):
    """Staff, or an inspector during a grant; a 404 for anyone else."""
    if not (can_view(user) or active_grant(user, now=now or timezone.now()) is not None):
        raise Http404
