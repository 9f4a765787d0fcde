"""Applying a dry run: all of it in one transaction, or nothing."""

from django.core.exceptions import ValidationError
from django.db import transaction

from records.imports.plan import CREATE, UPDATE, Plan


class ImportRefused(Exception):
    """The plan has errors, so nothing was applied."""


def import_apply(*, plan: Plan, user) -> dict:
    """Saves every created and updated row, stamped with `user`, with the change reason "Import of <file>".

    Unchanged rows are not saved, so re-importing a file adds no history. Each record is checked
    again with full_clean() inside the transaction (rows may depend on earlier ones, e.g. two
    placements of one child); any failure rolls the whole import back and raises ImportRefused.
    """
    if not plan.is_valid:
        raise ImportRefused(f"{len(plan.errors)} error(s) in {plan.filename}: nothing was imported.")
    reason = f"Import of {plan.filename}"
    counts = {CREATE: 0, UPDATE: 0}
    with transaction.atomic():
        for row in plan.rows:
            if row.action not in counts:
                continue
            obj = row.obj
            try:
                obj.full_clean()
            except ValidationError as error:  # valid alone but not with an earlier row, e.g. overlapping placements
                raise ImportRefused(f"Row {row.row}: {'; '.join(error.messages)} Nothing was imported.") from None
            obj.stamp(user)
            obj._change_reason = reason
            obj.save()
            counts[row.action] += 1
    return counts
