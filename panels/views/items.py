"""One agenda item: its papers, the panel's recommendation and the decision; and a household's panel history."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from panels import services, timescales
from panels.forms import PaperForm, RecommendationForm
from panels.models import AgencyDecision, AgendaItem, PanelPaper
from panels.permissions import CHANGE, DECIDE, can, restrict
from panels.sections import household_panel_section
from panels.views.common import add_errors, get_for, item_crumbs
from records import models as records_models
from records import permissions as records_permissions
from records.concurrency import versioned
from records.files import private_file_response


def _notice_countdowns(decision, *, today):
    """Countdowns for the notices still to give (a recorded date stops its clock)."""
    def pending(done, due):
        return timescales.countdown(None if done else due, today=today)
    return {
        "oral": pending(decision.oral_notice_date, decision.oral_notice_due),
        "written": pending(decision.written_notice_date, decision.written_notice_due),
        "irm": pending(decision.irm_papers_sent_date, decision.irm_papers_due),
    }


@login_required
def item_detail(request, pk):
    user = request.user
    item = get_for(AgendaItem.objects.select_related("meeting__minutes", "household"), user, pk)
    minutes = getattr(item.meeting, "minutes", None)
    decision = restrict(AgencyDecision.objects.filter(item=item).select_related("decided_by"), user).first()
    return render(request, "panels/item_detail.html", {
        "item": item, "papers": restrict(item.papers.order_by("kind", "id"), user), "decision": decision,
        "notices": _notice_countdowns(decision, today=timezone.localdate()) if decision else None,
        "decision_due": timescales.decision_due(minutes.sent_to_adm_date if minutes else None),
        "crumbs": item_crumbs(item, user)[:-1],
        "can_change": can(user, CHANGE, AgendaItem), "can_decide": can(user, DECIDE, AgencyDecision),
        "can_record_notices": can(user, CHANGE, AgencyDecision),
        "representation_days": settings.PANEL_REPRESENTATION_DAYS,
        "decision_days": settings.PANEL_DECISION_WORKING_DAYS,
        "can_view_household": records_permissions.restrict(
            records_models.Household.objects.filter(pk=item.household_id), user).exists(),
    })


@login_required
@transaction.atomic  # holds the edit form's version check until the save (records/concurrency.py)
def item_recommendation(request, pk):
    item = get_for(AgendaItem.objects.select_related("meeting", "household"), request.user, pk, CHANGE)
    form = versioned(RecommendationForm)(request.POST or None, instance=item)
    quorum = item.meeting.quorum()
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.item_recommendation_record(
                item=item, user=request.user, recommendation=data["recommendation"],
                reasons=data["recommendation_reasons"], dissent=data["dissent"],
                report_feedback=data["report_feedback"], carers_attended=data["carers_attended"], terms=form.terms(),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"The panel's recommendation on “{item}” is recorded.")
            return redirect(item.meeting.get_absolute_url())
    return render(request, "panels/form.html", {
        "form": form, "title": "The panel's recommendation", "subtitle": f"{item} · {item.meeting}",
        "crumbs": item_crumbs(item, request.user),
        "cancel_url": item.meeting.get_absolute_url(), "quorum": quorum,
    })


@login_required
def paper_upload(request, pk):
    item = get_for(AgendaItem.objects.select_related("meeting", "household"), request.user, pk, CHANGE)
    form = PaperForm(request.POST or None, request.FILES or None, instance=PanelPaper(item=item))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            paper = services.paper_add(item=item, kind=data["kind"], title=data["title"], upload=data["file"],
                                       user=request.user)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"“{paper}” added to the papers.")
            return redirect(item.get_absolute_url())
    return render(request, "panels/form.html", {
        "form": form, "title": "Add a paper", "subtitle": f"{item} · {item.meeting}",
        "crumbs": item_crumbs(item, request.user),
        "cancel_url": item.get_absolute_url(),
    })


@login_required
def paper_download(request, pk):
    paper = get_object_or_404(restrict(PanelPaper.objects.all(), request.user), pk=pk)
    return private_file_response(paper.file, download_name=paper.original_filename)


@login_required
def household_history(request, pk):
    """A household's panel history on its own page (the household page shows the same section)."""
    households = records_permissions.restrict(records_models.Household.objects.all(), request.user)
    household = get_object_or_404(households, pk=pk)
    section = household_panel_section(request, household) or ""
    return render(request, "panels/household_history.html", {"household": household, "section": section})
