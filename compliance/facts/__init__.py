"""What the rules need, gathered in a fixed number of queries per family, as plain dataclasses.

Each family module (households.py, children.py, staff.py, panels.py, agency.py, inspections.py) has a
`gather(scope) -> <Family>Facts`. `Facts` gathers a family the first time a rule asks for it, so a
run only queries what its rules use; tests build the dataclasses in memory with `Facts.of(...)`.
"""

from dataclasses import dataclass
from functools import cached_property
from importlib import import_module


@dataclass(frozen=True)
class Scope:
    """Which records a run looks at: the whole agency, or some households after an edit."""

    household_ids: frozenset | None = None

    @property
    def whole_agency(self):
        return self.household_ids is None

    def narrow(self, queryset, household_path="household"):
        """Filter `queryset` to the scope's households (no-op for the whole agency)."""
        if self.whole_agency:
            return queryset
        lookup = f"{household_path}__in" if household_path else "pk__in"
        return queryset.filter(**{lookup: self.household_ids})


FAMILIES = ("households", "children", "staff", "panels", "agency", "inspections")


class Facts:
    def __init__(self, scope: Scope = Scope()):
        self.scope = scope

    @classmethod
    def of(cls, scope: Scope = Scope(), **parts):
        """Facts with some families given directly (for tests): Facts.of(households=HouseholdFacts(...))."""
        facts = cls(scope)
        for name, part in parts.items():
            if name not in FAMILIES:
                raise ValueError(f"Unknown facts family {name!r}")
            facts.__dict__[name] = part
        return facts

    def _gather(self, family):
        return import_module(f"compliance.facts.{family}").gather(self.scope)

    households = cached_property(lambda self: self._gather("households"))
    children = cached_property(lambda self: self._gather("children"))
    staff = cached_property(lambda self: self._gather("staff"))
    panels = cached_property(lambda self: self._gather("panels"))
    agency = cached_property(lambda self: self._gather("agency"))
    inspections = cached_property(lambda self: self._gather("inspections"))
