"""Readiness during the notice: the gaps open when the notice's compliance run finished against the
gaps open now, and who still has to do what.

Selectors read (every list scoped with compliance.selectors, the one place gaps are narrowed by
role). One writer, `inspection_snapshot_store`, records the baseline: it runs when the notice's
whole-agency run succeeds (`notice_run_finished`, connected to compliance.services.run_finished in
inspections/apps.py).

Who is responsible for a gap (`responsible_keys`): the social worker the gap names (for a
household's gaps, its supervising social worker); the household's carers as well for what they can
act on themselves (their own checks, medicals, training, the other adults' DBS: the carers' page
shows the same items); the registered manager for everything else (staff, panels, the agency,
households with no social worker).
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from accounts.models import MANAGER_ROLES, Role
from compliance import selectors as compliance_selectors
from compliance.models import ComplianceRun, Gap
from compliance.registry import Severity
from inspections import timeline
from inspections.models import Inspection, NoticeGap
from records.choices import StaffRole
from records.models import Carer, StaffMember
from records.selectors import carer_household

# An inspection is "current" (the notice period and fieldwork) until its fieldwork end or FINISHED
# is recorded, or at most this long after the notice if nobody records either.
CURRENT_FOR_DAYS = 28
AGENCY = "agency"  # the responsible-person key for the registered manager


# The current inspection ---------------------------------------------------------------------------

def current_inspection(*, now):
    """The inspection whose notice period or fieldwork is under way at `now`, or None (one query)."""
    return (Inspection.objects.filter(status__in=[Inspection.Status.NOTICE, Inspection.Status.ON_SITE],
                                      fieldwork_end__isnull=True,
                                      notice_received_at__gte=now - timedelta(days=CURRENT_FOR_DAYS))
            .order_by("-notice_received_at", "-pk").first())


def is_current(inspection, *, now) -> bool:
    return (inspection.status != Inspection.Status.FINISHED and inspection.fieldwork_end is None
            and inspection.notice_received_at >= now - timedelta(days=CURRENT_FOR_DAYS))


# The baseline -------------------------------------------------------------------------------------

def inspection_snapshot_store(*, inspection, run) -> int:
    """Record the gaps open as `run` finished as the inspection's baseline. Returns how many.

    A system write of non-editable fields: `update()` keeps it out of the inspection's history.
    """
    with transaction.atomic():
        NoticeGap.objects.filter(inspection=inspection).delete()
        open_ids = Gap.objects.filter(status=Gap.Status.OPEN).values_list("pk", flat=True)
        rows = NoticeGap.objects.bulk_create([NoticeGap(inspection=inspection, gap_id=pk) for pk in open_ids],
                                             batch_size=1000)
        taken_at = run.finished_at or timezone.now()
        counts = {severity: run.counts.get(severity, 0) for severity, _ in Severity.CHOICES}
        Inspection.objects.filter(pk=inspection.pk).update(notice_run=run, gap_counts_at_notice=counts,
                                                           snapshot_taken_at=taken_at)
        inspection.notice_run, inspection.gap_counts_at_notice = run, counts
        inspection.snapshot_taken_at = taken_at
    return len(rows)


def notice_run_finished(sender, *, run, **kwargs):
    """compliance.services.run_finished: the notice's run succeeded, so take the baseline (once)."""
    if run.trigger != ComplianceRun.Trigger.NOTICE or run.status != ComplianceRun.Status.SUCCEEDED:
        return
    for inspection in Inspection.objects.filter(notice_run=run, snapshot_taken_at__isnull=True):
        inspection_snapshot_store(inspection=inspection, run=run)


# Figures ------------------------------------------------------------------------------------------

def _carer_scope(household):
    return Q(household=household, subject_kind__in=compliance_selectors.CARER_KINDS)


def _scoped(queryset, user, household=None):
    """Gaps `user` may see: staff through compliance's choke point, a carer their household's own items."""
    if household is not None:
        return queryset.filter(_carer_scope(household))
    return compliance_selectors.restrict_gaps(queryset, user)


