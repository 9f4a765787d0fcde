"""The carer portal (a carer's home page and the changes they make or ask for) and the SSW's queue of requests.

Carers reach only their own household: there is no household id in a portal URL, and a member id
is looked up through records.permissions.restrict, so another household's member is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from records import models as m
from records import change_requests
from records import portal as carer_portal
from records.permissions import restrict
from records.portal_forms import (
    AddressForm,
    ContactForm,
    DecisionForm,
    MemberForm,
    MemberLeavingForm,
)

Action = m.ChangeRequest.Action


def _household(request):
    """The signed-in carer's household; staff have no portal (403), a carer without a household 404."""
    if not request.user.is_carer:
        raise PermissionDenied
    household = carer_portal.portal_household(request.user)
    if household is None:
        raise Http404("No household is linked to this login.")
    return household


def _member(request, household, pk):
    members = restrict(m.HouseholdMember.objects.filter(household=household), request.user)
    return get_object_or_404(members, pk=pk)


def _form_errors(form, error):
    for name, problems in getattr(error, "message_dict", {"__all__": error.messages}).items():
        form.add_error(name if name in form.fields else None, problems)


@login_required
def portal(request):
    _household(request)
    today = timezone.localdate()
    return render(request, "records/portal/portal.html", {
        "portal": carer_portal.portal_for(user=request.user, today=today), "today": today})


@login_required
@transaction.atomic  # the form's version check locks the carer and household rows until the save
def portal_contact(request):
    household = _household(request)
    carer = m.Carer.objects.select_related("household").get(user=request.user)
    initial = {"phone": carer.phone, "email": carer.email,
               "household_phone": household.phone, "household_email": household.email}
    form = ContactForm(request.POST or None, initial=initial, carer=carer)
    if request.method == "POST" and form.is_valid():
        try:
            changed = carer_portal.carer_contact_update(carer=carer, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, "Your contact details are saved." if changed else "Nothing was changed.")
            return redirect("records:portal")
    return render(request, "records/portal/form.html", {
        "form": form, "title": "Your contact details",
        "intro": "These save straight away. Your supervising social worker sees the change.",
        "submit": "Save contact details"})


def _request_form(request, household, *, form, title, intro, submit, target_model, action, target=None):
    if request.method == "POST" and form.is_valid():
        try:
            change_requests.change_request_submit(household=household, user=request.user, target_model=target_model,
                                           action=action, target=target, new=form.values(),
                                           reason=form.cleaned_data.get("reason", ""))
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, "Thank you. Your supervising social worker will check this and reply here.")
            return redirect(reverse("records:portal") + "#requests")
    return render(request, "records/portal/form.html", {
        "form": form, "title": title, "intro": intro, "submit": submit})


@login_required
def portal_member_add(request):
    household = _household(request)
    return _request_form(
        request, household, form=MemberForm(request.POST or None), title="Someone has moved in",
        intro="Tell us about anyone who now lives with you. Your supervising social worker checks it "
              "before it goes on your record; adults (18 and over) need a DBS check.",
        submit="Send to my social worker", target_model=change_requests.MEMBER, action=Action.CREATE)


@login_required
def portal_member_change(request, pk):
    household = _household(request)
    member = _member(request, household, pk)
    initial = {name: getattr(member, name) for name in ("first_name", "last_name", "date_of_birth",
                                                         "relationship", "moved_in_date")}

    class Form(MemberForm):
        def values(self):  # only what the carer changed goes in the request
            return {k: v for k, v in super().values().items() if v != initial[k]}

    form = Form(request.POST or None, initial=initial, adding=False)
    return _request_form(
        request, household, form=form, title=f"Correct {member}'s details",
        intro="Your supervising social worker checks the change before it goes on your record.",
        submit="Send to my social worker", target_model=change_requests.MEMBER, action=Action.UPDATE, target=member)


@login_required
def portal_member_leaving(request, pk):
    household = _household(request)
    member = _member(request, household, pk)

    class Form(MemberLeavingForm):
        def values(self):
            return {"moved_out_date": self.cleaned_data["moved_out_date"]}

    return _request_form(
        request, household, form=Form(request.POST or None), title=f"{member} has moved out",
        intro="Your supervising social worker checks this before it goes on your record.",
        submit="Send to my social worker", target_model=change_requests.MEMBER, action=Action.DELETE, target=member)


@login_required
def portal_address(request):
    household = _household(request)
    initial = {name: getattr(household, name) for name in change_requests.ADDRESS_FIELDS}
    return _request_form(
        request, household, form=AddressForm(request.POST or None, initial=initial), title="You are moving home",
        intro="Your approval is for your home, so your supervising social worker will want to talk to you "
              "and visit before the new address goes on your record.",
        submit="Send to my social worker", target_model=change_requests.HOUSEHOLD, action=Action.UPDATE, target=household)


# The supervising social worker's queue ---------------------------------------------------------

@login_required
def change_request_list(request):
    if not change_requests.can_decide(request.user):
        raise PermissionDenied
    status = request.GET.get("status", m.ChangeRequest.Status.PENDING)
    requests = change_requests.change_requests_for(request.user)
    if status in m.ChangeRequest.Status.values:
        requests = requests.filter(status=status)
    page = Paginator(requests.order_by("-created_at"), 25).get_page(request.GET.get("page"))
    return render(request, "records/portal/change_request_list.html", {
        "page": page, "rows": change_requests.describe_all(list(page.object_list)), "status": status,
        "statuses": m.ChangeRequest.Status.choices, "querystring": f"status={status}"})


@login_required
def change_request_detail(request, pk):
    change_request = get_object_or_404(change_requests.change_requests_for(request.user), pk=pk)
    deciding = change_requests.can_decide(request.user) and change_request.status == m.ChangeRequest.Status.PENDING
    form = DecisionForm(request.POST or None) if deciding else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            note = form.cleaned_data["decision_note"].strip()
            try:
                if form.cleaned_data["decision"] == "approve":
                    change_requests.change_request_approve(change_request=change_request, user=request.user, note=note)
                    messages.success(request, "Approved: the record is updated and the household rechecked.")
                else:
                    change_requests.change_request_reject(change_request=change_request, user=request.user, note=note)
                    messages.info(request, "Rejected: nothing was changed. The carer sees your note.")
            except ValidationError as error:
                _form_errors(form, error)
            else:
                return redirect("records:change_request_detail", pk=change_request.pk)
    rows = change_requests.describe_all([change_request])[0][1]
    return render(request, "records/portal/change_request_detail.html", {
        "cr": change_request, "changes": rows, "form": form,
        "history": change_request.history.select_related("history_user").order_by("history_date")})
