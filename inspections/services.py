"""Writes for inspections: recording Ofsted's notice sets everything off."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.models import Role, User
from compliance import selectors as compliance_selectors
from compliance.models import ComplianceRun
from compliance.services import run_request
from inspections.models import Inspection
from records.choices import HouseholdStatus

logger = logging.getLogger(__name__)

# Who is told about a notice: staff with a login, and foster carers of households still with the agency.
NOT_TOLD = {Role.INSPECTOR, Role.PANEL_MEMBER}
CARERS_TOLD = Q(carer__household__status__in=[HouseholdStatus.APPROVED, HouseholdStatus.ON_HOLD,
                                              HouseholdStatus.ASSESSMENT])


def inspection_record_notice(*, user, type, notice_received_at, notice_working_days=None,
                             information_deadline_at=None, records_upload_until=None, lead_inspector="",
                             notes="") -> Inspection:
    """Record Ofsted's notice. Once it commits, a fresh whole-agency compliance run starts and
    everyone concerned is emailed the key dates."""
    inspection = Inspection(
        type=type, notice_received_at=notice_received_at,
        notice_working_days=notice_working_days or settings.INSPECTION_NOTICE_WORKING_DAYS,
        information_deadline_at=information_deadline_at, records_upload_until=records_upload_until,
        lead_inspector=lead_inspector, notes=notes,
    )
    inspection.full_clean()
    inspection.stamp(user)
    inspection.save()
    run_request(trigger=ComplianceRun.Trigger.NOTICE, requested_by=user)  # its task is sent on commit
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
    """Active users told about a notice: staff who have not left, and carers of current households."""
    today = timezone.localdate()
    users = (User.objects.filter(is_active=True).exclude(email="").exclude(role__in=NOT_TOLD)
             .exclude(staff_member__end_date__lt=today))
    return users.filter(~Q(role=Role.FOSTER_CARER) | CARERS_TOLD).distinct().order_by("pk")


def inspection_notice_email(*, inspection) -> int:
    """Email every recipient the key dates (and, for staff who see gaps, how many are open). Returns the count sent.

    Runs after the compliance run has been queued; with eager Celery (demo, tests) that run has
    already finished, so the counts are fresh. With a worker they are from the previous run.
    """
    now = timezone.now()
    dates = inspection.deadlines(now=now)
    messages = []
    for person in notice_recipients():
        open_items = (compliance_selectors.gaps_for(user=person).count()
                      if compliance_selectors.can_view_gaps(person) else None)
        body = render_to_string("inspections/email/notice.txt", {
            "person": person, "inspection": inspection, "deadlines": dates, "open_items": open_items,
            "agency_name": settings.AGENCY_NAME,
        })
        messages.append(EmailMessage(subject=f"Ofsted inspection notice: {settings.AGENCY_NAME}", body=body,
                                     to=[person.email]))
    try:
        return get_connection().send_messages(messages) or 0
    except Exception:  # the notice is recorded either way; the page shows the dates
        logger.exception("Could not email the notice of inspection %s", inspection.pk)
        return 0
