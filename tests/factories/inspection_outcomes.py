"""Factories for what an inspection leaves behind: requirements and recommendations, the action plan and
interview records. Each builds a record that passes full_clean(); clauses come from the loaded catalogue."""

from datetime import date, datetime

import factory

from compliance.models import Clause
from inspections.models import Action, Finding, Interview, InterviewEntry
from inspections.timeline import LONDON
from tests.factories._common import CleanedFactory
from tests.factories.inspections import InspectionFactory


def clause(clause_id):
    return factory.LazyFunction(lambda: Clause.objects.get(pk=clause_id))


class RequirementFactory(CleanedFactory):
    """A requirement under reg 35 (review of quality of care) with a compliance date of 1 March 2027, not met."""

    class Meta:
        model = Finding

    inspection = factory.SubFactory(InspectionFactory)
    kind = Finding.Kind.REQUIREMENT
    text = "The registered person must review the quality of care at the agency's stated intervals."
    clause = clause("fsr2011:r35")
    due_date = date(2027, 3, 1)


class RecommendationFactory(CleanedFactory):
    """A recommendation under NMS 25.6 (sharing inspection reports): no compliance date."""

    class Meta:
        model = Finding

    inspection = factory.SubFactory(InspectionFactory)
    kind = Finding.Kind.RECOMMENDATION
    text = "Share the inspection report with carers and placing authorities."
    clause = clause("nms2011:25.6")


class ActionFactory(CleanedFactory):
    """A step of the action plan, not started, due 1 February 2027, with no owner unless given."""

    class Meta:
        model = Action

    finding = factory.SubFactory(RequirementFactory)
    description = "Book the quarterly quality review and send the report to Ofsted."
    due_date = date(2027, 2, 1)


class InterviewFactory(CleanedFactory):
    """An interview at 10:30 on Tuesday 1 December 2026 (fieldwork day 2); pass `interviewee=user`."""

    class Meta:
        model = Interview

    inspection = factory.SubFactory(InspectionFactory)
    interviewee = None
    interviewee_name = factory.LazyAttribute(lambda o: str(o.interviewee) if o.interviewee else "Jo Bloggs")
    interviewee_role = "Registered manager"
    held_at = datetime(2026, 12, 1, 10, 30, tzinfo=LONDON)
    inspector_name = "Priya Raman"


class InterviewEntryFactory(CleanedFactory):
    class Meta:
        model = InterviewEntry

    interview = factory.SubFactory(InterviewFactory)
    order = factory.Sequence(lambda n: n + 1)
    question = "How do you know supervision visits happen as often as your policy says?"
    clause = clause("nms2011:21")
    response = "The compliance dashboard flags any household past its interval; I review it weekly."
