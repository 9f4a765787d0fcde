"""The one place that decides which records a user may see or change.

Every view and selector narrows its queryset with `restrict()`. A record outside the result
is treated as if it does not exist (404), so another household's URL reveals nothing.

An inspector reads only while a grant is active, and then only the inspection's sampled cases:
a sampled household's records (and the children placed there now), a sampled child's records.
The full list is in inspections/permissions.py; the ids come from `inspector_scope`, once per request.
"""

from dataclasses import dataclass

from django.db.models import Q

from accounts.models import MANAGER_ROLES, OFFICE_ROLES, Role
from inspections.permissions import inspector_scope
from records import models as m

VIEW, ADD, CHANGE = "view", "add", "change"


@dataclass(frozen=True)
class Policy:
    # ORM path from the model to its Household ("" for Household itself); None = not household-scoped.
    household_path: str | None
    managers_only: bool = False
    carer_can_view: bool = False
    carer_can_add: bool = False
    # For carers, only records tied to a current placement (children placed with them now).
    carer_current_placement_path: str | None = None
    # Rows with this FK set are about staff, so only managers may see them.
    staff_field: str | None = None
    # ORM path from the model to its Resident (the child), for an inspector's sampled children.
    resident_path: str | None = None
    # For a social worker's caseload and an inspector's sampled household, only records tied to a placement
    # there now (a child who has moved on belongs to their new household's social worker).
    current_placement_path: str | None = None


POLICIES = {
    m.Household: Policy("", carer_can_view=True),
    m.Carer: Policy("household", carer_can_view=True),
    m.HouseholdMember: Policy("household", carer_can_view=True),
    m.Check: Policy("household", carer_can_view=True, staff_field="staff_member"),
    m.TrainingRecord: Policy("household", carer_can_view=True, staff_field="staff_member"),
    m.SupervisionVisit: Policy("household", carer_can_view=True),
    m.UnannouncedVisit: Policy("household"),
    m.ApprovalReview: Policy("household", carer_can_view=True),
    m.Resident: Policy("placements__household", carer_can_view=True,
                       carer_current_placement_path="placements", resident_path="",
                       current_placement_path="placements"),
    m.Placement: Policy("household", carer_can_view=True, carer_current_placement_path="", resident_path="resident"),
    m.JournalEntry: Policy("placement__household", carer_can_view=True, carer_can_add=True,
                           carer_current_placement_path="placement", resident_path="placement__resident"),
    m.MissingEpisode: Policy("placement__household", resident_path="placement__resident"),
    m.Complaint: Policy("household", resident_path="resident"),
    m.Notification: Policy("household", resident_path="resident"),
    m.Allegation: Policy("household", managers_only=True, resident_path="resident"),
    m.StaffMember: Policy(None, managers_only=True),
    m.StaffSupervision: Policy(None, managers_only=True),
    # The agency's own records (compliance/rules/agency.py, CR-ST-009).
    m.AgencyReview: Policy(None, managers_only=True),
    m.RegistrationNotice: Policy(None, managers_only=True),
    m.ManagerRegistration: Policy(None, managers_only=True),
    m.InspectionReport: Policy(None, managers_only=True),
    m.AllowanceRate: Policy(None, managers_only=True),
    # Lists only: every evidence page and file also checks the record it supports (records/evidence.py).
    m.Evidence: Policy("household", carer_can_view=True, carer_can_add=True, staff_field="staff_member",
                       resident_path="resident"),
}

# Roles that may read every household's records (but not manager-only ones). Not inspectors: see `_sampled`.
READ_EVERYTHING = OFFICE_ROLES | {Role.DECISION_MAKER}
WRITE_EVERYTHING = OFFICE_ROLES


def policy_for(model) -> Policy:
    try:
        return POLICIES[model]
    except KeyError:
        raise LookupError(f"{model.__name__} has no access policy in records/permissions.py") from None


def _path(prefix: str, field: str) -> str:
    return f"{prefix}__{field}" if prefix else field


def _sampled(policy, scope) -> Q | None:
    """The inspector's sampled cases as a filter on a model with `policy`; None when none of it is theirs."""
    conditions = []
    if policy.household_path is not None and scope.household_ids:
        held = {_path(policy.household_path, "id__in"): scope.household_ids}
        if policy.current_placement_path is not None:
            held[_path(policy.current_placement_path, "end_date__isnull")] = True
        conditions.append(Q(**held))
    if policy.resident_path is not None and scope.resident_ids:
        conditions.append(Q(**{_path(policy.resident_path, "id__in"): scope.resident_ids}))
    if not conditions:
        return None
    return conditions[0] if len(conditions) == 1 else conditions[0] | conditions[1]


def restrict(queryset, user, action=VIEW):
    """Narrow `queryset` to what `user` may do `action` to. Unknown roles see nothing."""
    policy = policy_for(queryset.model)
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    role = user.role
    if role in MANAGER_ROLES:
        return queryset
    if policy.managers_only:
        return queryset.none()
    if policy.staff_field:
        queryset = queryset.filter(**{f"{policy.staff_field}__isnull": True})
    if role in WRITE_EVERYTHING or (action == VIEW and role in READ_EVERYTHING):
        return queryset
    if role == Role.INSPECTOR:
        sampled = _sampled(policy, inspector_scope(user)) if action == VIEW else None
        return queryset.none() if sampled is None else queryset.filter(sampled).distinct()
    if policy.household_path is None:
        return queryset.none()
    if role == Role.SUPERVISING_SOCIAL_WORKER:
        caseload = {_path(policy.household_path, "supervising_social_worker__user"): user}
        if policy.current_placement_path is not None:
            caseload[_path(policy.current_placement_path, "end_date__isnull")] = True
        caseload = Q(**caseload)
        if queryset.model is m.Complaint:  # also complaints about a child placed in the caseload now
            caseload |= Q(resident__placements__household__supervising_social_worker__user=user,
                          resident__placements__end_date__isnull=True)
        return queryset.filter(caseload).distinct()
    if role == Role.FOSTER_CARER:
        if action == VIEW and not policy.carer_can_view:
            return queryset.none()
        if action == ADD and not policy.carer_can_add:
            return queryset.none()
        if action == CHANGE:
            return queryset.none()
        own = Q(**{_path(policy.household_path, "carers__user"): user})
        if policy.carer_current_placement_path is not None:
            own &= Q(**{_path(policy.carer_current_placement_path, "end_date__isnull"): True})
            own &= Q(**{_path(policy.carer_current_placement_path, "household__carers__user"): user})
        return queryset.filter(own).distinct()
    return queryset.none()


def can(user, action, model) -> bool:
    """Whether `user` may `action` any record of `model` at all (used for buttons and add views)."""
    if not user.is_authenticated or not user.is_active:
        return False
    policy = policy_for(model)
    role = user.role
    if role in MANAGER_ROLES:
        return True
    if policy.managers_only:
        return False
    if action == VIEW:
        if role in READ_EVERYTHING:
            return True
        if role == Role.SUPERVISING_SOCIAL_WORKER:
            return policy.household_path is not None
        if role == Role.FOSTER_CARER:
            return policy.carer_can_view
        if role == Role.INSPECTOR:
            scoped = policy.household_path is not None or policy.resident_path is not None
            return scoped and inspector_scope(user).active
        return False
    if role in WRITE_EVERYTHING:
        return True
    if role == Role.SUPERVISING_SOCIAL_WORKER:
        return policy.household_path is not None
    if role == Role.FOSTER_CARER:
        return action == ADD and policy.carer_can_add
    return False
