from django.db import models
from django.urls import reverse


class Clause(models.Model):
    """One regulation, schedule, standard or sub-clause from the catalogue (compliance/catalogue/).

    Rows are loaded from the YAML by `load_clauses` and the data migration; edit the YAML, not the rows.
    """

    class Kind(models.TextChoices):
        REGULATION = "regulation", "Regulation"
        PART = "part", "Part"
        SCHEDULE = "schedule", "Schedule"
        SCHEDULE_ITEM = "schedule_item", "Schedule item"
        STANDARD = "standard", "Standard"
        STANDARD_CLAUSE = "standard_clause", "Standard sub-clause"

    class Confidence(models.TextChoices):
        HIGH = "high", "High"
        MEDIUM = "medium", "Medium"
        LOW = "low", "Low"

    class Numbering(models.TextChoices):
        PRINTED = "printed", "Number seen in print"
        BY_ORDER = "by order", "Number counted from an unnumbered copy"
        UNVERIFIED = "unverified", "Number not known"

    id = models.CharField(primary_key=True, max_length=40, help_text="Stable id, e.g. fsr2011:r26 or nms2011:14.9.")
    ref_id = models.CharField(max_length=60, unique=True, help_text="The research reference's id, e.g. NMS-2011-14.9.")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    label = models.CharField(max_length=40, help_text="Short display form, e.g. 'NMS 14.9'.")
    title = models.CharField(max_length=200)
    summary = models.TextField()
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    numbering = models.CharField(max_length=12, choices=Numbering.choices, blank=True)
    confidence = models.CharField(max_length=8, choices=Confidence.choices)
    source_title = models.CharField(max_length=300)
    source_url = models.URLField(max_length=500)
    sort_order = models.PositiveIntegerField(db_index=True, help_text="Legal order across the whole catalogue.")

    class Meta:
        ordering = ["sort_order"]

    def __str__(self):
        return f"{self.label} – {self.title}"

    def get_absolute_url(self):
        return reverse("compliance:clause_detail", args=[self.pk])

    @property
    def instrument(self):
        return self.id.partition(":")[0]
