from inspections.models.access import InspectorGrant, SampledCase
from inspections.models.inspection import Inspection, Judgement, NoticeGap, default_notice_working_days
from inspections.models.interviews import Interview, InterviewEntry
from inspections.models.outcomes import Action, Finding
from inspections.models.pack import PackExport

__all__ = ["Action", "Finding", "Inspection", "InspectorGrant", "Interview", "InterviewEntry", "Judgement",
           "NoticeGap", "PackExport", "SampledCase", "default_notice_working_days"]
