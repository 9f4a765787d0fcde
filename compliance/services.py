"""Compliance runs: gather the facts, evaluate the rules and keep the stored gaps up to date.

A run is a row the manager can watch (QUEUED -> RUNNING -> SUCCEEDED or FAILED). `run_execute`
works in one transaction that first locks the AgencyPolicy row, so overlapping runs (the nightly
run and a recheck after an edit) take turns, and each gathers its facts after the previous one has
stored its gaps. Running it twice changes nothing but the gaps' last_seen_at. A gap keeps its row
(by key) across runs: open while a run finds it, resolved when a run covering it no longer does,
reopened if it comes back (first_seen_at then restarts: it is when the current episode began).
`last_run` is the run that last changed the gap.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, Q
from django.dispatch import Signal
from django.utils import timezone

from compliance.engine import Context, Evaluation, evaluate
from compliance.facts import Facts, Scope
from compliance.models import AgencyPolicy, ComplianceRun, Gap
from compliance.registry import Area, Severity, all_rules

logger = logging.getLogger(__name__)

# Rules about staff and the agency as a whole do not run when only some households are rechecked.
AGENCY_WIDE_AREAS = frozenset({Area.STAFF, Area.AGENCY})
# Set while a recheck is waiting to run, so a burst of edits to one household queues one run.
RECHECK_KEY = "compliance:recheck:{}"  # a household id, or "agency"
# What a run may change on a gap it finds again; anything else stays as first recorded.
GAP_FIELDS = ("rule_id", "severity", "area", "clause_ids", "subject_kind", "subject_id", "subject_label",
              "subject_url", "household_id", "social_worker_id", "state", "due_date", "detail")
# Sent with `run` once a run has succeeded and is saved (inspections takes its notice baseline from it).
# Receivers cannot fail the run: their errors are logged.
run_finished = Signal()


def run_request(*, trigger, requested_by=None, household_ids=None, enqueue=True, countdown=None) -> ComplianceRun:
    """Queue a run of the whole agency (or of `household_ids`); the task is sent once this transaction commits."""
    run = ComplianceRun.objects.create(
        trigger=trigger, requested_by=requested_by, as_of=timezone.localdate(),
        household_ids=None if household_ids is None else sorted({int(pk) for pk in household_ids}),
    )
    if enqueue:
        transaction.on_commit(lambda: _task_send(run_id=run.pk, countdown=countdown))
    return run


def run_execute(*, run_id) -> ComplianceRun:
    """Evaluate every rule for the run's scope as of today and store the gaps. Re-raises on failure."""
    run = ComplianceRun.objects.get(pk=run_id)
    if run.status == ComplianceRun.Status.SUCCEEDED:
        return run  # the task was delivered twice
    run.status, run.started_at, run.error = ComplianceRun.Status.RUNNING, timezone.now(), ""
    run.save(update_fields=["status", "started_at", "error"])
    _recheck_keys_release(run)
    started, queries = time.monotonic(), QueryCounter()
    try:
        with connection.execute_wrapper(queries):
            _run_store(run)
    except Exception as exc:
        run.status, run.error = ComplianceRun.Status.FAILED, f"{type(exc).__name__}: {exc}"
        _run_finish(run, started=started, queries=queries.count)
        logger.exception("Compliance run %s failed", run.pk)
        raise
    run.status = ComplianceRun.Status.SUCCEEDED
    _run_finish(run, started=started, queries=queries.count)
    for receiver, result in run_finished.send_robust(sender=ComplianceRun, run=run):
        if isinstance(result, Exception):
            logger.error("After compliance run %s, %r failed", run.pk, receiver, exc_info=result)
    return run


