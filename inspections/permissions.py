"""Who may see and do what in inspections. Views call these; none of them query more than once.

Staff (managers, administrators, supervising social workers, decision makers) see inspections;
managers change them. Inspectors see the pack and their sampled cases only while a grant is
active (see `active_grant`). Foster carers see only their own readiness list and interviews.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

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


def active_grant(user, *, now):
    """The inspector's grant in force at `now`, or None (never for anyone but an inspector)."""
    if not (user.is_authenticated and user.is_active and user.role == Role.INSPECTOR):
        return None
    return (user.inspector_grants.filter(revoked_at__isnull=True, starts_at__lte=now, ends_at__gt=now)
            .select_related("inspection").order_by("-ends_at").first())
