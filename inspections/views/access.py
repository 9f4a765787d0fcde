"""Inspector access: the manager grants and withdraws a time-limited login, the sample is picked from the
case list, the manager reads the access log, and the inspector lands on their own home page.

Who may do what: managers grant, withdraw and read the log (everyone else gets a 404, inspectors
included, so an inspector cannot give themselves access or stretch it); managers and the inspector
during their grant pick the sample; other staff see the card on the inspection page without buttons.
"""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.models import Role, User
from inspections import access, timeline
from inspections.models import Inspection, InspectorGrant
from inspections.permissions import can_change, can_pick_cases, inspector_scope
from records.models import Household, Resident
from records.permissions import restrict

LOG_PAGE_SIZE = 50


def _datetime_input():
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class GrantForm(forms.Form):
    inspector = forms.ModelChoiceField(
        queryset=User.objects.filter(role=Role.INSPECTOR, is_active=True),
        error_messages={"invalid_choice": "Choose a login with the inspector role.",
                        "required": "Choose the inspector's login."},
        help_text="Logins with the inspector role. The administrator creates one for each inspector.")
    starts_at = forms.DateTimeField(label="Access starts", widget=_datetime_input(), help_text="UK time.")
    ends_at = forms.DateTimeField(label="Access ends", widget=_datetime_input(),
                                  help_text=f"UK time; at most {settings.INSPECTOR_GRANT_MAX_DAYS} days after it starts.")

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", "Access must end after it starts.")
        return data


def _add_errors(form, exc):
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _inspection_for_manager(user, pk):
    if not can_change(user):
        raise Http404
    return get_object_or_404(Inspection, pk=pk)


def _initial_window(inspection, now):
    """From now (to the minute) until 18:00 on the fourth day after fieldwork starts, within the maximum."""
    starts = timeline.local(now).replace(second=0, microsecond=0)
    ends = timeline.local(inspection.fieldwork_start).replace(hour=18, minute=0) + timedelta(days=4)
    longest = starts + timedelta(days=settings.INSPECTOR_GRANT_MAX_DAYS)
    if ends <= starts or ends > longest:
        ends = (starts + timedelta(days=5)).replace(hour=18, minute=0)
    return {"starts_at": starts, "ends_at": ends}


@login_required
def grant_create(request, pk):
    inspection = _inspection_for_manager(request.user, pk)
    form = GrantForm(request.POST or None, initial=_initial_window(inspection, timezone.now()))
    if request.method == "POST" and form.is_valid():
        try:
            grant = access.inspector_grant_create(inspection=inspection, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, f"{grant.inspector} can sign in, read only, from "
                                      f"{timeline.local(grant.starts_at):%H:%M on %d %b} until "
                                      f"{timeline.local(grant.ends_at):%H:%M on %d %b %Y}.")
            return redirect(f"{inspection.get_absolute_url()}#access")
    return render(request, "inspections/access/grant_form.html", {"form": form, "inspection": inspection})


@login_required
@require_POST
def grant_revoke(request, pk, grant_pk):
    inspection = _inspection_for_manager(request.user, pk)
    grant = get_object_or_404(InspectorGrant, pk=grant_pk, inspection=inspection)
    access.inspector_grant_revoke(grant=grant, user=request.user)
    messages.success(request, f"Access withdrawn: {grant.inspector} is signed out at their next click.")
    return redirect(f"{inspection.get_absolute_url()}#access")


def _ids(values) -> set[int]:
    return {int(value) for value in values if value.isdigit()}


@login_required
def case_list(request, pk):
    inspection = get_object_or_404(Inspection, pk=pk)
    if not can_pick_cases(request.user, inspection):
        raise Http404
    query = request.GET.get("q", "").strip()
    if request.method == "POST":
        try:
            added, removed = access.sampled_cases_set(
                inspection=inspection, user=request.user, household_ids=_ids(request.POST.getlist("household")),
                resident_ids=_ids(request.POST.getlist("resident")))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Sample saved: {added} added, {removed} taken out.")
        return redirect(request.get_full_path())
    return render(request, "inspections/access/case_list.html", {
        "inspection": inspection, "cases": access.case_list(inspection=inspection, query=query), "query": query,
        "is_inspector": request.user.role == Role.INSPECTOR, "limit": access.CASE_LIST_LIMIT,
    })


@login_required
def access_log(request, pk):
    inspection = _inspection_for_manager(request.user, pk)
    entries = access.access_log_for(grants=access.grants_for(inspection=inspection))
    page = Paginator(entries, LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "inspections/access/log.html", {"inspection": inspection, "page": page})


def _url_or_none(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def inspector_home(request):
    """The inspector's landing page: during a grant, their inspection, the pack and their sample; outside
    one, when access starts or when it ended (the middleware then signs them out)."""
    user, now = request.user, timezone.now()
    scope = inspector_scope(user)
    context = {"now": now}
    if scope.active:
        inspection = scope.grant.inspection
        context.update({
            "grant": scope.grant, "inspection": inspection, "sampled": access.sampled_cases(inspection=inspection),
            "pack_url": _url_or_none("inspections:pack_list") or _url_or_none("inspections:pack_list", inspection.pk),
        })
    else:
        context["upcoming"] = access.grant_next(inspector=user, now=now)
        context["ended"] = None if context["upcoming"] else access.grant_last_over(inspector=user, now=now)
    return render(request, "inspections/access/inspector_home.html", context)


def _visible_sample(user, sampled):
    """The sampled cases `user` may open (every one for a manager): a social worker's card names their own
    caseload's households and children, not other social workers'."""
    if can_change(user):
        return sampled
    households = set(restrict(Household.objects.filter(pk__in={case.household_id for case in sampled}), user)
                     .values_list("pk", flat=True))
    residents = set(restrict(Resident.objects.filter(pk__in={case.resident_id for case in sampled}), user)
                    .values_list("pk", flat=True))
    return [case for case in sampled if case.household_id in households or case.resident_id in residents]


def detail_context(request, inspection, now) -> dict:
    """What templates/inspections/detail/_access.html needs on the inspection page."""
    grants = access.grants_for(inspection=inspection)
    views = access.grant_views(grants=grants)
    return {"access": {
        "grants": [{"grant": grant, "status": access.grant_status(grant, now=now), "views": views[grant.pk][0],
                    "last_view": views[grant.pk][1]} for grant in grants],
        "sampled": _visible_sample(request.user, access.sampled_cases(inspection=inspection)),
        "can_manage": can_change(request.user),
    }}
