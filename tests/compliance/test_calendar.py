"""compliance/calendar.py: working days over England's bank holidays (no database)."""

from datetime import date

import pytest

from compliance.calendar import add_working_days, bank_holidays, is_working_day, working_days_between


def test_boxing_day_2026_on_a_saturday_is_substituted_by_monday_28_december():
    assert date(2026, 12, 26) in bank_holidays(2026)
    assert date(2026, 12, 28) in bank_holidays(2026)
    assert not is_working_day(date(2026, 12, 28))


def test_christmas_2027_on_a_weekend_moves_both_holidays_to_monday_and_tuesday():
    assert not is_working_day(date(2027, 12, 27))
    assert not is_working_day(date(2027, 12, 28))
    assert is_working_day(date(2027, 12, 29))


@pytest.mark.parametrize("day, working", [
    (date(2026, 6, 1), True),     # a Monday
    (date(2026, 6, 6), False),    # a Saturday
    (date(2026, 6, 7), False),    # a Sunday
    (date(2026, 4, 3), False),    # Good Friday
    (date(2026, 4, 6), False),    # Easter Monday
    (date(2026, 8, 31), False),   # Late Summer bank holiday (England, not Scotland's date)
    (date(2026, 8, 3), True),     # Scotland's summer holiday is a working day in England
    (date(2026, 12, 24), True),   # Christmas Eve is not a bank holiday
])
def test_is_working_day(day, working):
    assert is_working_day(day) is working


def test_seven_working_days_from_wednesday_23_december_2026_is_wednesday_6_january_2027():
    # Counting from the day after receipt:
    #   Thu 24 Dec = 1; Fri 25 Dec Christmas; Sat 26, Sun 27; Mon 28 Dec Boxing Day (substitute);
    #   Tue 29 = 2; Wed 30 = 3; Thu 31 = 4; Fri 1 Jan 2027 New Year's Day; Sat 2, Sun 3;
    #   Mon 4 Jan = 5; Tue 5 = 6; Wed 6 Jan = 7.
    assert add_working_days(date(2026, 12, 23), 7) == date(2027, 1, 6)


def test_adding_from_a_weekend_counts_from_the_next_working_day():
    assert add_working_days(date(2026, 6, 6), 1) == date(2026, 6, 8)


def test_adding_zero_returns_the_start_and_negative_counts_backwards():
    assert add_working_days(date(2026, 6, 6), 0) == date(2026, 6, 6)
    # Five working days before Wednesday 6 January 2027: Tue 5, Mon 4, Thu 31, Wed 30, Tue 29 Dec.
    assert add_working_days(date(2027, 1, 6), -5) == date(2026, 12, 29)


def test_working_days_between_counts_after_the_start_up_to_and_including_the_end():
    assert working_days_between(date(2026, 6, 1), date(2026, 6, 8)) == 5
    assert working_days_between(date(2026, 6, 1), date(2026, 6, 1)) == 0
    assert working_days_between(date(2026, 6, 8), date(2026, 6, 1)) == -5
    assert working_days_between(date(2026, 12, 23), date(2027, 1, 6)) == 7


@pytest.mark.parametrize("start", [date(2026, 12, 23), date(2026, 4, 2), date(2026, 6, 5), date(2027, 12, 24)])
@pytest.mark.parametrize("n", [1, 2, 5, 7, 10, 28])
def test_adding_and_counting_agree(start, n):
    assert working_days_between(start, add_working_days(start, n)) == n
