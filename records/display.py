"""Turn model values into what a person reads on a page."""

from datetime import date, datetime

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format


def resolve(obj, accessor):
    """Follow a dotted path (e.g. "placement.resident"); returns (owner, field name, value)."""
    *path, name = accessor.split(".")
    for part in path:
        obj = getattr(obj, part, None)
        if obj is None:
            return None, name, None
    return obj, name, getattr(obj, name, None)


def model_field(model, name):
    try:
        return model._meta.get_field(name)
    except Exception:
        return None


def format_value(value, field=None, owner=None):
    if field is not None and getattr(field, "choices", None) and owner is not None and not field.is_relation:
        return getattr(owner, f"get_{field.name}_display")()
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "j M Y, H:i")
    if isinstance(value, date):
        return date_format(value, "j M Y")
    if isinstance(value, list) and owner is not None and hasattr(owner, f"get_{field.name}_display"):
        return getattr(owner, f"get_{field.name}_display")() or "—"
    return str(value)


def display(obj, accessor):
    owner, name, value = resolve(obj, accessor)
    if owner is None:
        return "—"
    field = model_field(type(owner), name)
    return format_value(value, field, owner)


def sentence_case(text):
    """First letter up, the rest as written: "DBS checked" stays, not "Dbs checked"."""
    text = str(text)
    return text[:1].upper() + text[1:]


def label_for(model, accessor, label=""):
    if label:
        return label
    *path, name = accessor.split(".")
    for part in path:
        model = model._meta.get_field(part).related_model
    field = model_field(model, name)
    if field is not None and hasattr(field, "verbose_name"):
        return sentence_case(field.verbose_name)
    return name.replace("_", " ").capitalize()


def link_target(obj, accessor):
    """The linked record for FK columns, so a list can link to it."""
    owner, name, value = resolve(obj, accessor)
    if isinstance(value, models.Model) and hasattr(value, "get_absolute_url"):
        return value
    return None
