"""Facts for the inspection rules (compliance/rules/inspections.py: CR-IN-*), as plain dataclasses.

`gather(scope)` reads every requirement from Ofsted's reports in one query. Requirements are the
agency's, not a household's: a household recheck reads nothing.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.urls import reverse

from inspections.models import Action, Finding


@dataclass(frozen=True)
class RequirementFact:
    """A requirement from an inspection report: the regulation it cites and its compliance date."""

    id: int
    inspection_id: int
    text: str
    clause_id: str
    clause_label: str
    due_date: date
    met_on: date | None = None
    actions: int = 0
    actions_done: int = 0

    @property
    def label(self):
        text = self.text if len(self.text) <= 90 else f"{self.text[:89]}…"
        return f"Ofsted requirement ({self.clause_label}): {text}"

    @property
    def url(self):
        return f"{_outcomes_path(self.inspection_id)}#finding-{self.id}"


def _outcomes_path(inspection_id):
    return reverse("inspections:outcomes", args=[inspection_id])


@dataclass(frozen=True)
class InspectionFacts:
    requirements: tuple = ()


def gather(scope) -> InspectionFacts:
    if not scope.whole_agency:
        return InspectionFacts()
    rows = (Finding.objects.filter(kind=Finding.Kind.REQUIREMENT, due_date__isnull=False)
            .annotate(n_actions=Count("actions"), n_done=Count("actions", filter=Q(actions__status=Action.Status.DONE)))
            .order_by("due_date", "pk")
            .values_list("pk", "inspection_id", "text", "clause_id", "clause__label", "due_date", "met_on",
                         "n_actions", "n_done"))
    return InspectionFacts(requirements=tuple(RequirementFact(*row) for row in rows))
