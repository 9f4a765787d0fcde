"""Inspection pages: after fieldwork. The post-inspection dates and clock, the three judgements, the
report's requirements and recommendations, and the action plan.

Staff see; managers record and change; everyone else gets a 404 (inspections/permissions.py).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from inspections import services, timeline
from inspections.forms import ActionForm, FindingForm, OutcomesForm
from inspections.models import Action, Finding, Inspection
from inspections.permissions import can_change, require_change, require_view
from records.concurrency import versioned


def detail_context(request, inspection, now) -> dict:
    """What templates/inspections/detail/_outcomes.html needs on the inspection page."""
    findings = list(inspection.findings.only("kind", "due_date", "met_on"))
    today = timezone.localdate()
    return {"outcome_steps": timeline.post_inspection_steps(inspection, today=today),
            "requirements_open": sum(f.kind == Finding.Kind.REQUIREMENT and f.met_on is None for f in findings),
            "requirements_overdue": sum(f.kind == Finding.Kind.REQUIREMENT and f.met_on is None
                                        and f.due_date is not None and f.due_date < today for f in findings),
            "findings_count": len(findings)}


def _findings(inspection):
    actions = Action.objects.select_related("owner").order_by("due_date", "pk")
    return list(inspection.findings.select_related("clause").prefetch_related(Prefetch("actions", queryset=actions)))


@login_required
def outcomes(request, pk):
    require_view(request.user)
    inspection = get_object_or_404(Inspection, pk=pk)
    today = timezone.localdate()
    findings = _findings(inspection)
    return render(request, "inspections/outcomes/page.html", {
        "inspection": inspection, "today": today, "can_change": can_change(request.user),
        "steps": timeline.post_inspection_steps(inspection, today=today),
        "requirements": [f for f in findings if f.kind == Finding.Kind.REQUIREMENT],
        "recommendations": [f for f in findings if f.kind == Finding.Kind.RECOMMENDATION],
    })


@login_required
@transaction.atomic  # holds the edit form's version check until the save (records/concurrency.py)
def outcomes_edit(request, pk):
    require_change(request.user)
    inspection = get_object_or_404(Inspection, pk=pk)
    form = versioned(OutcomesForm)(request.POST or None, instance=inspection)
    if request.method == "POST" and form.is_valid():
        services.inspection_outcomes_update(inspection=Inspection.objects.get(pk=pk), user=request.user,
                                            **form.cleaned_data)
        messages.success(request, "Dates and judgements saved.")
        return redirect("inspections:outcomes", pk)
    return render(request, "inspections/outcomes/form.html", {
        "form": form, "inspection": inspection, "title": "Dates and judgements"})


@login_required
@transaction.atomic  # holds the edit form's version check until the save (records/concurrency.py)
def finding_edit(request, pk, finding_pk=None):
    """Add (no `finding_pk`) or change a requirement or recommendation."""
    require_change(request.user)
    inspection = get_object_or_404(Inspection, pk=pk)
    finding = (get_object_or_404(Finding, pk=finding_pk, inspection=inspection) if finding_pk
               else Finding(inspection=inspection, kind=request.GET.get("kind", Finding.Kind.REQUIREMENT)))
    form = versioned(FindingForm)(request.POST or None, instance=finding,
                       initial=None if finding_pk else {"kind": finding.kind})
    if request.method == "POST" and form.is_valid():
        try:
            services.finding_save(finding=form.instance, user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{finding.get_kind_display()} saved.")
            return redirect(f"{inspection_outcomes_url(pk)}#finding-{finding.pk}")
    title = f"Change the {finding.get_kind_display().lower()}" if finding_pk else "Add a requirement or recommendation"
    return render(request, "inspections/outcomes/form.html", {"form": form, "inspection": inspection, "title": title})


@login_required
@require_POST
def finding_met(request, pk, finding_pk):
    require_change(request.user)
    finding = get_object_or_404(Finding, pk=finding_pk, inspection_id=pk)
    services.finding_mark_met(finding=finding, user=request.user)
    messages.success(request, f"Marked met on {finding.met_on:%d %b %Y}.")
    return redirect(f"{inspection_outcomes_url(pk)}#finding-{finding.pk}")


@login_required
@transaction.atomic  # holds the edit form's version check until the save (records/concurrency.py)
def action_edit(request, pk, finding_pk=None, action_pk=None):
    """Add a step to a finding's action plan (`finding_pk`) or change one (`action_pk`)."""
    require_change(request.user)
    inspection = get_object_or_404(Inspection, pk=pk)
    if action_pk:
        action = get_object_or_404(Action.objects.select_related("finding"), pk=action_pk,
                                   finding__inspection=inspection)
    else:
        action = Action(finding=get_object_or_404(Finding, pk=finding_pk, inspection=inspection))
    form = versioned(ActionForm)(request.POST or None, instance=action)
    if request.method == "POST" and form.is_valid():
        services.action_save(action=form.instance, user=request.user)
        messages.success(request, "Action plan updated.")
        return redirect(f"{inspection_outcomes_url(pk)}#finding-{action.finding_id}")
    return render(request, "inspections/outcomes/form.html", {
        "form": form, "inspection": inspection, "finding": action.finding,
        "title": "Change the action" if action_pk else "Add an action"})


def inspection_outcomes_url(pk):
    return reverse("inspections:outcomes", args=[pk])
