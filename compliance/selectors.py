"""Role-scoped reads of gaps and runs: the one place gaps are narrowed by role.

  managers (RM, RI)            every gap
  administrators, decision     every gap except those about staff or allegations, which only
  maker, inspectors            managers may see (as in records/permissions.py)
  supervising social workers   gaps for households allocated to them, or naming them as social worker
  foster carers                their own household's gaps about its people, on the household page only
  anyone else                  nothing

A gap outside what `gaps_for` returns is a 404, so another caseload's gap reveals nothing.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Case, Count, F, Q, Value, When

from accounts.models import MANAGER_ROLES, READ_ALL_ROLES, Role
from compliance.catalogue.loader import catalogue_index
from compliance.engine import State
from compliance.models import ComplianceRun, Gap
from compliance.registry import Area, Severity, all_rules, rules_by_clause
from records import models as m
from records.choices import HouseholdStatus
from records.permissions import POLICIES, VIEW, can, restrict

DASHBOARD_ROLES = READ_ALL_ROLES | {Role.SUPERVISING_SOCIAL_WORKER}
# Recheck now starts a whole-agency run: for the people who keep the records, not read-only roles.
RECHECK_ROLES = MANAGER_ROLES | {Role.ADMINISTRATOR, Role.SUPERVISING_SOCIAL_WORKER}
POLICY_ROLES = MANAGER_ROLES


def _kind(model):
    """StaffMember -> "staff_member": the engine's subject kinds are model names in snake case."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", model.__name__).lower()


# Subjects whose records only managers may open; their gaps follow the records' rule.
MANAGER_ONLY_KINDS = frozenset(_kind(model) for model, policy in POLICIES.items() if policy.managers_only)
# What a carer can act on: their own checks, medicals and training, and the other adults' DBS.
# Household-level duties (reviews, supervision and unannounced visits) are the agency's to
# arrange, and an unannounced visit's due date must not be shown to the household it is for.
CARER_KINDS = frozenset({"carer", "household_member"})


def can_view_gaps(user) -> bool:
    return user.is_authenticated and user.is_active and user.role in DASHBOARD_ROLES


def sees_caseload_only(user) -> bool:
    return user.is_authenticated and user.role == Role.SUPERVISING_SOCIAL_WORKER


def can_recheck(user) -> bool:
    return user.is_authenticated and user.is_active and user.role in RECHECK_ROLES


def can_edit_policy(user) -> bool:
    return user.is_authenticated and user.is_active and user.role in POLICY_ROLES


def _manager_only():
    return Q(area=Area.STAFF) | Q(subject_kind__in=MANAGER_ONLY_KINDS)


def restrict_gaps(queryset, user):
    """Narrow a Gap queryset to what `user` may see on staff pages. Unknown roles see nothing."""
    if not can_view_gaps(user):
        return queryset.none()
    if user.role in MANAGER_ROLES:
        return queryset
    queryset = queryset.exclude(_manager_only())
    if user.role == Role.SUPERVISING_SOCIAL_WORKER:
        return queryset.filter(Q(household__supervising_social_worker__user=user) | Q(social_worker__user=user))
    return queryset


def gaps_for(*, user, status=Gap.Status.OPEN):
    """The gaps `user` may see (open by default; None for every status), soonest due first."""
    gaps = Gap.objects.all() if status is None else Gap.objects.filter(status=status)
    # Never recorded (no due date) first, then the longest overdue.
    return restrict_gaps(gaps, user).select_related("household", "social_worker").order_by(
        F("due_date").asc(nulls_first=True), "rule_id", "id")


