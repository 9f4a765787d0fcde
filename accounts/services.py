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


def user_two_step_reset(*, user, by, path="") -> int:
    """A manager removes `user`'s second factor (a lost phone): they must enrol again. Logged as RESET_2FA."""
    from accounts.two_factor import two_step_reset

    count = two_step_reset(user=user)
    access_log_record(user=by, action=AccessLog.Action.RESET_2FA, obj=user, path=path)
    return count


def user_unlock(*, user, by, path="") -> int:
    """A manager clears `user`'s failed sign-ins (django-axes) so the lock-out ends now. Logged as UNLOCK."""
    from axes.utils import reset

    count = reset(username=user.get_username())
    access_log_record(user=by, action=AccessLog.Action.UNLOCK, obj=user, path=path)
    return count


def address_unlock(*, ip_address, by, path="") -> int:
    """A manager clears the failed sign-ins from one address (a shared office locked by someone's mistakes)."""
    from axes.utils import reset

    count = reset(ip=ip_address)
    access_log_record(user=by, action=AccessLog.Action.UNLOCK, object_kind="axes.ip_address", object_id=ip_address,
                      label=f"sign-ins from {ip_address}", path=path)
    return count
