"""The central list: everyone who may sit on a fostering panel (reg 23)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from panels import selectors, services
from panels.choices import MemberRole
from panels.forms import PanelMemberForm
from panels.models import PanelMeeting, PanelMember
from panels.permissions import CHANGE, VIEW, can, restrict
from panels.views.common import PAGE_SIZE, add_errors, get_for, require
from records.concurrency import versioned

STATUSES = [("active", "On the list now"), ("left", "Left the list"), ("all", "Everyone")]


@login_required
def member_list(request):
    require(request.user, VIEW, PanelMember)
    today = timezone.localdate()
    query = request.GET.get("q", "").strip()
    role = request.GET.get("role", "")
    role = role if role in MemberRole.values else ""
    status = request.GET.get("status", "active")
    status = status if status in dict(STATUSES) else "active"
    members = selectors.central_list(user=request.user, query=query, role=role, status=status, today=today)
    page = Paginator(members, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "panels/member_list.html", {
        "page": page, "today": today, "query": query, "role": role, "status": status,
        "roles": MemberRole.choices, "statuses": STATUSES, "querystring": params.urlencode(),
        "can_add": can(request.user, CHANGE, PanelMember),
    })


@login_required
def member_detail(request, pk):
    member = get_for(PanelMember.objects.select_related("user", "staff_member"), request.user, pk)
    sittings = restrict(PanelMeeting.objects.filter(attendances__member=member), request.user).order_by("-date")[:10]
    return render(request, "panels/member_detail.html", {
        "member": member, "sittings": sittings, "today": timezone.localdate(),
        "can_change": can(request.user, CHANGE, PanelMember),
    })


@login_required
def member_create(request):
    require(request.user, CHANGE, PanelMember)
    form = PanelMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.panel_member_save(member=form.save(commit=False), user=request.user)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"{member} added to the central list.")
            return redirect(member.get_absolute_url())
    return render(request, "panels/form.html", {
        "form": form, "title": "Add someone to the central list", "cancel_url": reverse("panels:member_list"),
        "crumbs": [("Central list", reverse("panels:member_list"))],
    })


@login_required
@transaction.atomic  # holds the edit form's version check until the save (records/concurrency.py)
def member_update(request, pk):
    member = get_for(PanelMember.objects.all(), request.user, pk, CHANGE)
    form = versioned(PanelMemberForm)(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        if not form.has_changed():
            messages.info(request, "Nothing was changed.")
            return redirect(member.get_absolute_url())
        try:
            member = services.panel_member_save(member=form.save(commit=False), user=request.user)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"Changes to {member} saved.")
            return redirect(member.get_absolute_url())
    return render(request, "panels/form.html", {
        "form": form, "title": f"Edit {member}", "cancel_url": member.get_absolute_url(),
        "crumbs": [("Central list", reverse("panels:member_list")), (str(member), member.get_absolute_url())],
    })
