"""The dashboard: readiness, open gaps by severity, what falls due, gaps by clause, the trend and
the last run. Home page for every role that may see gaps (records/views/home.py sends them here)."""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from compliance import selectors, services
from compliance.charts import readiness_trend_svg
from compliance.forms import GapFilterForm
from compliance.registry import Area
from compliance.views.common import attach_people, decorate, require


@dataclass(frozen=True)
class Readiness:
    label: str
    met: int
    applicable: int

    @property
    def percent(self):
        return round(100 * self.met / self.applicable) if self.applicable else None


def readiness_rows(readiness: dict) -> tuple:
    """{area: [met, applicable]} -> (overall Readiness, [Readiness per area in Area order])."""
    areas = [Readiness(label, *readiness[area]) for area, label in Area.CHOICES if area in readiness]
    overall = Readiness("Overall", sum(r.met for r in areas), sum(r.applicable for r in areas))
    return overall, areas


@login_required
def dashboard(request):
    user = request.user
    require(selectors.can_view_gaps(user))
    today = timezone.localdate()
    form = GapFilterForm(request.GET or None, today=today)
    runs = selectors.whole_agency_runs()
    readiness_run = selectors.latest_successful_run(runs)
    preview = form.preview_date
    if preview:
        evaluation = services.gaps_preview(as_of=preview)
        rows = attach_people(selectors.visible_findings(evaluation, user=user))
        figures = selectors.figures_of(rows, day=preview)
        due_soon = [gap for gap in rows if gap.due_date and 0 <= (gap.due_date - preview).days <= 30][:10]
        urgent = selectors.most_urgent_of(rows, day=preview)
        readiness = evaluation.readiness()
    else:
        figures = selectors.gap_figures(user=user, today=today)
        due_soon = selectors.gaps_due_soon(user=user, today=today)
        urgent = selectors.gaps_most_urgent(user=user, today=today)
        readiness = readiness_run.readiness if readiness_run else {}
    overall, areas = readiness_rows(readiness)
    return render(request, "compliance/dashboard.html", {
        "form": form, "preview": preview, "day": preview or today, "figures": figures,
        "due_soon": decorate(sorted(due_soon, key=lambda gap: gap.due_date), day=preview or today),
        "urgent": decorate(urgent, day=preview or today),
        "overall": overall, "areas": areas, "readiness_run": readiness_run,
        "caseload": selectors.sees_caseload_only(user),
        "run": selectors.latest_run(), "trend": readiness_trend_svg(runs), "runs_shown": len(runs),
        "any_failed": any(run.status == run.Status.FAILED for run in runs),
        "can_recheck": selectors.can_recheck(user), "summary": selectors.caseload_summary(user),
    })
