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


def post_inspection_deadlines(fieldwork_end: date, *, today: date | None = None) -> list[Deadline]:
    """The latest dates of each step after fieldwork ends on `fieldwork_end` (the feedback day).

    Comments are counted from the latest date the draft can arrive; once the real date is known
    the clock should restart from it (not recorded yet).
    """
    draft = add_working_days(fieldwork_end, DRAFT_REPORT_WORKING_DAYS)
    comments = add_working_days(draft, COMMENTS_WORKING_DAYS)
    final = add_working_days(fieldwork_end, FINAL_REPORT_WORKING_DAYS)
    published = add_working_days(final, PUBLICATION_WORKING_DAYS)
    items = [("Draft report due", draft), ("Comments on the draft due", comments),
             ("Final report due", final), ("Report published", published)]
    return [Deadline(label, day, today is not None and day < today) for label, day in items]


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
