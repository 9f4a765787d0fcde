"""Who may see and do what in inspections. Views call these; none of them query more than once.

Staff (managers, administrators, supervising social workers, decision makers) see inspections;
managers change them, grant inspectors access and withdraw it. Foster carers see only their own
readiness list and interviews.

An inspector's login is read only and time limited. While a grant (`InspectorGrant`) is active,
the inspector sees, and nothing else is there for them (404):

  the pack                  the inspection's pack pages (`can_view_pack`)
  the case list             approved households and children placed now, to pick the sample from
  a sampled household       the household and its carers, other members, checks, training, supervision
                            and unannounced visits, reviews, complaints and notifications; all its
                            placements (past too), their journals and missing episodes; the children
                            placed there now; its panel items, papers and decisions
  a sampled child           the child, all their placements (any household), journals, missing
                            episodes, complaints and notifications about them
  panel business            the central list, meetings, attendance and minutes (all in the pack);
                            not the decision queue, which spans every household
  never                     allegations, staff files and the agency's own records (the pack carries
                            what Ofsted is shown of those), compliance gaps, other inspections' pages

Outside a grant the inspector sees only the home page, which says when their access starts or
ended; if it has ended (or was withdrawn) every request signs them out (inspections/middleware.py).
Every page an inspector opens is logged (accounts.AccessLog).

`inspector_scope(user)` is the one read behind all of this; records/permissions.py and
panels/permissions.py narrow their querysets with it. It costs two queries and is kept on the
user object, which Django builds afresh for every request.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from accounts.models import MANAGER_ROLES, Role

STAFF_ROLES = MANAGER_ROLES | {Role.ADMINISTRATOR, Role.SUPERVISING_SOCIAL_WORKER, Role.DECISION_MAKER}


def can_view(user) -> bool:
    return user.is_authenticated and user.is_active and user.role in STAFF_ROLES


def can_change(user) -> bool:
    return can_view(user) and user.role in MANAGER_ROLES


def require_view(user):
    """404 rather than 403 for people who should not know the page exists."""
    if not can_view(user):
        raise Http404


def require_change(user):
    require_view(user)
    if not can_change(user):
        raise PermissionDenied


def is_inspector(user) -> bool:
    return user.is_authenticated and user.is_active and user.role == Role.INSPECTOR


def active_grant(user, *, now):
    """The inspector's grant in force at `now`, or None (never for anyone but an inspector)."""
    if not is_inspector(user):
        return None
    return (user.inspector_grants.filter(revoked_at__isnull=True, starts_at__lte=now, ends_at__gt=now)
            .select_related("inspection").order_by("-ends_at").first())


@dataclass(frozen=True)
class InspectorScope:
    """What an inspector may see now: the active grant (None outside one) and its sampled cases' ids."""

    grant: object = None
    household_ids: frozenset = frozenset()
    resident_ids: frozenset = frozenset()

    @property
    def active(self) -> bool:
        return self.grant is not None


NO_ACCESS = InspectorScope()
_CACHE = "_inspector_scope"


def inspector_scope(user, *, now=None) -> InspectorScope:
    """The inspector's scope, worked out once per user object (so once per request); NO_ACCESS for
    anyone who is not an inspector with an active grant. Passing `now` skips the cache."""
    if now is None:
        cached = getattr(user, _CACHE, None)
        if cached is not None:
            return cached
    grant = active_grant(user, now=now or timezone.now())
    if grant is None:
        scope = NO_ACCESS
    else:
        from inspections.access import sampled_case_ids

        households, residents = sampled_case_ids(inspection=grant.inspection)
        scope = InspectorScope(grant=grant, household_ids=households, resident_ids=residents)
    if now is None and user.is_authenticated:
        setattr(user, _CACHE, scope)
    return scope


def forget_inspector_scope(user):
    """Drop the cached scope (after a grant or the sample changes within the same request)."""
    if hasattr(user, _CACHE):
        delattr(user, _CACHE)


def grant_for_inspection(user, inspection) -> object:
    """The inspector's active grant if it is for `inspection`, else None."""
    grant = inspector_scope(user).grant
    return grant if grant is not None and grant.inspection_id == inspection.pk else None


def can_pick_cases(user, inspection) -> bool:
    """Managers pick the sample on an inspector's behalf; the inspector picks during their grant."""
    return can_change(user) or grant_for_inspection(user, inspection) is not None


def can_view_pack(user, inspection=None) -> bool:
    """Staff see every pack; an inspector sees their inspection's pack while their grant is active
    (any pack when `inspection` is not given, e.g. a list filtered to their inspection)."""
    if can_view(user):
        return True
    scope = inspector_scope(user) if is_inspector(user) else NO_ACCESS
    return scope.active and (inspection is None or scope.grant.inspection_id == inspection.pk)