def nightly_run_execute() -> ComplianceRun:
    """Today's nightly run: the one already made today if there is one (a retry carries it on; a second
    delivery of the task finds it finished and does nothing), else a new one."""
    with transaction.atomic():
        AgencyPolicy.objects.select_for_update().get(pk=AgencyPolicy.current().pk)  # one caller at a time
        run = (ComplianceRun.objects.filter(trigger=ComplianceRun.Trigger.NIGHTLY, as_of=timezone.localdate())
               .order_by("-pk").first())
        if run is None:
            run = run_request(trigger=ComplianceRun.Trigger.NIGHTLY, enqueue=False)
    return run_execute(run_id=run.pk)


def gaps_preview(*, as_of, scope=Scope()) -> Evaluation:
    """Evaluate without storing anything: what will be open on `as_of` if no record changes."""
    return evaluate(Facts(scope), Context(as_of=as_of, policy=AgencyPolicy.current()))


def recheck_households(household_ids):
    """Recheck some households after their records changed. Returns the queued run, or None if one is waiting.

    With a real broker, edits within COMPLIANCE_RECHECK_DELAY_SECONDS share one run: the first edit
    queues it, later ones find the household's key set and leave it (the run clears the keys as it
    starts, so an edit after that queues another). Eager Celery (demo, tests) runs it at once.
    """
    ids = sorted({int(pk) for pk in household_ids if pk is not None})
    if not ids:
        return None
    if _eager():
        return run_request(trigger=ComplianceRun.Trigger.RECORD_SAVED, household_ids=ids)
    waiting = _recheck_keys_claim([RECHECK_KEY.format(pk) for pk in ids])
    ids = [pk for pk in ids if RECHECK_KEY.format(pk) in waiting]
    if not ids:
        return None
    return run_request(trigger=ComplianceRun.Trigger.RECORD_SAVED, household_ids=ids,
                       countdown=settings.COMPLIANCE_RECHECK_DELAY_SECONDS)


def recheck_agency():
    """Recheck the whole agency after a staff or agency record changed; coalesced like recheck_households."""
    if not _eager() and not _recheck_keys_claim([RECHECK_KEY.format("agency")]):
        return None
    return run_request(trigger=ComplianceRun.Trigger.RECORD_SAVED,
                       countdown=None if _eager() else settings.COMPLIANCE_RECHECK_DELAY_SECONDS)


# The run -------------------------------------------------------------------------------------------

