"""The demo's last full inspection (inspections/demo.py): judged and published when the agency's own record
of its Ofsted report says, with an action plan, interview records and one requirement overdue."""

import pytest
from django.utils import timezone

from compliance.engine import State
from compliance.services import gaps_preview
from inspections import readiness, timeline
from inspections.demo import inspection_demo_create
from inspections.models import Finding, Inspection
from records.demo.build import build_agency
from records.models import InspectionReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    """The seed-2011 demo agency as of today, with its inspection."""
    build_agency(seed=2011, scale="demo", today=timezone.localdate(), validate=False)
    return inspection_demo_create(today=timezone.localdate())


def test_the_demo_inspection_is_finished_and_matches_the_published_report(demo):
    report = InspectionReport.objects.order_by("-published_date").first()
    assert demo.status == Inspection.Status.FINISHED and demo.published_on == report.published_date
    assert demo.fieldwork_end.weekday() == 4 and demo.fieldwork_start.weekday() == 0
    steps = timeline.post_inspection_steps(demo, today=timezone.localdate())
    assert [step.status for step in steps] == ["done"] * 4 and not any(step.late for step in steps)
    assert (demo.judgement_overall, demo.judgement_leaders) == ("good", "requires_improvement")
    assert readiness.current_inspection(now=timezone.now()) is None  # the user records the notice


def test_the_demo_has_requirements_with_actions_recommendations_and_interviews(demo):
    requirements = demo.findings.filter(kind=Finding.Kind.REQUIREMENT)
    assert requirements.count() == 3 and demo.findings.filter(kind=Finding.Kind.RECOMMENDATION).count() == 2
    assert all(f.clause_id.startswith("fsr2011:") for f in requirements)
    assert all(f.actions.exists() and all(a.owner for a in f.actions.all()) for f in requirements)
    [open_requirement] = requirements.filter(met_on__isnull=True)
    assert open_requirement.due_date < timezone.localdate()
    assert open_requirement.actions.exclude(status="done").get().due_date < timezone.localdate()
    interviews = demo.interviews.all()
    assert [i.interviewee.username for i in interviews] == ["manager", "ssw"]
    assert all(i.entries.count() == 3 and not i.entries.filter(clause__isnull=True).exists() for i in interviews)
    assert demo.history.exists() and demo.created_by.username == "manager"


def test_the_overdue_requirement_is_the_demos_one_inspection_gap(demo):
    found = [f for f in gaps_preview(as_of=timezone.localdate()).gaps if f.rule.id == "CR-IN-001"]
    assert [(f.outcome.state, f.outcome.subject.id) for f in found] == [
        (State.OVERDUE, demo.findings.get(met_on__isnull=True, kind="requirement").pk)]


def test_seeding_again_replaces_the_inspection(demo):
    again = inspection_demo_create(today=timezone.localdate())
    assert list(Inspection.objects.values_list("pk", flat=True)) == [again.pk]
    assert (again.fieldwork_end, again.published_on) == (demo.fieldwork_end, demo.published_on)
