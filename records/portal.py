"""The carer portal: what a foster carer's page shows, and the contact details they keep up to date.

Reads (`portal_for`) go through records.permissions.restrict like every other page, so the portal
can only ever show the carer's own household. `carer_contact_update` saves a carer's own phone and
email, and the household's, at once; everything else goes through records/change_requests.py.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from compliance.models import AgencyPolicy, Gap
from compliance.periods import add_period
from compliance.selectors import household_gaps
from compliance.views.common import decorate
from records import models as m
from records.choices import CheckKind
from records.permissions import restrict
from records.change_requests import describe_all
from records.selectors import carer_household

# Saved straight away: contact details only the carer can keep up to date.
CARER_CONTACT_FIELDS = ("phone", "email")
HOUSEHOLD_CONTACT_FIELDS = ("phone", "email")
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

