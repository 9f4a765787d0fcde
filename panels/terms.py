"""Terms of approval (reg 27): what a household is approved for, as recommended by panel or decided by the ADM."""

from dataclasses import dataclass

from records.choices import ApprovalCategory, PlacementType

FIELDS = ("approval_category", "approved_places", "age_range_min", "age_range_max", "placement_types")


@dataclass(frozen=True)
class Terms:
    approval_category: str = ""
    approved_places: int | None = None
    age_range_min: int | None = None
    age_range_max: int | None = None
    placement_types: tuple = ()

    @classmethod
    def of(cls, obj) -> "Terms":
        """The terms held by a Household, an AgendaItem (recommended) or an AgencyDecision (decided)."""
        return cls(
            approval_category=obj.approval_category or "",
            approved_places=obj.approved_places,
            age_range_min=obj.age_range_min,
            age_range_max=obj.age_range_max,
            placement_types=tuple(sorted(obj.placement_types or ())),
        )

    def as_fields(self) -> dict:
        return {
            "approval_category": self.approval_category,
            "approved_places": self.approved_places,
            "age_range_min": self.age_range_min,
            "age_range_max": self.age_range_max,
            "placement_types": list(self.placement_types),
        }

    def apply_to(self, household) -> None:
        for name, value in self.as_fields().items():
            setattr(household, name, value)

    @property
    def is_empty(self) -> bool:
        return self == Terms()

    def missing(self) -> list[str]:
        """Field names a decision that sets terms cannot leave blank."""
        missing = []
        if not self.approval_category:
            missing.append("approval_category")
        if self.approved_places is None:
            missing.append("approved_places")
        if self.age_range_min is None:
            missing.append("age_range_min")
        if self.age_range_max is None:
            missing.append("age_range_max")
        if not self.placement_types:
            missing.append("placement_types")
        return missing

    def describe(self) -> str:
        """'Mainstream; 2 children aged 0–18; short-term, long-term' (for letters and lists)."""
        if self.is_empty:
            return "—"
        parts = []
        if self.approval_category:
            parts.append(ApprovalCategory(self.approval_category).label)
        if self.approved_places is not None:
            noun = "child" if self.approved_places == 1 else "children"
            ages = ""
            if self.age_range_min is not None and self.age_range_max is not None:
                ages = f" aged {self.age_range_min}–{self.age_range_max}"
            parts.append(f"{self.approved_places} {noun}{ages}")
        if self.placement_types:
            labels = dict(PlacementType.choices)
            parts.append(", ".join(labels.get(value, value) for value in self.placement_types).lower())
        return "; ".join(parts)
