"""An Ofsted inspection of the agency, from the notice call to the published report."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from inspections import timeline
from records.models.base import TrackedModel


def default_notice_working_days():
    return settings.INSPECTION_NOTICE_WORKING_DAYS


class Judgement(models.TextChoices):
    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement to be good"
    INADEQUATE = "inadequate", "Inadequate"


class Inspection(TrackedModel):
    class Type(models.TextChoices):
        FULL = "full", "Full inspection"
        MONITORING = "monitoring", "Monitoring visit"
        ASSURANCE = "assurance", "Assurance visit"
        FOCUSED = "focused", "Focused visit"

    class Status(models.TextChoices):
        NOTICE = "notice", "Notice given"
        ON_SITE = "on_site", "Inspectors on site"
        FINISHED = "finished", "Fieldwork finished"

    type = models.CharField(max_length=12, choices=Type.choices, default=Type.FULL)
    notice_received_at = models.DateTimeField(help_text="When Ofsted's call or email arrived (UK time).")
    notice_working_days = models.PositiveSmallIntegerField(
        default=default_notice_working_days,
        help_text="Working days between the notice and the start of fieldwork (England bank holidays excluded).",
    )
    information_deadline_at = models.DateTimeField(
        null=True, blank=True, help_text="When the inspector wants the information by. Blank: 12:00 on the notice day.",
    )
    records_upload_until = models.DateTimeField(
        null=True, blank=True, help_text="End of the records-upload window. Blank: the notice time plus the usual window.",
    )
    lead_inspector = models.CharField(max_length=120, blank=True)
    notes = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NOTICE)

    # Readiness: the whole-agency compliance run the notice started, and the gaps open when it finished.
    notice_run = models.ForeignKey("compliance.ComplianceRun", null=True, blank=True, editable=False,
                                   on_delete=models.SET_NULL, related_name="+")
    gaps_at_notice = models.ManyToManyField("compliance.Gap", through="NoticeGap", blank=True, related_name="+")
    gap_counts_at_notice = models.JSONField(default=dict, blank=True, editable=False,
                                            help_text='Open gaps by severity when the notice run finished.')
    snapshot_taken_at = models.DateTimeField(null=True, blank=True, editable=False)

    # After fieldwork (the post-inspection clock runs from fieldwork_end, the feedback day).
    fieldwork_end = models.DateField(null=True, blank=True, help_text="The last day on site (the feedback day).")
    draft_received_on = models.DateField(null=True, blank=True)
    comments_sent_on = models.DateField(null=True, blank=True)
    final_report_on = models.DateField("Final report received on", null=True, blank=True)
    published_on = models.DateField(null=True, blank=True)
    judgement_overall = models.CharField(
        "Overall experiences and progress of children and young people", max_length=30,
        choices=Judgement.choices, blank=True)
    judgement_helped_protected = models.CharField(
        "How well children and young people are helped and protected", max_length=30,
        choices=Judgement.choices, blank=True)
    judgement_leaders = models.CharField(
        "The effectiveness of leaders and managers", max_length=30, choices=Judgement.choices, blank=True)

    class Meta:
        ordering = ["-notice_received_at"]

    def __str__(self):
        return f"{self.get_type_display()}, notice {timeline.local(self.notice_received_at):%d %b %Y}"

    def get_absolute_url(self):
        return reverse("inspections:detail", args=[self.pk])

    def clean(self):
        if self.notice_received_at is None:
            return
        if self.information_deadline_at is None:
            self.information_deadline_at = timeline.default_information_deadline(self.notice_received_at)
        if self.records_upload_until is None:
            self.records_upload_until = timeline.default_records_upload_until(
                self.notice_received_at, settings.INSPECTION_UPLOAD_WINDOW_HOURS)
        if timeline.utc(self.records_upload_until) < timeline.utc(self.notice_received_at):
            raise ValidationError({"records_upload_until": "The upload window cannot close before the notice arrived."})
        if self.notice_working_days < 1:
            raise ValidationError({"notice_working_days": "Give at least one working day."})

    @property
    def fieldwork_start(self):
        if self.notice_received_at is None:
            return None
        return timeline.fieldwork_start(self.notice_received_at, self.notice_working_days)

    def deadlines(self, *, now):
        return timeline.deadlines(self, now=now)


class NoticeGap(models.Model):
    """A gap that was open when the notice run finished: the baseline the readiness page measures from."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="notice_gaps")
    gap = models.ForeignKey("compliance.Gap", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["inspection", "gap"], name="notice_gap_once")]
