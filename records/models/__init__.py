from records.models.base import TrackedModel
from records.models.checks import Check
from records.models.children import JournalEntry, Placement, Resident
from records.models.events import (
    Allegation, ApprovalReview, Complaint, MissingEpisode, Notification, SupervisionVisit, UnannouncedVisit,
)
from records.models.households import Carer, Household, HouseholdMember
from records.models.staff import StaffMember, StaffSupervision
from records.models.training import TrainingRecord

__all__ = [
    "Allegation", "ApprovalReview", "Carer", "Check", "Complaint", "Household", "HouseholdMember",
    "JournalEntry", "MissingEpisode", "Notification", "Placement", "Resident", "StaffMember",
    "StaffSupervision", "SupervisionVisit", "TrackedModel", "TrainingRecord", "UnannouncedVisit",
]
