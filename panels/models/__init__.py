from panels.models.decisions import AgencyDecision
from panels.models.items import AgendaItem, PanelPaper
from panels.models.meetings import PanelAttendance, PanelMeeting, PanelMinutes
from panels.models.members import PanelMember

__all__ = ["AgencyDecision", "AgendaItem", "PanelAttendance", "PanelMeeting", "PanelMember", "PanelMinutes",
           "PanelPaper"]
