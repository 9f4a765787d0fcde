"""The agency in memory: unsaved model instances, drawn from one seeded random generator.

Nothing here touches the database, so the same seed and day always give the same agency.
Instances point at each other directly; `save.py` inserts them parents first.
"""

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from records.demo.names import FIRST_NAMES, LAST_NAMES, STREETS, TOWNS
from records.demo.scales import Scale


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def turns(born: date, age: int) -> date:
    """The day someone born on `born` reaches `age`."""
    return add_years(born, age)


@dataclass
class Plan:
    rng: random.Random
    today: date
    scale: Scale
    records: dict = field(default_factory=lambda: defaultdict(list))  # model -> instances
    # Named households and people the gaps, logins and tests rely on.
    marks: dict = field(default_factory=dict)
    _people: set = field(default_factory=set)

    def add(self, instance):
        self.records[type(instance)].append(instance)
        return instance

    def of(self, model) -> list:
        return self.records.get(model, [])

    # Dates -----------------------------------------------------------------
    def ago(self, days: int) -> date:
        return self.today - timedelta(days=days)

    def between(self, start: date, end: date) -> date:
        """A random day from start to end inclusive (start if the range is empty)."""
        span = (end - start).days
        return start + timedelta(days=self.rng.randint(0, span)) if span > 0 else start

    def after(self, start: date, low: int, high: int) -> date | None:
        """A day `low`..`high` days after `start`, or None if that is still in the future."""
        day = start + timedelta(days=self.rng.randint(low, high))
        return day if day <= self.today else None

    def born_aged(self, low: int, high: int) -> date:
        """A date of birth for someone aged `low` to `high` today."""
        return self.between(add_years(self.today, -high - 1) + timedelta(days=1), add_years(self.today, -low))

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def upto_today(self, day: date) -> date:
        """`day`, or today if `day` is still to come."""
        return min(day, self.today)

    # Stories ---------------------------------------------------------------
    def pick(self, mark: str, candidates):
        """Mark the first candidate no other story has taken (the same one on every run); None if none is left.

        Each deliberate gap outside the designated households lives in a record picked this way, so
        two stories never share a record and a test can find each one by its mark.
        """
        taken = {id(value) for value in self.marks.values()}
        chosen = next((candidate for candidate in candidates if id(candidate) not in taken), None)
        if chosen is not None:
            self.marks[mark] = chosen
        return chosen

    # People ----------------------------------------------------------------
    def person(self, *, scope: str, born: date, surname: str | None = None) -> tuple[str, str, date]:
        """A first name, surname and birth date no one else in `scope` already has.

        The models refuse a second person with the same name and birth date (carers and children
        agency-wide, members per household), so a clash moves the birthday a day earlier (never into the future).
        """
        first = self.rng.choice(FIRST_NAMES)
        last = surname or self.rng.choice(LAST_NAMES)
        while (scope, first, last, born) in self._people:
            born -= timedelta(days=1)
        self._people.add((scope, first, last, born))
        return first, last, born

    def certificate(self) -> str:
        return f"{self.rng.randint(0, 999_999_999_999):012d}"

    def address(self) -> tuple[str, str, str]:
        """A first line, town and postcode in one of the fictional towns."""
        rng = self.rng
        town, area = rng.choice(TOWNS)
        letters = "ABDEFGHJLNPQRSTUWXYZ"
        postcode = f"{area}{rng.randint(1, 9)} {rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"
        return f"{rng.randint(1, 140)} {rng.choice(STREETS)}", town, postcode

    def phone(self) -> str:
        # Ofcom's range reserved for drama: never a real person's number.
        return f"07700 900{self.rng.randint(0, 999):03d}"
