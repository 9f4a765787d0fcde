"""Inspection pages: readiness during the notice and fieldwork.

Staff see the figures at notice against now, the progress bar and who still has to do what, over
the gaps compliance lets them see (a supervising social worker's list opens on their own caseload).
A foster carer sees only their own household's items, and only while the inspection is current;
anything else is a 404.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from compliance import selectors as compliance_selectors
from compliance.views.common import decorate
from inspections import readiness, timeline
from inspections.forms import ReadinessFilterForm
from inspections.models import Inspection
from inspections.permissions import can_change, can_view
from records.selectors import carer_household


def detail_context(request, inspection, now) -> dict:
    """What templates/inspections/detail/_readiness.html needs on the inspection page."""
    return {"readiness": readiness.readiness_figures(inspection=inspection, user=request.user),
            "readiness_current": readiness.is_current(inspection, now=now)}


@login_required
def readiness_current(request):
    """The menu's "Before the inspection": the current inspection's readiness page, or a 404."""
    user = request.user
    inspection = readiness.current_inspection(now=timezone.now())
    if inspection is None or not (can_view(user) or user.is_carer):
        raise Http404
    return redirect("inspections:readiness", inspection.pk)


@login_required
def readiness_page(request, pk):
    user = request.user
    inspection = get_object_or_404(Inspection, pk=pk)
    now = timezone.now()
    if user.is_carer:
        return _carer_page(request, inspection, now)
    if not can_view(user):
        raise Http404
    today = timezone.localdate()
    data = request.GET.copy()
    data.setdefault("person", readiness.default_person(user))
    form = ReadinessFilterForm(data)
    chosen = {name: form.value(name) for name in ("person", "area", "severity", "since")}
    found = readiness.outstanding(inspection=inspection, user=user, **chosen)
    if chosen["person"] and chosen["person"] == readiness.default_person(user) and \
            chosen["person"] not in {p.key for p in found.people}:  # nothing on their own list: still say whose
        found.people.append(readiness.Person(chosen["person"], str(user.staff_member), "Supervising social worker"))
    form.set_people(found.people)
    for group in found.groups:
        decorate(group.gaps, day=today)
    return render(request, "inspections/readiness/page.html", {
        "inspection": inspection, "now": now, "form": form, "chosen": chosen, "outstanding": found,
        "figures": readiness.readiness_figures(inspection=inspection, user=user),
        "deadlines": [(d, timeline.countdown(d.at, now=now)) for d in inspection.deadlines(now=now)],
        "current": readiness.is_current(inspection, now=now), "can_change": can_change(user),
        "can_recheck": can_change(user) and compliance_selectors.can_recheck(user),
        "caseload": compliance_selectors.sees_caseload_only(user), "run": compliance_selectors.latest_run(),
    })


def _carer_page(request, inspection, now):
    """A carer's own list, in plain words: their household's items, and how many are done since the notice."""
    household = carer_household(request.user)
    if household is None or not readiness.is_current(inspection, now=now):
        raise Http404
    gaps = decorate(compliance_selectors.household_gaps(household, user=request.user), day=timezone.localdate())
    return render(request, "inspections/readiness/carer.html", {
        "inspection": inspection, "now": now, "household": household, "gaps": gaps,
        "figures": readiness.readiness_figures(inspection=inspection, user=request.user, household=household),
        "deadlines": [(d, timeline.countdown(d.at, now=now)) for d in inspection.deadlines(now=now)],
    })
