"""Panel and decision timescales in working days (pure; see compliance/calendar.py for the counting rule).

Every number is a setting so an agency can follow its own procedure:
  PANEL_PAPERS_MIN_WORKING_DAYS      5   papers reach members before the meeting (NMS 14.3, CR-PN-006)
  PANEL_DECISION_WORKING_DAYS        7   ADM decides after receiving the final minutes (NMS 14.9, CR-ADM-001)
  PANEL_ORAL_NOTICE_WORKING_DAYS     2   applicant/carer told orally after the decision (CR-ADM-002)
  PANEL_WRITTEN_NOTICE_WORKING_DAYS  5   ... and in writing (CR-ADM-002)
  PANEL_REPRESENTATION_DAYS         28   calendar days from written notice of a qualifying
                                         determination for representations or an IRM application (regs 27, 28)
  PANEL_IRM_PAPERS_WORKING_DAYS     10   papers to the IRM after it tells us of an application (reg 29)
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings

from compliance.calendar import add_working_days, working_days_between


def papers_due_by(meeting_date: date) -> date:
    """The last day papers can go out and still arrive the required working days ahead."""
    return add_working_days(meeting_date, -settings.PANEL_PAPERS_MIN_WORKING_DAYS)


def papers_lead_working_days(papers_sent: date | None, meeting_date: date) -> int | None:
    if papers_sent is None:
        return None
    return working_days_between(papers_sent, meeting_date)


def papers_short(papers_sent: date | None, meeting_date: date) -> bool:
    """True when papers went out with less than the required lead time (not when they are unrecorded)."""
    lead = papers_lead_working_days(papers_sent, meeting_date)
    return lead is not None and lead < settings.PANEL_PAPERS_MIN_WORKING_DAYS


@dataclass(frozen=True)
class Countdown:
    """Working days left to a deadline, as of `today`. `due` is None while the clock has not started."""

    due: date | None
    working_days_left: int | None
    overdue: bool

    @property
    def started(self) -> bool:
        return self.due is not None

    @property
    def due_today(self) -> bool:
        return self.working_days_left == 0 and not self.overdue


def countdown(due: date | None, *, today: date) -> Countdown:
    if due is None:
        return Countdown(None, None, False)
    return Countdown(due, working_days_between(today, due), today > due)


def decision_due(final_minutes_received: date | None) -> date | None:
    if final_minutes_received is None:
        return None
    return add_working_days(final_minutes_received, settings.PANEL_DECISION_WORKING_DAYS)


def oral_notice_due(decision_date: date) -> date:
    return add_working_days(decision_date, settings.PANEL_ORAL_NOTICE_WORKING_DAYS)


def written_notice_due(decision_date: date) -> date:
    return add_working_days(decision_date, settings.PANEL_WRITTEN_NOTICE_WORKING_DAYS)


def representation_deadline(written_notice: date | None) -> date | None:
    """Last day for representations or an IRM application; None until written notice is given."""
    if written_notice is None:
        return None
    return written_notice + timedelta(days=settings.PANEL_REPRESENTATION_DAYS)


def irm_papers_due(irm_notified: date | None) -> date | None:
    if irm_notified is None:
        return None
    return add_working_days(irm_notified, settings.PANEL_IRM_PAPERS_WORKING_DAYS)
