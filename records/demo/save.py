"""Writing a planned agency: bulk inserts with history, parents before children."""

import time

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from accounts.models import User
from records.models import (
    AgencyReview, Allegation, AllowanceRate, ApprovalReview, Carer, Check, Complaint, Household, HouseholdMember,
    InspectionReport, JournalEntry, ManagerRegistration, MissingEpisode, Notification, Placement, RegistrationNotice,
    Resident, StaffMember, StaffSupervision, SupervisionVisit, TrainingRecord, UnannouncedVisit,
)

# Insertion order: every model after the models it points at.
MODEL_ORDER = [
    StaffMember, ManagerRegistration, Household, Carer, HouseholdMember, Resident, Placement, Check, TrainingRecord,
    SupervisionVisit, UnannouncedVisit, ApprovalReview, StaffSupervision, JournalEntry, MissingEpisode, Complaint,
    Allegation, Notification, AgencyReview, RegistrationNotice, InspectionReport, AllowanceRate,
]
BATCH_SIZE = 2000


def plan_save(*, records: dict, user: User, validate: bool, progress=None) -> dict[str, int]:
    """Insert every planned record attributed to `user`; return counts per model.

    `progress(step, count, seconds)`, if given, is called after each model is written.

    With `validate`, every saved record then goes through full_clean() inside the same
    transaction, so one invalid record rolls the whole agency back. Validating after the insert
    also catches duplicates within one batch, which checking before it would miss.
    """
    counts = {}
    with transaction.atomic():
        for model in MODEL_ORDER:
            started = time.monotonic()
            instances = records.get(model, [])
            for instance in instances:
                instance.created_by = instance.updated_by = user
            bulk_create_with_history(instances, model, batch_size=BATCH_SIZE, default_user=user,
                                     default_change_reason="Demo agency")
            counts[model.__name__] = len(instances)
            if progress:
                progress(model.__name__, len(instances), time.monotonic() - started)
        if validate:
            started = time.monotonic()
            for model in MODEL_ORDER:
                # As a form would: fields users cannot edit (who saved it, copied links) are set by code.
                fixed = [field.name for field in model._meta.concrete_fields if not field.editable]
                for instance in records.get(model, []):
                    instance.full_clean(exclude=fixed)
            if progress:
                progress("full_clean()", sum(counts.values()), time.monotonic() - started)
    return counts
