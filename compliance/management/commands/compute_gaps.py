"""manage.py compute_gaps: list the compliance gaps, as a preview (default) or after a stored run.

    python manage.py compute_gaps                          # open gaps today, nothing stored
    python manage.py compute_gaps --as-of 2027-03-01       # what will be open on inspection day
    python manage.py compute_gaps --format csv > gaps.csv  # also: json
    python manage.py compute_gaps --store                  # a real run: stores and resolves gaps
"""

import csv
import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from compliance.engine import State
from compliance.models import ComplianceRun, Gap
from compliance.registry import Severity, get_rule
from compliance.services import gaps_preview, run_execute, run_request

COLUMNS = ("rule", "severity", "state", "subject", "due", "days", "clauses", "detail", "hint", "url")


def as_of_date(text):
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--as-of {text!r}: give a date as YYYY-MM-DD.") from None


def days_text(due, day):
    if due is None:
        return ""
    days = (due - day).days
    return f"{-days} overdue" if days < 0 else ("due today" if days == 0 else f"in {days}")


def row_of(*, rule_id, severity, state, subject, url, due, detail, clauses, day):
    try:
        hint = get_rule(rule_id).hint
    except KeyError:  # a gap stored by a rule that no longer exists
        hint = ""
    return {"rule": rule_id, "severity": severity, "state": state, "subject": subject, "url": url,
            "due": due.isoformat() if due else "", "days": days_text(due, day),
            "days_overdue": max((day - due).days, 0) if due else None,
            "days_until_due": (due - day).days if due and due >= day else None,
            "clauses": " ".join(clauses), "detail": detail, "hint": hint}


def rows_from_evaluation(evaluation):
    return [row_of(rule_id=f.rule.id, severity=f.rule.severity, state=f.outcome.state,
                   subject=f.outcome.subject.label, url=f.outcome.subject.url, due=f.outcome.due,
                   detail=f.outcome.detail, clauses=f.rule.clauses, day=evaluation.as_of) for f in evaluation.gaps]


def rows_from_store(day):
    gaps = sorted(Gap.objects.filter(status=Gap.Status.OPEN),
                  key=lambda g: (Severity.ORDER.get(g.severity, 9), g.due_date or date.min, g.key))
    return [row_of(rule_id=g.rule_id, severity=g.severity, state=g.state, subject=g.subject_label,
                   url=g.subject_url, due=g.due_date, detail=g.detail, clauses=g.clause_ids, day=day) for g in gaps]


class Command(BaseCommand):
    help = "List compliance gaps: a preview as of a date (nothing stored), or --store for a real run."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", type=as_of_date, help="Preview as of this date (YYYY-MM-DD); default today.")
        parser.add_argument("--format", choices=["table", "json", "csv"], default="table")
        parser.add_argument("--store", action="store_true",
                            help="Run and store the gaps (as of today), then list the open ones.")

    def handle(self, *, as_of, format, store, **options):
        today = timezone.localdate()
        if store:
            if as_of and as_of != today:
                raise CommandError("--store always runs as of today; use --as-of without --store to preview.")
            run = run_request(trigger=ComplianceRun.Trigger.COMMAND, enqueue=False)
            run = run_execute(run_id=run.pk)
            self.stderr.write(f"Run #{run.pk}: {run.opened} opened, {run.resolved} resolved, "
                              f"{run.query_count} queries, {run.duration_ms} ms.")
            rows, day = rows_from_store(today), today
        else:
            day = as_of or today
            rows = rows_from_evaluation(gaps_preview(as_of=day))
        getattr(self, f"write_{format}")(rows, day)

    def write_json(self, rows, day):
        self.stdout.write(json.dumps({"as_of": day.isoformat(), "gaps": rows}, indent=2))

    def write_csv(self, rows, day):
        writer = csv.DictWriter(self.stdout, fieldnames=[*COLUMNS, "days_overdue", "days_until_due"],
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)

    def write_table(self, rows, day):
        widths = {"rule": 9, "severity": 8, "state": 8, "subject": 42, "due": 10, "days": 12, "clauses": 28}
        overdue = sum(1 for row in rows if row["state"] == State.OVERDUE)
        self.stdout.write(f"{len(rows)} gaps as of {day:%d %b %Y} ({overdue} overdue)\n")
        self.stdout.write("  ".join(name.upper().ljust(width) for name, width in widths.items()) + "  DETAIL / HINT")
        for row in rows:
            cells = [str(row[name])[:width].ljust(width) for name, width in widths.items()]
            self.stdout.write("  ".join(cells) + f"  {row['detail'].rstrip('.')}. {row['hint']}")
