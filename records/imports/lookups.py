"""Columns that name another record: a household by reference, a child by reference, staff by name or email.

Each finder is a cell parser (see columns.py); `auto()` builds plain columns from the model fields.
"""

from django.db import models
from django.db.models.functions import Concat

from records.imports.columns import (
    CellError, Col, choice, choice_list, parse_bool, parse_date, parse_int, parse_time, text,
)
from records.models import Household, Resident, StaffMember


def find_household(raw):
    reference = text(raw)
    if not reference:
        return None
    household = Household.objects.filter(reference__iexact=reference).first()
    if household is None:
        raise CellError("unknown household: no household has this reference")
    return household


def find_resident(raw):
    reference = text(raw)
    if not reference:
        return None
    resident = Resident.objects.filter(reference__iexact=reference).first()
    if resident is None:
        raise CellError("unknown child: no child has this reference")
    return resident


def find_staff(raw):
    """A member of staff by email, or by first and last name when the name is unique."""
    value = text(raw)
    if not value:
        return None
    if "@" in value:
        found = list(StaffMember.objects.filter(email__iexact=value)[:2])
    else:
        named = StaffMember.objects.annotate(full=Concat("first_name", models.Value(" "), "last_name"))
        found = list(named.filter(full__iexact=" ".join(value.split()))[:2])
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
