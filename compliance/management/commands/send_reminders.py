"""manage.py send_reminders: send today's reminder digests now, or show who would get what.

    python manage.py send_reminders --dry-run                   # who would get what; nothing sent or stored
    python manage.py send_reminders                             # send them (as the 07:00 task does)
    python manage.py send_reminders --date 2027-03-01 --dry-run # as if it were that day
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from compliance.reminders import (
    reminder_digests_send_all,
    reminder_items_due,
    reminder_recipients,
)


def day_of(text):
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--date {text!r}: give a date as YYYY-MM-DD.") from None


class Command(BaseCommand):
    help = "Send each person their reminder digest of items overdue or falling due, once per window."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=day_of, help="count windows from this day (YYYY-MM-DD); default today")
        parser.add_argument("--dry-run", action="store_true", help="list who would get what; send and store nothing")

    def handle(self, *args, date=None, dry_run=False, **options):
        today = date or timezone.localdate()
        if not dry_run:
            summary = reminder_digests_send_all(today=today)
            self.stdout.write(f"{today}: sent {summary.sent} digest{'s' * (summary.sent != 1)} "
                              f"({summary.items} item{'s' * (summary.items != 1)}).")
            return
        people = 0
        for user in reminder_recipients(today=today):
            items = reminder_items_due(user=user, today=today)
            if not items:
                continue
            people += 1
            self.stdout.write(f"{user.get_full_name() or user.username} <{user.email}>: {len(items)} "
                              f"item{'s' * (len(items) != 1)}")
            for item in items:
                due = f", due {item.due_date:%d %b %Y}" if item.due_date else ""
                self.stdout.write(f"  - [{item.label}] {item.gap.subject_label}: {item.gap.detail}{due}")
        self.stdout.write(f"{today}: {people} {'person' if people == 1 else 'people'} would get a digest "
                          "(dry run: nothing sent or stored).")
