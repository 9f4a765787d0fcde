"""Panel meetings: the list, one meeting, and the forms to set it up, record who sat and the minutes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from panels import selectors, services
from panels.forms import AttendanceForm, ItemForm, MeetingForm, MinutesForm
from panels.models import AgencyDecision, AgendaItem, PanelMeeting, PanelMinutes
from panels.permissions import CHANGE, DECIDE, VIEW, can, restrict
from panels.views.common import PAGE_SIZE, add_errors, get_for, meeting_crumbs, require
from records.concurrency import versioned
from records.files import private_file_response

WHEN = [("all", "All meetings"), ("upcoming", "Upcoming"), ("past", "Held")]


@login_required
def meeting_list(request):
    require(request.user, VIEW, PanelMeeting)
    today = timezone.localdate()
    when = request.GET.get("when", "all")
    meetings = selectors.meetings_for(user=request.user)
    if when == "upcoming":
        meetings = meetings.filter(date__gte=today).order_by("date", "id")
    elif when == "past":
        meetings = meetings.filter(date__lt=today)
    else:
        when = "all"
    page = Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "panels/meeting_list.html", {
        "page": page, "when": when, "whens": WHEN, "querystring": f"when={when}", "today": today,
        "can_add": can(request.user, CHANGE, PanelMeeting),
    })


@login_required
def meeting_detail(request, pk):
    meeting = get_for(PanelMeeting.objects.all(), request.user, pk)
    user = request.user
    minutes = restrict(PanelMinutes.objects.filter(meeting=meeting), user).first()
    return render(request, "panels/meeting_detail.html", {
        "meeting": meeting, "attendees": selectors.meeting_attendees(meeting), "quorum": meeting.quorum(),
        "items": selectors.meeting_items(meeting, user=user), "minutes": minutes, "today": timezone.localdate(),
        "can_change": can(user, CHANGE, PanelMeeting), "can_decide": can(user, DECIDE, AgencyDecision),
    })


@login_required
def meeting_create(request):
    require(request.user, CHANGE, PanelMeeting)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_save(meeting=form.save(commit=False), user=request.user)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"{meeting} added. Now record who is attending.")
            return redirect(meeting.get_absolute_url())
    return render(request, "panels/form.html", {
        "form": form, "title": "Add a panel meeting", "crumbs": meeting_crumbs(),
        "cancel_url": reverse("panels:meeting_list"),
    })


@login_required
@transaction.atomic  # holds the edit form's version check until the save (records/concurrency.py)
def meeting_update(request, pk):
    meeting = get_for(PanelMeeting.objects.all(), request.user, pk, CHANGE)
    form = versioned(MeetingForm)(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_save(meeting=form.save(commit=False), user=request.user)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"Changes to {meeting} saved.")
            return redirect(meeting.get_absolute_url())
    return render(request, "panels/form.html", {
        "form": form, "title": f"Edit {meeting}", "crumbs": meeting_crumbs(meeting),
        "cancel_url": meeting.get_absolute_url(),
    })


@login_required
def meeting_attendance(request, pk):
    meeting = get_for(PanelMeeting.objects.all(), request.user, pk, CHANGE)
    active = selectors.active_members_on(meeting.date)
    form = AttendanceForm(request.POST or None, active_members=active,
                          initial={"members": [member.pk for member in meeting.attendees.all()]})
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_attendance_set(meeting=meeting, members=form.cleaned_data["members"], user=request.user)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            quorum = meeting.quorum()
            if quorum.met:
                messages.success(request, "Attendance saved. The panel is quorate.")
            else:
                messages.warning(request, "Attendance saved, but the panel is not quorate: " + " ".join(quorum.reasons))
            return redirect(meeting.get_absolute_url())
    return render(request, "panels/attendance.html", {
        "meeting": meeting, "form": form, "active": active, "crumbs": meeting_crumbs(meeting),
    })


@login_required
def item_create(request, pk):
    meeting = get_for(PanelMeeting.objects.all(), request.user, pk, CHANGE)
    form = ItemForm(request.POST or None, instance=AgendaItem(meeting=meeting),
                    initial={"household": request.GET.get("household")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = services.item_create(meeting=meeting, household=data["household"], kind=data["kind"],
                                        description=data["description"], user=request.user)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"“{item}” added to the agenda.")
            return redirect(meeting.get_absolute_url())
    return render(request, "panels/form.html", {
        "form": form, "title": f"Add an item to the {meeting}", "crumbs": meeting_crumbs(meeting),
        "cancel_url": meeting.get_absolute_url(),
    })


@login_required
@transaction.atomic  # holds the edit form's version check until the save (records/concurrency.py)
def minutes_record(request, pk):
    meeting = get_for(PanelMeeting.objects.all(), request.user, pk, CHANGE)
    minutes = PanelMinutes.objects.filter(meeting=meeting).first() or PanelMinutes(meeting=meeting)
    form = versioned(MinutesForm)(request.POST or None, request.FILES or None, instance=minutes)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.minutes_record(meeting=meeting, user=request.user, drafted_date=data["drafted_date"],
                                    signed_by_chair_date=data["signed_by_chair_date"],
                                    sent_to_adm_date=data["sent_to_adm_date"], upload=data["file"])
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"Minutes of the {meeting} saved.")
            return redirect(meeting.get_absolute_url())
    return render(request, "panels/form.html", {
        "form": form, "title": f"Minutes of the {meeting}", "crumbs": meeting_crumbs(meeting),
        "cancel_url": meeting.get_absolute_url(),
    })


@login_required
def minutes_download(request, pk):
    minutes = get_object_or_404(restrict(PanelMinutes.objects.select_related("meeting"), request.user), meeting_id=pk)
    fallback = f"panel-minutes-{minutes.meeting.date:%Y-%m-%d}"
    return private_file_response(minutes.file, download_name=minutes.original_filename or fallback)
