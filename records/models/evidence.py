"""Evidence: an uploaded document that proves a record (a DBS certificate, a medical report...).

The file is the proof; the record carries the fact. Verifying a DBS certificate, a medical or a
reference records (or confirms) the matching `Check`, and a training certificate its
`TrainingRecord`, so the compliance rules read one source of truth and the renewal clock runs
from the document's issue date. New versions supersede old ones; nothing is deleted.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse

from records.files import PrivateUploadPath
from records.models.base import TrackedModel


class EvidenceKind(models.TextChoices):
    DBS_CERTIFICATE = "dbs_certificate", "DBS certificate"
    MEDICAL_REPORT = "medical_report", "Medical report"
    REFERENCE = "reference", "Reference"
    TRAINING_CERTIFICATE = "training_certificate", "Training certificate"
    INSURANCE = "insurance", "Insurance certificate"
    SAFETY_CHECK = "safety_check", "Pet or home safety check"
    REVIEW_REPORT = "review_report", "Review report"
    PANEL_PAPER = "panel_paper", "Panel paper"
    OTHER = "other", "Other"


class Evidence(TrackedModel):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be checked"
        VERIFIED = "verified", "Verified"
        REJECTED = "rejected", "Rejected"

    file = models.FileField(upload_to=PrivateUploadPath("evidence"))
    original_filename = models.CharField(max_length=255, help_text="The name it was uploaded with (data only).")
    content_type = models.CharField(max_length=100, help_text="Decided from the file's content.")
    size = models.PositiveIntegerField(help_text="Bytes.")
    kind = models.CharField(max_length=24, choices=EvidenceKind.choices)
    title = models.CharField(max_length=160, blank=True, help_text="A short description, if the type is not enough.")

    # The record it supports: exactly one person, child, placement or panel member, or the household itself.
    # `household` is always set for anything in a household, so a carer's scope is one filter.
    household = models.ForeignKey("records.Household", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="evidence")
    carer = models.ForeignKey("records.Carer", null=True, blank=True, on_delete=models.PROTECT, related_name="evidence")
    household_member = models.ForeignKey("records.HouseholdMember", null=True, blank=True, on_delete=models.PROTECT,
                                         related_name="evidence")
    resident = models.ForeignKey("records.Resident", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="evidence")
    placement = models.ForeignKey("records.Placement", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="evidence")
    staff_member = models.ForeignKey("records.StaffMember", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="evidence")
    panel_member = models.ForeignKey("panels.PanelMember", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="evidence")
    clauses = models.ManyToManyField("compliance.Clause", blank=True, related_name="+",
                                     help_text="The regulations and standards it evidences.")

    issued_on = models.DateField(null=True, blank=True, help_text="The date on the document (not the upload date).")
    expires_on = models.DateField(null=True, blank=True)

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, editable=False,
                                    on_delete=models.SET_NULL, related_name="+")
    verified_at = models.DateTimeField(null=True, blank=True, editable=False)
    rejection_reason = models.TextField(blank=True)
    # The record verification created or confirmed, so the rules see the fact the document proves.
    check_record = models.ForeignKey("records.Check", null=True, blank=True, editable=False,
                                     on_delete=models.SET_NULL, related_name="evidence")
    training_record = models.ForeignKey("records.TrainingRecord", null=True, blank=True, editable=False,
                                        on_delete=models.SET_NULL, related_name="evidence")

    # Versions: a new upload for the same thing supersedes the old one, which is kept.
    supersedes = models.OneToOneField("self", null=True, blank=True, editable=False, on_delete=models.PROTECT,
                                      related_name="superseded_by")
    is_current = models.BooleanField(default=True, editable=False, db_index=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name_plural = "evidence"
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.original_filename}"

    def get_absolute_url(self):
        return reverse("records:evidence_detail", args=[self.pk])


class ChangeRequest(TrackedModel):
    """A carer's change to a fact the agency relies on, waiting for the supervising social worker."""

    class Action(models.TextChoices):
        CREATE = "create", "Add"
        UPDATE = "update", "Change"
        DELETE = "delete", "Remove"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a decision"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    household = models.ForeignKey("records.Household", on_delete=models.CASCADE, related_name="change_requests")
    target_model = models.CharField(max_length=60, help_text="The model label, e.g. records.householdmember.")
    target_id = models.PositiveBigIntegerField(null=True, blank=True, help_text="Blank when adding a record.")
    action = models.CharField(max_length=10, choices=Action.choices)
    changes = models.JSONField(default=dict, help_text='{"field": {"old": ..., "new": ...}}')
    reason = models.TextField(blank=True, help_text="What the carer says about it.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, editable=False,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    decision_note = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.get_action_display()} {self.target_model} ({self.get_status_display()})"
