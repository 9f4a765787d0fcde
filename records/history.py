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
            entry.changes = _changes(model, previous, record, names)
        entries.append(entry)
        previous = record
    return list(reversed(entries))


@dataclass
class ChangesSince:
    """What happened to a record after one version of it: who saved it since, when, and the net changes."""

    entries: list  # HistoryEntry, oldest first, without their own changes
    changes: list  # Change, from the given version to the latest, limited to `fields` when given
    latest_id: int  # the latest history row: the version a form reloaded now would carry


def changes_since(obj, history_id, *, fields=None):
    """The history rows after `history_id` (one query, plus one per related model named), or None when
    there are none. `changes` is the net difference from that version to the latest; with no such
    version (the record had no history then) it is empty."""
    records = list(obj.history.select_related("history_user").filter(history_id__gte=history_id)
                   .order_by("history_date", "history_id"))
    base = records[0] if records and records[0].history_id == history_id else None
    after = [record for record in records if record is not base]
    if not after:
        return None
    names = _related_names(type(obj), [base, after[-1]] if base else after[-1:])
    changes = _changes(type(obj), base, after[-1], names, fields) if base else []
    entries = [HistoryEntry(record.history_date, record.history_user, KINDS.get(record.history_type, "?"),
                            record.history_change_reason or "") for record in after]
    return ChangesSince(entries, changes, after[-1].history_id)


def _changes(model, old, new, names, fields=None):
    included = None if fields is None else {f.name for f in old.tracked_fields if f.editable} & set(fields)
    delta = new.diff_against(old, excluded_fields=HIDDEN, included_fields=included)
    result = []
    for change in delta.changes:
        field_ = model._meta.get_field(change.field)
        result.append(Change(sentence_case(field_.verbose_name), _show(field_, change.old, names, old),
                             _show(field_, change.new, names, new)))
    return result


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
