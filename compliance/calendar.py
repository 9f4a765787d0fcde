"""Working days in England: Monday to Friday, less England and Wales bank holidays. Pure, no database.

Bank holidays come from the `holidays` package (GB, subdivision ENG), which includes substitute
days: when Boxing Day 2026 falls on a Saturday, Monday 28 December 2026 is the bank holiday.

Counting convention, used by every deadline in the product ("within N working days of X"):
the day of X itself is never counted, and the Nth working day after it is the last allowed day.
So `add_working_days(x, n)` is that deadline, and `working_days_between(x, y)` counts the working
days after `x` up to and including `y`, which makes `working_days_between(x, add_working_days(x, n)) == n`.
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays

_ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=32)
def bank_holidays(year: int) -> frozenset:
    """England's bank holidays in `year`, substitute days included."""
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year, observed=True))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def add_working_days(start: date, n: int) -> date:
    """The `n`th working day after `start` (before it when `n` is negative); `start` itself never counts.

    `n == 0` returns `start` unchanged, even on a weekend.
    """
    step = _ONE_DAY if n >= 0 else -_ONE_DAY
    day, remaining = start, abs(n)
    while remaining:
        day += step
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end`; negative when `end` is before `start`.

    Papers sent on Monday 1 June 2026 for a panel on Monday 8 June 2026: 5 (Tue, Wed, Thu, Fri, Mon).
    """
    if end < start:
        return -working_days_between(end, start)
    count, day = 0, start
    while day < end:
        day += _ONE_DAY
        if is_working_day(day):
            count += 1
    return count
