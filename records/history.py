"""Readable change history (who changed what, when, old -> new) from django-simple-history."""

from dataclasses import dataclass, field

from records.display import format_value, sentence_case

KINDS = {"+": "Created", "~": "Changed", "-": "Deleted"}
HIDDEN = {"created_at", "updated_at", "created_by", "updated_by"}


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: object
    who: object
    kind: str
    reason: str
    changes: list = field(default_factory=list)


def history_entries(obj, limit=200):
    """Newest first. Foreign keys are shown by name, choices by label."""
    records = list(obj.history.select_related("history_user").order_by("history_date", "history_id")[:limit])
    model = type(obj)
    names = _related_names(model, records)
    entries = []
    previous = None
    for record in records:
        entry = HistoryEntry(record.history_date, record.history_user, KINDS.get(record.history_type, "?"),
                             record.history_change_reason or "")
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous, excluded_fields=HIDDEN)
            for change in delta.changes:
                field_ = model._meta.get_field(change.field)
                entry.changes.append(Change(
                    sentence_case(field_.verbose_name),
                    _show(field_, change.old, names, previous),
                    _show(field_, change.new, names, record),
                ))
        entries.append(entry)
        previous = record
    return list(reversed(entries))


def _related_names(model, records):
    """One query per related model to name every foreign key value seen in the history."""
    wanted = {}
    for field_ in model._meta.concrete_fields:
        if field_.is_relation and field_.name not in HIDDEN:
            ids = {getattr(r, field_.attname) for r in records} - {None}
            if ids:
                wanted[field_.name] = (field_.related_model, ids)
    names = {}
    for name, (related, ids) in wanted.items():
        names[name] = {obj.pk: str(obj) for obj in related._base_manager.filter(pk__in=ids)}
    return names


def _show(field_, value, names, record):
    if field_.is_relation:
        return names.get(field_.name, {}).get(value, "—" if value is None else f"#{value}")
    if field_.choices:
        return dict(field_.choices).get(value, value or "—")
    if field_.name == "placement_types" and isinstance(value, list):
        return format_value(record.instance.get_placement_types_display() if value else None)
    return format_value(value)
