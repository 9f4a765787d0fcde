"""manage.py compute_gaps: a preview by default (table, json, csv, --as-of) and --store for a real run."""

import csv
import io
import json
from datetime import date, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from compliance.models import ComplianceRun, Gap
from tests.factories import CarerFactory, HouseholdFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_runs_from_elsewhere")]
TODAY = timezone.localdate()


@pytest.fixture
def broken(settings):
    """An approved household, one carer, never reviewed: CR-HH-015 is overdue."""
    settings.COMPLIANCE_RECHECK_ON_SAVE = False
    household = HouseholdFactory(surname="Broken")
    CarerFactory(household=household)
    return household


def compute_gaps(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("compute_gaps", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_table_lists_each_gap_with_its_rule_subject_due_date_clauses_and_hint(broken):
    out, _ = compute_gaps()
    line = next(line for line in out.splitlines() if line.startswith("CR-HH-015"))
    assert "high" in line and "overdue" in line and "Broken household" in line and "fsr2011:r28" in line
    assert "Hold the review of approval" in line
    assert f"as of {TODAY:%d %b %Y}" in out
    assert not Gap.objects.exists() and not ComplianceRun.objects.exists()  # a preview stores nothing


def test_json_as_of_a_later_day_counts_the_days_overdue(broken):
    day = TODAY + timedelta(days=30)
    out, _ = compute_gaps("--format", "json", "--as-of", day.isoformat())
    data = json.loads(out)
    assert data["as_of"] == day.isoformat()
    [gap] = [gap for gap in data["gaps"] if gap["rule"] == "CR-HH-015"]
    due = date.fromisoformat(gap["due"])
    assert gap["days_overdue"] == (day - due).days and gap["days_until_due"] is None
    assert gap["clauses"] == "fsr2011:r28" and gap["url"] == f"/records/households/{broken.pk}/"


def test_csv_has_a_header_and_a_row_per_gap(broken):
    out, _ = compute_gaps("--format", "csv", "--as-of", TODAY.isoformat())
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {"rule", "severity", "subject", "due", "days", "clauses", "hint"} <= set(rows[0])
    assert any(row["rule"] == "CR-HH-015" and row["subject"] == "Broken household" for row in rows)


def test_store_runs_and_lists_the_stored_open_gaps(broken):
    out, err = compute_gaps("--store")
    run = ComplianceRun.objects.get()
    assert (run.trigger, run.status) == ("command", "succeeded")
    assert f"Run #{run.pk}" in err
    assert Gap.objects.filter(rule_id="CR-HH-015", status="open").exists()
    assert "CR-HH-015" in out


def test_bad_dates_and_store_with_another_day_are_refused(broken):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        compute_gaps("--as-of", "2026-02-30")
    with pytest.raises(CommandError, match="as of today"):
        compute_gaps("--store", "--as-of", (TODAY + timedelta(days=1)).isoformat())
