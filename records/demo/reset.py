"""Finding and removing a previous demo agency."""

from collections import defaultdict

from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.test.utils import override_settings

from accounts.models import User
from compliance.models import AgencyPolicy, ComplianceRun, Gap
from panels.demo import PANEL_MODELS, panels_reset
from records.demo.logins import USERNAMES
from records.demo.save import MODEL_ORDER


def demo_exists() -> bool:
    """Any records or any demo login: seeding again would mix two agencies."""
    return User.objects.filter(username__in=USERNAMES).exists() or any(
        model.objects.exists() for model in [*MODEL_ORDER, *PANEL_MODELS])


def demo_reset():
    """Delete every panel and records-app record, its history, the compliance runs, gaps and policy, and the
    demo logins.

    Only for a demo database: this is the whole register, not just what the seed created.
    Panel records go first (their decisions protect households and logins), then children before
    parents because several links are PROTECT; history is switched off while deleting (no point
    recording the removal of records whose history is removed next), and so is the compliance
    recheck that deleting records would queue (the seed stores a run of its own).
    """
    with transaction.atomic(), override_settings(SIMPLE_HISTORY_ENABLED=False, COMPLIANCE_RECHECK_ON_SAVE=False):
        Gap.objects.all().delete()
        ComplianceRun.objects.all().delete()
        AgencyPolicy.objects.all().delete()  # back to the defaults; the seed sets the demo's own
        AgencyPolicy.history.all().delete()
        panels_reset()
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
