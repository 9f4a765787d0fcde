"""Carers' change requests: facts the agency relies on (who lives in the home, its address) wait
for the supervising social worker.

`change_request_submit` validates and stores the request and emails the social worker;
`change_request_approve` applies it in one transaction, attributed to the approver with a change
reason naming the request, then rechecks the household at once (a new adult's DBS gap shows
straight away); `change_request_reject` changes nothing but the request.
"""

import logging
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import MANAGER_ROLES, Role
from compliance.models import ComplianceRun
from records import models as m
from records.permissions import restrict

logger = logging.getLogger(__name__)

MEMBER = "records.householdmember"
HOUSEHOLD = "records.household"
# What a carer may ask to change, per model; anything else in a request is refused.
MEMBER_FIELDS = ("first_name", "last_name", "date_of_birth", "relationship", "moved_in_date", "moved_out_date")
ADDRESS_FIELDS = ("address_line_1", "address_line_2", "town", "postcode")
REQUESTABLE = {MEMBER: MEMBER_FIELDS, HOUSEHOLD: ADDRESS_FIELDS}
MODELS = {MEMBER: m.HouseholdMember, HOUSEHOLD: m.Household}


def change_requests_for(user):
    """Change requests `user` may see: deciders their caseload (managers all), carers their household's."""
    requests = m.ChangeRequest.objects.select_related("household", "created_by", "decided_by")
    if not user.is_authenticated or not user.is_active:
        return requests.none()
    if user.role in MANAGER_ROLES or user.role == Role.SUPERVISING_SOCIAL_WORKER:
        return requests.filter(household__in=restrict(m.Household.objects.all(), user))
    if user.is_carer:
        return requests.filter(household__carers__user=user)
    return requests.none()


def can_decide(user) -> bool:
    return user.is_authenticated and user.is_active and (
        user.role in MANAGER_ROLES or user.role == Role.SUPERVISING_SOCIAL_WORKER)


@dataclass
class Change:
    label: str
    old: str
    new: str


def _show(field_, value):
    if value in (None, ""):
        return "—"
    if field_.choices:
        return dict(field_.choices).get(value, value)
    if isinstance(value, str) and field_.get_internal_type() == "DateField":
        return f"{date.fromisoformat(value):%-d %b %Y}"
    return str(value)


def describe(change_request, target=None) -> list:
    """[Change] in the model's own words: "Relationship: Lodger -> Partner"."""
    model = MODELS.get(change_request.target_model)
    rows = []
    order = REQUESTABLE.get(change_request.target_model, ())
    # PostgreSQL's jsonb keeps keys in its own order: show them in the form's.
    for name, values in sorted(change_request.changes.items(),
                               key=lambda item: order.index(item[0]) if item[0] in order else len(order)):
        field_ = model._meta.get_field(name)
        rows.append(Change(field_.verbose_name.capitalize(), _show(field_, values.get("old")),
                           _show(field_, values.get("new"))))
    change_request.target = target
    change_request.summary = summary(change_request, target)
    return rows


def summary(change_request, target) -> str:
    new = {name: values.get("new") for name, values in change_request.changes.items()}
    if change_request.target_model == HOUSEHOLD:
        return "Move to a new address"
    name = str(target) if target is not None else f"{new.get('first_name', '')} {new.get('last_name', '')}".strip()
    if change_request.action == m.ChangeRequest.Action.CREATE:
        return f"{name} has joined the household"
    if change_request.action == m.ChangeRequest.Action.DELETE:
        return f"{name} has left the household"
    return f"Correct {name}'s details"


def describe_all(requests) -> list:
    """[(request, [Change])], naming each target with one query per model."""
    ids = {}
    for request in requests:
        if request.target_id:
            ids.setdefault(request.target_model, set()).add(request.target_id)
    targets = {label: MODELS[label].objects.in_bulk(pks) for label, pks in ids.items() if label in MODELS}
    return [(r, describe(r, targets.get(r.target_model, {}).get(r.target_id))) for r in requests]


def _jsonable(value):
    return value.isoformat() if isinstance(value, date) else value


def change_request_submit(*, household, user, target_model, action, target=None, new: dict,
                          reason="") -> m.ChangeRequest:
    """Ask for a change to a fact the agency relies on. Validated now, so the SSW gets a change that can apply.

    `new` holds the proposed values; only the ones that differ from the record are kept.
    """
    allowed = REQUESTABLE.get(target_model)
    if allowed is None or not set(new) <= set(allowed):
        raise ValidationError("That change cannot be requested from the portal.")
    if target is not None and getattr(target, "household_id", target.pk) != household.pk:
        raise PermissionDenied
    if action == m.ChangeRequest.Action.CREATE:
        changes = {name: {"old": None, "new": _jsonable(value)} for name, value in new.items()
                   if value not in (None, "")}
        candidate = MODELS[target_model](household=household, **new)
    else:
        changes = {name: {"old": _jsonable(getattr(target, name)), "new": _jsonable(value)}
                   for name, value in new.items() if getattr(target, name) != value}
        candidate = MODELS[target_model].objects.get(pk=target.pk)
        for name, value in new.items():
            setattr(candidate, name, value)
    if not changes:
        raise ValidationError("Nothing would change.")
    candidate.full_clean()  # the change must be one the record can take (dates, duplicates)
    change_request = m.ChangeRequest(
        household=household, target_model=target_model, target_id=target.pk if target is not None else None,
        action=action, changes=changes, reason=reason,
    )
    change_request.stamp(user)
    change_request.full_clean()
    change_request.save()
    transaction.on_commit(lambda: _tell_the_social_worker(change_request))
    return change_request


