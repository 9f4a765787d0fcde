"""Reminder digests: one email per person per day of what became overdue or falls due soon."""

from django.conf import settings
from django.db import models


class ReminderDigest(models.Model):
    """One email as sent, kept so each person can see what they were told and when."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_digests")
    sent_at = models.DateTimeField(auto_now_add=True, db_index=True)
    subject = models.CharField(max_length=200)
    body_text = models.TextField()
    item_count = models.PositiveIntegerField()

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self):
        return f"{self.subject} to {self.user} ({self.sent_at:%d %b %Y})"


class ReminderItem(models.Model):
    """A gap told to a person for one window. Never told again for the same window and due date."""

    digest = models.ForeignKey(ReminderDigest, on_delete=models.CASCADE, related_name="items")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    gap = models.ForeignKey("compliance.Gap", on_delete=models.CASCADE, related_name="+")
    window = models.CharField(max_length=12, help_text='"overdue", or days before the due date, e.g. "30", "7".')
    due_date = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "gap", "window", "due_date"],
                                               name="reminder_once_per_window")]
