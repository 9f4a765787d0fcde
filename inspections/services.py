"""Writes for inspections: recording Ofsted's notice sets everything off; after fieldwork, the dates,
judgements, requirements, recommendations and the action plan; interview records."""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from compliance import selectors as compliance_selectors
from compliance.models import ComplianceRun
from compliance.reminders import reminder_recipients
from compliance.services import recheck_agency, run_request
from inspections import readiness
from inspections.models import Action, Finding, Inspection, Interview

logger = logging.getLogger(__name__)

# How many of their own outstanding items each person's notice email lists before "and N more".
EMAIL_ITEMS_SHOWN = 10


def inspection_record_notice(*, user, type, notice_received_at, notice_working_days=None,
                             information_deadline_at=None, records_upload_until=None, lead_inspector="",
                             notes="") -> Inspection:
    """Record Ofsted's notice. Once it commits, a fresh whole-agency compliance run starts (the
    inspection keeps it: when it succeeds, the gaps it left open are the readiness baseline) and
    everyone concerned is emailed the key dates and their own outstanding items."""
    inspection = Inspection(
        type=type, notice_received_at=notice_received_at,
        notice_working_days=notice_working_days or settings.INSPECTION_NOTICE_WORKING_DAYS,
        information_deadline_at=information_deadline_at, records_upload_until=records_upload_until,
        lead_inspector=lead_inspector, notes=notes,
    )
    inspection.full_clean()
    inspection.stamp(user)
    # One transaction, so the run's task (sent on commit) finds the inspection that asked for it.
    with transaction.atomic():
        inspection.notice_run = run_request(trigger=ComplianceRun.Trigger.NOTICE, requested_by=user)
        inspection.save()
        transaction.on_commit(lambda: inspection_notice_email(inspection=inspection))
    return inspection


def inspection_update(*, inspection, user, **fields) -> Inspection:
    """Change what was recorded (the inspector's actual deadline, the lead inspector, the status)."""
    for name, value in fields.items():
        setattr(inspection, name, value)
    inspection.full_clean()
    inspection.stamp(user)
    inspection.save()
    return inspection


def notice_recipients():
    """Active users told about a notice: the same people as get the daily reminders (staff who have
    not left, carers of current households; not inspectors or panel members)."""
    return reminder_recipients(today=timezone.localdate())


def inspection_notice_email(*, inspection) -> int:
    """Email every recipient the key dates and their own outstanding items (the first
    EMAIL_ITEMS_SHOWN, with a link to the readiness page). Returns the count sent.

    Runs after the compliance run has been queued; with eager Celery (demo, tests) that run has
    already finished, so the items are fresh. With a worker they are from the previous run.
    """
    now = timezone.now()
    dates = inspection.deadlines(now=now)
    link = settings.SITE_URL.rstrip("/") + reverse("inspections:readiness", args=[inspection.pk])
    messages = []
    for person in notice_recipients():
        staff = compliance_selectors.can_view_gaps(person)
        items, total = (readiness.own_outstanding(user=person, limit=EMAIL_ITEMS_SHOWN)
                        if staff or person.role == Role.FOSTER_CARER else ([], 0))
        body = render_to_string("inspections/email/notice.txt", {
            "person": person, "inspection": inspection, "deadlines": dates, "staff": staff, "items": items,
            "total": total, "more": total - len(items), "link": link, "agency_name": settings.AGENCY_NAME,
        })
        messages.append(EmailMessage(subject=f"Ofsted inspection notice: {settings.AGENCY_NAME}", body=body,
                                     to=[person.email]))
    try:
        return get_connection().send_messages(messages) or 0
    except Exception:  # the notice is recorded either way; the page shows the dates
        logger.exception("Could not email the notice of inspection %s", inspection.pk)
        return 0


# After fieldwork ---------------------------------------------------------------------------------

def _save(obj, user):
    obj.full_clean()
    obj.stamp(user)
    obj.save()
    return obj


def inspection_outcomes_update(*, inspection, user, **fields) -> Inspection:
    """Record the post-inspection dates and the judgements. Recording the end of fieldwork finishes it."""
    for name, value in fields.items():
        setattr(inspection, name, value)
    if inspection.fieldwork_end is not None:
        inspection.status = Inspection.Status.FINISHED
    return _save(inspection, user)


def _recheck_requirements(finding):
    """A requirement's dates feed CR-IN-001: recheck the agency once the change commits."""
    if finding.kind == Finding.Kind.REQUIREMENT:
        transaction.on_commit(recheck_agency)


# Requirements cite a regulation, recommendations a standard (ofsted_ifa_inspection.yaml, judgements.notes).
CLAUSE_INSTRUMENTS = {Finding.Kind.REQUIREMENT: ("fsr2011", "a regulation (FSR 2011)"),
                      Finding.Kind.RECOMMENDATION: ("nms2011", "a National Minimum Standard (NMS 2011)")}


def finding_clause_error(*, kind, clause_id) -> str:
    """Why `clause_id` cannot be cited by a finding of `kind`, or ""."""
    instrument, words = CLAUSE_INSTRUMENTS.get(kind, ("", ""))
    if instrument and clause_id and not clause_id.startswith(f"{instrument}:"):
        return f"A {Finding.Kind(kind).label.lower()} cites {words}: choose one from that group."
    return ""


def finding_save(*, finding, user) -> Finding:
    """Add or change a requirement or recommendation; its clause must suit its kind."""
    if error := finding_clause_error(kind=finding.kind, clause_id=finding.clause_id):
        raise ValidationError({"clause": error})
    _save(finding, user)
    _recheck_requirements(finding)
    return finding


def finding_mark_met(*, finding, user, met_on=None) -> Finding:
    finding.met_on = met_on or timezone.localdate()
    return finding_save(finding=finding, user=user)


def action_save(*, action, user) -> Action:
    """Add or change a step of the action plan; done without a date means done today."""
    if action.status == Action.Status.DONE and action.completed_on is None:
        action.completed_on = timezone.localdate()
    if action.status != Action.Status.DONE:
        action.completed_on = None
    _save(action, user)
    _recheck_requirements(action.finding)
    return action


# Interview records ---------------------------------------------------------------------------------

@transaction.atomic
def interview_save(*, interview, user, entries=(), removed=()) -> Interview:
    """Save an interview and its `entries` (InterviewEntry, saved or not) numbered in the order given;
    delete the `removed` ones."""
    _save(interview, user)
    for entry in removed:
        if entry.pk is not None:
            entry.delete()
    for order, entry in enumerate(entries, start=1):
        entry.interview, entry.order = interview, order
        _save(entry, user)
    return interview
