"""When things happen around an Ofsted inspection, worked out in England working days. Pure, no database.

Facts are from ../shared/reference/ofsted_ifa_inspection.yaml. Counting follows compliance/calendar.py:
the day of the notice (or of the end of fieldwork) never counts, whether or not it is itself a
working day, and the Nth working day after it is the date. So a notice on Saturday with 2 working
days' notice starts fieldwork on Tuesday (Monday is the 1st working day after it, Tuesday the 2nd),
exactly as a notice on the Friday before would.

Times are Europe/London wall-clock times: 09:00 is 09:00 whether British Summer Time applies or not.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from compliance.calendar import add_working_days, working_days_between

LONDON = ZoneInfo("Europe/London")
FIELDWORK_STARTS_AT = time(9, 0)
INFORMATION_DUE_AT = time(12, 0)

# The post-inspection clock (reference: post_inspection_timeline, every step high confidence, so
# constants rather than settings). Working days; see `post_inspection_deadlines`.
DRAFT_REPORT_WORKING_DAYS = 18  # from the end of fieldwork
COMMENTS_WORKING_DAYS = 5  # from receiving the draft
FINAL_REPORT_WORKING_DAYS = 30  # from the end of fieldwork
PUBLICATION_WORKING_DAYS = 5  # from the final report


@dataclass(frozen=True)
class Deadline:
    label: str
    at: datetime | date  # a datetime for the notice deadlines; a date for the post-inspection clock
    passed: bool


def local(moment: datetime) -> datetime:
    """`moment` as a Europe/London time (an aware datetime is required)."""
    if moment.tzinfo is None:
        raise ValueError("An aware datetime is required.")
    return moment.astimezone(LONDON)


def utc(moment: datetime) -> datetime:
    """`moment` in UTC. Arithmetic and comparisons go through UTC: Python adds and compares two
    Europe/London datetimes by wall clock, which is an hour out across a clock change."""
    if moment.tzinfo is None:
        raise ValueError("An aware datetime is required.")
    return moment.astimezone(UTC)


def _at(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock, tzinfo=LONDON)


def fieldwork_start(notice_at: datetime, working_days: int) -> datetime:
    """09:00 (London) on the `working_days`th working day after the day the notice arrived."""
    return _at(add_working_days(local(notice_at).date(), working_days), FIELDWORK_STARTS_AT)


def default_information_deadline(notice_at: datetime) -> datetime:
    """12:00 (London) on the notice day: Ofsted asks for the information the same day. The manager
    edits it to what the inspector actually said (a notice after noon needs that)."""
    return _at(local(notice_at).date(), INFORMATION_DUE_AT)


def default_records_upload_until(notice_at: datetime, hours: int) -> datetime:
    """The end of the records-upload window: `hours` real hours after the notice (across a clock change too)."""
    return local(utc(notice_at) + timedelta(hours=hours))


def deadlines(inspection, *, now: datetime) -> list[Deadline]:
    """The notice-period deadlines of an inspection (anything with the three datetime attributes), in time order."""
    items = [
        ("Information deadline", inspection.information_deadline_at),
        ("Records upload window closes", inspection.records_upload_until),
        ("Fieldwork starts", inspection.fieldwork_start),
    ]
    return sorted((Deadline(label, local(at), utc(at) <= utc(now)) for label, at in items if at is not None),
                  key=lambda d: d.at)


def post_inspection_deadlines(fieldwork_end: date, *, today: date | None = None,
                              draft_received_on: date | None = None,
                              final_report_on: date | None = None) -> list[Deadline]:
    """The latest dates of each step after fieldwork ends on `fieldwork_end` (the feedback day).

    Comments are counted from the latest date the draft can arrive until `draft_received_on` is
    known, then from that date (the clock restarts); publication likewise from `final_report_on`.
    """
    draft = add_working_days(fieldwork_end, DRAFT_REPORT_WORKING_DAYS)
    comments = add_working_days(draft_received_on or draft, COMMENTS_WORKING_DAYS)
    final = add_working_days(fieldwork_end, FINAL_REPORT_WORKING_DAYS)
    published = add_working_days(final_report_on or final, PUBLICATION_WORKING_DAYS)
    items = [("Draft report due", draft), ("Comments on the draft due", comments),
             ("Final report due", final), ("Report published", published)]
    return [Deadline(label, day, today is not None and day < today) for label, day in items]


@dataclass(frozen=True)
class Step:
    """One step after fieldwork as the outcomes page shows it: done (on `done_on`), due or overdue."""

    label: str
    due: date
    done_on: date | None
    status: str  # DONE, DUE or OVERDUE
    counted_from: str  # what the due date is counted from, in words
    working_days_left: int | None = None  # while due: working days after today up to the due date

    @property
    def late(self) -> bool:
        return self.done_on is not None and self.done_on > self.due


DONE, DUE, OVERDUE = "done", "due", "overdue"


def post_inspection_steps(inspection, *, today: date) -> list[Step]:
    """The post-inspection clock for anything with `fieldwork_end`, `draft_received_on`,
    `comments_sent_on`, `final_report_on` and `published_on` (dates or None); [] before fieldwork ends.

    A step is done once its date is recorded, overdue the day after its due date, due until then.
    """
    end = inspection.fieldwork_end
    if end is None:
        return []
    draft_on, final_on = inspection.draft_received_on, inspection.final_report_on
    draft, comments, final, published = post_inspection_deadlines(
        end, draft_received_on=draft_on, final_report_on=final_on)
    rows = [
        (draft, draft_on, f"{DRAFT_REPORT_WORKING_DAYS} working days after fieldwork ended"),
        (comments, inspection.comments_sent_on,
         f"{COMMENTS_WORKING_DAYS} working days after the draft " + ("arrived" if draft_on else "is due")),
        (final, final_on, f"{FINAL_REPORT_WORKING_DAYS} working days after fieldwork ended"),
        (published, inspection.published_on,
         f"{PUBLICATION_WORKING_DAYS} working days after the final report " + ("arrived" if final_on else "is due")),
    ]
    steps = []
    for deadline, done_on, basis in rows:
        if done_on is not None:
            status, left = DONE, None
        elif today > deadline.at:
            status, left = OVERDUE, None
        else:
            status, left = DUE, working_days_between(today, deadline.at)
        steps.append(Step(deadline.label, deadline.at, done_on, status, basis, left))
    return steps


def countdown(at: datetime, *, now: datetime) -> str:
    """How long until `at`, as the page shows it without JavaScript: "in 2 working days", "today, in 3 h 5 min"."""
    if utc(at) <= utc(now):
        return "passed"
    at, now = local(at), local(now)
    if at.date() == now.date():
        minutes = int((utc(at) - utc(now)).total_seconds() // 60)
        hours, minutes = divmod(minutes, 60)
        return f"today, in {hours} h {minutes} min" if hours else f"today, in {minutes} min"
    days = working_days_between(now.date(), at.date())
    if days == 0:  # later, but no working day in between (a Sunday deadline seen on Saturday)
        calendar_days = (at.date() - now.date()).days
        return f"in {calendar_days} day{'s' if calendar_days != 1 else ''}"
    return f"in {days} working day{'s' if days != 1 else ''}"
