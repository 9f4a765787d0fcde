"""Things that happen to a household or a child: visits, reviews, complaints, incidents."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from records.choices import (
    AllegationCategory, AllegationOutcome, ComplainantType, ComplaintOutcome, NotifiableEvent,
    NotifiedBody, ReviewOutcome,
)
from records.models.base import TrackedModel
from records.validators import validate_not_future


def require_order(errors, earlier, later, field, message):
    if earlier and later and later < earlier:
        errors[field] = message


class SupervisionVisit(TrackedModel):
    """A supervising social worker's supervision of the carers in their home."""

    household = models.ForeignKey("records.Household", on_delete=models.CASCADE, related_name="supervision_visits")
    visit_date = models.DateField(validators=[validate_not_future])
    social_worker = models.ForeignKey("records.StaffMember", null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")
    children_seen = models.BooleanField(default=False, help_text="Children placed were seen during the visit.")
    record_summary = models.TextField(blank=True)

    class Meta:
        ordering = ["-visit_date"]

    def __str__(self):
        return f"Supervision of {self.household.name} on {self.visit_date:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("records:supervisionvisit_detail", args=[self.pk])


class UnannouncedVisit(TrackedModel):
    """An unannounced visit to the foster home, including the home safety check."""

    household = models.ForeignKey("records.Household", on_delete=models.CASCADE, related_name="unannounced_visits")
    visit_date = models.DateField(validators=[validate_not_future])
    visited_by = models.ForeignKey("records.StaffMember", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    home_safety_checked = models.BooleanField(default=False)
    bedrooms_checked = models.BooleanField(default=False)
    findings = models.TextField(blank=True)

    class Meta:
        ordering = ["-visit_date"]

    def __str__(self):
        return f"Unannounced visit to {self.household.name} on {self.visit_date:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("records:unannouncedvisit_detail", args=[self.pk])


class ApprovalReview(TrackedModel):
    """A review of a household's approval (at least yearly; the first goes to panel)."""

    household = models.ForeignKey("records.Household", on_delete=models.CASCADE, related_name="reviews")
    review_date = models.DateField(validators=[validate_not_future], help_text="Date of the review meeting.")
    is_first_review = models.BooleanField(default=False)
    carer_views_recorded = models.BooleanField(default=False)
    children_views_recorded = models.BooleanField(default=False)
    placing_authority_views_recorded = models.BooleanField(default=False)
    went_to_panel = models.BooleanField(default=False)
    panel_date = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=ReviewOutcome.choices, default=ReviewOutcome.PENDING)
    report_completed_date = models.DateField(null=True, blank=True, validators=[validate_not_future])

    class Meta:
        ordering = ["-review_date"]

    def __str__(self):
        return f"Review of {self.household.name} on {self.review_date:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("records:approvalreview_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.went_to_panel and not self.panel_date:
            errors["panel_date"] = "Give the panel date for a review that went to panel."
        if self.panel_date and not self.went_to_panel:
            errors["went_to_panel"] = "Tick 'went to panel' when a panel date is given."
        require_order(errors, self.review_date, self.panel_date, "panel_date",
                      "The panel cannot be before the review meeting.")
        if self.household_id and self.review_date and self.household.approval_date \
                and self.review_date < self.household.approval_date:
            errors["review_date"] = "A review of approval cannot be before the household was approved."
        if errors:
            raise ValidationError(errors)


class Complaint(TrackedModel):
    """A complaint about the service, a carer or the agency, and how it was handled."""

    received_date = models.DateField(validators=[validate_not_future])
    complainant_type = models.CharField(max_length=20, choices=ComplainantType.choices)
    complainant_name = models.CharField(max_length=120, blank=True)
    household = models.ForeignKey("records.Household", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="complaints")
    resident = models.ForeignKey("records.Resident", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="complaints")
    summary = models.TextField()
    acknowledged_date = models.DateField(null=True, blank=True, validators=[validate_not_future])
    responded_date = models.DateField(null=True, blank=True, validators=[validate_not_future])
    outcome = models.CharField(max_length=20, choices=ComplaintOutcome.choices, default=ComplaintOutcome.OPEN)
    action_taken = models.TextField(blank=True)

    class Meta:
        ordering = ["-received_date"]

    def __str__(self):
        return f"Complaint received {self.received_date:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("records:complaint_detail", args=[self.pk])

    def clean(self):
        errors = {}
        require_order(errors, self.received_date, self.acknowledged_date, "acknowledged_date",
                      "A complaint cannot be acknowledged before it was received.")
        require_order(errors, self.received_date, self.responded_date, "responded_date",
                      "A complaint cannot be answered before it was received.")
        if self.outcome != ComplaintOutcome.OPEN and not self.responded_date:
            errors["responded_date"] = "Record the response date when giving an outcome."
        if errors:
            raise ValidationError(errors)


class Allegation(TrackedModel):
    """An allegation against a foster carer or household member. Managers only."""

    received_date = models.DateField(validators=[validate_not_future])
    household = models.ForeignKey("records.Household", on_delete=models.PROTECT, related_name="allegations")
    carer = models.ForeignKey("records.Carer", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                              help_text="The carer the allegation is about, if a carer.")
    resident = models.ForeignKey("records.Resident", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", help_text="The child concerned.")
    category = models.CharField(max_length=20, choices=AllegationCategory.choices)
    summary = models.TextField()
    lado_referred_date = models.DateField("Referred to LADO", null=True, blank=True,
                                          validators=[validate_not_future])
    ofsted_notified_date = models.DateField(null=True, blank=True, validators=[validate_not_future])
    placing_authority_informed_date = models.DateField(null=True, blank=True, validators=[validate_not_future])
    outcome = models.CharField(max_length=20, choices=AllegationOutcome.choices, default=AllegationOutcome.OPEN)
    closed_date = models.DateField(null=True, blank=True, validators=[validate_not_future])
    review_of_approval_needed = models.BooleanField(default=False)

    class Meta:
        ordering = ["-received_date"]

    def __str__(self):
        return f"Allegation received {self.received_date:%d/%m/%Y} ({self.household.name})"

    def get_absolute_url(self):
        return reverse("records:allegation_detail", args=[self.pk])

    def clean(self):
        errors = {}
        for field in ("lado_referred_date", "ofsted_notified_date", "placing_authority_informed_date", "closed_date"):
            require_order(errors, self.received_date, getattr(self, field), field,
                          "This cannot be before the allegation was received.")
        if self.carer_id and self.household_id and self.carer.household_id != self.household_id:
            errors["carer"] = "That carer is not in the chosen household."
        if self.closed_date and self.outcome == AllegationOutcome.OPEN:
            errors["outcome"] = "Give the outcome when closing an allegation."
        if errors:
            raise ValidationError(errors)


class MissingEpisode(TrackedModel):
    """A child missing from their foster home."""

    placement = models.ForeignKey("records.Placement", on_delete=models.PROTECT, related_name="missing_episodes")
    missing_from = models.DateTimeField()
    returned_at = models.DateTimeField(null=True, blank=True)
    police_informed_at = models.DateTimeField(null=True, blank=True)
    placing_authority_informed_at = models.DateTimeField(null=True, blank=True)
    return_interview_date = models.DateField(null=True, blank=True)
    circumstances = models.TextField(blank=True)

    class Meta:
        ordering = ["-missing_from"]

    def __str__(self):
        return f"{self.placement.resident} missing {self.missing_from:%d/%m/%Y %H:%M}"

    def get_absolute_url(self):
        return reverse("records:missingepisode_detail", args=[self.pk])

    def clean(self):
        errors = {}
        for field in ("returned_at", "police_informed_at", "placing_authority_informed_at"):
            require_order(errors, self.missing_from, getattr(self, field), field,
                          "This cannot be before the child went missing.")
        if self.return_interview_date and self.returned_at and self.return_interview_date < self.returned_at.date():
            errors["return_interview_date"] = "The return interview cannot be before the child came back."
        if self.placement_id and self.missing_from and self.missing_from.date() < self.placement.start_date:
            errors["missing_from"] = "The child was not yet placed on that date."
        if errors:
            raise ValidationError(errors)


class Notification(TrackedModel):
    """A Schedule 7 event and whom the agency told, when."""

    event = models.CharField(max_length=32, choices=NotifiableEvent.choices)
    event_at = models.DateTimeField(help_text="When the event happened.")
    agency_aware_at = models.DateTimeField(help_text="When the agency learned of it; the 24-hour clock starts here.")
    notified_body = models.CharField(max_length=24, choices=NotifiedBody.choices, default=NotifiedBody.OFSTED)
    notified_at = models.DateTimeField(null=True, blank=True)
    household = models.ForeignKey("records.Household", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="notifications")
    resident = models.ForeignKey("records.Resident", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="notifications")
    summary = models.TextField()
    outcome = models.TextField(blank=True)
    outcome_recorded_date = models.DateField(null=True, blank=True, validators=[validate_not_future])

    class Meta:
        ordering = ["-agency_aware_at"]

    def __str__(self):
        return f"{self.get_event_display()} – {self.get_notified_body_display()}"

    def get_absolute_url(self):
        return reverse("records:notification_detail", args=[self.pk])

    def clean(self):
        errors = {}
        require_order(errors, self.event_at, self.agency_aware_at, "agency_aware_at",
                      "The agency cannot learn of an event before it happened.")
        require_order(errors, self.agency_aware_at, self.notified_at, "notified_at",
                      "A notification cannot be sent before the agency knew of the event.")
        if self.outcome_recorded_date and not self.outcome:
            errors["outcome"] = "Describe the outcome when giving its date."
        if errors:
            raise ValidationError(errors)