def visible_findings(evaluation, *, user) -> list:
    """The gaps of an unstored evaluation (a preview) that `user` may see, as unsaved Gap rows."""
    if not can_view_gaps(user):
        return []
    # In the stored list's order: never recorded first, then by due date.
    rows = sorted((gap_from_finding(finding) for finding in evaluation.gaps),
                  key=lambda gap: (gap.due_date is not None, gap.due_date or date.min, gap.rule_id, gap.key))
    if user.role in MANAGER_ROLES:
        return rows
    rows = [row for row in rows if row.area != Area.STAFF and row.subject_kind not in MANAGER_ONLY_KINDS]
    if user.role == Role.SUPERVISING_SOCIAL_WORKER:
        caseload = set(restrict(m.Household.objects.all(), user).values_list("pk", flat=True))
        staff_id = getattr(getattr(user, "staff_member", None), "pk", None)
        rows = [row for row in rows if row.household_id in caseload
                or (staff_id is not None and row.social_worker_id == staff_id)]
    return rows


def gap_from_finding(finding) -> Gap:
    """An unsaved Gap for a previewed finding, so previews render like stored gaps."""
    rule, outcome = finding.rule, finding.outcome
    subject = outcome.subject
    return Gap(
        key=finding.key, rule_id=rule.id, severity=rule.severity, area=rule.area, clause_ids=list(rule.clauses),
        subject_kind=subject.kind, subject_id=subject.id, subject_label=subject.label, subject_url=subject.url,
        household_id=subject.household_id, social_worker_id=subject.social_worker_id, state=outcome.state,
        due_date=outcome.due, detail=outcome.detail, status=Gap.Status.OPEN,
    )


def household_gaps(household, *, user) -> list:
    """Open gaps for one household: staff see what `gaps_for` allows; its carers see what they can act on."""
    if user.is_authenticated and user.role == Role.FOSTER_CARER:
        if not household.carers.filter(user=user).exists():
            return []
        gaps = Gap.objects.filter(status=Gap.Status.OPEN, household=household, subject_kind__in=CARER_KINDS)
        return list(gaps.exclude(_manager_only()).order_by(F("due_date").asc(nulls_first=True), "rule_id", "id"))
    return list(gaps_for(user=user).filter(household=household))


# Dashboard -------------------------------------------------------------------------------------

@dataclass
class Figures:
    """What the dashboard counts over the gaps a user may see."""

    by_severity: list  # [(severity, label, count)] in severity order
    total: int
    overdue: int
    missing: int
    due_7: int
    due_30: int
    by_clause: list = field(default_factory=list)  # [(ClauseInfo, count)] most gaps first


def gap_figures(*, user, today: date, top_clauses=8) -> Figures:
    """Counts of open gaps by severity, state and due window, and the clauses with most gaps: two queries."""
    gaps = gaps_for(user=user).order_by()

    def due_within(days):
        return Count("id", filter=Q(due_date__gte=today, due_date__lte=today + timedelta(days=days)))

    totals = gaps.aggregate(
        total=Count("id"),
        # By date, as the gap list's "overdue" filter counts: a run's state may be a day old.
        overdue=Count("id", filter=Q(due_date__lt=today)),
        missing=Count("id", filter=Q(state=State.MISSING)),
        due_7=due_within(7), due_30=due_within(30),
        **{severity: Count("id", filter=Q(severity=severity)) for severity, _ in Severity.CHOICES},
    )
    per_rule = dict(gaps.values_list("rule_id").annotate(n=Count("id")))
    return Figures(
        by_severity=[(severity, label, totals[severity]) for severity, label in Severity.CHOICES],
        total=totals["total"], overdue=totals["overdue"], missing=totals["missing"],
        due_7=totals["due_7"], due_30=totals["due_30"],
        by_clause=clause_counts(per_rule)[:top_clauses],
    )


