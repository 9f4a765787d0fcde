"""manage.py bench_import: import N training-record rows (dry run, then apply) and print what it cost.

Run it against the large demo agency (seed_demo --scale large) on PostgreSQL:

    python manage.py bench_import                # 10,000 rows; the applied import is rolled back
    python manage.py bench_import --rows 2000 --keep

The rows are written as a CSV in the import template's columns, one per carer in turn, each with a
course and a completion date no record has, so every row is a "create". Prints the time and queries
of reading and planning (the dry run) and of applying, and the process's peak memory (the operating
system's maximum resident set size, Django included). Targets: 30 s and 500 MB on two cores.
"""

import io
import resource
import time
from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from accounts.models import Role, User
from compliance.services import QueryCounter
from records.choices import TrainingCourse
from records.imports.apply import import_apply
from records.imports.plan import import_plan
from records.imports.types import SPECS
from records.imports.write import table_bytes
from records.models import Carer

TARGET_SECONDS, TARGET_MB = 30, 500
FIRST_DAY = date(2000, 1, 3)  # long before any demo record, so no row matches an existing one


class RolledBack(Exception):
    pass


def training_rows(spec, carers, count):
    courses = [course for course in TrainingCourse if course != TrainingCourse.OTHER]
    for number in range(count):
        carer = carers[number % len(carers)]
        turn = number // len(carers)
        course = courses[turn % len(courses)]
        completed = FIRST_DAY + timedelta(days=turn // len(courses))
        cells = {"Household reference": carer.household.reference, "Carer name": carer.full_name,
                 "Carer date of birth": carer.date_of_birth.isoformat(), "Course": course.label,
                 "Provider": "County Training", "Completed date": completed.isoformat()}
        yield [cells.get(header, "") for header in spec.headers]


class Command(BaseCommand):
    help = "Import training records from a generated CSV and print the dry run's and the apply's cost."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=10_000)
        parser.add_argument("--keep", action="store_true", help="Keep the imported records (default: roll back).")

    def handle(self, *, rows, keep, **options):
        spec = SPECS["training"]
        carers = list(Carer.objects.select_related("household").order_by("pk")[:1000])
        user = User.objects.filter(role=Role.REGISTERED_MANAGER).order_by("pk").first()
        if not carers or user is None:
            raise CommandError("No carers or no registered manager: run seed_demo --scale large first.")
        data = table_bytes(spec.headers, training_rows(spec, carers, rows), fmt="csv")
        self.stdout.write(f"{rows:,} training rows for {len(carers):,} carers: a {len(data) / 1e6:.1f} MB CSV.")

        queries, wall = QueryCounter(), time.monotonic()
        with connection.execute_wrapper(queries):
            plan = import_plan(spec=spec, upload=io.BytesIO(data), filename="bench-training.csv")
        dry_seconds, dry_queries = time.monotonic() - wall, queries.count
        if not plan.is_valid:
            raise CommandError(f"The generated file has errors, e.g. {plan.errors[0]}")

        queries, wall = QueryCounter(), time.monotonic()
        try:
            with transaction.atomic(), connection.execute_wrapper(queries):
                counts = import_apply(plan=plan, user=user)
                apply_seconds = time.monotonic() - wall
                if not keep:
                    raise RolledBack
        except RolledBack:
            pass
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux

        self.stdout.write(f"  dry run (read + plan)  {dry_seconds:6.1f} s  {dry_queries:>7,} queries")
        self.stdout.write(f"  apply                  {apply_seconds:6.1f} s  {queries.count:>7,} queries  "
                          f"({counts['create']:,} created{'' if keep else ', rolled back'})")
        total = dry_seconds + apply_seconds
        verdict = "within" if total <= TARGET_SECONDS and peak_mb <= TARGET_MB else "OVER"
        self.stdout.write(f"Total {total:.1f} s, peak memory {peak_mb:.0f} MB ({verdict} the "
                          f"{TARGET_SECONDS} s / {TARGET_MB} MB targets).")
