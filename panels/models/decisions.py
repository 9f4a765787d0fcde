from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from panels import timescales
from panels.choices import DECISIONS_FOR, DECISIONS_WITH_TERMS, Decision, ItemKind, Recommendation
from panels.models.items import AgendaItem, terms_errors
from panels.terms import Terms
from records.choices import ApprovalCategory
from records.models.base import TrackedModel
from records.models.households import validate_placement_types
from records.validators import validate_not_future

REVIEW_KINDS = {ItemKind.FIRST_REVIEW, ItemKind.REVIEW}


class AgencyDecision(TrackedModel):
    """The agency decision maker's decision on one agenda item (regs 27, 28; NMS 14.9)."""

    item = models.OneToOneField(AgendaItem, on_delete=models.PROTECT, related_name="decision")
    decision = models.CharField(max_length=24, choices=Decision.choices)
    reasons = models.TextField()
    decision_date = models.DateField(validators=[validate_not_future])
    decided_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    approval_category = models.CharField(max_length=20, choices=ApprovalCategory.choices, blank=True)
    approved_places = models.PositiveSmallIntegerField("Number of children", null=True, blank=True)
    age_range_min = models.PositiveSmallIntegerField("Youngest age", null=True, blank=True)
    age_range_max = models.PositiveSmallIntegerField("Oldest age", null=True, blank=True)
    placement_types = models.JSONField(default=list, blank=True, validators=[validate_placement_types])
    carer_agrees_to_terms = models.BooleanField(
        "Carer agrees to the new terms", null=True, blank=True,
        help_text="Changing terms without the carer's agreement is a qualifying determination (reg 28).",
    )
    oral_notice_date = models.DateField("Told in person or by phone", null=True, blank=True,
                                        validators=[validate_not_future])
    written_notice_date = models.DateField("Written notice sent", null=True, blank=True,
                                           validators=[validate_not_future])
    irm_notified_date = models.DateField(
        "IRM told us of an application", null=True, blank=True, validators=[validate_not_future],
        help_text="The Independent Review Mechanism's notice that the person applied for a review.",
    )
    irm_papers_sent_date = models.DateField("Papers sent to the IRM", null=True, blank=True,
                                            validators=[validate_not_future])

    class Meta:
        ordering = ["-decision_date", "-id"]
        verbose_name = "agency decision"

    def __str__(self):
        return f"{self.get_decision_display()}: {self.item.household.name}"

    def get_absolute_url(self):
        return reverse("panels:item_detail", args=[self.item_id])

    @property
    def terms(self) -> Terms:
        return Terms.of(self)

    @property
    def sets_terms(self) -> bool:
        return self.decision in DECISIONS_WITH_TERMS

    @property
    def is_qualifying_determination(self) -> bool:
        """Not approving, terminating, or changing terms against the carer's wishes (regs 27, 28)."""
        if self.decision in {Decision.NOT_APPROVE, Decision.TERMINATE}:
            return True
        return self.decision == Decision.APPROVE_CHANGED_TERMS and self.carer_agrees_to_terms is False

    @property
    def oral_notice_due(self):
        return timescales.oral_notice_due(self.decision_date)

    @property
    def written_notice_due(self):
        return timescales.written_notice_due(self.decision_date)

    @property
    def representation_deadline(self):
        if not self.is_qualifying_determination:
            return None
        return timescales.representation_deadline(self.written_notice_date)

    @property
    def irm_papers_due(self):
        return timescales.irm_papers_due(self.irm_notified_date)

    def clean(self):
        errors = {}
        item = self.item if self.item_id else None
        if item is not None:
            if not item.awaits_decision:
                errors["decision"] = "The panel has not made a recommendation on this item yet."
            elif self.decision and self.decision not in DECISIONS_FOR.get(item.kind, set()):
                errors["decision"] = (f"“{self.get_decision_display()}” is not a decision for "
                                      f"{ItemKind(item.kind).label.lower()}.")
            if self.decision_date and self.decision_date < item.meeting.date:
                errors["decision_date"] = "The decision cannot be made before the panel met."
            if (self.decision == Decision.APPROVE and item.recommendation == Recommendation.APPROVE
                    and self.terms != item.recommended_terms):
                errors["decision"] = ("These terms differ from the panel's recommendation: choose "
                                      "“Approve with changed terms”.")
            if (self.decision == Decision.APPROVE_CHANGED_TERMS and item.kind in REVIEW_KINDS
                    and self.carer_agrees_to_terms is None):
                errors["carer_agrees_to_terms"] = "Record whether the carer agrees to the change of terms."
        if not (self.reasons or "").strip():
            errors["reasons"] = "Give the reasons for the decision; they go in the letter."
        errors.update(terms_errors(self, required=self.sets_terms))
        for name in ("oral_notice_date", "written_notice_date"):
            value = getattr(self, name)
            if value and self.decision_date and value < self.decision_date:
                errors[name] = "The person cannot be told before the decision was made."
        if self.irm_papers_sent_date and not self.irm_notified_date:
            errors["irm_notified_date"] = "Record when the IRM told us of the application."
        elif self.irm_papers_sent_date and self.irm_papers_sent_date < self.irm_notified_date:
            errors["irm_papers_sent_date"] = "Papers cannot go to the IRM before it told us of the application."
        if errors:
            raise ValidationError(errors)
