"""Finding and removing a previous demo agency."""

from collections import defaultdict

from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.test.utils import override_settings

from accounts.models import User
from records.demo.logins import USERNAMES
from records.demo.save import MODEL_ORDER


def demo_exists() -> bool:
    """Any records or any demo login: seeding again would mix two agencies."""
    return User.objects.filter(username__in=USERNAMES).exists() or any(
        model.objects.exists() for model in MODEL_ORDER)


def demo_reset():
    """Delete every records-app record, its history and the demo logins.

    Only for a demo database: this is the whole register, not just what the seed created.
    Children go first because several links are PROTECT; history is switched off while
    deleting (no point recording the removal of records whose history is removed next).
    """
    with transaction.atomic(), override_settings(SIMPLE_HISTORY_ENABLED=False):
        for model in reversed(MODEL_ORDER):
            delete_with_dependents(model.objects.all())
            model.history.all().delete()
        User.objects.filter(username__in=USERNAMES).delete()


def delete_with_dependents(queryset, *, depth: int = 0):
    """Delete `queryset`, first deleting what other apps keep that protects it (e.g. panel items)."""
    try:
        queryset.delete()
    except (ProtectedError, RestrictedError) as error:
        if depth >= 3:
            raise
        blockers = defaultdict(list)
        for blocker in error.args[1]:
            blockers[type(blocker)].append(blocker.pk)
        for model, pks in blockers.items():
            delete_with_dependents(model._default_manager.filter(pk__in=pks), depth=depth + 1)
        queryset.delete()
