"""Writes for accounts: the access log."""

from accounts.models import AccessLog


def access_log_record(*, user, action, obj=None, object_kind="", object_id="", label="", path="") -> AccessLog:
    """Note that `user` viewed, downloaded or exported `obj` (or the kind/id given for things that are not rows)."""
    if obj is not None:
        object_kind = object_kind or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        label = label or str(obj)[:200]
    return AccessLog.objects.create(
        user=user if user is not None and user.is_authenticated else None, action=action,
        object_kind=object_kind, object_id=str(object_id), label=label[:200], path=path[:300],
    )
