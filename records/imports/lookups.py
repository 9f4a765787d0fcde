"""Columns that name another record: a household by reference, a child by reference, staff by name or email.

Each finder is a cell parser (see columns.py); `auto()` builds plain columns from the model fields.
A file names the same households and people over and over, so while a file is planned the finders
read each table once (`file_lookups()`) instead of querying for every row.
"""

from collections import defaultdict
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import models

from records.imports.columns import (
    CellError, Col, choice, choice_list, parse_bool, parse_date, parse_int, parse_time, text,
)
from records.models import Household, Resident, StaffMember


def _folded(value) -> str:
    return " ".join(str(value).split()).lower()


class Lookups:
    """The records a file may name, each table read on first use and then indexed in memory."""

    def __init__(self):
        self._tables = {}

    def _table(self, name, build):
        if name not in self._tables:
            self._tables[name] = build()
        return self._tables[name]

    def household(self, reference):
        return self._table("households", lambda: _first_by(Household.objects.order_by("-pk"), "reference")).get(
            _folded(reference))

    def resident(self, reference):
        return self._table("residents", lambda: _first_by(Resident.objects.order_by("-pk"), "reference")).get(
            _folded(reference))

    def staff(self, value) -> list:
        """Staff whose email (if value has an @) or whose "first last" name is `value`, ignoring case."""
        def build():
            index = defaultdict(list)
            for staff in StaffMember.objects.order_by("pk"):
                if staff.email:
                    index[_folded(staff.email)].append(staff)
                index[_folded(f"{staff.first_name} {staff.last_name}")].append(staff)
            return index
        return self._table("staff", build).get(_folded(value), [])

    def people(self, model, household) -> list:
        """The household's carers or members (`model`), each with its household already attached."""
        def build():
            index = defaultdict(list)
            for person in model.objects.order_by("pk"):
                index[person.household_id].append(person)
            return index
        people = self._table(("people", model), build).get(household.pk, [])
        for person in people:
            person.household = household
        return people


def _first_by(queryset, name):
    """{folded value of `name`: record}; where two share a value the earliest wins (they are read newest first)."""
    return {_folded(getattr(obj, name)): obj for obj in queryset}


_active = ContextVar("import_lookups", default=None)


@contextmanager
def file_lookups():
    """Within this block the finders share one Lookups, so each table is read once for the whole file."""
    token = _active.set(Lookups())
    try:
        yield
    finally:
        _active.reset(token)


def lookups() -> Lookups:
    return _active.get() or Lookups()


def find_household(raw):
    reference = text(raw)
    if not reference:
        return None
    household = lookups().household(reference)
    if household is None:
        raise CellError("unknown household: no household has this reference")
    return household


def find_resident(raw):
    reference = text(raw)
    if not reference:
        return None
    resident = lookups().resident(reference)
    if resident is None:
        raise CellError("unknown child: no child has this reference")
    return resident


def find_staff(raw):
    """A member of staff by email, or by first and last name when the name is unique."""
    value = text(raw)
    if not value:
        return None
    found = lookups().staff(value)
    if not found:
        raise CellError("unknown member of staff: give their name as recorded, or their email")
    if len(found) > 1:
        raise CellError("more than one member of staff matches: give their email instead")
    return found[0]


def show_staff(staff):
    return "" if staff is None else (staff.email or staff.full_name)


def show_reference(obj):
    return "" if obj is None else obj.reference


def header_for(model, name):
    label = str(model._meta.get_field(name).verbose_name)
    return label[:1].upper() + label[1:]


def auto(model, *names, required=(), examples=None):
    """Plain columns for model fields, headed with the field's label and read by the field's type."""
    examples = examples or {}
    columns = []
    for name in names:
        model_field = model._meta.get_field(name)
        if isinstance(model_field, models.JSONField):  # Household.placement_types: a list of choices
            from records.choices import PlacementType
            parse = choice_list(PlacementType)
        elif model_field.choices:
            parse = choice(model_field.choices)
        elif isinstance(model_field, models.TimeField):
            parse = parse_time
        elif isinstance(model_field, models.DateField):
            parse = parse_date
        elif isinstance(model_field, models.BooleanField):
            parse = parse_bool
        elif isinstance(model_field, models.IntegerField):
            parse = parse_int
        else:
            parse = text
        columns.append(Col(header_for(model, name), name, parse, required=name in required,
                           example=examples.get(name, "")))
    return tuple(columns)
