"""The one place that decides which panel records a user may see, change or decide on.

Views and selectors narrow every queryset with `restrict()`; anything outside it is a 404, so
a meeting a panel member did not sit on, or another household's letter, reveals nothing.

  managers                     everything, including decisions
  administrators               see and change everything; cannot decide
  agency decision maker        sees everything; decides; records when people were told
  inspectors                   only while their grant is active (inspections/permissions.py): the central
                               list, meetings, attendance and minutes (they are in the pack), and the items,
                               papers and decisions of their sampled households; not the decision queue;
                               change nothing
  panel members (and staff     the meetings they sat on, with those meetings' items, papers and minutes,
  who sit on panel)            while they are still on the central list
  supervising social workers   items, papers and decisions for their caseload households
  foster carers                their own household's outcome letters, once written notice is recorded
"""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Q
from django.utils import timezone

from accounts.models import MANAGER_ROLES, OFFICE_ROLES, Role
from inspections.permissions import inspector_scope
from panels.models import (
    AgencyDecision, AgendaItem, PanelAttendance, PanelMeeting, PanelMember, PanelMinutes, PanelPaper,
)

VIEW, CHANGE, DECIDE = "view", "change", "decide"

WRITE_ROLES = OFFICE_ROLES
READ_ALL_ROLES = OFFICE_ROLES | {Role.DECISION_MAKER}
DECIDE_ROLES = MANAGER_ROLES | {Role.DECISION_MAKER}


@dataclass(frozen=True)
class Scope:
    # ORM path to the PanelMeeting ("" for the meeting itself); None when not tied to a meeting.
    meeting_path: str | None
    # ORM path to the Household; None when not about one household.
    household_path: str | None
    attendee_can_view: bool = True
    caseload_can_view: bool = True
    carer_can_view: bool = False


SCOPES = {
    PanelMember: Scope(None, None, attendee_can_view=False, caseload_can_view=False),
    PanelMeeting: Scope("", None),
    PanelAttendance: Scope("meeting", None),
    PanelMinutes: Scope("meeting", None),
    AgendaItem: Scope("meeting", "household"),
    PanelPaper: Scope("item__meeting", "item__household"),
    # Panel members recommend; the decision and the letter are not theirs to see.
    AgencyDecision: Scope("item__meeting", "item__household", attendee_can_view=False, carer_can_view=True),
}


def scope_for(model) -> Scope:
    try:
        return SCOPES[model]
    except KeyError:
        raise LookupError(f"{model.__name__} has no access scope in panels/permissions.py") from None


def _path(prefix: str, field: str) -> str:
    return f"{prefix}__{field}" if prefix else field


def attended_meetings(user):
    """Ids of meetings `user` sat on, as a current central-list member (a subquery, no duplicates)."""
    today = timezone.localdate()
    return (PanelAttendance.objects
            .filter(Q(member__user=user) | Q(member__staff_member__user=user))
            .filter(Q(member__left_date__isnull=True) | Q(member__left_date__gte=today))
            .values("meeting_id"))


def _inspector_restrict(queryset, scope, inspection_scope):
    """During a grant: what is not about one household (central list, meetings, minutes) in full; the rest
    for the sampled households only. Outside a grant: nothing."""
    if not inspection_scope.active:
        return queryset.none()
    if scope.household_path is None:
        return queryset
    return queryset.filter(**{_path(scope.household_path, "id__in"): inspection_scope.household_ids})


def restrict(queryset, user, action=VIEW):
    """Narrow `queryset` (of any panels model) to what `user` may `action`. Unknown roles get nothing."""
    model = queryset.model
    scope = scope_for(model)
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    role = user.role
    if role in MANAGER_ROLES:
        return queryset
    if action == DECIDE:
        return queryset if role == Role.DECISION_MAKER and model in (AgendaItem, AgencyDecision) else queryset.none()
    if action == CHANGE:
        if role in WRITE_ROLES or (role == Role.DECISION_MAKER and model is AgencyDecision):
            return queryset
        return queryset.none()
    if role in READ_ALL_ROLES:
        return queryset
    if role == Role.INSPECTOR:
        return _inspector_restrict(queryset, scope, inspector_scope(user))

    visible = []
    if scope.meeting_path is not None and scope.attendee_can_view and role != Role.FOSTER_CARER:
        visible.append(Q(**{_path(scope.meeting_path, "pk__in"): attended_meetings(user)}))
    if role == Role.SUPERVISING_SOCIAL_WORKER and scope.household_path and scope.caseload_can_view:
        visible.append(Q(**{_path(scope.household_path, "supervising_social_worker__user"): user}))
    if role == Role.FOSTER_CARER and scope.carer_can_view:
        visible.append(Q(**{_path(scope.household_path, "carers__user"): user}, written_notice_date__isnull=False))
    if not visible:
        return queryset.none()
    return queryset.filter(reduce(or_, visible))


def can(user, action, model) -> bool:
    """Whether `user` may `action` any record of `model` at all (buttons, menus, add pages)."""
    if not user.is_authenticated or not user.is_active:
        return False
    scope = scope_for(model)
    role = user.role
    if role in MANAGER_ROLES:
        return True
    if action == DECIDE:
        return role == Role.DECISION_MAKER and model in (AgendaItem, AgencyDecision)
    if action == CHANGE:
        return role in WRITE_ROLES or (role == Role.DECISION_MAKER and model is AgencyDecision)
    if role in READ_ALL_ROLES:
        return True
    if role == Role.INSPECTOR:
        return inspector_scope(user).active
    if role == Role.FOSTER_CARER:
        return scope.carer_can_view
    attendee = scope.meeting_path is not None and scope.attendee_can_view
    if role == Role.PANEL_MEMBER:
        return attendee
    if role == Role.SUPERVISING_SOCIAL_WORKER:
        return attendee or (scope.household_path is not None and scope.caseload_can_view)
    return False


def can_view_decision_queue(user) -> bool:
    """The decision maker's to-do list: for the ADM and the office (it spans every household, so not inspectors)."""
    return user.is_authenticated and user.is_active and user.role in READ_ALL_ROLES
