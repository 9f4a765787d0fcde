"""Compliance runs (background work the manager can watch) and the gaps they find."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from compliance.engine import State
from compliance.registry import Area, Severity


class ComplianceRun(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Finished"
        FAILED = "failed", "Failed"

    class Trigger(models.TextChoices):
        NIGHTLY = "nightly", "Nightly"
        MANUAL = "manual", "Recheck now"
        RECORD_SAVED = "record_saved", "A record changed"
        NOTICE = "notice", "Inspection notice"
        COMMAND = "command", "Command line"

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    trigger = models.CharField(max_length=16, choices=Trigger.choices, default=Trigger.MANUAL)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    as_of = models.DateField()
    # Null: the whole agency; otherwise the households rechecked after an edit.
    household_ids = models.JSONField(null=True, blank=True)
    queued_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    query_count = models.PositiveIntegerField(null=True, blank=True)
    # {"critical": 3, "high": 10, ...} open gaps after the run (whole-agency runs only)
    counts = models.JSONField(default=dict, blank=True)
    # {"carers": [met, applicable], ...}
    readiness = models.JSONField(default=dict, blank=True)
    opened = models.PositiveIntegerField(default=0)
    resolved = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-queued_at"]
        indexes = [models.Index(fields=["status", "-finished_at"])]

    def __str__(self):
        return f"Compliance run #{self.pk} ({self.get_status_display()})"

    @property
    def whole_agency(self):
        return self.household_ids is None

    @property
    def readiness_percent(self):
        met = sum(pair[0] for pair in self.readiness.values())
        applicable = sum(pair[1] for pair in self.readiness.values())
        return round(100 * met / applicable) if applicable else None


class Gap(models.Model):
    """A duty a record shows is missing, overdue or falling due. Kept across runs: open -> resolved."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        RESOLVED = "resolved", "Resolved"

    key = models.CharField(max_length=200, unique=True, help_text="rule|subject|detail key; stable across runs")
    rule_id = models.CharField(max_length=20, db_index=True)
    severity = models.CharField(max_length=10, choices=Severity.CHOICES)
    area = models.CharField(max_length=10, choices=Area.CHOICES)
    clause_ids = models.JSONField(default=list)
    subject_kind = models.CharField(max_length=30)
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject_label = models.CharField(max_length=200)
    subject_url = models.CharField(max_length=200, blank=True)
    household = models.ForeignKey("records.Household", null=True, blank=True, on_delete=models.CASCADE,
                                  related_name="gaps")
    social_worker = models.ForeignKey("records.StaffMember", null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")
    state = models.CharField(max_length=10, choices=State.CHOICES)
    due_date = models.DateField(null=True, blank=True)
    detail = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    first_seen_at = models.DateTimeField()
    last_seen_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)
    last_run = models.ForeignKey(ComplianceRun, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["due_date", "rule_id"]
        indexes = [
            models.Index(fields=["status", "severity"]),
            models.Index(fields=["status", "household"]),
            models.Index(fields=["status", "due_date"]),
        ]

    def __str__(self):
        return f"{self.rule_id}: {self.subject_label}"

    def get_absolute_url(self):
        return reverse("compliance:gap_detail", args=[self.pk])