def clause_counts(per_rule: dict) -> list:
    """{rule id: open gaps} -> [(ClauseInfo, gaps)] for every clause those rules cite, most first."""
    index = catalogue_index()
    counts = Counter()
    for clause_id, rules in rules_by_clause().items():
        n = sum(per_rule.get(r.id, 0) for r in rules)
        if n and clause_id in index:
            counts[clause_id] = n
    return [(index[clause_id], n) for clause_id, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def figures_of(gaps: list, *, day: date, top_clauses=8) -> Figures:
    """The same figures for gaps already in memory (a preview), counted from `day`."""
    def due_within(gap, days):
        return gap.due_date is not None and 0 <= (gap.due_date - day).days <= days

    by_severity = Counter(gap.severity for gap in gaps)
    return Figures(
        by_severity=[(severity, label, by_severity[severity]) for severity, label in Severity.CHOICES],
        total=len(gaps), overdue=sum(gap.due_date is not None and gap.due_date < day for gap in gaps),
        missing=sum(gap.state == State.MISSING for gap in gaps),
        due_7=sum(due_within(gap, 7) for gap in gaps), due_30=sum(due_within(gap, 30) for gap in gaps),
        by_clause=clause_counts(Counter(gap.rule_id for gap in gaps))[:top_clauses],
    )


def gaps_due_soon(*, user, today: date, days=30, limit=10) -> list:
    """Open gaps falling due in the next `days` days, soonest first (overdue ones are counted elsewhere)."""
    gaps = gaps_for(user=user).filter(due_date__gte=today, due_date__lte=today + timedelta(days=days))
    return list(gaps[:limit])


def _urgency(gap):
    return Severity.ORDER[gap.severity], gap.due_date is not None, gap.due_date or date.min


def gaps_most_urgent(*, user, today: date, limit=6) -> list:
    """Overdue and never-recorded gaps, most severe first, then the longest overdue."""
    gaps = gaps_for(user=user).filter(Q(due_date__lt=today) | Q(state=State.MISSING)).order_by(
        Case(*(When(severity=s, then=Value(n)) for s, n in Severity.ORDER.items())),
        F("due_date").asc(nulls_first=True), "id")
    return list(gaps[:limit])


def most_urgent_of(gaps: list, *, day: date, limit=6) -> list:
    """The same for gaps in memory (a preview)."""
    urgent = [gap for gap in gaps if gap.state == State.MISSING or (gap.due_date and gap.due_date < day)]
    return sorted(urgent, key=_urgency)[:limit]


def latest_run():
    """The most recent run of any kind, to show what the engine is doing now."""
    return ComplianceRun.objects.select_related("requested_by").order_by("-queued_at", "-id").first()


def whole_agency_runs(*, limit=30) -> list:
    """The last `limit` finished whole-agency runs (succeeded or failed), oldest first, for the trend."""
    runs = (ComplianceRun.objects.filter(household_ids__isnull=True, finished_at__isnull=False,
                                         status__in=[ComplianceRun.Status.SUCCEEDED, ComplianceRun.Status.FAILED])
            .order_by("-finished_at", "-id")[:limit])
    return list(reversed(runs))


def latest_successful_run(runs: list):
    """From `whole_agency_runs()`: the newest that succeeded (its readiness is the dashboard's)."""
    return next((run for run in reversed(runs) if run.status == ComplianceRun.Status.SUCCEEDED), None)


def recent_runs(*, limit=50):
    return ComplianceRun.objects.select_related("requested_by").order_by("-queued_at", "-id")[:limit]


def rules_for_clause(clause_id) -> list:
    return sorted(rules_by_clause().get(clause_id, []), key=lambda r: (Severity.ORDER[r.severity], r.id))


def rule_counts_by_clause() -> dict:
    return {clause_id: len(rules) for clause_id, rules in rules_by_clause().items()}


def rules_by_id() -> dict:
    return {r.id: r for r in all_rules()}


def caseload_summary(user) -> list:
    """[(label, count, url name, query)]: the households and children `user` looks after, for home pages."""
    summary = []
    if can(user, VIEW, m.Household):
        households = restrict(m.Household.objects.all(), user)
        summary.append(("Approved households", households.filter(status=HouseholdStatus.APPROVED).count(),
                        "records:household_list", "status=approved"))
        summary.append(("In assessment", households.filter(status=HouseholdStatus.ASSESSMENT).count(),
                        "records:household_list", "status=assessment"))
    if can(user, VIEW, m.Placement):
        summary.append(("Children placed now", restrict(m.Placement.objects.filter(end_date__isnull=True), user)
                        .count(), "records:placement_list", ""))
    return summary