class QueryCounter:
    """A connection.execute_wrapper that counts queries without keeping their SQL."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def _run_store(run):
    scope = Scope() if run.household_ids is None else Scope(household_ids=frozenset(run.household_ids))
    rules = [r for r in all_rules() if scope.whole_agency or r.area not in AGENCY_WIDE_AREAS]
    policy_pk = AgencyPolicy.current().pk
    with transaction.atomic():
        # The lock makes overlapping runs take turns, each reading what the one before stored.
        policy = AgencyPolicy.objects.select_for_update().get(pk=policy_pk)
        run.as_of = timezone.localdate()
        evaluation = evaluate(Facts(scope), Context(as_of=run.as_of, policy=policy), rules=rules)
        run.opened, run.resolved = _gaps_store(run=run, scope=scope, rule_ids={r.id for r in rules},
                                               evaluation=evaluation)
        run.readiness = {area: list(pair) for area, pair in evaluation.readiness().items()}
        open_by_severity = dict(Gap.objects.filter(status=Gap.Status.OPEN).order_by().values("severity")
                                .annotate(n=Count("pk")).values_list("severity", "n"))
        run.counts = {severity: open_by_severity.get(severity, 0) for severity, _ in Severity.CHOICES}


def _gaps_store(*, run, scope, rule_ids, evaluation):
    """Upsert the gaps found, resolve the open ones in scope no longer found. Returns (opened, resolved).

    Stored gaps are read as tuples, not model instances: a nightly run compares thousands of them and
    changes only a few.
    """
    now = timezone.now()
    found = {f.key: f for f in evaluation.findings
             if f.is_gap and (scope.whole_agency or f.outcome.subject.household_id in scope.household_ids)}
    in_scope = Q(status=Gap.Status.OPEN)
    if not scope.whole_agency:
        in_scope &= Q(household_id__in=scope.household_ids, rule_id__in=rule_ids)
    stored = {row[0]: row for row in Gap.objects.filter(Q(key__in=list(found)) | in_scope)
              .values_list("key", "pk", "status", "first_seen_at", *GAP_FIELDS)}

    new, changed, unchanged, reopened = [], [], [], 0
    for key, finding in found.items():
        values = _gap_values(finding)
        row = stored.get(key)
        if row is None:
            new.append(Gap(key=key, first_seen_at=now, last_seen_at=now, last_run=run, **values))
            continue
        _key, pk, status, first_seen_at, *current = row
        if status == Gap.Status.OPEN and current == [values[name] for name in GAP_FIELDS]:
            unchanged.append(pk)
            continue
        if status == Gap.Status.RESOLVED:
            first_seen_at, reopened = now, reopened + 1  # a new episode of the same gap
        changed.append(Gap(pk=pk, key=key, status=Gap.Status.OPEN, resolved_at=None, first_seen_at=first_seen_at,
                           last_seen_at=now, last_run=run, **values))
    gone = [row[1] for key, row in stored.items() if key not in found]

    Gap.objects.bulk_create(new, batch_size=1000)
    Gap.objects.bulk_update(changed, [*GAP_FIELDS, "status", "resolved_at", "first_seen_at", "last_seen_at",
                                      "last_run"], batch_size=500)
    if unchanged:
        Gap.objects.filter(pk__in=unchanged).update(last_seen_at=now)
    if gone:
        Gap.objects.filter(pk__in=gone).update(status=Gap.Status.RESOLVED, resolved_at=now, last_run=run)
    return len(new) + reopened, len(gone)


def _gap_values(finding):
    rule, outcome = finding.rule, finding.outcome
    subject = outcome.subject
    return {
        "rule_id": rule.id, "severity": rule.severity, "area": rule.area,
        # An outcome may cite clauses of its own (an inspection requirement's regulation) before the rule's.
        "clause_ids": list(dict.fromkeys([*getattr(outcome, "clauses", ()), *rule.clauses])),
        "subject_kind": subject.kind, "subject_id": subject.id, "subject_label": subject.label[:200],
        "subject_url": subject.url[:200], "household_id": subject.household_id,
        "social_worker_id": subject.social_worker_id, "state": outcome.state, "due_date": outcome.due,
        "detail": outcome.detail[:300],
    }


def _run_finish(run, *, started, queries):
    run.finished_at = timezone.now()
    run.duration_ms = round((time.monotonic() - started) * 1000)
    run.query_count = queries
    try:
        run.save()
    except Exception:  # the database itself failed: the caller re-raises the original error
        if run.status != ComplianceRun.Status.FAILED:
            raise
        logger.exception("Could not record the failure of compliance run %s", run.pk)


# Sending the task ----------------------------------------------------------------------------------

def _eager():
    from compliance.tasks import compliance_run

    return bool(compliance_run.app.conf.task_always_eager)


def _task_send(*, run_id, countdown=None):
    from compliance.tasks import compliance_run

    if not _eager():
        compliance_run.apply_async(args=[run_id], countdown=countdown)
        return
    try:
        compliance_run.apply_async(args=[run_id])
    except Exception:
        # Inline (demo): the run row already says FAILED; the edit that asked for it must still succeed.
        logger.exception("Compliance run %s failed inline", run_id)


def _recheck_keys_claim(keys):
    """The keys nobody had set (so this caller queues the run); each expires after a while in case it never runs."""
    timeout = settings.COMPLIANCE_RECHECK_DELAY_SECONDS + 60
    return {key for key in keys if cache.add(key, 1, timeout=timeout)}


def _recheck_keys_release(run):
    if run.trigger != ComplianceRun.Trigger.RECORD_SAVED:
        return
    ids = ["agency"] if run.household_ids is None else run.household_ids
    cache.delete_many([RECHECK_KEY.format(pk) for pk in ids])
