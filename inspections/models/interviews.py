"""Interview records: what the inspector asked each person, under which clause, and the answer."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from records.models.base import TrackedModel


class Interview(TrackedModel):
    inspection = models.ForeignKey("inspections.Inspection", on_delete=models.CASCADE, related_name="interviews")
    interviewee = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="inspection_interviews",
                                    help_text="Their login, if they have one: they can then read the record.")
    interviewee_name = models.CharField(max_length=120, help_text="As they should appear on the record.")
    interviewee_role = models.CharField(max_length=120, blank=True, help_text="e.g. Registered manager, foster carer.")
    held_at = models.DateTimeField()
    inspector_name = models.CharField(max_length=120, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["held_at"]

    def __str__(self):
        return f"Interview with {self.interviewee_name}"

    def get_absolute_url(self):
        return reverse("inspections:interview_detail", args=[self.inspection_id, self.pk])


class InterviewEntry(TrackedModel):
    """One question or comment from the inspector and the response given."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="entries")
    order = models.PositiveSmallIntegerField(default=0)
    question = models.TextField("Question or comment from the inspector")
    clause = models.ForeignKey("compliance.Clause", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                               help_text="The regulation or standard it relates to.")
    response = models.TextField(blank=True)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.question[:60]
