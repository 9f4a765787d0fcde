from compliance.models.clauses import Clause
from compliance.models.policy import AgencyPolicy
from compliance.models.reminders import ReminderDigest, ReminderItem
from compliance.models.runs import ComplianceRun, Gap

__all__ = ["AgencyPolicy", "Clause", "ComplianceRun", "Gap", "ReminderDigest", "ReminderItem"]
