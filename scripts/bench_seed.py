"""Time the benchmark agency (`seed_demo --scale large`) on PostgreSQL.

Target: under 3 minutes on 2 cores. Creates the database if it is missing, migrates it,
reseeds it and exits non-zero if the seed took longer than the target.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fostering_bench .venv/bin/python scripts/bench_seed.py
"""

import os
import sys
import time
from pathlib import Path

TARGET_SECONDS = 180


def database_create_if_missing(*, url: str):
    import dj_database_url
    import psycopg

    settings = dj_database_url.parse(url)
    if settings["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("The benchmark is for PostgreSQL: set DATABASE_URL=postgres://...")
    with psycopg.connect(host=settings["HOST"], port=settings["PORT"] or 5432, user=settings["USER"],
                         password=settings["PASSWORD"] or None, dbname="postgres", autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [settings["NAME"]]).fetchone():
            connection.execute(f'CREATE DATABASE "{settings["NAME"]}"')


def main():
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        sys.exit("Set DATABASE_URL to a PostgreSQL database the benchmark may wipe.")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    database_create_if_missing(url=url)

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    started = time.monotonic()
    call_command("seed_demo", "--scale", "large", "--reset")
    seconds = time.monotonic() - started
    print(f"Benchmark: {seconds:.1f} s (target {TARGET_SECONDS} s, {os.cpu_count()} CPUs).")
    sys.exit(0 if seconds < TARGET_SECONDS else 1)


if __name__ == "__main__":
    main()
