"""compliance/periods.py: the reference's periods and the date arithmetic every rule relies on."""

from datetime import date

import pytest

from compliance.periods import Period, add_months, add_period, birthday, parse_period, subtract_period


@pytest.mark.parametrize("text, period", [
    ("P3Y", Period(years=3)), ("P12M", Period(months=12)), ("P10D", Period(days=10)), ("P12W", Period(weeks=12)),
    ("P1Y6M", Period(years=1, months=6)), ("5WD", Period(working_days=5)), (" p60d ", Period(days=60)),
])
def test_parse_period_reads_iso_durations_and_working_days(text, period):
    assert parse_period(text) == period


@pytest.mark.parametrize("text", ["", "P", "3Y", "P3X", "5 WD", "P1.5Y", None])
def test_parse_period_refuses_what_is_not_a_period(text):
    with pytest.raises(ValueError, match="not a period"):
        parse_period(text)


def test_a_period_prints_as_it_is_written_and_in_words():
    assert str(parse_period("P1Y6M")) == "P1Y6M" and str(parse_period("28WD")) == "28WD"
    assert parse_period("P1Y6M").describe() == "1 year 6 months"
    assert parse_period("5WD").describe() == "5 working days"


@pytest.mark.parametrize("start, months, expected", [
    (date(2026, 1, 31), 1, date(2026, 2, 28)),  # no 31 February: the month's last day
    (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap year
    (date(2026, 11, 30), 3, date(2027, 2, 28)),  # across the year end
    (date(2026, 3, 31), -1, date(2026, 2, 28)),
    (date(2026, 5, 15), 0, date(2026, 5, 15)),
])
def test_add_months_keeps_the_day_or_the_months_last_day(start, months, expected):
    assert add_months(start, months) == expected


@pytest.mark.parametrize("start, period, expected", [
    (date(2024, 2, 29), "P12M", date(2025, 2, 28)),  # a yearly duty never slips into March
    (date(2024, 2, 29), "P1Y", date(2025, 2, 28)),
    (date(2024, 2, 29), "P4Y", date(2028, 2, 29)),
    (date(2023, 3, 1), "P3Y", date(2026, 3, 1)),
    (date(2026, 1, 31), "P8M", date(2026, 9, 30)),
    (date(2026, 3, 2), "P10D", date(2026, 3, 12)),
    (date(2026, 3, 2), "P2W", date(2026, 3, 16)),
    (date(2026, 12, 10), "28WD", date(2027, 1, 22)),  # over Christmas 2026 and New Year
    (date(2026, 12, 22), "6WD", date(2027, 1, 4)),
])
def test_add_period(start, period, expected):
    assert add_period(start, period) == expected
    assert add_period(start, parse_period(period)) == expected


@pytest.mark.parametrize("end, period, expected", [
    (date(2026, 8, 20), "P60D", date(2026, 6, 21)),
    (date(2025, 2, 28), "P12M", date(2024, 2, 28)),
    (date(2026, 1, 5), "P12M", date(2025, 1, 5)),
    (date(2027, 1, 4), "6WD", date(2026, 12, 22)),
])
def test_subtract_period_is_the_start_of_a_look_back_window(end, period, expected):
    assert subtract_period(end, period) == expected


@pytest.mark.parametrize("born, age, expected", [
    (date(2008, 8, 20), 18, date(2026, 8, 20)),
    (date(2008, 2, 29), 18, date(2026, 3, 1)),  # common year: 1 March, as in England and Wales
    (date(2008, 2, 29), 16, date(2024, 2, 29)),  # a leap year keeps 29 February
])
def test_birthday(born, age, expected):
    assert birthday(born, age) == expected