@dataclass
class Readiness:
    """Gaps at notice against gaps now, over what one user may see."""

    snapshot_taken: bool
    at_notice: int = 0
    resolved: int = 0  # of the gaps at notice, closed now
    open_now: int = 0
    new_since: int = 0  # open now, not open at notice
    at_notice_by_severity: list = field(default_factory=list)  # [(severity, label, count)]
    open_by_severity: list = field(default_factory=list)

    @property
    def still_open(self):
        return self.at_notice - self.resolved

    @property
    def percent(self):
        """The progress bar: the share of the gaps open at notice that are closed now."""
        if not self.snapshot_taken:
            return None
        return round(100 * self.resolved / self.at_notice) if self.at_notice else 100


def readiness_figures(*, inspection, user, household=None) -> Readiness:
    """Counts at notice, closed since, open now and new since (two queries; none before the baseline)."""
    if inspection.snapshot_taken_at is None:
        return Readiness(snapshot_taken=False)
    at_notice = NoticeGap.objects.filter(inspection=inspection).values("gap_id")
    by_severity = {s: Count("id", filter=Q(severity=s)) for s, _ in Severity.CHOICES}
    then = _scoped(Gap.objects.filter(pk__in=at_notice), user, household).order_by().aggregate(
        total=Count("id"), resolved=Count("id", filter=~Q(status=Gap.Status.OPEN)), **by_severity)
    now = _scoped(Gap.objects.filter(status=Gap.Status.OPEN), user, household).order_by().aggregate(
        total=Count("id"), new=Count("id", filter=~Q(pk__in=at_notice)), **by_severity)
    return Readiness(
        snapshot_taken=True, at_notice=then["total"], resolved=then["resolved"], open_now=now["total"],
        new_since=now["new"],
        at_notice_by_severity=[(s, label, then[s]) for s, label in Severity.CHOICES],
        open_by_severity=[(s, label, now[s]) for s, label in Severity.CHOICES],
    )


# Who still has to do what -------------------------------------------------------------------------

@dataclass(frozen=True)
class Person:
    key: str  # "sw:<staff member id>", "hh:<household id>" (its carers) or AGENCY
    name: str
    role: str


@dataclass
class PersonItems:
    person: Person
    gaps: list


@dataclass
class Outstanding:
    groups: list  # [PersonItems], the registered manager first, then social workers, then carers
    people: list  # [Person] everyone responsible for a gap the user may see (the filter's choices)
    total: int  # distinct gaps shown


def responsible_keys(gap) -> list:
    """The people responsible for `gap`, as Person keys (see the module docstring)."""
    keys = [f"sw:{gap.social_worker_id}" if gap.social_worker_id else AGENCY]
    if gap.household_id and gap.subject_kind in compliance_selectors.CARER_KINDS:
        keys.append(f"hh:{gap.household_id}")
    return keys


def _people(gaps) -> dict:
    """Person for every key the gaps use: one query for carers' names, one for the registered manager."""
    people = {}
    households = {}
    for gap in gaps:
        if gap.social_worker_id and f"sw:{gap.social_worker_id}" not in people:
            people[f"sw:{gap.social_worker_id}"] = Person(f"sw:{gap.social_worker_id}", str(gap.social_worker),
                                                         "Supervising social worker")
        if gap.household_id:
            households[gap.household_id] = gap.household
    if any(AGENCY in responsible_keys(gap) for gap in gaps):
        manager = (StaffMember.objects.filter(role=StaffRole.REGISTERED_MANAGER, end_date__isnull=True)
                   .order_by("start_date", "pk").first())
        people[AGENCY] = Person(AGENCY, str(manager) if manager else "The registered manager", "Registered manager")
    wanted = {int(key[3:]) for gap in gaps for key in responsible_keys(gap) if key.startswith("hh:")}
    if wanted:
        names = {}
        for household_id, first, last in (Carer.objects.filter(household_id__in=wanted)
                                          .order_by("carer_role", "pk").values_list("household_id", "first_name",
                                                                                    "last_name")):
            names.setdefault(household_id, []).append(f"{first} {last}")
        for household_id in wanted:
            household = households[household_id]
            people[f"hh:{household_id}"] = Person(f"hh:{household_id}",
                                                  " and ".join(names.get(household_id, [])) or household.name,
                                                  f"Foster carers, {household.name}")
    return people


