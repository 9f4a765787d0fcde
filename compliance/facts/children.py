"""Children and their placements, as the CR-PL-* rules read them: one query, narrowed to the scope's households."""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse

from records.models import Placement


def detail_url(model_name):
    """`pk -> path` of a records detail page, reversing the URL once rather than once per row."""
    example = reverse(f"records:{model_name}_detail", args=[0])  # e.g. "/records/placements/0/"
    head = example[: example.rindex("0/")]
    return lambda pk: f"{head}{pk}/"


@dataclass(frozen=True)
class ChildFact:
    id: int
    label: str  # "Amira Khan (C-0107)"
    url: str
    date_of_birth: date
    placing_authority: str = ""
    legal_status: str = ""
    gp_registered: bool = False
    dentist_registered: bool = False
    last_health_assessment_date: date | None = None
    views_last_recorded_date: date | None = None


@dataclass(frozen=True)
class PlacementFact:
    id: int
    url: str
    child: ChildFact
    household_id: int
    household_name: str
    start_date: date
    end_date: date | None = None
    social_worker_id: int | None = None  # the household's supervising social worker
    household_address: str = ""  # the carers' first address line and postcode; "" unless both are recorded
    placement_plan_received_date: date | None = None
    placement_plan_chased_date: date | None = None
    delegated_authority_recorded_date: date | None = None
    care_plan_received_date: date | None = None
    childrens_guide_given_date: date | None = None
    previous_address: str = ""
    address_on_leaving: str = ""

    @property
    def label(self):
        return f"{self.child.label} with {self.household_name}"

    def is_current_on(self, day: date) -> bool:
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)

    def has_ended_by(self, day: date) -> bool:
        return self.end_date is not None and self.end_date <= day


@dataclass(frozen=True)
class ChildrenFacts:
    placements: tuple = ()

    def current_placements(self, day):
        return [p for p in self.placements if p.is_current_on(day)]

    def children_placed(self, day):
        """[(child, placement)] for each child placed on `day`; on a changeover day, the newer placement."""
        latest = {}
        for placement in self.current_placements(day):
            known = latest.get(placement.child.id)
            if known is None or (placement.start_date, placement.id) > (known.start_date, known.id):
                latest[placement.child.id] = placement
        return [(placement.child, placement) for placement in latest.values()]


PLACEMENT_FIELDS = (
    "id", "household_id", "start_date", "end_date", "placement_plan_received_date", "placement_plan_chased_date",
    "delegated_authority_recorded_date", "care_plan_received_date", "childrens_guide_given_date",
    "previous_address", "address_on_leaving",
)


def gather(scope) -> ChildrenFacts:
    """Every placement in scope with its child and household: one query."""
    rows = scope.narrow(Placement.objects.all(), "household").order_by("start_date", "id").values(
        *PLACEMENT_FIELDS, "household__name", "household__address_line_1", "household__postcode",
        "household__supervising_social_worker_id", "resident_id", "resident__reference", "resident__first_name",
        "resident__last_name", "resident__date_of_birth", "resident__placing_authority", "resident__legal_status",
        "resident__gp_registered", "resident__dentist_registered", "resident__last_health_assessment_date",
        "resident__views_last_recorded_date",
    )
    child_url, placement_url = detail_url("resident"), detail_url("placement")
    children, placements = {}, []
    for row in rows:
        child = children.get(row["resident_id"])
        if child is None:
            child = children[row["resident_id"]] = ChildFact(
                id=row["resident_id"],
                label=f"{row['resident__first_name']} {row['resident__last_name']} ({row['resident__reference']})",
                url=child_url(row["resident_id"]),
                date_of_birth=row["resident__date_of_birth"],
                placing_authority=row["resident__placing_authority"],
                legal_status=row["resident__legal_status"],
                gp_registered=row["resident__gp_registered"],
                dentist_registered=row["resident__dentist_registered"],
                last_health_assessment_date=row["resident__last_health_assessment_date"],
                views_last_recorded_date=row["resident__views_last_recorded_date"],
            )
        line_1, postcode = row["household__address_line_1"].strip(), row["household__postcode"].strip()
        address = f"{line_1}, {postcode}" if line_1 and postcode else ""
        placements.append(PlacementFact(
            **{name: row[name] for name in PLACEMENT_FIELDS},
            url=placement_url(row["id"]), child=child, household_name=row["household__name"],
            social_worker_id=row["household__supervising_social_worker_id"], household_address=address,
        ))
    return ChildrenFacts(placements=tuple(placements))
