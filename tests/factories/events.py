from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from records.choices import (
    AllegationCategory, ComplainantType, NotifiableEvent, NotifiedBody, ReviewOutcome,
)
from records.models import (
    Allegation, ApprovalReview, Complaint, MissingEpisode, Notification, SupervisionVisit, UnannouncedVisit,
)
from tests.factories._common import days_ago
from tests.factories.children import PlacementFactory
from tests.factories.households import HouseholdFactory


def hours_ago(hours: int):
    return factory.LazyFunction(lambda: timezone.now() - timedelta(hours=hours))


class SupervisionVisitFactory(DjangoModelFactory):
    """A supervision visit 20 days ago by the household's own social worker."""

    class Meta:
        model = SupervisionVisit

    household = factory.SubFactory(HouseholdFactory)
    visit_date = days_ago(20)
    social_worker = factory.SelfAttribute("household.supervising_social_worker")
    children_seen = True
    record_summary = "Carers well supported; children seen alone."


class UnannouncedVisitFactory(DjangoModelFactory):
    """An unannounced visit 100 days ago with the home safety and bedrooms checked."""

    class Meta:
        model = UnannouncedVisit

    household = factory.SubFactory(HouseholdFactory)
    visit_date = days_ago(100)
    visited_by = factory.SelfAttribute("household.supervising_social_worker")
    home_safety_checked = True
    bedrooms_checked = True
    findings = "Home clean and safe; bedrooms suitable."


class ApprovalReviewFactory(DjangoModelFactory):
    """An annual review 30 days ago, approval continued on the same terms."""

    class Meta:
        model = ApprovalReview

    household = factory.SubFactory(HouseholdFactory)
    review_date = days_ago(30)
    carer_views_recorded = True
    children_views_recorded = True
    placing_authority_views_recorded = True
    outcome = ReviewOutcome.CONTINUE
    report_completed_date = factory.SelfAttribute("review_date")


class ComplaintFactory(DjangoModelFactory):
    """An open complaint from a carer received 20 days ago, acknowledged the next day."""

    class Meta:
        model = Complaint

    received_date = days_ago(20)
    complainant_type = ComplainantType.CARER
    complainant_name = "A carer"
    household = factory.SubFactory(HouseholdFactory)
    summary = "Allowance paid late two months running."
    acknowledged_date = days_ago(19)


class AllegationFactory(DjangoModelFactory):
    """An open standards-of-care allegation about a household, received 10 days ago."""

    class Meta:
        model = Allegation

    received_date = days_ago(10)
    household = factory.SubFactory(HouseholdFactory)
    category = AllegationCategory.STANDARDS_OF_CARE
    summary = "Child reported being left alone in the evening."
    lado_referred_date = days_ago(10)
    ofsted_notified_date = days_ago(9)
    placing_authority_informed_date = days_ago(10)


class MissingEpisodeFactory(DjangoModelFactory):
    """A child missing overnight 5 days ago, reported promptly, back the next morning."""

    class Meta:
        model = MissingEpisode

    placement = factory.SubFactory(PlacementFactory)
    missing_from = hours_ago(5 * 24)
    returned_at = hours_ago(4 * 24 + 12)
    police_informed_at = hours_ago(5 * 24 - 1)
    placing_authority_informed_at = hours_ago(5 * 24 - 2)
    return_interview_date = days_ago(3)
    circumstances = "Did not come home after school; found at a friend's house."


class NotificationFactory(DjangoModelFactory):
    """A missing-child notification to Ofsted sent within a few hours of the agency knowing."""

    class Meta:
        model = Notification

    event = NotifiableEvent.MISSING_CHILD
    event_at = hours_ago(5 * 24)
    agency_aware_at = hours_ago(5 * 24 - 1)
    notified_body = NotifiedBody.OFSTED
    notified_at = hours_ago(5 * 24 - 3)
    household = factory.SubFactory(HouseholdFactory)
    summary = "Child missing overnight; police informed."
