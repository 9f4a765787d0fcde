"""The carer portal: what a foster carer's page shows, and the changes they ask the agency to make.

Reads (`portal_for`) go through records.permissions.restrict like every other page, so the portal
can only ever show the carer's own household. Writes:

- `carer_contact_update`: a carer's own phone and email, and the household's, saved at once.
- `change_request_submit`: facts the agency relies on (who lives in the home, its address) wait as a
  ChangeRequest for the supervising social worker, who approves (`change_request_approve`: applied
  in one transaction with a change reason naming the request, then the household is rechecked at
  once) or rejects (`change_request_reject`: nothing changes).
"""

import logging
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import MANAGER_ROLES, Role
from compliance.models import AgencyPolicy, ComplianceRun, Gap
from compliance.periods import add_period
from compliance.selectors import household_gaps
from compliance.views.common import decorate
from records import models as m
from records.choices import CheckKind
from records.permissions import restrict
from records.selectors import carer_household

MEMBER = "records.householdmember"
HOUSEHOLD = "records.household"
# What a carer may ask to change, per model; anything else in a request is refused.
MEMBER_FIELDS = ("first_name", "last_name", "date_of_birth", "relationship", "moved_in_date", "moved_out_date")
ADDRESS_FIELDS = ("address_line_1", "address_line_2", "town", "postcode")
REQUESTABLE = {MEMBER: MEMBER_FIELDS, HOUSEHOLD: ADDRESS_FIELDS}
MODELS = {MEMBER: m.HouseholdMember, HOUSEHOLD: m.Household}
# Saved straight away: contact details only the carer can keep up to date.
CARER_CONTACT_FIELDS = ("phone", "email")
HOUSEHOLD_CONTACT_FIELDS = ("phone", "email")
logger = logging.getLogger(__name__)
REVIEW_INTERVAL = "P12M"  # reg 28, as compliance/rules/households.py

# Which document answers which gap: rule id (and outcome key, when a rule has several) -> evidence kind.
# None: the agency arranges it (a review, a determination), so there is nothing to upload.
GAP_EVIDENCE = {
    "CR-HH-001": "dbs_certificate", "CR-HH-002": "dbs_certificate", ("CR-HH-003", "dbs"): "dbs_certificate",
    ("CR-HH-003", "review"): None, "CR-HH-004": "dbs_certificate", "CR-HH-005": None,
    "CR-HH-006": "medical_report", "CR-HH-007": "medical_report",
    "CR-HH-008": "reference", "CR-HH-009": "reference",
    "CR-HH-019": "training_certificate", ("CR-HH-020", "induction"): "training_certificate",
    ("CR-HH-020", "pdp"): None, "CR-HH-021": "training_certificate",
}
# The button's words, by evidence kind.
UPLOAD_LABELS = {
    "dbs_certificate": "Upload the DBS certificate", "medical_report": "Upload the medical report",
    "reference": "Upload the reference", "training_certificate": "Upload the training certificate",
    "other": "Upload a document",
}
TARGETS = {"carer": "carer", "household_member": "household_member"}


# Reads --------------------------------------------------------------------------------------------

@dataclass
class Need:
    """One open gap, said plainly, with what the carer can do about it."""

    gap: Gap
    who: str
    what: str
    when: str
    overdue: bool
    upload_url: str = ""
    upload_label: str = ""
    update_url: str = ""
    update_label: str = ""
    waiting: object = None  # a document sent for this and not yet checked


@dataclass
class PersonRow:
    person: object
    kind: str  # "carer" or "household_member"
    adult: bool
    dbs: object = None  # the latest enhanced DBS check, or None
    checks: list = field(default_factory=list)


@dataclass
class Portal:
    household: m.Household
    carer: m.Carer
    needs: list
    carers: list  # PersonRow
    members: list  # PersonRow, living there now
    former_members: list
    training: list
    next_review_due: date | None
    last_review: object
    last_visit: object
    next_visit_due: date | None
    placements: list
    change_requests: list  # (ChangeRequest, [Change]) newest first


def portal_household(user):
    """The signed-in carer's household, or None (not a carer, or not linked to one)."""
    if not user.is_authenticated or not user.is_carer:
        return None
    return carer_household(user)


def _gap_evidence(gap):
    detail_key = gap.key.rsplit("|", 1)[-1]
    if (gap.rule_id, detail_key) in GAP_EVIDENCE:
        return GAP_EVIDENCE[(gap.rule_id, detail_key)]
    return GAP_EVIDENCE.get(gap.rule_id, "other")


def _when(gap, today):
    if gap.due_date is None:
        return "Needed now"
    if gap.due_date < today:
        return f"Overdue since {gap.due_date:%-d %b %Y}"
    return f"Needed by {gap.due_date:%-d %b %Y}"


