"""Evidence: services that write (upload, assign, verify, reject) and selectors that read.

Who may do what is decided by the record the evidence supports (its *target*), through
records/permissions.py: staff who may change the target may upload and verify; a carer may upload
for their own household and its people, and never verify. Verifying is where the document's fact
enters the records: a DBS certificate, medical or reference records (or confirms) the person's
`Check`, a training certificate their `TrainingRecord`. Saving those rechecks the household
(compliance/signals.py), so the gap the document answers resolves.
"""

from datetime import date
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from records import models as m
from records.choices import CheckKind, CheckOutcome
from records.files import validate_upload, validate_upload_name
from records.models import Evidence, EvidenceKind
from records.permissions import CHANGE, VIEW, restrict

# The record an Evidence row supports, in the order a form offers them.
TARGET_FIELDS = ("household", "carer", "household_member", "resident", "placement", "staff_member", "panel_member")
# What a carer may upload for: their household and its people (not children, placements or staff).
CARER_TARGETS = {"household", "carer", "household_member"}
# Kinds whose verification records a Check, and who the Check can be about.
CHECK_KINDS = {
    EvidenceKind.DBS_CERTIFICATE: CheckKind.ENHANCED_DBS,
    EvidenceKind.MEDICAL_REPORT: CheckKind.MEDICAL,
    EvidenceKind.REFERENCE: None,  # the verifier picks which reference
}
REFERENCE_KINDS = [CheckKind.REFERENCE_PERSONAL, CheckKind.REFERENCE_EMPLOYER, CheckKind.REFERENCE_EX_PARTNER,
                   CheckKind.REFERENCE_PREVIOUS_PROVIDER]
CHECK_SUBJECTS = {"carer", "household_member", "staff_member"}
TRAINING_SUBJECTS = {"carer", "staff_member"}
# The clauses each kind of document evidences by default (ids missing from the catalogue are skipped).
KIND_CLAUSES = {
    EvidenceKind.DBS_CERTIFICATE: ["fsr2011:r26", "nms2011:19.3"],
    EvidenceKind.MEDICAL_REPORT: ["fsr2011:r26", "fsr2011:sch3"],
    EvidenceKind.REFERENCE: ["fsr2011:r26", "fsr2011:sch3"],
    EvidenceKind.TRAINING_CERTIFICATE: ["nms2011:20"],
    EvidenceKind.SAFETY_CHECK: ["nms2011:10.4", "nms2011:10.5"],
    EvidenceKind.REVIEW_REPORT: ["fsr2011:r28"],
}
# Kinds that need the document's issue date when verified.
DATED_KINDS = {EvidenceKind.DBS_CERTIFICATE, EvidenceKind.MEDICAL_REPORT, EvidenceKind.REFERENCE,
               EvidenceKind.TRAINING_CERTIFICATE}


def download_name(evidence: Evidence) -> str:
    """The uploaded name, with the extension of what the file really is (a PNG sent as "scan.pdf" is scan.pdf.png)."""
    stored = PurePosixPath(evidence.file.name).suffix.lower()
    name = evidence.original_filename or f"evidence-{evidence.pk}{stored}"
    return name if PurePosixPath(name).suffix.lower() == stored else f"{name}{stored}"


def target_model(field: str):
    return Evidence._meta.get_field(field).related_model


def target_of(evidence: Evidence):
    """(field, record) for the record the evidence supports; (None, None) while unassigned.

    `household` is set for anything in a household, so it is the target only when nothing narrower is.
    """
    for field in (*TARGET_FIELDS[1:], "household"):
        if getattr(evidence, f"{field}_id"):
            return field, getattr(evidence, field)
    return None, None


def household_of(field: str | None, target) -> m.Household | None:
    """The household the target belongs to (a resident: where they are placed now), if any."""
    if field is None:
        return None
    if field == "household":
        return target
    if field in {"carer", "household_member", "placement"}:
        return target.household
    if field == "resident":
        placement = target.placements.filter(end_date__isnull=True).select_related("household").first()
        return placement.household if placement else None
    return None


def _allowed(user, field, target, action) -> bool:
    model = target_model(field)
    if field == "panel_member":
        from panels import permissions as panel_permissions
        return panel_permissions.restrict(model.objects.filter(pk=target.pk), user,
                                          panel_permissions.CHANGE if action != VIEW else VIEW).exists()
    return restrict(model.objects.filter(pk=target.pk), user, action).exists()


def may_upload_for(user, field, target) -> bool:
    """Staff who may change the record; a carer for their own household and its people."""
    if user.is_carer:
        return field in CARER_TARGETS and _allowed(user, field, target, VIEW)
    return _allowed(user, field, target, CHANGE)


def may_view(user, evidence: Evidence) -> bool:
    field, target = target_of(evidence)
    if field is None:  # unassigned: only whoever uploaded it, and managers
        return evidence.created_by_id == user.pk or user.is_manager
    if user.is_carer and field not in CARER_TARGETS:
        return False
    return _allowed(user, field, target, VIEW)


