"""The dry run: what importing a file would do, row by row, without writing anything.

Each row is matched to an existing record on the type's natural key (see types.py) and becomes a
create, an update (listing the fields that change), unchanged, or a list of errors naming the
row (as the spreadsheet numbers it, header = row 1), the column, the value and the reason.
Records are checked with full_clean(), the same validation the forms use.
"""

from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models

from records.imports.columns import CellError, ResolveError, Spec, show_value
from records.imports.read import FileRefused, read_table

CREATE, UPDATE, UNCHANGED, ERROR = "create", "update", "unchanged", "error"
MISSING_COLUMN = "missing required column"


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    value: str
    reason: str

    def __str__(self):
        where = f"row {self.row}" + (f", column \"{self.column}\"" if self.column else "")
        value = f", value \"{self.value}\"" if self.value not in ("", None) else ""
        return f"{where}{value}: {self.reason}"


@dataclass
class RowPlan:
    row: int
    action: str
    obj: models.Model | None = None
    changes: dict = field(default_factory=dict)  # field name -> (old, new)
    errors: list = field(default_factory=list)


@dataclass
class Plan:
    spec: Spec
    filename: str
    rows: list = field(default_factory=list)
    file_errors: list = field(default_factory=list)  # RowError for the header or the whole file

    @property
    def errors(self):
        return self.file_errors + [error for row in self.rows for error in row.errors]

    @property
    def is_valid(self):
        return not self.errors

    def count(self, action):
        return sum(1 for row in self.rows if row.action == action)


def import_plan(*, spec: Spec, upload, filename: str) -> Plan:
    plan = Plan(spec=spec, filename=filename)
    try:
        headers, rows = read_table(upload, name=filename)
        columns = _columns(plan, headers)
        if any(error.reason == MISSING_COLUMN for error in plan.file_errors):
            return plan  # every row would fail the same way
        seen = {}
        for number, cells in rows:
            plan.rows.append(_row_plan(spec, columns, number, cells, seen))
    except FileRefused as refusal:
        plan.rows = []
        plan.file_errors.append(RowError(0, "", "", str(refusal)))
    return plan


def _columns(plan, headers):
    """The spec column for each position in the file (None for blank headings), reporting unknown ones."""
    columns, found = [], set()
    for position, heading in enumerate(headers):
        column = plan.spec.column(heading) if heading else None
        if heading and column is None:
            plan.file_errors.append(RowError(1, heading, heading, "unknown column"))
        elif column is not None and column.header in found:
            plan.file_errors.append(RowError(1, heading, heading, "duplicate column"))
            column = None
        if column is not None:
            found.add(column.header)
        columns.append(column)
    for column in plan.spec.columns:
        if column.required and column.header not in found:
            plan.file_errors.append(RowError(1, column.header, "", MISSING_COLUMN))
    return columns


def _row_plan(spec, columns, number, cells, seen) -> RowPlan:
    result = RowPlan(row=number, action=ERROR)
    values, helpers, headers = {}, {}, {}
    for column, raw in zip(columns, cells):
        if column is None:
            continue
        try:
            value = column.parse(raw)
        except CellError as error:
            result.errors.append(RowError(number, column.header, show_value(raw), str(error)))
            continue
        if column.field is None:
            helpers[column.header] = value
            continue
        if column.required and value in (None, "", []):
            result.errors.append(RowError(number, column.header, "", "missing required value"))
            continue
        values[column.field] = _blank_default(spec.model, column.field, value)
        headers[column.field] = column.header
    if spec.resolve and not result.errors:
        try:
            values.update(spec.resolve(helpers))
        except ResolveError as error:
            result.errors.append(RowError(number, error.header, show_value(error.value), error.reason))
    if result.errors:
        return result

    key = tuple(_key_part(values.get(name)) for name in spec.key)
    if key in seen:
        result.errors.append(RowError(number, "", "", f"duplicate: the same record as row {seen[key]}"))
        return result
    seen[key] = number

    matches = _existing(spec, values)
    if len(matches) > 1:
        result.errors.append(RowError(
            number, "", "", f"matches more than one existing {spec.model._meta.verbose_name}: tell them apart first"))
        return result
    creating = not matches
    obj = spec.model() if creating else matches[0]
    for name, value in values.items():
        if not creating:
            old = getattr(obj, name)
            if _same(old, value):
                continue
            result.changes[name] = (old, value)
        setattr(obj, name, value)
    result.action = CREATE if creating else UPDATE if result.changes else UNCHANGED
    result.obj = obj
    if result.action != UNCHANGED:
        try:
            obj.full_clean()
        except ValidationError as error:
            result.action = ERROR
            for name, messages in error.message_dict.items():
                header = "" if name == NON_FIELD_ERRORS else headers.get(name, name)
                value = "" if name == NON_FIELD_ERRORS else show_value(values.get(name, getattr(obj, name, "")))
                result.errors += [RowError(number, header, value, message) for message in messages]
    return result


def _key_part(value):
    if isinstance(value, str):
        return value.strip().lower()
    if isinstance(value, models.Model):
        return (type(value).__name__, value.pk)
    return value


def _existing(spec, values):
    lookup = {}
    for name in spec.key:
        value = values.get(name)
        if value in (None, ""):
            model_field = spec.model._meta.get_field(name)
            if model_field.null:
                lookup[f"{name}__isnull"] = True
            elif isinstance(model_field, (models.CharField, models.TextField)):
                lookup[name] = ""
            else:
                return []  # a key field without a value matches nothing; full_clean reports it
        elif isinstance(value, str):
            lookup[f"{name}__iexact"] = value.strip()
        else:
            lookup[name] = value
    return list(spec.model.objects.filter(**lookup)[:2])


def _blank_default(model, name, value):
    """An empty cell in a column whose field must have a value means the field's default (as a new form)."""
    model_field = model._meta.get_field(name)
    if value in (None, "") and not model_field.null and not model_field.blank and model_field.has_default():
        return model_field.get_default()
    if value is None and not model_field.null and model_field.has_default():
        return model_field.get_default()
    return value


def _same(old, new):
    if isinstance(old, models.Model) or isinstance(new, models.Model):
        return getattr(old, "pk", None) == getattr(new, "pk", None)
    if old in (None, "") and new in (None, ""):
        return True
    return old == new
