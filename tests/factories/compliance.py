"""Factories for compliance runs and gaps, for page tests that need rows without running the engine."""

from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from compliance.engine import State
from compliance.models import ComplianceRun, Gap
from compliance.registry import Area, Severity, get_rule
from tests.factories._common import days_ago
from tests.factories.households import HouseholdFactory


class ComplianceRunFactory(DjangoModelFactory):
    """A nightly whole-agency run that finished an hour ago: 80% ready (carers 8/10, staff 4/5).

    `failed=True` gives a run that stopped with an error and has no figures.
    """

    class Meta:
        model = ComplianceRun

    class Params:
        failed = factory.Trait(status=ComplianceRun.Status.FAILED, counts={}, readiness={},
                               error="OperationalError: the database connection was lost")

    status = ComplianceRun.Status.SUCCEEDED
    trigger = ComplianceRun.Trigger.NIGHTLY
    as_of = days_ago(0)
    household_ids = None
    started_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    finished_at = factory.LazyAttribute(lambda o: o.started_at + timedelta(seconds=2))
    duration_ms = 2000
    query_count = 14
    counts = factory.LazyFunction(lambda: {Severity.HIGH: 2})
    readiness = factory.LazyFunction(lambda: {Area.CARERS: [8, 10], Area.STAFF: [4, 5]})


def _rule_clauses(rule_id):
    """The registered rule's clauses, as a run stores them; reg 28 for a rule id made up for a test."""
    try:
        return get_rule(rule_id).clauses
    except KeyError:
        return ["fsr2011:r28"]


class GapFactory(DjangoModelFactory):
    """An open, high-severity "annual review of approval" gap on a household, 30 days overdue.

    Pass `household=...` (its social worker follows); `subject_*` describe the record that fixes it.
    """

    class Meta:
        model = Gap

    household = factory.SubFactory(HouseholdFactory)
    social_worker = factory.SelfAttribute("household.supervising_social_worker")
    rule_id = "CR-HH-015"
    severity = Severity.HIGH
    area = Area.CARERS
    clause_ids = factory.LazyAttribute(lambda o: list(_rule_clauses(o.rule_id)))
    subject_kind = "household"
    subject_id = factory.SelfAttribute("household.pk")
    subject_label = factory.LazyAttribute(lambda o: o.household.name)
    subject_url = factory.LazyAttribute(lambda o: o.household.get_absolute_url())
    key = factory.LazyAttributeSequence(lambda o, n: f"{o.rule_id}|{o.subject_kind}:{o.subject_id or 0}|{n}")
    state = State.OVERDUE
    due_date = days_ago(30)
    detail = factory.LazyAttribute(
        lambda o: f"Review of approval was due {o.due_date:%d %b %Y}" if o.due_date else "No review recorded")
    status = Gap.Status.OPEN
    first_seen_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=30))
    last_seen_at = factory.LazyFunction(timezone.now)