def may_verify(user, evidence: Evidence) -> bool:
    field, target = target_of(evidence)
    return field is not None and not user.is_carer and _allowed(user, field, target, CHANGE)


# Selectors ----------------------------------------------------------------------------------------

def _unassigned():
    return Q(**{f"{field}__isnull": True for field in TARGET_FIELDS})


def evidence_visible(user):
    """Every Evidence row the user may see the list entry of (each file request checks again)."""
    base = Evidence.objects.all()
    if not user.is_authenticated:
        return base.none()
    scoped = restrict(base, user, VIEW)
    if user.is_carer:
        scoped = scoped.filter(resident__isnull=True, placement__isnull=True)
    if user.is_carer or user.is_read_only:
        return scoped
    return base.filter(Q(pk__in=scoped.values("pk")) | (_unassigned() & Q(created_by=user)))


def evidence_get(user, pk) -> Evidence:
    """The evidence if the user may see it (checked on its target); Evidence.DoesNotExist otherwise."""
    evidence = evidence_visible(user).select_related(*TARGET_FIELDS, "verified_by", "created_by").get(pk=pk)
    if not may_view(user, evidence):
        raise Evidence.DoesNotExist
    return evidence


def evidence_inbox(user):
    """Uploads waiting to be checked that the user may verify, oldest first. Carers have no inbox."""
    if user.is_carer or not user.is_authenticated:
        return Evidence.objects.none()
    return (restrict(Evidence.objects.all(), user, CHANGE)
            .filter(status=Evidence.Status.PENDING, is_current=True).exclude(_unassigned())
            .select_related(*TARGET_FIELDS, "created_by").order_by("created_at", "pk"))


def evidence_unassigned(user):
    """The user's own uploads that are not yet attached to a record (from bulk upload)."""
    return Evidence.objects.filter(_unassigned(), created_by=user, is_current=True).order_by("created_at", "pk")


def evidence_for_record(field: str, target, user):
    """The current evidence for one record, for its page (each version's history is on the evidence page)."""
    return (evidence_visible(user).filter(**{field: target}, is_current=True)
            .select_related("verified_by").order_by("kind", "-created_at"))


def upload_targets(user, *, limit=500):
    """(field, record) pairs the user may attach uploads to, for the bulk table's select."""
    pairs = []
    households = restrict(m.Household.objects.order_by("name"), user, CHANGE)[:limit]
    carers = restrict(m.Carer.objects.select_related("household").order_by("last_name"), user, CHANGE)[:limit]
    members = restrict(m.HouseholdMember.objects.select_related("household").order_by("last_name"),
                       user, CHANGE)[:limit]
    pairs += [("household", h) for h in households]
    pairs += [("carer", c) for c in carers]
    pairs += [("household_member", p) for p in members]
    if user.is_manager:
        pairs += [("staff_member", s) for s in m.StaffMember.objects.order_by("last_name")[:limit]]
    return pairs


# Services -----------------------------------------------------------------------------------------

def _set_target(evidence: Evidence, field: str | None, target):
    for name in TARGET_FIELDS:
        setattr(evidence, name, target if name == field else None)
    evidence.household = household_of(field, target) if field != "household" else target


def evidence_upload(*, upload, kind: str, user, target_field: str | None = None, target=None, title: str = "",
                    issued_on: date | None = None, expires_on: date | None = None) -> Evidence:
    """Check and store one file as PENDING evidence; it supersedes the current one for the same record and kind.

    Without a target (bulk upload) it waits in the uploader's unassigned list. Nothing is stored if
    the file, its name or the target is refused (ValidationError).
    """
    name = validate_upload_name(upload.name)
    file_kind = validate_upload(upload)  # size, emptiness and content, before anything is stored
    if target_field is not None and not may_upload_for(user, target_field, target):
        raise ValidationError("You cannot add evidence to that record.")
    evidence = Evidence(original_filename=name, content_type=file_kind.content_type, size=upload.size,
                        kind=kind, title=title, issued_on=issued_on, expires_on=expires_on)
    _set_target(evidence, target_field, target)
    evidence.stamp(user)
    evidence.full_clean(exclude=["file"])
    evidence_dates_check(issued_on, expires_on)
    evidence.file.save(file_kind.storage_name(), upload, save=False)
    try:
        with transaction.atomic():
            if target_field is not None:
                _supersede(evidence, user)
            evidence.save()
            _tag_clauses(evidence)
    except Exception:
        evidence.file.delete(save=False)
        raise
    return evidence


def _supersede(evidence: Evidence, user):
    field, target = target_of(evidence)
    current = (Evidence.objects.select_for_update().filter(**{field: target}, kind=evidence.kind, is_current=True)
               .exclude(pk=evidence.pk).order_by("-created_at").first())
    if current is None:
        return
    current.is_current = False
    current.stamp(user)
    current.save(update_fields=["is_current", "updated_by", "updated_at"])
    evidence.supersedes = current


