"""Applying a dry run: all of it in one transaction, or nothing."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import UniqueConstraint

from records.imports.plan import CREATE, UPDATE, Plan

HISTORY_BATCH = 500


class ImportRefused(Exception):
    """The plan has errors, so nothing was applied."""


def import_apply(*, plan: Plan, user) -> dict:
    """Saves every created and updated row, stamped with `user`, with the change reason "Import of <file>".

    Unchanged rows are not saved, so re-importing a file adds no history. Before each save the
    checks an earlier row could have changed are run again (clean() and uniqueness: two
    placements of one child may overlap); any failure rolls the whole import back and raises
    ImportRefused. The history rows are written in bulk after the saves, one per saved record.
    """
    if not plan.is_valid:
        raise ImportRefused(f"{len(plan.errors)} error(s) in {plan.filename}: nothing was imported.")
    reason = f"Import of {plan.filename}"
    saved = {CREATE: [], UPDATE: []}
    with transaction.atomic():
        for row in plan.rows:
            if row.action not in saved:
                continue
            obj = row.obj
            try:
                _recheck(obj)
            except ValidationError as error:
                raise ImportRefused(f"Row {row.row}: {'; '.join(error.messages)} Nothing was imported.") from None
            obj.stamp(user)
            obj.skip_history_when_saving = True
            try:
                obj.save()
            finally:
                del obj.skip_history_when_saving
            saved[row.action].append(obj)
        history = plan.spec.model.history
        for action, objs in saved.items():
            history.bulk_history_create(objs, batch_size=HISTORY_BATCH, update=action == UPDATE,
                                        default_user=user, default_change_reason=reason)
    return {action: len(objs) for action, objs in saved.items()}


def _recheck(obj):
    """The checks that depend on other records. The row's own fields and check constraints passed in the plan."""
    obj.clean()
    obj.validate_unique()
    for model, constraints in obj.get_constraints():
        for constraint in constraints:
            if isinstance(constraint, UniqueConstraint):
                constraint.validate(model, obj)
