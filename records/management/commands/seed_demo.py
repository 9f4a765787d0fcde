"""manage.py seed_demo: a fictional fostering agency to explore, demonstrate or benchmark."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import ProtectedError
from django.utils import timezone

from accounts.two_factor import demo_two_step_enrol
from inspections.demo import inspection_demo_create
from records.demo.evidence import evidence_demo_create
from records.demo.build import build_agency
from records.demo.compliance import compliance_history_store, compliance_run_store, run_summary
from records.demo.logins import DEMO_PASSWORD, LOGINS, USERNAMES
from records.demo.reset import demo_exists, demo_reset
from records.demo.scales import SCALES
from records.models import Carer, Household


class Command(BaseCommand):
    help = "Create a fictional agency with demo logins (password below). Same seed, same day: same agency."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2011, help="Random seed (default 2011).")
        parser.add_argument("--scale", choices=sorted(SCALES), default="demo",
                            help="demo: ~40 households; large: the 1,000-household benchmark agency.")
        parser.add_argument("--reset", action="store_true",
                            help="First delete every record, its history and the demo logins.")
        parser.add_argument("--no-validate", action="store_true",
                            help="Skip full_clean() on each demo record (the large scale never runs it).")

    def handle(self, *, seed, scale, reset, no_validate, **options):
        if settings.PRODUCTION:
            raise CommandError("seed_demo refuses to run with DJANGO_ENV=production: it writes fictional records.")
        started = time.monotonic()
        if demo_exists():
            if not reset:
                raise CommandError(
                    "This database already has records or demo logins. Run with --reset to delete them "
                    "(every record and its history) and seed again.")
            try:
                demo_reset()
            except ProtectedError as error:
                raise CommandError(f"Cannot reset: other records still point at demo records: {error.args[0]}") from None
            self.stdout.write(f"Deleted the old records and demo logins in {time.monotonic() - started:.1f} s.")
        steps, started = [], time.monotonic()
        counts = build_agency(seed=seed, scale=scale, today=timezone.localdate(),
                              validate=False if no_validate else None, progress=lambda *step: steps.append(step))
        seconds = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(
            f"Seeded the {scale} agency (seed {seed}): {sum(counts.values()):,} records, each with its first "
            f"history row, in {seconds:.1f} s."))
        self.stdout.write(f"  {'step':<20} {'records':>8} {'seconds':>8}")
        for step, count, step_seconds in steps:
            self.stdout.write(f"  {step:<20} {count:>8,} {step_seconds:>8.1f}")
        inspection_demo_create(today=timezone.localdate())  # the last full inspection, its report and action plan
        started = time.monotonic()
        history = compliance_history_store(today=timezone.localdate())
        run = compliance_run_store()
        evidence_demo_create(today=timezone.localdate())  # two uploads waiting in the evidence inbox
        self.stdout.write(
            f"\nCompliance run #{run.pk}: {run_summary(run)}. Stored {len(history)} weekly runs before it for the "
            f"dashboard's trend ({history[0].as_of:%d %b} to {history[-1].as_of:%d %b}); "
            f"{time.monotonic() - started:.1f} s in all.")
        self.stdout.write(f"\nDemo logins, all with password: {DEMO_PASSWORD}")
        self.stdout.write(f"  {'username':<10} {'role':<28} can see")
        for login in LOGINS:
            self.stdout.write(f"  {login.username:<10} {login.role.label:<28} {login.sees}")
        carer = Carer.objects.select_related("household").get(user__username="carer")
        caseload = Household.objects.filter(supervising_social_worker__user__username="ssw").count()
        self.stdout.write(f"  (ssw supervises {caseload} households; carer is {carer} of {carer.household}.)")
        demo_two_step_enrol(usernames=USERNAMES)  # staff sign in with a code: manage.py demo_totp <username>
        self.stdout.write("Staff then enter a code: `python manage.py demo_totp <username>` prints it.")
