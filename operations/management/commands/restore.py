"""manage.py restore ARCHIVE [--force] [--migrate]: put a backup back (operations/restore.py)."""

from django.core.management.base import BaseCommand, CommandError

from operations.restore import RestoreRefused, restore_run


class Command(BaseCommand):
    help = ("Restore an archive made by `backup` into an empty, migrated database. Every checksum is verified "
            "before anything is written.")

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--force", action="store_true",
                            help="Replace everything in a database that already holds records, and overwrite "
                                 "stored files that differ.")
        parser.add_argument("--migrate", action="store_true",
                            help="If the database's migrations differ from the archive's, migrate this empty "
                                 "database to the archive's state, load, then migrate forward.")

    def handle(self, *args, archive, force=False, migrate=False, **options):
        try:
            result = restore_run(path=archive, force=force, migrate=migrate)
        except RestoreRefused as refusal:
            raise CommandError(str(refusal)) from None
        manifest = result.manifest
        self.stdout.write(f"Archive made {manifest['created_at']} by version {manifest.get('app_version', '?')}; "
                          "every checksum matched.")
        for note in result.notes:
            self.stdout.write(note)
        self.stdout.write(f"{'Model':<40} {'archive':>9} {'restored':>9}")
        for label, expected in sorted(manifest["counts"].items()):
            if expected:
                self.stdout.write(f"{label:<40} {expected:>9,} {result.counts[label]:>9,}")
        self.stdout.write(f"Files: {result.files_written:,} written, {result.files_unchanged:,} already present.")
        self.stdout.write(self.style.SUCCESS(
            f"Restored {sum(manifest['counts'].values()):,} records; every count matches the manifest."))