def evidence_assign(*, evidence: Evidence, user, target_field: str, target, kind: str) -> Evidence:
    """Attach an unassigned upload to its record and type (bulk upload's second step)."""
    if target_of(evidence)[0] is not None:
        raise ValidationError("This file is already attached to a record.")
    if target_field not in TARGET_FIELDS or not may_upload_for(user, target_field, target):
        raise ValidationError("You cannot add evidence to that record.")
    evidence.kind = kind
    _set_target(evidence, target_field, target)
    evidence.stamp(user)
    evidence.full_clean(exclude=["file"])
    with transaction.atomic():
        _supersede(evidence, user)
        evidence.save()
        _tag_clauses(evidence)
    return evidence


def _tag_clauses(evidence: Evidence):
    from compliance.models import Clause

    evidence.clauses.set(Clause.objects.filter(pk__in=KIND_CLAUSES.get(evidence.kind, [])))


def evidence_dates_check(issued_on, expires_on):
    """The date on a document cannot be in the future, and its expiry must come after it (forms use this too)."""
    errors = {}
    if issued_on and issued_on > timezone.localdate():
        errors["issued_on"] = "The date on the document cannot be in the future."
    if issued_on and expires_on and expires_on <= issued_on:
        errors["expires_on"] = "The expiry date must be after the date on the document."
    if errors:
        raise ValidationError(errors)


def evidence_verify(*, evidence: Evidence, user, issued_on: date | None, expires_on: date | None = None,
                    outcome: str = CheckOutcome.CLEAR, certificate_number: str = "", check: m.Check | None = None,
                    reference_kind: str = "", course: str = "") -> Evidence:
    """Mark evidence verified and record the fact it proves (see the module docstring)."""
    if not may_verify(user, evidence):
        raise ValidationError("You cannot verify this evidence.")
    if evidence.status != Evidence.Status.PENDING or not evidence.is_current:
        raise ValidationError("Only the current upload, while it waits to be checked, can be verified.")
    if evidence.kind in DATED_KINDS and not issued_on:
        raise ValidationError({"issued_on": "Give the date on the document."})
    evidence_dates_check(issued_on, expires_on)
    field, person = target_of(evidence)
    with transaction.atomic():
        if evidence.kind in CHECK_KINDS:
            if field not in CHECK_SUBJECTS:
                raise ValidationError("Attach this document to the person it is about before verifying it.")
            check_kind = CHECK_KINDS[evidence.kind] or reference_kind
            if check_kind not in CheckKind.values:
                raise ValidationError({"reference_kind": "Choose which reference this is."})
            evidence.check_record = _check_record(
                person=person, field=field, kind=check_kind, check=check, user=user, completed=issued_on,
                expires=expires_on, outcome=outcome, certificate_number=certificate_number)
        elif evidence.kind == EvidenceKind.TRAINING_CERTIFICATE:
            if field not in TRAINING_SUBJECTS:
                raise ValidationError("Attach this certificate to the carer or member of staff who did the course.")
            if not course:
                raise ValidationError({"course": "Choose the course."})
            record = m.TrainingRecord(**{field: person}, course=course, completed_date=issued_on,
                                      expiry_date=expires_on, certificate_reference=certificate_number)
            _save(record, user)
            evidence.training_record = record
        evidence.issued_on, evidence.expires_on = issued_on, expires_on
        evidence.status, evidence.verified_by, evidence.verified_at = Evidence.Status.VERIFIED, user, timezone.now()
        evidence.rejection_reason = ""
        _save(evidence, user, exclude=["file"])
    return evidence


def _check_record(*, person, field, kind, check, user, completed, expires, outcome, certificate_number):
    """The verifier's chosen Check of this person confirmed with the document's details, or a new one."""
    if check is not None:
        if getattr(check, f"{field}_id") != person.pk or check.kind != kind:
            raise ValidationError({"check": "That check is about someone else or something else."})
    else:
        check = m.Check(**{field: person}, kind=kind)
    check.completed_date = completed
    check.outcome = outcome
    if expires:
        check.expiry_date = expires
    if certificate_number:
        check.certificate_number = certificate_number
    if kind == CheckKind.ENHANCED_DBS:
        check.barred_list_checked = True
    _save(check, user)
    return check


def evidence_reject(*, evidence: Evidence, user, reason: str) -> Evidence:
    """Turn an upload down with a reason the uploader will see; the file is kept."""
    if not may_verify(user, evidence):
        raise ValidationError("You cannot check this evidence.")
    if evidence.status != Evidence.Status.PENDING:
        raise ValidationError("This evidence has already been checked.")
    if not reason.strip():
        raise ValidationError({"rejection_reason": "Say why, so the person can send the right document."})
    evidence.status, evidence.rejection_reason = Evidence.Status.REJECTED, reason.strip()
    evidence.verified_by, evidence.verified_at = user, timezone.now()
    _save(evidence, user, exclude=["file"])
    return evidence


def _save(obj, user, exclude=None):
    obj.stamp(user)
    obj.full_clean(exclude=exclude)
    obj.save()
    return obj

