"""The agency decision maker's queue, the decision form, the notice dates and the outcome letter."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from panels import selectors, services, timescales
from panels.forms import DecisionForm, NoticesForm
from panels.models import AgencyDecision, AgendaItem
from panels.permissions import CHANGE, DECIDE, can, can_view_decision_queue, restrict
from panels.views.common import add_errors, get_for, item_crumbs, require
from records.concurrency import versioned


@login_required
def decision_queue(request):
    if not can_view_decision_queue(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    return render(request, "panels/decision_queue.html", {
        "rows": selectors.decision_queue(user=request.user, today=today),
        "notices": selectors.notices_outstanding(user=request.user, today=today),
        "today": today, "can_decide": can(request.user, DECIDE, AgencyDecision),
        "decision_days": settings.PANEL_DECISION_WORKING_DAYS,
    })


@login_required
def decision_create(request, pk):
    user = request.user
    item = get_for(AgendaItem.objects.select_related("meeting__minutes", "household"), user, pk)
    require(user, DECIDE, AgencyDecision)
    if AgencyDecision.objects.filter(item=item).exists():
        messages.info(request, "A decision has already been recorded for this item.")
        return redirect(item.get_absolute_url())
    if not item.awaits_decision:
        messages.warning(request, "The panel has not made a recommendation on this item yet.")
        return redirect(item.get_absolute_url())
    form = DecisionForm(request.POST or None, instance=AgencyDecision(item=item, decided_by=user),
                        initial={"decision_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decision = services.decision_record(
                item=item, user=user, decision=data["decision"], reasons=data["reasons"],
                decision_date=data["decision_date"], terms=form.terms(),
                carer_agrees_to_terms=data["carer_agrees_to_terms"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"Decision recorded: {decision.get_decision_display()} for "
                                      f"{item.household.name}. Now tell them, and record when you did.")
            return redirect(item.get_absolute_url())
    minutes = getattr(item.meeting, "minutes", None)
    due = timescales.decision_due(minutes.sent_to_adm_date if minutes else None)
    return render(request, "panels/decision_form.html", {
        "form": form, "item": item, "minutes": minutes, "crumbs": item_crumbs(item, user),
        "countdown": timescales.countdown(due, today=timezone.localdate()),
        "papers": restrict(item.papers.order_by("kind", "id"), user),
    })


@login_required
@transaction.atomic  # holds the edit form's version check until the save (records/concurrency.py)
def decision_notices(request, pk):
    decision = get_for(AgencyDecision.objects.select_related("item__household", "item__meeting"),
                       request.user, pk, CHANGE)
    form = versioned(NoticesForm)(request.POST or None, instance=decision)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.decision_notices_record(decision=decision, user=request.user, **data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Notice dates saved.")
            return redirect(decision.item.get_absolute_url())
    return render(request, "panels/form.html", {
        "form": form, "title": "Telling the applicant or carer", "subtitle": str(decision.item),
        "crumbs": item_crumbs(decision.item, request.user), "cancel_url": decision.item.get_absolute_url(),
        "notice_decision": decision,
    })


@login_required
def decision_letter(request, pk):
    decision = get_object_or_404(
        restrict(AgencyDecision.objects.select_related("item__household", "item__meeting", "decided_by"),
                 request.user), pk=pk)
    household = decision.item.household
    return render(request, "panels/letter.html", {
        "decision": decision, "item": decision.item, "household": household,
        "carers": list(household.carers.order_by("carer_role", "last_name")),
        "letter_date": decision.written_notice_date or timezone.localdate(),
        "representation_days": settings.PANEL_REPRESENTATION_DAYS,
        "can_see_item": restrict(AgendaItem.objects.filter(pk=decision.item_id), request.user).exists(),
    })