def _person_order(person):
    kind = {AGENCY: 0, "sw": 1, "hh": 2}[person.key if person.key == AGENCY else person.key[:2]]
    return kind, person.name.lower(), person.key


def outstanding(*, inspection, user, person="", area="", severity="", since="") -> Outstanding:
    """The open gaps `user` may see, grouped by the person responsible, filtered by person, area,
    severity and `since` ("notice": open since the notice, "new": opened after it). Three queries."""
    gaps = compliance_selectors.gaps_for(user=user).annotate(
        at_notice=Exists(NoticeGap.objects.filter(inspection=inspection, gap_id=OuterRef("pk"))))
    if area:
        gaps = gaps.filter(area=area)
    if severity:
        gaps = gaps.filter(severity=severity)
    if since == "notice":
        gaps = gaps.filter(at_notice=True)
    elif since == "new":
        gaps = gaps.filter(at_notice=False)
    gaps = list(gaps)
    people = _people(gaps)
    grouped = {}
    for gap in gaps:
        for key in responsible_keys(gap):
            if not person or key == person:
                grouped.setdefault(key, []).append(gap)
    groups = [PersonItems(people[key], items) for key, items in grouped.items()]
    groups.sort(key=lambda group: _person_order(group.person))
    shown = {gap.pk for group in groups for gap in group.gaps}
    return Outstanding(groups=groups, people=sorted(people.values(), key=_person_order), total=len(shown))


def default_person(user) -> str:
    """A supervising social worker's list opens on their own caseload."""
    if user.role == Role.SUPERVISING_SOCIAL_WORKER:
        staff = getattr(user, "staff_member", None)
        if staff is not None:
            return f"sw:{staff.pk}"
    return ""


# One person's own items (the carers' page, the notice email) ---------------------------------------

def own_outstanding(*, user, limit=None) -> tuple[list, int]:
    """(the first `limit` open gaps `user` is responsible for, how many there are in all).

    Carers: their household's items they can act on. Social workers: their caseload. Managers and
    administrators: what no social worker holds (staff, panels, the agency). Anyone else who may see
    gaps: everything they may see.
    """
    if user.role == Role.FOSTER_CARER:
        household = carer_household(user)
        items = compliance_selectors.household_gaps(household, user=user) if household else []
        return (items[:limit] if limit else items), len(items)
    gaps = compliance_selectors.gaps_for(user=user)
    if user.role == Role.SUPERVISING_SOCIAL_WORKER:
        gaps = gaps.filter(social_worker__user=user)
    elif user.role in MANAGER_ROLES or user.role == Role.ADMINISTRATOR:
        gaps = gaps.filter(social_worker__isnull=True)
    if limit:
        items = list(gaps[:limit + 1])
        return items[:limit], (len(items) if len(items) <= limit else gaps.count())
    items = list(gaps)
    return items, len(items)


# The countdown card (dashboard, home, carers' menu) -----------------------------------------------------

@dataclass(frozen=True)
class NoticeCountdown:
    inspection: Inspection
    deadlines: list  # [(timeline.Deadline, "in 2 working days")]
    now: object


def notice_countdown(*, now):
    """The current inspection's notice deadlines with the time left, or None when none is current (one query)."""
    inspection = current_inspection(now=now)
    if inspection is None:
        return None
    return NoticeCountdown(inspection, [(d, timeline.countdown(d.at, now=now)) for d in inspection.deadlines(now=now)],
                           now)
