"""Inspector access: granting and withdrawing a time-limited login, and the sample of cases it opens.

Services write (managers grant and withdraw; managers and the inspector during their grant pick the
sample); selectors read. Who sees what during a grant is in inspections/permissions.py.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Max, Prefetch, Q
from django.utils import timezone

from accounts.models import AccessLog, Role
from inspections import timeline
from inspections.models import InspectorGrant, SampledCase
from inspections.permissions import can_change, can_pick_cases
from records.choices import HouseholdStatus
from records.models import Household, Placement, Resident


def _when(moment) -> str:
    return f"{timeline.local(moment):%H:%M on %d %b %Y}"


# Services -----------------------------------------------------------------------------------------------------------

def inspector_grant_create(*, inspection, inspector, starts_at, ends_at, user, now=None) -> InspectorGrant:
    """Let `inspector` in, read only, from `starts_at` until `ends_at`. Only a manager may; the window
    must be in the future, no longer than INSPECTOR_GRANT_MAX_DAYS and not overlap another of theirs."""
    if not can_change(user):
        raise PermissionDenied("Only the registered manager or responsible individual grants inspector access.")
    now = now or timezone.now()
    grant = InspectorGrant(inspection=inspection, inspector=inspector, starts_at=starts_at, ends_at=ends_at)
    errors = {}
    if inspector is not None and (inspector.role != Role.INSPECTOR or not inspector.is_active):
        errors["inspector"] = (f"{inspector} does not have the inspector role: only an inspector's login "
                               "can be given access.")
    if starts_at and ends_at:
        longest = timedelta(days=settings.INSPECTOR_GRANT_MAX_DAYS)
        if ends_at <= starts_at:
            errors["ends_at"] = "Access must end after it starts."
        elif ends_at - starts_at > longest:
            errors["ends_at"] = (f"Access can last at most {settings.INSPECTOR_GRANT_MAX_DAYS} days; "
                                 "grant it again later if the inspection needs longer.")
        elif ends_at <= now:
            errors["ends_at"] = "That time has passed: access must end in the future."
    if not errors and inspector is not None:
        clash = (InspectorGrant.objects.filter(inspector=inspector, revoked_at__isnull=True,
                                               starts_at__lt=ends_at, ends_at__gt=starts_at).first())
        if clash is not None:
            errors["starts_at"] = (f"{inspector} already has access from {_when(clash.starts_at)} to "
                                   f"{_when(clash.ends_at)}: withdraw it first, or choose a window after it.")
    if errors:
        raise ValidationError(errors)
    grant.full_clean()
    grant.stamp(user)
    grant.save()
    return grant


def inspector_grant_revoke(*, grant, user, now=None) -> InspectorGrant:
    """Withdraw access now. The inspector is signed out at their next click. Revoking twice keeps the first time."""
    if not can_change(user):
        raise PermissionDenied("Only the registered manager or responsible individual withdraws inspector access.")
    if grant.revoked_at is None:
        grant.revoked_at = now or timezone.now()
        grant.full_clean()
        grant.stamp(user)
        grant.save()
    return grant


def _require_picker(user, inspection):
    if not can_pick_cases(user, inspection):
        raise PermissionDenied("Only a manager, or the inspector while their access lasts, picks the sample.")


def sampled_case_add(*, inspection, user, household=None, resident=None) -> SampledCase:
    """Add a household or a child to the inspection's sample (once; adding again returns the same row)."""
    _require_picker(user, inspection)
    existing = SampledCase.objects.filter(inspection=inspection, household=household, resident=resident).first()
    if existing is not None:
        return existing
    case = SampledCase(inspection=inspection, household=household, resident=resident)
    case.full_clean()
    case.stamp(user)
    case.save()
    return case


def sampled_case_remove(*, inspection, user, household=None, resident=None) -> bool:
    """Take a household or a child out of the sample. Returns whether it was there."""
    _require_picker(user, inspection)
    if (household is None) == (resident is None):
        raise ValueError("Give a household or a child.")
    deleted, _ = SampledCase.objects.filter(inspection=inspection, household=household, resident=resident).delete()
    return bool(deleted)


@transaction.atomic
def sampled_cases_set(*, inspection, user, household_ids, resident_ids) -> tuple[int, int]:
    """Make the sample exactly these households and children (from the case list page). Adding is limited
    to the case list (approved households, children placed now); anything can be taken out. Returns
    (added, removed)."""
    _require_picker(user, inspection)
    households_now, residents_now = sampled_case_ids(inspection=inspection)
    wanted_households, wanted_residents = set(household_ids), set(resident_ids)
    eligible_households = set(case_list_households().filter(pk__in=wanted_households).values_list("pk", flat=True))
    eligible_residents = set(case_list_residents().filter(pk__in=wanted_residents).values_list("pk", flat=True))
    if (wanted_households - households_now - eligible_households
            or wanted_residents - residents_now - eligible_residents):
        raise ValidationError("Only approved households and children placed now can be added to the sample.")
    added = removed = 0
    for pk in wanted_households - households_now:
        sampled_case_add(inspection=inspection, user=user, household=Household(pk=pk))
        added += 1
    for pk in wanted_residents - residents_now:
        sampled_case_add(inspection=inspection, user=user, resident=Resident(pk=pk))
        added += 1
    gone = (Q(household_id__in=households_now - wanted_households)
            | Q(resident_id__in=residents_now - wanted_residents))
    removed, _ = SampledCase.objects.filter(gone, inspection=inspection).delete()
    return added, removed


