"""Two people saving the same record must not silently overwrite each other (optimistic concurrency).

An edit form remembers the version of the record it was loaded from: a hidden field holding the id of
the record's latest change-history row (django-simple-history). When it is posted, the row is locked
(SELECT ... FOR UPDATE) and, if since then someone else changed a field this form edits, the form gets
an error saying who changed what, nothing is saved, and the hidden field is moved on to the latest
version, so pressing Save again keeps the user's values deliberately.

To use it: build the form from versioned(FormClass) (or put VersionedFormMixin first in its bases) and
validate and save inside one transaction (@transaction.atomic on the view), so the lock is held until
the save. Changes by others to fields the form does not edit are no conflict: the save cannot undo
them. A post without the hidden field (an old page, a script, a test) is saved as before.
"""

from functools import cache
from types import new_class

from django import forms
from django.utils import timezone

from records.history import changes_since

FIELD = "loaded_version"


def changed_since(obj, loaded: int, *, fields):
    """What someone else changed in `fields` of `obj` since version `loaded` (a ChangesSince), or None.

    Locks the row until the caller's transaction ends, so nobody saves between this check and the save.
    """
    list(type(obj)._base_manager.select_for_update().filter(pk=obj.pk).values_list("pk", flat=True))
    since = changes_since(obj, loaded, fields=fields)
    if since is None or (not since.changes and loaded):
        return None
    return since


def refuse_save(form, token, since):
    """Stop `form` saving: an error saying who changed what, and its `token` moved on to the latest
    version so that saving again keeps the user's values deliberately."""
    form.edit_conflict = since
    form.add_error(None, conflict_message(since))
    data = form.data.copy()
    data[form.add_prefix(token)] = str(since.latest_id)
    form.data = data


class VersionField(forms.CharField):
    widget = forms.HiddenInput

    def has_changed(self, initial, data):
        return False  # bookkeeping, not a change to the record ("Nothing was changed" still works)


def latest_version(obj) -> int:
    """The id of `obj`'s latest history row (0 when it has none)."""
    return obj.history.order_by("-history_id").values_list("history_id", flat=True).first() or 0


def conflict_message(since) -> str:
    names = list(dict.fromkeys(str(entry.who) if entry.who else "someone" for entry in since.entries))
    when = timezone.localtime(since.entries[-1].when)
    changes = "; ".join(f"{change.label}: {change.old} → {change.new}" for change in since.changes)
    return (f"Someone else saved this record while you were editing: {', '.join(names)} at "
            f"{when:%H:%M on %d %b %Y}. "
            + (f"Their changes: {changes}. " if changes else "")
            + "Your values are kept below: check them against theirs and save again.")


class VersionedFormMixin:
    """For ModelForms editing a saved instance; put it first in the bases (versioned() does)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.edit_conflict = None  # the ChangesSince that stopped the save, for templates and tests
        if self.instance.pk is None:
            return
        # A bound form keeps the posted token; only a fresh form looks the version up.
        self.fields[FIELD] = VersionField(required=False,
                                          initial=None if self.is_bound else latest_version(self.instance))
        helper = getattr(self, "helper", None)
        if helper is not None and helper.layout is not None:
            helper.layout.append(FIELD)
        if helper is not None and not helper.form_tag and not helper.inputs:
            # Every edit page prints non-field errors above the form; crispy would print them again.
            helper.template = "records/_versioned_form.html"

    def clean(self):
        cleaned_data = super().clean()
        # Never pass the token on: views hand cleaned_data to services as keyword arguments.
        loaded = self.cleaned_data.pop(FIELD, None) or ""
        if cleaned_data is not None:
            cleaned_data.pop(FIELD, None)
        fields = [name for name in self.fields if name != FIELD]
        if loaded.isdigit() and (since := changed_since(self.instance, int(loaded), fields=fields)):
            refuse_save(self, FIELD, since)
        return cleaned_data


class SeveralRecordsVersionMixin:
    """For a plain Form that edits fields of several records at once (the carer portal's contact details).

    `versioned_records()` returns {token field name: (record, [the record's fields the form sets])}.
    Each record gets a hidden token; clean() refuses the save, as VersionedFormMixin does, if someone else
    changed one of those fields since the form was loaded. Validate inside a transaction (the rows are
    locked until it ends).
    """

    def versioned_records(self) -> dict:
        raise NotImplementedError

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.edit_conflict = None
        for token, (obj, _model_fields) in self.versioned_records().items():
            self.fields[token] = VersionField(required=False, initial=None if self.is_bound else latest_version(obj))

    def clean(self):
        cleaned_data = super().clean()
        for token, (obj, fields) in self.versioned_records().items():
            loaded = self.cleaned_data.pop(token, None) or ""
            if loaded.isdigit() and (since := changed_since(obj, int(loaded), fields=fields)):
                refuse_save(self, token, since)
        return cleaned_data


@cache
def versioned(form_class):
    """`form_class` with VersionedFormMixin in front (one class per form class)."""
    cls = new_class(form_class.__name__, (VersionedFormMixin, form_class))
    cls.__module__, cls.__qualname__ = form_class.__module__, form_class.__qualname__
    return cls
