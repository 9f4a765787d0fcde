"""How big the fictional agency is: the everyday demo, or the benchmark agency."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    name: str
    households: int
    members: int  # household members other than carers
    children: int
    staff: int
    social_workers: int  # supervising social workers, all in post
    history_months: int  # how far back supervision visits and staff supervision go
    journal_entries_per_placement: int  # on average, spread over the placement
    # Per-row full_clean() costs several queries a row: fine for ~3,000 rows, not for 150,000.
    validate: bool


SCALES = {
    "demo": Scale(
        name="demo", households=40, members=60, children=50, staff=20, social_workers=8,
        history_months=12, journal_entries_per_placement=8, validate=True,
    ),
    "large": Scale(
        name="large", households=1000, members=1500, children=1200, staff=250, social_workers=80,
        history_months=36, journal_entries_per_placement=130, validate=False,
    ),
}

# Share of households at each stage; approved households take whatever is left.
STAGE_SHARES = {"enquiry": 0.07, "assessment": 0.10, "on_hold": 0.05, "resigned": 0.05, "deregistered": 0.05}
