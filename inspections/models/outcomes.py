"""What the report asked for: requirements (regulations, with a date) and recommendations (standards),
and the agency's action plan to meet them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from records.models.base import TrackedModel


class Finding(TrackedModel):
    class Kind(models.TextChoices):
        REQUIREMENT = "requirement", "Requirement"
        RECOMMENDATION = "recommendation", "Recommendation"

    inspection = models.ForeignKey("inspections.Inspection", on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(max_length=15, choices=Kind.choices)
    text = models.TextField(help_text="As worded in the report.")
    clause = models.ForeignKey("compliance.Clause", on_delete=models.PROTECT, related_name="+",
                               help_text="The regulation (requirement) or standard (recommendation).")
    due_date = models.DateField(null=True, blank=True, help_text="The compliance date Ofsted set (requirements).")
    met_on = models.DateField(null=True, blank=True, help_text="When the agency met it.")

    class Meta:
        ordering = ["kind", "due_date", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"

    def clean(self):
        if self.kind == self.Kind.REQUIREMENT and self.due_date is None:
            raise ValidationError({"due_date": "A requirement has a compliance date: give the one in the report."})


class Action(TrackedModel):
    """A step in the action plan, with an owner and a status."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="inspection_actions")
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    completed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_date", "pk"]

    def __str__(self):
        return self.description[:60]

    def clean(self):
        if self.status == self.Status.DONE and self.completed_on is None:
            raise ValidationError({"completed_on": "Give the date it was done."})
