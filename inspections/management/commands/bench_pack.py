"""manage.py bench_pack: generate one inspection pack as the task would, and print what it cost.

Run it against the large demo agency (seed_demo --scale large) on PostgreSQL:

    python manage.py bench_pack            # a practice pack, deleted afterwards
    python manage.py bench_pack --keep     # keep it (it then appears under Inspections > Packs)

Prints the wall-clock and CPU time of each stage, the page count, the files' sizes, the number of
queries and the peak memory of the process (the operating system's maximum resident set size,
which includes Django itself). Targets for the large agency: 60 s and 1 GB on two cores.
"""

import resource
import time

from django.core.management.base import BaseCommand
from django.db import connection

from accounts.models import User
from compliance.services import QueryCounter
from inspections.models import PackExport
from inspections.pack.services import pack_generate, pack_request
from records.models import Household, Placement

TARGET_SECONDS, TARGET_MB = 60, 1024


class Command(BaseCommand):
    help = "Generate an inspection pack and print its time, pages, queries and peak memory."

    def add_arguments(self, parser):
        parser.add_argument("--keep", action="store_true", help="Keep the pack and its files afterwards.")
        parser.add_argument("--full-names", action="store_true", help="Show children's full names.")
        parser.add_argument("--user", default="", help="Username to record as having asked for it.")

    def handle(self, *, keep, full_names, user, **options):
        requester = User.objects.filter(username=user).first() if user else None
        households = Household.objects.filter(status__in=["approved", "on_hold"]).count()
        children = Placement.objects.filter(end_date__isnull=True).count()
        self.stdout.write(f"Agency: {households:,} approved or on-hold households, {children:,} children placed.")
        pack = pack_request(user=requester, full_names=full_names, enqueue=False)
        stages, queries = {}, QueryCounter()
        wall, cpu = time.monotonic(), time.process_time()
        with connection.execute_wrapper(queries):
            pack_generate(pack_id=pack.pk, stage_times=stages)
        wall, cpu = time.monotonic() - wall, time.process_time() - cpu
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux
        pack.refresh_from_db()

        self.stdout.write(f"{pack}: {pack.page_count} pages, PDF {pack.pdf.size / 1e6:.1f} MB, "
                          f"ZIP {pack.bundle.size / 1e6:.1f} MB, content hash {pack.content_hash[:16]}…")
        for stage, seconds in stages.items():
            self.stdout.write(f"  {stage:<13} {seconds:6.1f} s")
        verdict = "within" if wall <= TARGET_SECONDS and peak_mb <= TARGET_MB else "OVER"
        style = self.style.SUCCESS if verdict == "within" else self.style.ERROR
        self.stdout.write(style(
            f"Generation: {wall:.1f} s wall clock ({cpu:.1f} s CPU), {queries.count} queries, "
            f"peak memory {peak_mb:,.0f} MB ({verdict} the {TARGET_SECONDS} s / {TARGET_MB:,} MB targets)."))
        if not keep:
            self._delete(pack)
            self.stdout.write("Deleted the pack and its files (use --keep to keep them).")

    def _delete(self, pack):
        for field_file in (pack.pdf, pack.bundle):
            if field_file:
                field_file.delete(save=False)
        PackExport.objects.filter(pk=pack.pk).delete()
