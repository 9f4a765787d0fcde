"""Which records are past their retention period on a date (FSR 2011 regs 22 and 32; CR-AG-011).

Read only: this module lists, it never deletes. A manager reviews the list (operations:retention,
`manage.py retention_report`) and decides, record by record, what the agency's policy says to do.

A period runs from the day the duty to keep the record started and ends that many years later; the
record is past its period from the day after. Households count only once resigned or deregistered
(a live household is never listed). The periods are settings (config/settings.py):

- carers: from the day approval ended (`deregistration_date`), RETENTION_CARER_RECORDS_YEARS; a
  household's own `records_retain_until`, if later, is kept instead (a manager asked for longer);
- applicants who withdrew or were not approved: there is no "withdrawn" status, so these are households
  resigned or deregistered without ever being approved (no `approval_date`); the period runs from
  `deregistration_date`, else the ADM's latest "do not approve" decision, RETENTION_WITHDRAWN_APPLICANT_YEARS;
- children: from the day their last placement ended (none current), RETENTION_CHILD_RECORDS_YEARS;
- staff: from the day they left (`end_date`), RETENTION_SCHEDULE2_YEARS.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Max

from compliance.periods import add_period, parse_period
from panels.choices import Decision, ItemKind
from panels.models import AgencyDecision
from records.choices import HouseholdStatus
from records.models import Household, Resident, StaffMember

ENDED = (HouseholdStatus.RESIGNED, HouseholdStatus.DEREGISTERED)


@dataclass(frozen=True)
class Kind:
    slug: str
    title: str
    setting: str
    runs_from: str  # what the period runs from, in words

    @property
    def years(self) -> int:
        return getattr(settings, self.setting)


CARERS = Kind("carers", "Foster carers (approval ended)", "RETENTION_CARER_RECORDS_YEARS", "approval ended")
APPLICANTS = Kind("applicants", "Applicants who withdrew or were not approved", "RETENTION_WITHDRAWN_APPLICANT_YEARS",
                  "application ended")
CHILDREN = Kind("children", "Children (last placement ended)", "RETENTION_CHILD_RECORDS_YEARS",
                "last placement ended")
STAFF = Kind("staff", "Staff who left", "RETENTION_SCHEDULE2_YEARS", "left the agency")
KINDS = (CARERS, APPLICANTS, CHILDREN, STAFF)


@dataclass(frozen=True)
class PastRetention:
    kind: Kind
    label: str  # what it is, e.g. "Khan household (HH-0042)"
    runs_from: date | None  # None only when a household has a keep-until date but no end date
    years: int
    ended_on: date  # the last day of the period
    url: str


def _period_end(start: date, years: int) -> date:
    return add_period(start, parse_period(f"P{years}Y"))


def _refusals() -> dict[int, date]:
    """Each household's latest ADM decision not to approve it, by household id."""
    rows = (AgencyDecision.objects.filter(decision=Decision.NOT_APPROVE, item__kind=ItemKind.APPROVAL)
            .values("item__household_id").annotate(last=Max("decision_date")))
    return {row["item__household_id"]: row["last"] for row in rows}


def _households(as_of: date) -> list[PastRetention]:
    refusals = _refusals()
    ended = Household.objects.filter(status__in=ENDED).order_by("deregistration_date", "reference")
    found = []
    for h in ended:
        applicant = h.approval_date is None
        kind = APPLICANTS if applicant else CARERS
        start = h.deregistration_date or (refusals.get(h.pk) if applicant else None)
        ends = [_period_end(start, kind.years)] if start else []
        if h.records_retain_until:
            ends.append(h.records_retain_until)
        if not ends:
            continue  # no date to run from: CR-HH-031 reports the missing end date
        ended_on = max(ends)
        if ended_on < as_of:
            found.append(PastRetention(kind, str(h), start, kind.years, ended_on, h.get_absolute_url()))
    return found


def _children(as_of: date) -> list[PastRetention]:
    years = CHILDREN.years
    children = (Resident.objects.filter(placements__isnull=False)
                .exclude(placements__end_date__isnull=True)
                .annotate(last_ended=Max("placements__end_date")).order_by("last_ended", "reference"))
    found = []
    for child in children:
        ended_on = _period_end(child.last_ended, years)
        if ended_on < as_of:
            found.append(PastRetention(CHILDREN, str(child), child.last_ended, years, ended_on,
                                       child.get_absolute_url()))
    return found


def _staff(as_of: date) -> list[PastRetention]:
    years = STAFF.years
    found = []
    for person in StaffMember.objects.filter(end_date__isnull=False).order_by("end_date", "last_name"):
        ended_on = _period_end(person.end_date, years)
        if ended_on < as_of:
            found.append(PastRetention(STAFF, str(person), person.end_date, years, ended_on, person.get_absolute_url()))
    return found


def records_past_retention(*, as_of: date) -> dict[Kind, list[PastRetention]]:
    """Every record past its retention period on `as_of`, grouped by kind (each kind present, maybe empty)."""
    households = _households(as_of)
    return {
        CARERS: [r for r in households if r.kind is CARERS],
        APPLICANTS: [r for r in households if r.kind is APPLICANTS],
        CHILDREN: _children(as_of),
        STAFF: _staff(as_of),
    }


def retention_settings() -> list[tuple[Kind, int]]:
    return [(kind, kind.years) for kind in KINDS]


CSV_HEADERS = ["Kind", "Record", "Period ran from", "Period (years)", "Period ended", "Link"]


def retention_rows(report: dict[Kind, list[PastRetention]], *, base_url: str = "") -> list[list[str]]:
    """The report as table rows (CSV and the command): one per record, dates in ISO form."""
    return [[kind.title, r.label, r.runs_from.isoformat() if r.runs_from else "", str(r.years),
             r.ended_on.isoformat(), base_url + r.url]
            for kind, records in report.items() for r in records]
