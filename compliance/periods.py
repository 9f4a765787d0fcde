"""Periods as the reference writes them: ISO 8601 durations ("P3Y", "P12M", "P10D", "P12W") and
working days ("5WD"). Pure functions, no database.

Adding months keeps the day of the month, or the month's last day when it has no such day:
29 February 2024 + 12 months = 28 February 2025 (a yearly duty never slips into March).
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from compliance.calendar import add_working_days

_PATTERN = re.compile(r"^(?:P(?:(?P<years>\d+)Y)?(?:(?P<months>\d+)M)?(?:(?P<weeks>\d+)W)?(?:(?P<days>\d+)D)?"
                      r"|(?P<working_days>\d+)WD)$")


@dataclass(frozen=True)
class Period:
    years: int = 0
    months: int = 0
    weeks: int = 0
    days: int = 0
    working_days: int = 0

    def __str__(self):
        if self.working_days:
            return f"{self.working_days}WD"
        text = "".join(f"{n}{unit}" for n, unit in ((self.years, "Y"), (self.months, "M"), (self.weeks, "W"),
                                                     (self.days, "D")) if n)
        return f"P{text or '0D'}"

    def describe(self):
        """Plain English, e.g. '3 years', '5 working days'."""
        parts = [(self.years, "year"), (self.months, "month"), (self.weeks, "week"), (self.days, "day"),
                 (self.working_days, "working day")]
        words = [f"{n} {unit}{'s' if n != 1 else ''}" for n, unit in parts if n]
        return " ".join(words) or "0 days"


def parse_period(text: str) -> Period:
    match = _PATTERN.match((text or "").strip().upper())
    if not match or not any(match.groupdict().values()):
        raise ValueError(f"{text!r} is not a period: use e.g. P3Y, P12M, P10D, P12W or 5WD.")
    return Period(**{key: int(value) for key, value in match.groupdict().items() if value})


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_period(day: date, period: Period | str) -> date:
    if isinstance(period, str):
        period = parse_period(period)
    if period.working_days:
        return add_working_days(day, period.working_days)
    day = add_months(day, period.years * 12 + period.months)
    return day + timedelta(weeks=period.weeks, days=period.days)


def subtract_period(day: date, period: Period | str) -> date:
    """The earliest date from which `day` is within `period` (used for look-back windows)."""
    if isinstance(period, str):
        period = parse_period(period)
    if period.working_days:
        return add_working_days(day, -period.working_days)
    day = add_months(day, -(period.years * 12 + period.months))
    return day - timedelta(weeks=period.weeks, days=period.days)


def birthday(born: date, age: int) -> date:
    """The date someone born on `born` turns `age`.

    Someone born on 29 February comes of age on 1 March in a common year, as is usual in England
    and Wales; renewals (add_period) clamp to 28 February instead, the earlier and safer date.
    """
    year = born.year + age
    if born.month == 2 and born.day == 29 and not calendar.isleap(year):
        return date(year, 3, 1)
    return born.replace(year=year)
