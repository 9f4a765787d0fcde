"""Inspection pages: interview records (the agency guidance's appendix). Who was interviewed and when,
each question or comment from the inspector with the regulation or standard it relates to, and the
response; a printable page.

Managers see and write every record. Anyone else sees only the records of their own interviews
(the interviewee's login), so a social worker sees theirs and nobody else's; everything else is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from inspections import services
from inspections.forms import InterviewEntryFormSet, InterviewForm
from inspections.models import Inspection, Interview, InterviewEntry
from inspections.permissions import can_change, require_change
from records.concurrency import versioned


def visible_interviews(user, inspection):
    """The interviews of `inspection` that `user` may read: all for managers, otherwise their own."""
    interviews = inspection.interviews.select_related("interviewee")
    if can_change(user):
        return interviews
    if not (user.is_authenticated and user.is_active):
        return interviews.none()
    return interviews.filter(interviewee=user)


def detail_context(request, inspection, now) -> dict:
    """What templates/inspections/detail/_interviews.html needs on the inspection page."""
    return {"interviews": list(visible_interviews(request.user, inspection))}


@login_required
def interview_list(request, pk):
    inspection = get_object_or_404(Inspection, pk=pk)
    interviews = list(visible_interviews(request.user, inspection))
    manager = can_change(request.user)
    if not manager and not interviews:
        raise Http404
    return render(request, "inspections/interviews/list.html", {
        "inspection": inspection, "interviews": interviews, "can_change": manager})


@login_required
def interview_detail(request, pk, interview_pk):
    """The record, ready to print."""
    inspection = get_object_or_404(Inspection, pk=pk)
    entries = InterviewEntry.objects.select_related("clause")
    interview = get_object_or_404(visible_interviews(request.user, inspection).prefetch_related(
        Prefetch("entries", queryset=entries)), pk=interview_pk)
    return render(request, "inspections/interviews/detail.html", {
        "inspection": inspection, "interview": interview, "can_change": can_change(request.user)})


@login_required
@transaction.atomic  # holds the edit form's version check until the save (records/concurrency.py)
def interview_edit(request, pk, interview_pk=None):
    """Record an interview (no `interview_pk`) or change one, with its entries."""
    require_change(request.user)
    inspection = get_object_or_404(Inspection, pk=pk)
    interview = (get_object_or_404(Interview, pk=interview_pk, inspection=inspection) if interview_pk
                 else Interview(inspection=inspection))
    form = versioned(InterviewForm)(request.POST or None, instance=interview)
    entries = InterviewEntryFormSet(request.POST or None, instance=interview, prefix="entries",
                                    queryset=InterviewEntry.objects.filter(interview=interview) if interview_pk
                                    else InterviewEntry.objects.none())
    if request.method == "POST" and all([form.is_valid(), entries.is_valid()]):  # both, to show every error
        keep, removed = entries.entries()
        services.interview_save(interview=form.instance, user=request.user, entries=keep, removed=removed)
        messages.success(request, "Interview record saved.")
        return redirect(form.instance)
    return render(request, "inspections/interviews/form.html", {
        "form": form, "entries": entries, "inspection": inspection, "interview": interview if interview_pk else None,
        "title": "Change the interview record" if interview_pk else "Record an interview"})
