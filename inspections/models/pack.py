"""An inspection pack: the Annex A information and case list, generated in the background and kept."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from records.files import PrivateUploadPath


class PackExport(models.Model):
    """One generated pack. Kept with its files so the agency can show exactly what it sent, and when."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Generating"
        SUCCEEDED = "succeeded", "Ready"
        FAILED = "failed", "Failed"

    inspection = models.ForeignKey("inspections.Inspection", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="packs", help_text="Blank: a practice pack made between inspections.")
    version = models.PositiveIntegerField(help_text="1, 2, 3... across all packs, in the order they were asked for.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Percent done, for the progress bar.")
    stage = models.CharField(max_length=120, blank=True, help_text="What the task is doing now.")
    # Children are shown by initials and reference unless the manager chooses full names.
    full_names = models.BooleanField(default=False)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    queued_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    pdf = models.FileField(upload_to=PrivateUploadPath("inspections/packs"), blank=True)
    bundle = models.FileField(upload_to=PrivateUploadPath("inspections/packs"), blank=True,
                              help_text="ZIP: the PDF, the spreadsheets and the sampled cases' files.")
    content_hash = models.CharField(max_length=64, blank=True, help_text="SHA-256 of the PDF's content.")
    page_count = models.PositiveIntegerField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["version"], name="pack_version_unique")]

    def __str__(self):
        return f"Inspection pack v{self.version}"

    def get_absolute_url(self):
        return reverse("inspections:pack_detail", args=[self.pk])

    @property
    def finished(self):
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)
