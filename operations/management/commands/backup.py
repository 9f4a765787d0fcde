"""manage.py backup [--output PATH]: one archive of the database and every stored file (operations/backup.py)."""

from django.core.management.base import BaseCommand

from operations.backup import backup_create
from records.files import describe_size


class Command(BaseCommand):
    help = "Write one .tar.gz archive holding the database, every stored file and a manifest with SHA-256s."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="A folder (the archive is named with the time) or a file path. "
                                             "Default: the current folder.")

    def handle(self, *args, output=None, **options):
        result = backup_create(output=output)
        rows = sum(result.counts.values())
        self.stdout.write(f"{rows:,} records in {len(result.counts)} tables, {result.files:,} files "
                          f"({describe_size(result.bytes)} before compression).")
        for name in result.missing_files:
            self.stderr.write(self.style.WARNING(f"A record refers to {name}, which is not in storage."))
        self.stdout.write(self.style.SUCCESS(f"Backup written to {result.path}"))
