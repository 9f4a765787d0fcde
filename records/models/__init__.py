from records.models.agency import (
    AgencyReview, AllowanceRate, InspectionReport, ManagerRegistration, RegistrationNotice,
)
from records.models.base import TrackedModel
from records.models.checks import Check
from records.models.evidence import ChangeRequest, Evidence, EvidenceKind
from records.models.children import JournalEntry, Placement, Resident
from records.models.events import (
    Allegation, ApprovalReview, Complaint, MissingEpisode, Notification, SupervisionVisit, UnannouncedVisit,
)
from records.models.households import Carer, Household, HouseholdMember
from records.models.staff import StaffMember, StaffSupervision
from records.models.training import TrainingRecord

__all__ = [
    "AgencyReview", "Allegation", "AllowanceRate", "ApprovalReview", "Carer", "ChangeRequest", "Check", "Complaint", "Evidence", "EvidenceKind", "Household",
    "HouseholdMember", "InspectionReport", "JournalEntry", "ManagerRegistration", "MissingEpisode", "Notification",
    "Placement", "RegistrationNotice", "Resident", "StaffMember", "StaffSupervision", "SupervisionVisit",
    "TrackedModel", "TrainingRecord", "UnannouncedVisit",
]
