"""Choice lists for the panels app, and which outcomes suit which kind of agenda item."""

from django.db import models


class MemberRole(models.TextChoices):
    CHAIR = "chair", "Chair"
    VICE_CHAIR = "vice_chair", "Vice chair"
    SOCIAL_WORKER = "social_worker", "Social worker member"
    INDEPENDENT = "independent", "Independent member"
    MEDICAL_ADVISER = "medical_adviser", "Medical adviser"
    PANEL_ADVISER = "panel_adviser", "Panel adviser"
    MINUTE_TAKER = "minute_taker", "Minute taker"
    OTHER = "other", "Other"


# Chairing roles: one of these must be present for a quorum.
CHAIR_ROLES = {MemberRole.CHAIR, MemberRole.VICE_CHAIR}


class ItemKind(models.TextChoices):
    APPROVAL = "approval", "Approval of an applicant"
    FIRST_REVIEW = "first_review", "First review of approval"
    REVIEW = "review", "Review of approval / change of terms"
    DEREGISTRATION = "deregistration", "Deregistration (termination of approval)"
    OTHER = "other", "Other business"


class Recommendation(models.TextChoices):
    APPROVE = "approve", "Suitable to foster: approve on the terms recommended"
    NOT_APPROVE = "not_approve", "Not suitable: do not approve"
    CONTINUE = "continue", "Continue approval on the same terms"
    CHANGE_TERMS = "change_terms", "Continue approval with changed terms"
    TERMINATE = "terminate", "Terminate approval"
    DEFERRED = "deferred", "Deferred: no recommendation yet"
    OTHER = "other", "Other (see reasons)"


class Decision(models.TextChoices):
    APPROVE = "approve", "Approve"
    APPROVE_CHANGED_TERMS = "approve_changed_terms", "Approve with changed terms"
    NOT_APPROVE = "not_approve", "Do not approve"
    TERMINATE = "terminate", "Terminate approval"
    CONTINUE = "continue", "Continue approval"
    OTHER = "other", "Other (see reasons)"


class PaperKind(models.TextChoices):
    ASSESSMENT_REPORT = "assessment_report", "Assessment report (Form F or Form C)"
    REVIEW_REPORT = "review_report", "Review report"
    MEDICAL_REPORT = "medical_report", "Medical adviser's report"
    OTHER = "other", "Other paper"


RECOMMENDATIONS_FOR = {
    ItemKind.APPROVAL: {Recommendation.APPROVE, Recommendation.NOT_APPROVE, Recommendation.DEFERRED,
                        Recommendation.OTHER},
    ItemKind.FIRST_REVIEW: {Recommendation.CONTINUE, Recommendation.CHANGE_TERMS, Recommendation.TERMINATE,
                            Recommendation.DEFERRED, Recommendation.OTHER},
    ItemKind.REVIEW: {Recommendation.CONTINUE, Recommendation.CHANGE_TERMS, Recommendation.TERMINATE,
                      Recommendation.DEFERRED, Recommendation.OTHER},
    ItemKind.DEREGISTRATION: {Recommendation.TERMINATE, Recommendation.CONTINUE, Recommendation.DEFERRED,
                              Recommendation.OTHER},
    ItemKind.OTHER: set(Recommendation),
}

DECISIONS_FOR = {
    ItemKind.APPROVAL: {Decision.APPROVE, Decision.APPROVE_CHANGED_TERMS, Decision.NOT_APPROVE, Decision.OTHER},
    ItemKind.FIRST_REVIEW: {Decision.CONTINUE, Decision.APPROVE_CHANGED_TERMS, Decision.TERMINATE, Decision.OTHER},
    ItemKind.REVIEW: {Decision.CONTINUE, Decision.APPROVE_CHANGED_TERMS, Decision.TERMINATE, Decision.OTHER},
    ItemKind.DEREGISTRATION: {Decision.TERMINATE, Decision.CONTINUE, Decision.OTHER},
    ItemKind.OTHER: {Decision.OTHER},
}

# Outcomes that set terms of approval, so the terms must be filled in.
RECOMMENDATIONS_WITH_TERMS = {Recommendation.APPROVE, Recommendation.CHANGE_TERMS}
DECISIONS_WITH_TERMS = {Decision.APPROVE, Decision.APPROVE_CHANGED_TERMS}
