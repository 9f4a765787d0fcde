"""The dry run: what importing a file would do, row by row, without writing anything.

Each row is matched to an existing record on the type's natural key (see types.py) and becomes a
create, an update (listing the fields that change), unchanged, or a list of errors naming the
row (as the spreadsheet numbers it, header = row 1), the column, the value and the reason.
Records are checked as full_clean() checks them, the same validation the forms use (see full_check).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import Q

from records.imports.columns import CellError, ResolveError, Spec, show_value
from records.imports.lookups import file_lookups
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
        with file_lookups():
            headers, rows = read_table(upload, name=filename)
            columns = _columns(plan, headers)
            if any(error.reason == MISSING_COLUMN for error in plan.file_errors):
                return plan  # every row would fail the same way
            parsed = [_parse_row(spec, columns, number, cells) for number, cells in rows]
            existing = ExistingRecords(spec, [row.values for row in parsed if not row.errors])
            seen = {}
            plan.rows = [_row_plan(spec, row, existing, seen) for row in parsed]
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


@dataclass
class _ParsedRow:
    row: int
    values: dict = field(default_factory=dict)  # model field -> value
    headers: dict = field(default_factory=dict)  # model field -> the column it came from
    errors: list = field(default_factory=list)


def _parse_row(spec, columns, number, cells) -> _ParsedRow:
    parsed, helpers = _ParsedRow(row=number), {}
    for column, raw in zip(columns, cells):
        if column is None:
            continue
        try:
            value = column.parse(raw)
        except CellError as error:
            parsed.errors.append(RowError(number, column.header, show_value(raw), str(error)))
            continue
        if column.field is None:
            helpers[column.header] = value
            continue
        if column.required and value in (None, "", []):
            parsed.errors.append(RowError(number, column.header, "", "missing required value"))
            continue
        parsed.values[column.field] = _blank_default(spec.model, column.field, value)
        parsed.headers[column.field] = column.header
    if spec.resolve and not parsed.errors:
        try:
            parsed.values.update(spec.resolve(helpers))
        except ResolveError as error:
            parsed.errors.append(RowError(number, error.header, show_value(error.value), error.reason))
    return parsed


def _row_plan(spec, parsed, existing, seen) -> RowPlan:
    number, values = parsed.row, parsed.values
    result = RowPlan(row=number, action=ERROR, errors=parsed.errors)
    if result.errors:
        return result

    key = natural_key(spec, values)
    if key in seen:
        result.errors.append(RowError(number, "", "", f"duplicate: the same record as row {seen[key]}"))
        return result
    seen[key] = number

    matches = existing.matching(key)
    if len(matches) > 1:
        result.errors.append(RowError(
            number, "", "", f"matches more than one existing {spec.model._meta.verbose_name}: tell them apart first"))
        return result
    creating = not matches
    obj = spec.model() if creating else matches[0]
    for name, value in values.items():
        if not creating and _unchanged(obj, name, value):
            continue
        if not creating:
            result.changes[name] = (getattr(obj, name), value)
        setattr(obj, name, value)
    result.action = CREATE if creating else UPDATE if result.changes else UNCHANGED
    result.obj = obj
    if result.action != UNCHANGED:
        # The related records in the row were read from the database moments ago: don't look each up again.
        read = {name for name, value in values.items() if isinstance(value, models.Model) and value.pk}
        try:
            full_check(obj, related_read=read)
        except ValidationError as error:
            result.action = ERROR
            for name, messages in error.message_dict.items():
                header = "" if name == NON_FIELD_ERRORS else parsed.headers.get(name, name)
                value = "" if name == NON_FIELD_ERRORS else show_value(values.get(name, getattr(obj, name, "")))
                result.errors += [RowError(number, header, value, message) for message in messages]
    return result


def full_check(obj, *, related_read=()):
    """obj.full_clean(), except that the foreign keys named in `related_read` are not checked to exist."""
    errors = {}
    try:
        obj.clean_fields(exclude=set(related_read))
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    try:
        obj.clean()
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    failed = set(errors) - {NON_FIELD_ERRORS}  # as full_clean: no uniqueness check on a field already wrong
    for check in (obj.validate_unique, obj.validate_constraints):
        try:
            check(exclude=failed)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def natural_key(spec, values) -> tuple:
    """The row's key fields, compared as the database lookups would: text ignoring case and outer spaces,
    related records by primary key, and an empty cell the same as no value."""
    return tuple(_key_part(spec.model._meta.get_field(name), values.get(name)) for name in spec.key)


def _key_part(model_field, value):
    if isinstance(value, models.Model):
        value = value.pk
    elif isinstance(value, str):
        value = value.strip().lower()
    return None if value in ("", None) else value


class ExistingRecords:
    """The records of the type that the file's rows could match, read in one query and indexed by natural key.

    When the key names related records (a carer, a household) only the records of those the file
    names are read; otherwise (a reference, a name) the whole table, which is small.
    """

    def __init__(self, spec, rows_values):
        meta = spec.model._meta
        self.fields = [meta.get_field(name) for name in spec.key]
        related = [model_field for model_field in self.fields if model_field.is_relation]
        queryset = spec.model.objects.all()
        if related:
            wanted = Q(pk__in=[])
            for model_field in related:
                pks = {values[model_field.name].pk for values in rows_values if values.get(model_field.name)}
                wanted |= Q(**{f"{model_field.attname}__in": pks})
            if any(not values.get(model_field.name) for values in rows_values for model_field in related):
                wanted |= Q(**{f"{model_field.attname}__isnull": True for model_field in related})
            queryset = queryset.filter(wanted)
        self.by_key = defaultdict(list)
        for obj in queryset.order_by("pk"):
            key = tuple(_key_part(model_field, getattr(obj, model_field.attname)) for model_field in self.fields)
            self.by_key[key].append(obj)

    def matching(self, key) -> list:
        return self.by_key.get(key, [])


def _blank_default(model, name, value):
    """An empty cell in a column whose field must have a value means the field's default (as a new form)."""
    model_field = model._meta.get_field(name)
    if value in (None, "") and not model_field.null and not model_field.blank and model_field.has_default():
        return model_field.get_default()
    if value is None and not model_field.null and model_field.has_default():
        return model_field.get_default()
    return value


def _unchanged(obj, name, new):
    model_field = obj._meta.get_field(name)
    if model_field.is_relation:  # compare keys: reading the old related record would cost a query per row
        return getattr(obj, model_field.attname) == getattr(new, "pk", None)
    old = getattr(obj, name)
    if old in (None, "") and new in (None, ""):
        return True
    return old == new
