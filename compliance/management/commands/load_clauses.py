from django.core.management.base import BaseCommand

from compliance.catalogue.loader import load_catalogue, read_catalogue
from compliance.models import Clause


class Command(BaseCommand):
    help = "Load the clause catalogue (compliance/catalogue/*.yaml) into the database; safe to repeat."

    def handle(self, *args, **options):
        created, updated = load_catalogue()
        self.stdout.write(self.style.SUCCESS(f"Clauses: {created} created, {updated} updated."))
        # Rows are never deleted: later records may point at them. Say so, so someone decides.
        listed = {row["id"] for row in read_catalogue()[0]}
        stale = list(Clause.objects.exclude(pk__in=listed).values_list("pk", flat=True))
        if stale:
            self.stdout.write(self.style.WARNING(
                f"{len(stale)} clause(s) in the database are no longer in the catalogue: {', '.join(stale)}"
            ))
