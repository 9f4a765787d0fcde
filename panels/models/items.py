from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from panels.choices import RECOMMENDATIONS_FOR, RECOMMENDATIONS_WITH_TERMS, ItemKind, PaperKind, Recommendation
from panels.models.meetings import PanelMeeting
from panels.terms import Terms
from records.choices import ApprovalCategory
from records.files import PrivateUploadPath
from records.models.base import TrackedModel
from records.models.households import validate_placement_types


def terms_errors(obj, *, required: bool) -> dict:
    """Errors in the terms of approval held by an AgendaItem or AgencyDecision."""
    errors = {}
    if required:
        for name in Terms.of(obj).missing():
            errors[name] = "Terms of approval need this."
    if (obj.age_range_min is not None and obj.age_range_max is not None
            and obj.age_range_min > obj.age_range_max):
        errors["age_range_max"] = "The upper age must not be below the lower age."
    return errors


class AgendaItem(TrackedModel):
    """A household's case at a panel meeting, the panel's recommendation and its reasons (regs 24, 25)."""

    meeting = models.ForeignKey(PanelMeeting, on_delete=models.PROTECT, related_name="items")
    household = models.ForeignKey("records.Household", on_delete=models.PROTECT, related_name="panel_items")
    kind = models.CharField(max_length=20, choices=ItemKind.choices)
    description = models.TextField(blank=True, help_text="What the panel is asked to consider.")
    carers_attended = models.BooleanField(
        "Applicants / carers attended", default=False,
        help_text="They were invited and attended to be heard (NMS 14.5).",
    )
    recommendation = models.CharField(max_length=20, choices=Recommendation.choices, blank=True)
    recommendation_reasons = models.TextField("Reasons for the recommendation", blank=True)
    dissent = models.TextField("Dissent noted", blank=True,
                               help_text="Members who disagreed with the recommendation, and why.")
    report_feedback = models.TextField("Panel's feedback on the report", blank=True,
                                       help_text="Quality-assurance comments on the papers presented (NMS 14.2).")
    approval_category = models.CharField("Recommended approval category", max_length=20,
                                         choices=ApprovalCategory.choices, blank=True)
    approved_places = models.PositiveSmallIntegerField("Recommended number of children", null=True, blank=True)
    age_range_min = models.PositiveSmallIntegerField("Recommended youngest age", null=True, blank=True)
    age_range_max = models.PositiveSmallIntegerField("Recommended oldest age", null=True, blank=True)
    placement_types = models.JSONField("Recommended placement types", default=list, blank=True,
                                       validators=[validate_placement_types])

    class Meta:
        ordering = ["id"]
        verbose_name = "agenda item"

    def __str__(self):
        return f"{self.get_kind_display()}: {self.household.name}"

    def get_absolute_url(self):
        return reverse("panels:item_detail", args=[self.pk])

    @property
    def recommended_terms(self) -> Terms:
        return Terms.of(self)

    @property
    def awaits_decision(self) -> bool:
        """A recommendation the ADM must decide on (a deferred item comes back to a later panel)."""
        return bool(self.recommendation) and self.recommendation != Recommendation.DEFERRED

    def clean(self):
        errors = {}
        if self.kind == ItemKind.OTHER and not self.description.strip():
            errors["description"] = "Say what the panel is asked to consider."
        if self.recommendation:
            allowed = RECOMMENDATIONS_FOR.get(self.kind, set())
            if self.recommendation not in allowed:
                errors["recommendation"] = (f"“{self.get_recommendation_display()}” is not a recommendation for "
                                            f"{ItemKind(self.kind).label.lower()}.")
            if not self.recommendation_reasons.strip():
                errors["recommendation_reasons"] = ("Minutes must give the panel's reasons for each "
                                                    "recommendation (reg 24).")
        errors.update(terms_errors(self, required=self.recommendation in RECOMMENDATIONS_WITH_TERMS))
        if errors:
            raise ValidationError(errors)


class PanelPaper(TrackedModel):
    """A document sent to panel members for an item: assessment or review report, medical advice, ..."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="papers")
    kind = models.CharField(max_length=20, choices=PaperKind.choices)
    title = models.CharField(max_length=200, blank=True)
    file = models.FileField(upload_to=PrivateUploadPath("panels/papers"))
    original_filename = models.CharField(max_length=255)
    size_bytes = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["kind", "id"]
        verbose_name = "panel paper"

    def __str__(self):
        return self.title or f"{self.get_kind_display()} ({self.original_filename})"
