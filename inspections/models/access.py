"""An inspector's time-limited, read-only access: the pack, and only the cases they sampled."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from records.models.base import TrackedModel


class InspectorGrant(TrackedModel):
    """The manager lets an inspector's login in for a window. Outside it (or once revoked) they see nothing."""

    inspection = models.ForeignKey("inspections.Inspection", on_delete=models.CASCADE, related_name="grants")
    inspector = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inspector_grants",
                                  limit_choices_to={"role": "inspector"})
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-starts_at"]

    def __str__(self):
        return f"{self.inspector} until {self.ends_at:%d %b %Y %H:%M}"

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "Access must end after it starts."})

    def is_active(self, *, now):
        return self.revoked_at is None and self.starts_at <= now < self.ends_at


class SampledCase(TrackedModel):
    """A household or a child the inspector picked from the case list to track."""

    inspection = models.ForeignKey("inspections.Inspection", on_delete=models.CASCADE, related_name="sampled_cases")
    household = models.ForeignKey("records.Household", null=True, blank=True, on_delete=models.CASCADE,
                                  related_name="+")
    resident = models.ForeignKey("records.Resident", null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="+")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(household__isnull=False, resident__isnull=True)
                | models.Q(household__isnull=True, resident__isnull=False),
                name="sampled_case_is_household_or_child"),
            models.UniqueConstraint(fields=["inspection", "household"], name="sampled_household_once"),
            models.UniqueConstraint(fields=["inspection", "resident"], name="sampled_child_once"),
        ]

    def __str__(self):
        return str(self.household or self.resident)
