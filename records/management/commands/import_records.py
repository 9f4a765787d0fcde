"""Import households, carers, children... from a CSV or XLSX file; a dry run unless --apply.

    manage.py import_records carers carers.xlsx              # what would change, row by row
    manage.py import_records carers carers.xlsx --apply --user manager
    manage.py import_records carers --template carers.csv    # the columns and an example row
"""

import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from records.imports.apply import ImportRefused, import_apply
from records.imports.columns import show_value
from records.imports.plan import CREATE, ERROR, UNCHANGED, UPDATE, import_plan
from records.imports.types import SPECS
from records.imports.write import table_bytes, template_rows


class Command(BaseCommand):
    help = "Import records of one type from a CSV or XLSX file (a dry run unless --apply)."

    def add_arguments(self, parser):
        parser.add_argument("type", choices=sorted(SPECS), help="What the file holds.")
        parser.add_argument("file", nargs="?", help="The .csv or .xlsx file to import.")
        parser.add_argument("--apply", action="store_true", help="Apply the import (only if every row is valid).")
        parser.add_argument("--user", help="Username the changes are attributed to (required with --apply).")
        parser.add_argument("--template", metavar="OUT", help="Write the columns and an example row to OUT "
                                                              "(.csv or .xlsx) instead of importing.")

    def handle(self, *args, **options):
        spec = SPECS[options["type"]]
        if options["template"]:
            return self.write_template(spec, options["template"])
        if not options["file"]:
            raise CommandError("Give the file to import, or --template OUT for a template.")
        if options["apply"] and not options["user"]:
            raise CommandError("Say who is importing: --apply needs --user USERNAME (the history names them).")
        user = self.get_user(options["user"])
        path = options["file"]
        try:
            with open(path, "rb") as upload:
                plan = import_plan(spec=spec, upload=upload, filename=os.path.basename(path))
        except OSError as error:
            raise CommandError(f"Cannot open {path}: {error.strerror}.") from None
        self.report(plan)
        if not plan.is_valid:
            raise CommandError(f"{len(plan.errors)} error(s): nothing was imported.")
        if not options["apply"]:
            self.stdout.write("Dry run: nothing was changed. Add --apply to import.")
            return
        try:
            counts = import_apply(plan=plan, user=user)
        except ImportRefused as refusal:  # rows valid alone but not together, e.g. overlapping placements
            raise CommandError(str(refusal)) from None
        self.stdout.write(self.style.SUCCESS(
            f"Imported {plan.filename}: {counts[CREATE]} created, {counts[UPDATE]} updated."))

    def get_user(self, username):
        if not username:
            return None
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user called {username!r}.") from None

    def write_template(self, spec, out):
        fmt = os.path.splitext(out)[1].lower().lstrip(".")
        if fmt not in ("csv", "xlsx"):
            raise CommandError("The template file must end in .csv or .xlsx.")
        with open(out, "wb") as file:
            file.write(table_bytes(spec.headers, template_rows(spec), fmt=fmt))
        self.stdout.write(f"Wrote the {spec.slug} template to {out}.")

    def report(self, plan):
        for error in plan.file_errors:
            self.stdout.write(self.style.ERROR(f"Error: {error}"))
        for row in plan.rows:
            if row.action == ERROR:
                for error in row.errors:
                    self.stdout.write(self.style.ERROR(f"Error: {error}"))
            elif row.action == UPDATE:
                headers = {column.field: column.header for column in plan.spec.columns}
                changes = "; ".join(f"{headers.get(name, name)}: {show_value(old)!r} -> {show_value(new)!r}"
                                    for name, (old, new) in row.changes.items())
                self.stdout.write(f"Row {row.row}: update {row.obj} ({changes})")
            else:
                self.stdout.write(f"Row {row.row}: {row.action} {row.obj}")
        self.stdout.write(
            f"{plan.count(CREATE)} to create, {plan.count(UPDATE)} to update, {plan.count(UNCHANGED)} unchanged, "
            f"{len(plan.errors)} error(s).")