def needs_for(household, *, user, today, return_to) -> list:
    """The household's open gaps a carer can act on, each with an upload or update link."""
    needs, offered_update = [], set()
    # Documents sent but not yet checked: the gap stays open until the agency verifies them.
    waiting = {}
    for evidence in m.Evidence.objects.filter(household=household, status=m.Evidence.Status.PENDING,
                                              is_current=True).order_by("created_at"):
        for target in TARGETS.values():
            if getattr(evidence, f"{target}_id"):
                waiting[(evidence.kind, target, getattr(evidence, f"{target}_id"))] = evidence
    for gap in decorate(household_gaps(household, user=user), day=today):
        who = gap.subject_label.rsplit(" (", 1)[0]
        kind = _gap_evidence(gap)
        need = Need(gap=gap, who=who, what=gap.detail, when=_when(gap, today),
                    overdue=bool(gap.due_date and gap.due_date < today))
        target = TARGETS.get(gap.subject_kind)
        if kind and target and gap.subject_id:
            need.upload_url = (f"{reverse('records:evidence_upload')}?kind={kind}&{target}={gap.subject_id}"
                               f"&next={return_to}")
            need.upload_label = UPLOAD_LABELS.get(kind, UPLOAD_LABELS["other"])
            need.waiting = waiting.get((kind, target, gap.subject_id))
        if gap.subject_kind == "household_member" and gap.subject_id and gap.subject_id not in offered_update:
            offered_update.add(gap.subject_id)
            # A DBS for someone who has moved out is not needed: saying so is an update, not a document.
            need.update_url = reverse("records:portal_member_leaving", args=[gap.subject_id])
            need.update_label = f"{who} no longer lives here"
        needs.append(need)
    return needs


def portal_for(*, user, today=None) -> Portal | None:
    """Everything on the carer's page, read through the permission choke point."""
    household = portal_household(user)
    if household is None:
        return None
    today = today or timezone.localdate()
    carer = m.Carer.objects.get(user=user)
    carers = list(restrict(m.Carer.objects.filter(household=household), user))
    people = list(restrict(m.HouseholdMember.objects.filter(household=household), user))
    checks = list(restrict(m.Check.objects.filter(household=household), user)
                  .order_by("-completed_date", "-requested_date"))
    by_person = {}
    for check in checks:
        owner = ("carer", check.carer_id) if check.carer_id else ("household_member", check.household_member_id)
        by_person.setdefault(owner, []).append(check)

    def row(person, kind):
        own = by_person.get((kind, person.pk), [])
        dbs = next((c for c in own if c.kind == CheckKind.ENHANCED_DBS), None)
        return PersonRow(person, kind, person.age_on(today) >= 18, dbs, own)

    current = [p for p in people if not p.moved_out_date or p.moved_out_date > today]
    reviews = list(restrict(m.ApprovalReview.objects.filter(household=household), user).order_by("-review_date")[:1])
    visits = list(restrict(m.SupervisionVisit.objects.filter(household=household), user).order_by("-visit_date")[:1])
    placements = list(restrict(m.Placement.objects.filter(household=household, end_date__isnull=True), user)
                      .select_related("resident").order_by("start_date"))
    journal_add = reverse("records:journalentry_create")
    for placement in placements:
        born = placement.resident.date_of_birth
        placement.child_age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        placement.journal_add_url = f"{journal_add}?placement={placement.pk}"
    last_review = reviews[0] if reviews else None
    review_from = last_review.review_date if last_review else household.approval_date
    policy = AgencyPolicy.current()
    interval = policy.supervision_interval_with_child if placements else policy.supervision_interval_without_child
    last_visit = visits[0] if visits else None
    visit_from = last_visit.visit_date if last_visit else household.approval_date
    requests = list(m.ChangeRequest.objects.filter(household=household).order_by("-created_at")[:20])
    return Portal(
        household=household, carer=carer,
        needs=needs_for(household, user=user, today=today, return_to=reverse("records:portal")),
        carers=[row(c, "carer") for c in carers], members=[row(p, "household_member") for p in current],
        former_members=[p for p in people if p not in current],
        training=list(restrict(m.TrainingRecord.objects.filter(household=household), user)
                      .select_related("carer").order_by("-completed_date")),
        next_review_due=add_period(review_from, REVIEW_INTERVAL) if review_from else None, last_review=last_review,
        last_visit=last_visit, next_visit_due=add_period(visit_from, interval) if visit_from else None,
        placements=placements, change_requests=describe_all(requests),
    )


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


# Writes -------------------------------------------------------------------------------------------

def carer_contact_update(*, carer, user, phone, email, household_phone, household_email) -> bool:
    """Save the carer's and the household's phone and email, attributed to `user`. Returns whether anything changed."""
    household = carer.household
    changed = False
    with transaction.atomic():
        for obj, values in ((carer, {"phone": phone, "email": email}),
                            (household, {"phone": household_phone, "email": household_email})):
            if all(getattr(obj, name) == value for name, value in values.items()):
                continue
            for name, value in values.items():
                setattr(obj, name, value)
            obj.stamp(user)
            obj._change_reason = f"Contact details updated by {user} in the carer portal"
            obj.full_clean()
            obj.save()
            changed = True
    return changed


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

