"""Factories for every records model; each builds a record that passes full_clean()."""

from tests.factories.accounts import TEST_PASSWORD, UserFactory
from tests.factories.checks import CheckFactory
from tests.factories.children import JournalEntryFactory, PlacementFactory, ResidentFactory
from tests.factories.events import (
    AllegationFactory, ApprovalReviewFactory, ComplaintFactory, MissingEpisodeFactory, NotificationFactory,
    SupervisionVisitFactory, UnannouncedVisitFactory,
)
from tests.factories.households import CarerFactory, HouseholdFactory, HouseholdMemberFactory
from tests.factories.staff import StaffMemberFactory, StaffSupervisionFactory
from tests.factories.training import TrainingRecordFactory

__all__ = [
    "TEST_PASSWORD", "AllegationFactory", "ApprovalReviewFactory", "CarerFactory", "CheckFactory",
    "ComplaintFactory", "HouseholdFactory", "HouseholdMemberFactory", "JournalEntryFactory",
    "MissingEpisodeFactory", "NotificationFactory", "PlacementFactory", "ResidentFactory",
    "StaffMemberFactory", "StaffSupervisionFactory", "SupervisionVisitFactory", "TrainingRecordFactory",
    "UnannouncedVisitFactory", "UserFactory",
]