def _tell_the_social_worker(change_request):
    """Email the household's supervising social worker that a request is waiting. A mail failure is logged only."""
    worker = change_request.household.supervising_social_worker
    user = getattr(worker, "user", None)
    email = (user.email if user else "") or getattr(worker, "email", "")
    if not email:
        return
    changes = describe(change_request)
    body = render_to_string("records/portal/email/change_request.txt", {
        "worker": worker, "change_request": change_request, "changes": changes,
        "link": settings.SITE_URL.rstrip("/") + reverse("records:change_request_detail", args=[change_request.pk]),
    })
    try:
        send_mail(f"Change request from {change_request.household.name}: {change_request.summary}", body,
                  None, [email])
    except Exception:
        logger.exception("Could not email change request %s", change_request.pk)


def _decidable(change_request, user):
    if not can_decide(user) or not change_requests_for(user).filter(pk=change_request.pk).exists():
        raise PermissionDenied
    if change_request.status != m.ChangeRequest.Status.PENDING:
        raise ValidationError("This request has already been decided.")


def _apply(change_request, user):
    model = MODELS[change_request.target_model]
    new = {name: model._meta.get_field(name).to_python(values["new"])
           for name, values in change_request.changes.items()}
    if change_request.action == m.ChangeRequest.Action.CREATE:
        obj = model(household=change_request.household, **new)
    else:
        # Only ever the request's own household, or someone in it.
        scope = {"pk": change_request.household_id} if model is m.Household else {
            "pk": change_request.target_id, "household": change_request.household_id}
        obj = model.objects.select_for_update().get(**scope)
        for name, values in change_request.changes.items():
            field_ = model._meta.get_field(name)
            if getattr(obj, name) != field_.to_python(values["old"]):
                raise ValidationError(f"{field_.verbose_name.capitalize()} has changed since the request was made; "
                                      "reject it and ask the carer to send it again.")
        for name, value in new.items():
            setattr(obj, name, value)
    requester = change_request.created_by
    obj.stamp(user)
    obj._change_reason = (f"Change request #{change_request.pk} from {requester or 'a carer'}, "
                          f"approved by {user}")
    obj.full_clean()
    obj.save()
    return obj


def change_request_approve(*, change_request, user, note="") -> m.ChangeRequest:
    """Apply the change (attributed to `user`), mark the request approved and recheck the household now."""
    from compliance.services import run_request

    _decidable(change_request, user)
    with transaction.atomic():
        change_request = m.ChangeRequest.objects.select_for_update().get(pk=change_request.pk)
        if change_request.status != m.ChangeRequest.Status.PENDING:
            raise ValidationError("This request has already been decided.")
        obj = _apply(change_request, user)
        change_request.target_id = obj.pk
        change_request.status = m.ChangeRequest.Status.APPROVED
        change_request.decided_by, change_request.decided_at = user, timezone.now()
        change_request.decision_note = note
        change_request.stamp(user)
        change_request._change_reason = "Approved and applied"
        change_request.save()
        # Not the coalesced, delayed recheck: a new adult's DBS must show as needed at once.
        run_request(trigger=ComplianceRun.Trigger.RECORD_SAVED, requested_by=user,
                    household_ids=[change_request.household_id])
    return change_request


def change_request_reject(*, change_request, user, note) -> m.ChangeRequest:
    """Refuse the change with a reason the carer will see; the record is not touched."""
    _decidable(change_request, user)
    if not note.strip():
        raise ValidationError({"decision_note": "Say why, so the carer knows what to do next."})
    change_request.status = m.ChangeRequest.Status.REJECTED
    change_request.decided_by, change_request.decided_at = user, timezone.now()
    change_request.decision_note = note.strip()
    change_request.stamp(user)
    change_request._change_reason = "Rejected"
    change_request.save()
    return change_request


def pending_count(user) -> int:
    return change_requests_for(user).filter(status=m.ChangeRequest.Status.PENDING).count()


def household_requests(household, *, user) -> list:
    """A household's change requests for its detail page, newest first (staff who may decide)."""
    if not can_decide(user):
        return []
    requests = change_requests_for(user).filter(household=household).order_by("-created_at")[:20]
    return describe_all(list(requests))

