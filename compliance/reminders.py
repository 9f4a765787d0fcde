"""Reminder digests: each morning, one email per person of their items that became overdue or fell
into a reminder window (settings.REMINDER_WINDOWS_DAYS, e.g. 30 and 7 days) since they were last told.

"Their items" are the ones the inspection notice email lists (`inspections.readiness.own_outstanding`):
a carer's own household items they can act on, a social worker's caseload, the agency's items for
managers and administrators. An item is told once per window and due date (ReminderItem's unique
constraint): a renewed item (a new due date) is new again.

Selectors read (`reminder_recipients`, `reminder_items_due`); services write and send
(`reminder_digest_send`, `reminder_digests_send_all`). The Celery task is compliance.tasks.reminders_send_daily.
"""

import logging
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Prefetch, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from compliance.models import Gap, ReminderDigest, ReminderItem
from compliance.selectors import can_view_gaps
from records.choices import HouseholdStatus

logger = logging.getLogger(__name__)

OVERDUE = "overdue"
# Inspectors read during a grant only; panel members are never responsible for a gap.
NOT_REMINDED = {Role.INSPECTOR, Role.PANEL_MEMBER}
CURRENT_HOUSEHOLD = [HouseholdStatus.APPROVED, HouseholdStatus.ON_HOLD, HouseholdStatus.ASSESSMENT]


def window_label(window: str, due_date=None) -> str:
    if window == OVERDUE:
        return "Overdue" if due_date else "Never recorded"
    return f"Due within {window} days"


@dataclass(frozen=True)
class DueItem:
    """One of a person's open gaps in the window it is told in."""

    gap: Gap
    window: str  # OVERDUE or a number of days, e.g. "7"

    @property
    def due_date(self):
        return self.gap.due_date

    @property
    def label(self):
        return window_label(self.window, self.due_date)


def window_of(due_date, *, today: date, windows=None):
    """OVERDUE (passed, or never recorded), the tightest window `due_date` falls in, or None."""
    if due_date is None or due_date < today:
        return OVERDUE
    days = (due_date - today).days
    inside = [w for w in (windows or settings.REMINDER_WINDOWS_DAYS) if days <= w]
    return str(min(inside)) if inside else None


# Selectors -----------------------------------------------------------------------------------------

def reminder_recipients(*, today: date):
    """Active users with an email: staff who have not left by `today` (not inspectors or panel
    members), and carers of households still with the agency. The notice email goes to them too."""
    users = (User.objects.filter(is_active=True).exclude(email="").exclude(role__in=NOT_REMINDED)
             .exclude(staff_member__end_date__lt=today))
    carers = Q(role=Role.FOSTER_CARER, carer__household__status__in=CURRENT_HOUSEHOLD)
    return users.filter(~Q(role=Role.FOSTER_CARER) | carers).distinct().order_by("pk")


def reminder_items_due(*, user, today: date) -> list:
    """`user`'s open gaps that are overdue or inside a window and not yet told for that window and
    due date: overdue first, then the tightest window, soonest due first. Two to four queries."""
    # Imported here: inspections builds on compliance, not the reverse.
    from inspections.readiness import own_outstanding

    if not (can_view_gaps(user) or user.role == Role.FOSTER_CARER):
        return []
    gaps, _ = own_outstanding(user=user)
    due = [DueItem(gap, window) for gap in gaps
           if (window := window_of(gap.due_date, today=today)) is not None]
    if not due:
        return []
    told = set(ReminderItem.objects.filter(user=user, gap__in=[item.gap.pk for item in due])
               .values_list("gap_id", "window", "due_date"))
    new = [item for item in due if (item.gap.pk, item.window, item.due_date) not in told]
    return sorted(new, key=lambda item: (-1 if item.window == OVERDUE else int(item.window),
                                         item.due_date or date.min, item.gap.pk))


def reminder_digests_of(*, user):
    """What was sent to `user`, newest first, each digest's items with their gaps (two queries)."""
    items = ReminderItem.objects.select_related("gap").order_by("due_date", "pk")
    return (ReminderDigest.objects.filter(user=user).order_by("-sent_at", "-pk")
            .prefetch_related(Prefetch("items", queryset=items)))


# Services ------------------------------------------------------------------------------------------

def _group(items):
    """[(label, [DueItem])] in the digest's order: overdue, then the tightest window first."""
    groups = {}
    for item in items:
        key = "Overdue or never recorded" if item.window == OVERDUE else f"Due within {item.window} days"
        groups.setdefault(key, []).append(item)
    return list(groups.items())


def reminder_email(*, user, items, today: date) -> EmailMultiAlternatives:
    overdue = sum(item.window == OVERDUE for item in items)
    soon = len(items) - overdue
    parts = [f"{overdue} overdue" if overdue else "", f"{soon} due soon" if soon else ""]
    subject = f"Reminders from {settings.AGENCY_NAME}: {' and '.join(p for p in parts if p)}"
    context = {
        "person": user, "groups": _group(items), "total": len(items), "today": today,
        "agency_name": settings.AGENCY_NAME, "staff": can_view_gaps(user),
        "mine_url": settings.SITE_URL + reverse("compliance:reminders_mine"),
        "gaps_url": settings.SITE_URL + reverse("compliance:gap_list"),
    }
    text = render_to_string("compliance/email/reminder_digest.txt", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[user.email])
    message.attach_alternative(render_to_string("compliance/email/reminder_digest.html", context), "text/html")
    return message


def reminder_digest_send(*, user, today: date, connection=None):
    """Send `user` one email of their new items and record it. Returns the ReminderDigest, or None
    when there is nothing new or they already had one for `today`.

    The user's row is locked while the items are chosen, recorded and sent, so two overlapping runs
    take turns and the second finds nothing new. Sending happens inside the transaction: if it fails,
    nothing is recorded and the items are sent by the next run.
    """
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).values_list("pk").get()
        if ReminderDigest.objects.filter(user=user, sent_at__date=today).exists():
            return None
        items = reminder_items_due(user=user, today=today)
        if not items:
            return None
        message = reminder_email(user=user, items=items, today=today)
        if connection is not None:
            message.connection = connection
        digest = ReminderDigest(user=user, subject=message.subject, body_text=message.body, item_count=len(items))
        digest.full_clean(exclude=["user"])  # the row just locked
        digest.save()
        # The unique constraint is the backstop: a clash rolls the whole digest back, unsent.
        ReminderItem.objects.bulk_create([ReminderItem(digest=digest, user=user, gap=item.gap, window=item.window,
                                                       due_date=item.due_date) for item in items])
        message.send()
    return digest


@dataclass
class SendSummary:
    sent: int = 0  # digests
    items: int = 0
    failed: list = field(default_factory=list)  # [(user, exception)]


def reminder_digests_send_all(*, today: date | None = None) -> SendSummary:
    """Send every recipient their digest over one mail connection. A failure for one person is logged
    and the others still get theirs; then the first error is raised so the task tries again later
    (those already sent have nothing new by then)."""
    today = today or timezone.localdate()
    summary = SendSummary()
    with get_connection() as connection:
        for user in reminder_recipients(today=today):
            try:
                digest = reminder_digest_send(user=user, today=today, connection=connection)
            except Exception as error:
                logger.exception("Could not send the reminder digest to user %s", user.pk)
                summary.failed.append((user, error))
                continue
            if digest is not None:
                summary.sent += 1
                summary.items += digest.item_count
    logger.info("Reminder digests for %s: %s sent (%s items), %s failed", today, summary.sent, summary.items,
                len(summary.failed))
    if summary.failed:
        raise summary.failed[0][1]
    return summary
