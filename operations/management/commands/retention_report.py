"""manage.py retention_report [--date YYYY-MM-DD]: the retention review page, printed (operations/retention.py)."""

from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from operations.retention import records_past_retention, retention_settings


class Command(BaseCommand):
    help = "List the records past their retention period (nothing is deleted)."

    def add_arguments(self, parser):
        parser.add_argument("--date", dest="as_of", type=date.fromisoformat, help="As of this date (default: today).")

    def handle(self, *args, as_of=None, **options):
        if isinstance(as_of, str):  # call_command(date="2026-06-15") skips the parser's conversion
            as_of = date.fromisoformat(as_of)
        as_of = as_of or timezone.localdate()
        report = records_past_retention(as_of=as_of)
        self.stdout.write(f"Records past their retention period on {as_of:%Y-%m-%d}. Nothing has been deleted.")
        for kind, years in retention_settings():
            self.stdout.write(f"  {kind.setting} = {years}")
        for kind, records in report.items():
            self.stdout.write("")
            self.stdout.write(self.style.MIGRATE_HEADING(f"{kind.title}: {len(records)}"))
            for r in records:
                ran_from = r.runs_from.isoformat() if r.runs_from else "-"
                self.stdout.write(f"  {r.label}  from {ran_from}, {r.years} years, ended {r.ended_on:%Y-%m-%d}  {r.url}")
        self.stdout.write("")
        self.stdout.write(f"{sum(len(records) for records in report.values())} records in all.")
