"""Recheck the households whose records change (COMPLIANCE_RECHECK_ON_SAVE), once the change commits.

Every records model is watched (but evidence and change requests, which no rule reads): a record with a `household` link rechecks that household, one
linked to a placement (journal entries, missing episodes) or a child the households concerned;
staff and agency records, and anything linked to no household, recheck the whole agency.
Changes made in one transaction join one batch, sent when it commits (and dropped if it rolls
back), so deleting or saving thousands of rows queues one recheck and no query per row.
Fixture loading (raw saves) is ignored; seed_demo's bulk inserts send no signals at all.
"""

import logging

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from simple_history.models import HistoricalChanges

WATCHED_APPS = ("records",)
# Records no rule reads: an upload waiting in the inbox or a carer's pending request changes no duty.
# What they lead to (the Check or training record verification writes, the approved member) is watched.
UNWATCHED_MODELS = {"records.evidence", "records.changerequest"}
logger = logging.getLogger(__name__)


def connect():
    """Called from ComplianceConfig.ready()."""
    for app_label in WATCHED_APPS:
        for model in apps.get_app_config(app_label).get_models():
            if issubclass(model, HistoricalChanges) or model._meta.label_lower in UNWATCHED_MODELS:
                continue
            uid = f"compliance-recheck-{model._meta.label_lower}"
            post_save.connect(record_saved, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(record_deleted, sender=model, dispatch_uid=f"{uid}-delete")


def record_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        record_changed(instance)


def record_deleted(sender, instance, **kwargs):
    record_changed(instance)


def record_changed(instance):
    if not settings.COMPLIANCE_RECHECK_ON_SAVE:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:  # autocommit: the change is already committed
        batch = RecheckBatch()
        batch.add(instance)
        _Send(batch)()
        return
    batch = RecheckBatch.pending(connection) or RecheckBatch()
    batch.add(instance)
    # A callback per change, all sharing the batch: whichever runs first sends it.
    transaction.on_commit(_Send(batch))


class RecheckBatch:
    """The records changed in the current transaction."""

    def __init__(self):
        self.households, self.placements, self.residents, self.agency = set(), set(), set(), False
        self.sent = False

    @staticmethod
    def pending(connection):
        """The batch of this transaction's latest change, unless it has already been sent."""
        for _savepoints, callback, _robust in reversed(connection.run_on_commit):
            if isinstance(callback, _Send):
                return None if callback.batch.sent else callback.batch
        return None

    def add(self, instance):
        from records.models import Household, Resident

        if isinstance(instance, Household):
            self.households.add(instance.pk)
        elif isinstance(instance, Resident):
            self.residents.add(instance.pk)
        elif getattr(instance, "household_id", None):
            self.households.add(instance.household_id)
        elif getattr(instance, "placement_id", None):
            self.placements.add(instance.placement_id)
        else:
            self.agency = True

    def send(self):
        from compliance.services import recheck_agency, recheck_households
        from records.models import Placement

        if self.sent:
            return
        self.sent = True
        if self.agency:
            recheck_agency()  # covers every household too
            return
        households = set(self.households)
        if self.placements or self.residents:
            households |= set(Placement.objects.filter(Q(pk__in=self.placements) | Q(resident_id__in=self.residents))
                              .values_list("household_id", flat=True))
        if households:
            recheck_households(households)


class _Send:
    """The on-commit callback. A broker or cache outage is logged: the save has committed and stands."""

    __slots__ = ("batch",)

    def __init__(self, batch):
        self.batch = batch

    def __call__(self):
        try:
            self.batch.send()
        except Exception:
            logger.exception("Could not queue a compliance recheck")
