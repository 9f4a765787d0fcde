"""Inspection pages: record Ofsted's notice, follow the countdown, list past inspections.

Who may do what: managers (registered manager, responsible individual) record and change;
every other staff role may look; foster carers, panel members and inspectors get a 404, as if
the pages did not exist (they will see their own readiness list later, issue 5).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from accounts.models import MANAGER_ROLES, Role
from inspections import services, timeline
from inspections.forms import NOTICE_FIELDS, InspectionForm
from inspections.models import Inspection

STAFF_ROLES = MANAGER_ROLES | {Role.ADMINISTRATOR, Role.SUPERVISING_SOCIAL_WORKER, Role.DECISION_MAKER}


def can_view(user) -> bool:
    return user.is_authenticated and user.is_active and user.role in STAFF_ROLES


def can_change(user) -> bool:
    return can_view(user) and user.role in MANAGER_ROLES


def _require_view(user):
    if not can_view(user):
        raise Http404


def _require_change(user):
    _require_view(user)
    if not can_change(user):
        raise PermissionDenied


@login_required
def inspection_list(request):
    _require_view(request.user)
    return render(request, "inspections/list.html", {
        "inspections": Inspection.objects.all(), "can_change": can_change(request.user),
    })


@login_required
def notice_record(request):
    _require_change(request.user)
    form = InspectionForm(request.POST or None, recording=True)
    if request.method == "POST" and form.is_valid():
        inspection = services.inspection_record_notice(
            user=request.user, **{name: form.cleaned_data[name] for name in NOTICE_FIELDS})
        messages.success(request, "Notice recorded. Everyone has been emailed the dates and a compliance "
                                  "check has started.")
        return redirect(inspection)
    return render(request, "inspections/form.html", {"form": form, "title": "Record an inspection notice"})


@login_required
def inspection_edit(request, pk):
    _require_change(request.user)
    inspection = get_object_or_404(Inspection, pk=pk)
    form = InspectionForm(request.POST or None, instance=inspection)
    if request.method == "POST" and form.is_valid():
        services.inspection_update(inspection=Inspection.objects.get(pk=pk), user=request.user,
                                   **form.cleaned_data)
        messages.success(request, "Inspection updated.")
        return redirect(inspection)
    return render(request, "inspections/form.html", {"form": form, "title": "Change the inspection",
                                                     "inspection": inspection})


@login_required
def inspection_detail(request, pk):
    _require_view(request.user)
    inspection = get_object_or_404(Inspection, pk=pk)
    now = timezone.now()
    deadlines = [(d, timeline.countdown(d.at, now=now)) for d in inspection.deadlines(now=now)]
    return render(request, "inspections/detail.html", {
        "inspection": inspection, "deadlines": deadlines, "now": now, "can_change": can_change(request.user),
    })
