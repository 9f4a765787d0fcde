"""The demo agency's compliance settings and runs: a real run as of today, and eight weeks of history.

The demo agency gives a fortnight's warning (AgencyPolicy.due_soon_days = 14) rather than the default
30 days: an agency's own choice, and the planned gap list in records/demo/stories.py is built for it.
(The engine itself caps the warning for short intervals, so monthly duties are not permanently "due soon".)

The history runs are what a nightly run on each of the past eight Sundays (or whatever weekday today
is) would have found, evaluated over today's records as of that day with compliance.services.gaps_preview.
They are stored as finished runs with counts and readiness but no Gap rows, so the dashboard's trend
chart has data from the first visit.
"""

import time
from collections import Counter
from datetime import date, datetime, timedelta
from datetime import time as clock

from django.db import connection
from django.utils import timezone

from compliance.models import AgencyPolicy, ComplianceRun
from compliance.registry import Severity
from compliance.services import QueryCounter, gaps_preview, run_execute, run_request

DUE_SOON_DAYS = 14
HISTORY_WEEKS = 8
NIGHTLY_AT = clock(2, 0)  # config/celery.py's beat schedule runs the nightly check in the small hours


def demo_policy_set():
    """The demo agency's compliance policy: the defaults, with a fortnight's warning."""
    policy = AgencyPolicy.current()
    policy.due_soon_days = DUE_SOON_DAYS
    policy.full_clean()
    policy.save()


def compliance_run_store() -> ComplianceRun:
    """A whole-agency run as of today, stored like `compute_gaps --store` (inline, whatever the Celery setup)."""
    run = run_request(trigger=ComplianceRun.Trigger.COMMAND, enqueue=False)
    return run_execute(run_id=run.pk)


def compliance_history_store(*, today: date, weeks: int = HISTORY_WEEKS) -> list[ComplianceRun]:
    """A succeeded nightly run for each of the `weeks` weeks before `today`, oldest first, without Gap rows."""
    runs, before = [], set()
    for week in range(weeks, 0, -1):
        as_of = today - timedelta(weeks=week)
        started, queries = time.monotonic(), QueryCounter()
        with connection.execute_wrapper(queries):
            evaluation = gaps_preview(as_of=as_of)
        gaps = evaluation.gaps
        keys = {finding.key for finding in gaps}
        by_severity = Counter(finding.rule.severity for finding in gaps)
        began = timezone.make_aware(datetime.combine(as_of, NIGHTLY_AT))
        duration_ms = round((time.monotonic() - started) * 1000)
        run = ComplianceRun.objects.create(
            status=ComplianceRun.Status.SUCCEEDED, trigger=ComplianceRun.Trigger.NIGHTLY, as_of=as_of,
            started_at=began, finished_at=began + timedelta(milliseconds=duration_ms), duration_ms=duration_ms,
            query_count=queries.count, counts={severity: by_severity[severity] for severity, _ in Severity.CHOICES},
            readiness={area: list(pair) for area, pair in evaluation.readiness().items()},
            opened=len(keys - before), resolved=len(before - keys),
        )
        ComplianceRun.objects.filter(pk=run.pk).update(queued_at=began)  # queued_at is set on create: backdate it
        runs.append(run)
        before = keys
    return runs


def run_summary(run: ComplianceRun) -> str:
    """One line for the seed's output, e.g. "34 open gaps (critical 2, high 14, medium 15, low 3); 97% ready"."""
    counts = ", ".join(f"{label.lower()} {run.counts.get(severity, 0)}" for severity, label in Severity.CHOICES)
    return f"{sum(run.counts.values())} open gaps ({counts}); {run.readiness_percent}% ready"