# Selectors ----------------------------------------------------------------------------------------------------------

def sampled_case_ids(*, inspection) -> tuple[frozenset, frozenset]:
    """(household ids, child ids) in the inspection's sample, in one query."""
    households, residents = set(), set()
    for household_id, resident_id in SampledCase.objects.filter(inspection=inspection).values_list(
            "household_id", "resident_id"):
        if household_id is not None:
            households.add(household_id)
        else:
            residents.add(resident_id)
    return frozenset(households), frozenset(residents)


def sampled_household_ids(grant) -> frozenset:
    return sampled_case_ids(inspection=grant.inspection_id)[0]


def sampled_resident_ids(grant) -> frozenset:
    return sampled_case_ids(inspection=grant.inspection_id)[1]


def sampled_cases(*, inspection) -> list[SampledCase]:
    """The sample with the household or child of each row, households first."""
    return list(SampledCase.objects.filter(inspection=inspection).select_related("household", "resident")
                .order_by("resident_id", "household__name", "resident__last_name", "pk"))


def grants_for(*, inspection) -> list[InspectorGrant]:
    return list(inspection.grants.select_related("inspector").order_by("-starts_at", "-pk"))


def _window(grant) -> Q:
    until = min(grant.ends_at, grant.revoked_at) if grant.revoked_at else grant.ends_at
    return Q(user_id=grant.inspector_id, at__gte=grant.starts_at, at__lt=until)


def access_log_for(*, grants):
    """What the inspectors opened during these grants' windows, newest first."""
    if not grants:
        return AccessLog.objects.none()
    windows = Q()
    for grant in grants:
        windows |= _window(grant)
    return AccessLog.objects.filter(windows).select_related("user")


def grant_views(*, grants) -> dict:
    """{grant pk: (pages viewed in its window, when the last one was)}, in one query."""
    if not grants:
        return {}
    views = AccessLog.objects.filter(action=AccessLog.Action.VIEW).aggregate(**{
        f"{name}_{grant.pk}": function("at", filter=_window(grant))
        for grant in grants for name, function in (("count", Count), ("last", Max))})
    return {grant.pk: (views[f"count_{grant.pk}"], views[f"last_{grant.pk}"]) for grant in grants}


def case_list_households():
    """Households on the case list: approved now."""
    return Household.objects.filter(status=HouseholdStatus.APPROVED)


def case_list_residents():
    """Children on the case list: placed now."""
    return Resident.objects.filter(placements__end_date__isnull=True).distinct()


CASE_LIST_LIMIT = 200  # rows per table; a search narrows a large agency's list


@dataclass(frozen=True)
class CaseList:
    households: list
    residents: list
    household_total: int
    resident_total: int
    sampled_households: frozenset
    sampled_residents: frozenset

    @property
    def truncated(self) -> bool:
        return len(self.households) < self.household_total or len(self.residents) < self.resident_total


def _matching(queryset, fields, query):
    for word in query.split():
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(condition)
    return queryset


def case_list(*, inspection, query: str = "") -> CaseList:
    """Approved households and children placed now (matching `query`), sampled ones first and always listed,
    even if no longer approved or placed; at most CASE_LIST_LIMIT rows each, in six queries."""
    sampled_households, sampled_residents = sampled_case_ids(inspection=inspection)
    households = _matching(case_list_households(), ("reference", "name", "town"), query)
    households = (Household.objects.filter(Q(pk__in=households.values("pk")) | Q(pk__in=sampled_households))
                  .select_related("supervising_social_worker")
                  .annotate(children_placed=Count("placements", filter=Q(placements__end_date__isnull=True)),
                            sampled=Q(pk__in=sampled_households))
                  .order_by("-sampled", "name", "pk"))
    residents = _matching(case_list_residents(), ("reference", "first_name", "last_name"), query)
    current = Prefetch("placements", to_attr="current_placements",
                       queryset=Placement.objects.filter(end_date__isnull=True).select_related("household"))
    residents = (Resident.objects.filter(Q(pk__in=residents.values("pk")) | Q(pk__in=sampled_residents))
                 .annotate(sampled=Q(pk__in=sampled_residents)).prefetch_related(current)
                 .order_by("-sampled", "last_name", "first_name", "pk"))
    return CaseList(
        households=list(households[:CASE_LIST_LIMIT]), residents=list(residents[:CASE_LIST_LIMIT]),
        household_total=households.count(), resident_total=residents.count(),
        sampled_households=sampled_households, sampled_residents=sampled_residents)


def grant_next(*, inspector, now):
    """The inspector's next grant still to start, or None."""
    return (inspector.inspector_grants.filter(revoked_at__isnull=True, starts_at__gt=now)
            .select_related("inspection").order_by("starts_at").first())


def grant_last_over(*, inspector, now):
    """The inspector's most recent grant if it is over (ended or withdrawn) and none is active or to come."""
    grants = list(inspector.inspector_grants.select_related("inspection").order_by("-ends_at")[:10])
    if any(grant.revoked_at is None and grant.ends_at > now for grant in grants):
        return None
    return max(grants, key=lambda grant: grant.revoked_at or grant.ends_at, default=None)


def grant_status(grant, *, now) -> str:
    """"active", "upcoming", "withdrawn" or "ended"."""
    if grant.revoked_at is not None:
        return "withdrawn"
    if grant.ends_at <= now:
        return "ended"
    return "active" if grant.starts_at <= now else "upcoming"
