"""The inspection rules (compliance/rules/inspections.py): CR-IN-001, an Ofsted requirement not met by its
compliance date.

Pure tests build the facts in memory with an unsaved AgencyPolicy() (30 days' warning); the last tests
gather the facts from PostgreSQL and store a real run, to check the query, the link and the clauses the
stored gap cites (the requirement's own regulation first).
"""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from compliance.catalogue.loader import catalogue_index
from compliance.engine import Context, State
from compliance.facts import Facts, Scope
from compliance.facts import inspections as inspection_facts
from compliance.facts.inspections import InspectionFacts, RequirementFact
from compliance.models import AgencyPolicy, Clause, ComplianceRun, Gap
from compliance.registry import Area, Severity, all_rules, get_rule
from compliance.services import run_execute, run_request
from inspections.models import Action
from tests.factories.inspection_outcomes import ActionFactory, RecommendationFactory, RequirementFactory

DUE = date(2027, 3, 1)  # a Monday


def requirement(id=1, **changes):
    fields = dict(id=id, inspection_id=7, text="Review the quality of care every six months.",
                  clause_id="fsr2011:r17", clause_label="Reg 17", due_date=DUE)
    return RequirementFact(**(fields | changes))


def outcomes(as_of, *requirements, scope=Scope()):
    facts = Facts.of(scope, inspections=InspectionFacts(requirements=tuple(requirements)))
    return list(get_rule("CR-IN-001").evaluate(facts, Context(as_of=as_of, policy=AgencyPolicy())))


def only(as_of, *requirements):
    [found] = outcomes(as_of, *requirements)
    return found


def test_CR_IN_001_is_registered_as_a_high_agency_rule_citing_the_catalogue():
    rule = get_rule("CR-IN-001")
    assert (rule.area, rule.severity, rule.applies_to) == (Area.AGENCY, Severity.HIGH, "inspection_finding")
    assert all(clause in catalogue_index() for clause in rule.clauses)
    assert [r.id for r in all_rules() if r.id.startswith("CR-IN-")] == ["CR-IN-001"]


def test_CR_IN_001_a_requirement_well_before_its_date_is_met_for_now():
    assert only(DUE - timedelta(days=31), requirement()).state == State.MET


def test_CR_IN_001_due_soon_inside_the_warning_window_including_the_day_itself():
    assert only(DUE - timedelta(days=30), requirement()).state == State.DUE_SOON
    found = only(DUE, requirement())
    assert (found.state, found.due) == (State.DUE_SOON, DUE)
    assert found.detail == "Not yet met; due 01 Mar 2027; no action plan yet"


def test_CR_IN_001_overdue_the_day_after_its_compliance_date():
    found = only(DUE + timedelta(days=1), requirement(actions=3, actions_done=1))
    assert found.state == State.OVERDUE
    assert found.detail == "Not yet met; was due 01 Mar 2027; action plan 1 of 3 done"


def test_CR_IN_001_met_on_time_or_late_is_met_and_late_says_so():
    assert only(DUE + timedelta(days=60), requirement(met_on=DUE)).detail == "Met 01 Mar 2027"
    late = only(DUE + timedelta(days=60), requirement(met_on=DUE + timedelta(days=9)))
    assert late.state == State.MET
    assert late.detail == "Late: met 10 Mar 2027, after the compliance date of 01 Mar 2027"


def test_CR_IN_001_each_gap_cites_the_requirements_own_regulation_and_links_to_the_outcomes_page():
    found = only(DUE + timedelta(days=1), requirement(id=12, inspection_id=7))
    assert found.clauses == ("fsr2011:r17",)
    assert found.subject.kind == "inspection_finding" and found.subject.id == 12
    assert found.subject.url == reverse("inspections:outcomes", args=[7]) + "#finding-12"
    assert found.subject.label.startswith("Ofsted requirement (Reg 17): Review the quality")
    assert found.subject.household_id is None


def test_CR_IN_001_one_outcome_per_requirement():
    found = outcomes(DUE + timedelta(days=1), requirement(1), requirement(2, met_on=DUE))
    assert [(o.subject.id, o.state) for o in found] == [(1, State.OVERDUE), (2, State.MET)]


# Against PostgreSQL ----------------------------------------------------------------------------------

@pytest.mark.django_db
def test_the_facts_take_one_query_and_leave_out_recommendations_and_household_runs():
    first = RequirementFactory()
    RequirementFactory(inspection=first.inspection, due_date=date(2027, 5, 1))
    ActionFactory(finding=first)
    ActionFactory(finding=first, status=Action.Status.DONE, completed_on=date(2026, 11, 2))
    RecommendationFactory(inspection=first.inspection)
    with CaptureQueriesContext(connection) as queries:
        facts = inspection_facts.gather(Scope())
    assert len(queries) == 1
    assert [(r.id, r.clause_label, r.actions, r.actions_done) for r in facts.requirements] == [
        (first.pk, "Reg 35", 2, 1), (first.pk + 1, "Reg 35", 0, 0)]
    assert inspection_facts.gather(Scope(household_ids=frozenset({1}))).requirements == ()


@pytest.mark.django_db
def test_a_stored_run_keeps_the_overdue_requirement_as_a_gap_citing_its_regulation(settings):
    settings.COMPLIANCE_RECHECK_ON_SAVE = False
    overdue = RequirementFactory(due_date=timezone.localdate() - timedelta(days=3))
    RequirementFactory(inspection=overdue.inspection, due_date=timezone.localdate() - timedelta(days=3),
                       met_on=timezone.localdate() - timedelta(days=1))
    run = run_execute(run_id=run_request(trigger=ComplianceRun.Trigger.MANUAL, enqueue=False).pk)
    assert run.status == ComplianceRun.Status.SUCCEEDED, run.error
    [gap] = Gap.objects.filter(rule_id="CR-IN-001")
    assert (gap.subject_id, gap.state, gap.area) == (overdue.pk, State.OVERDUE, Area.AGENCY)
    assert gap.clause_ids == ["fsr2011:r35"]  # its regulation, which here is also the rule's own clause
    assert gap.subject_url == f"/inspections/{overdue.inspection_id}/outcomes/#finding-{overdue.pk}"


@pytest.mark.django_db
def test_a_stored_gap_lists_the_findings_clause_before_the_rules(settings):
    settings.COMPLIANCE_RECHECK_ON_SAVE = False
    RequirementFactory(clause=Clause.objects.get(pk="fsr2011:r17"), due_date=timezone.localdate() - timedelta(days=3))
    run_execute(run_id=run_request(trigger=ComplianceRun.Trigger.MANUAL, enqueue=False).pk)
    assert Gap.objects.get(rule_id="CR-IN-001").clause_ids == ["fsr2011:r17", "fsr2011:r35"]
