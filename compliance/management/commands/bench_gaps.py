"""manage.py bench_gaps: time a full compliance run and the dashboard on the benchmark agency.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fostering_bench python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fostering_bench python manage.py bench_gaps

Builds the large agency (`seed_demo --scale large --reset`) unless the database already holds it,
then prints: the first run (every gap inserted) and a repeat run (the nightly steady state), their
wall time and query count, the peak memory of a run, and the dashboard's server time and queries
for the manager. Targets on 2 cores: a run within 5 s (aim 2 s), queries that do not grow with
the agency, under 500 MB.
"""

import os
import resource
import time
import tracemalloc

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from accounts.models import User
from compliance.models import ComplianceRun, Gap
from compliance.services import run_execute, run_request
from records.demo.scales import SCALES
from records.models import Household

TARGET_SECONDS, TARGET_MB = 5.0, 500


class Command(BaseCommand):
    help = "Benchmark a full compliance run and the dashboard on the large demo agency (PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="large")
        parser.add_argument("--reseed", action="store_true", help="Build the agency again even if it is there.")

    def handle(self, *, scale, reseed, **options):
        if connection.vendor != "postgresql":
            raise CommandError("bench_gaps measures PostgreSQL: set DATABASE_URL=postgres://...")
        households = Household.objects.count()
        if reseed or households < SCALES[scale].households:
            self.stdout.write(f"Building the {scale} agency (seed_demo --scale {scale} --reset)...")
            call_command("seed_demo", scale=scale, reset=True, stdout=self.stdout)
            households = Household.objects.count()
        else:
            self.stdout.write(f"Reusing the agency already here: {households:,} households.")

        load = os.getloadavg()[0]
        first = self.timed_run()
        repeat = self.timed_run()
        self.stdout.write(f"Open gaps: {Gap.objects.filter(status=Gap.Status.OPEN).count():,} "
                          f"({first.opened:,} opened by the first run, {repeat.opened} by the repeat)")
        for label, run in [("first run", first), ("repeat run", repeat)]:
            verdict = "ok" if run.wall <= TARGET_SECONDS else f"over the {TARGET_SECONDS:.0f} s target"
            self.stdout.write(f"Full {label}: {run.wall:.2f} s wall ({run.cpu:.2f} s CPU in Django), "
                              f"{run.query_count} queries ({verdict})")
        self.stdout.write(f"(load average {load:.1f} on {os.cpu_count()} CPUs when the runs started)")

        tracemalloc.start()
        self.timed_run()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
        self.stdout.write(f"Peak memory: {peak / 2**20:.0f} MB allocated by a run (tracemalloc); "
                          f"{peak_rss:.0f} MB process peak RSS (target {TARGET_MB} MB)")
        self.dashboard()

    def timed_run(self):
        run = run_request(trigger=ComplianceRun.Trigger.COMMAND, enqueue=False)
        started, cpu = time.perf_counter(), time.process_time()
        run = run_execute(run_id=run.pk)
        run.wall, run.cpu = time.perf_counter() - started, time.process_time() - cpu
        return run

    def dashboard(self):
        try:
            reverse("compliance:dashboard")
        except NoReverseMatch:
            self.stdout.write("dashboard: not built yet")
            return
        manager = User.objects.filter(username="manager").first()
        if manager is None:
            self.stdout.write("dashboard: no 'manager' login (seed_demo creates it)")
            return
        client = Client()
        client.force_login(manager)
        client.get("/")  # warm up: templates, first connection
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get("/")
            seconds = time.perf_counter() - started
        self.stdout.write(f"Dashboard (/ as manager): HTTP {response.status_code}, {seconds * 1000:.0f} ms server "
                          f"time, {len(queries)} queries")
