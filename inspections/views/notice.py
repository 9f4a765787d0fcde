"""Inspection pages: record Ofsted's notice, follow the countdown, list past inspections.

Who may do what: managers (registered manager, responsible individual) record and change;
every other staff role may look; foster carers, panel members and inspectors get a 404, as if
the pages did not exist (carers have their own readiness list, views/readiness.py).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from inspections import services, timeline
from inspections.forms import NOTICE_FIELDS, InspectionForm
from inspections.models import Inspection
from inspections.permissions import can_change, require_change, require_view
from inspections.views import access, interviews, outcomes, pack, readiness
from records.concurrency import versioned


@login_required
def inspection_list(request):
    require_view(request.user)
    return render(request, "inspections/list.html", {
        "inspections": Inspection.objects.all(), "can_change": can_change(request.user),
    })


@login_required
def notice_record(request):
    require_change(request.user)
    form = InspectionForm(request.POST or None, recording=True)
    if request.method == "POST" and form.is_valid():
        inspection = services.inspection_record_notice(
            user=request.user, **{name: form.cleaned_data[name] for name in NOTICE_FIELDS})
        messages.success(request, "Notice recorded. Everyone has been emailed the dates and a compliance "
                                  "check has started.")
        return redirect(inspection)
    return render(request, "inspections/form.html", {"form": form, "title": "Record an inspection notice"})


@login_required
@transaction.atomic  # holds the edit form's version check until the save (records/concurrency.py)
def inspection_edit(request, pk):
    require_change(request.user)
    inspection = get_object_or_404(Inspection, pk=pk)
    form = versioned(InspectionForm)(request.POST or None, instance=inspection)
    if request.method == "POST" and form.is_valid():
        services.inspection_update(inspection=Inspection.objects.get(pk=pk), user=request.user,
                                   **form.cleaned_data)
        messages.success(request, "Inspection updated.")
        return redirect(inspection)
    return render(request, "inspections/form.html", {"form": form, "title": "Change the inspection",
                                                     "inspection": inspection})


@login_required
def inspection_detail(request, pk):
    require_view(request.user)
    inspection = get_object_or_404(Inspection, pk=pk)
    now = timezone.now()
    deadlines = [(d, timeline.countdown(d.at, now=now)) for d in inspection.deadlines(now=now)]
    context = {"inspection": inspection, "deadlines": deadlines, "now": now, "can_change": can_change(request.user)}
    for feature in (readiness, pack, access, interviews, outcomes):  # each fills its own card on the page
        context.update(feature.detail_context(request, inspection, now))
    return render(request, "inspections/detail.html", context)
