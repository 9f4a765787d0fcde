"""What every gatherer shares: the day, the period since the last inspection, how children are named,
and the rows several tables need (loaded once, on first use).

Children appear as initials and reference ("JS (C-0107)") unless the manager chose full names. Text
people typed (an allegation's summary, a gap's subject) can name a child, so `redact` replaces every
child's full name with their initials, and the first name of the child a row is about.
"""

import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from django.conf import settings
from django.db.models import Count, Max, Q

from records.choices import HouseholdStatus
from records.models import Household, InspectionReport, Placement, Resident

# Households still with the agency: the register lists these and nothing else.
CURRENT_STATUSES = (HouseholdStatus.APPROVED, HouseholdStatus.ON_HOLD)


@dataclass(frozen=True)
class Period:
    since: date
    basis: str  # says where `since` came from, printed on the cover


def period_since(*, today: date) -> Period:
    """From the latest Ofsted report's publication date; without one, INSPECTION_PACK_FALLBACK_YEARS back."""
    last = InspectionReport.objects.order_by("-published_date").values_list("published_date", flat=True).first()
    if last:
        return Period(last, f"the last Ofsted report, published {last.day} {last:%B %Y}")
    years = settings.INSPECTION_PACK_FALLBACK_YEARS
    try:
        since = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        since = today.replace(year=today.year - years, day=28)
    return Period(since, f"{years} years before the pack was generated (no Ofsted report is recorded)")


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class PackContext:
    def __init__(self, *, today: date, full_names: bool = False, inspection=None):
        self.today = today
        self.full_names = full_names
        self.inspection = inspection

    @cached_property
    def period(self) -> Period:
        return period_since(today=self.today)

    @property
    def since(self) -> date:
        return self.period.since

    def memo(self, key: str, load):
        """`load()` once per pack: for rows two tables share (e.g. the open gaps)."""
        cache = self.__dict__.setdefault("_memo", {})
        if key not in cache:
            cache[key] = load()
        return cache[key]

    # Children's names -----------------------------------------------------------------------------

    @cached_property
    def _children(self) -> dict:
        """Every child on record: id -> (reference, first name, last name). One query."""
        return {pk: (ref, first, last) for pk, ref, first, last in
                Resident.objects.values_list("pk", "reference", "first_name", "last_name")}

    def child(self, resident_id) -> str:
        """How the pack names a child: "JS (C-0107)", or "Jo Smith (C-0107)" with full names."""
        if resident_id is None:
            return ""
        reference, first, last = self._children[resident_id]
        if self.full_names:
            return f"{first} {last} ({reference})"
        return f"{_initials(first, last)} ({reference})"

    @cached_property
    def _full_names(self):
        """(a pattern matching any child's full name, full name -> initials), longest names first."""
        initials = {f"{first} {last}": _initials(first, last)
                    for _, first, last in self._children.values() if first and last}
        if not initials:
            return None, initials
        names = sorted(initials, key=len, reverse=True)
        return re.compile(r"\b(" + "|".join(re.escape(name) for name in names) + r")\b"), initials

    def redact(self, text: str, *, resident_id=None) -> str:
        """`text` with children's names replaced by initials (unchanged when full names were chosen)."""
        if self.full_names or not text:
            return text or ""
        pattern, initials = self._full_names
        if pattern is not None:
            text = pattern.sub(lambda match: initials[match.group(0)], text)
        if resident_id is not None and resident_id in self._children:
            _, first, last = self._children[resident_id]
            if first:
                text = re.sub(rf"\b{re.escape(first)}\b", _initials(first, last), text)
        return text

    # Rows several tables use ------------------------------------------------------------------------

    @cached_property
    def current_households(self) -> list:
        """Approved and on-hold households with their carers and social worker, by reference. Two queries."""
        return list(Household.objects.filter(status__in=CURRENT_STATUSES)
                    .select_related("supervising_social_worker")
                    .prefetch_related("carers")
                    .annotate(last_review=Max("reviews__review_date"))
                    .order_by("reference"))

    @cached_property
    def current_placements(self) -> list:
        """Children placed today, with household and their missing episodes since the last inspection."""
        return list(Placement.objects.filter(start_date__lte=self.today)
                    .filter(Q(end_date__isnull=True) | Q(end_date__gt=self.today))
                    .select_related("resident", "household")
                    .annotate(missing_count=Count("missing_episodes",
                                                  filter=Q(missing_episodes__missing_from__date__gte=self.since)))
                    .order_by("resident__reference"))

    @cached_property
    def placements_by_household(self) -> dict:
        by_household = {}
        for placement in self.current_placements:
            by_household.setdefault(placement.household_id, []).append(placement)
        return by_household


def _initials(first: str, last: str) -> str:
    return f"{first[:1]}{last[:1]}".upper()
