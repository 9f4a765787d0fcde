"""Import types for placements, training, checks, visits and reviews."""

from records import models as m
from records.imports.columns import CellError, Col, ResolveError, Spec, parse_date, text
from records.imports.lookups import (
    auto, find_household, find_resident, find_staff, lookups, show_reference, show_staff,
)
from records.imports.people import HOUSEHOLD_REF

STAFF_COLUMN = "Staff member"


def _person_columns(label):
    """Helper columns naming a carer/household member (household + name + date of birth) or a member of staff."""
    def show_household(obj):
        person = getattr(obj, "carer", None) or getattr(obj, "household_member", None)
        return person.household.reference if person else ""

    def show_name(obj):
        person = getattr(obj, "carer", None) or getattr(obj, "household_member", None)
        return person.full_name if person else ""

    def show_born(obj):
        person = getattr(obj, "carer", None) or getattr(obj, "household_member", None)
        return person.date_of_birth.isoformat() if person else ""

    return (
        Col("Household reference", None, example="HH-0042", show=show_household),
        Col(f"{label} name", None, example="Amira Khan", show=show_name),
        Col(f"{label} date of birth", None, parse_date, example="1980-04-17", show=show_born),
        Col(STAFF_COLUMN, None, find_staff, show=lambda obj: show_staff(obj.staff_member)),
    )


def _resolver(label, person_models):
    """Builds resolve(): exactly one of a person in a household (by name, date of birth) or staff."""
    name_header, born_header = f"{label} name", f"{label} date of birth"

    def resolve(cells):
        staff = cells.get(STAFF_COLUMN)
        household_raw, name = cells.get("Household reference"), text(cells.get(name_header))
        fields = {"carer": None, "staff_member": None}
        if "household_member" in [model_field for model_field, _ in person_models]:
            fields["household_member"] = None
        if staff and (name or text(household_raw)):
            raise ResolveError(STAFF_COLUMN, staff, f"give either a member of staff or a {label.lower()}, not both")
        if staff:
            return {**fields, "staff_member": staff}
        if not name:
            raise ResolveError(name_header, "", f"missing required value: a {label.lower()} or a member of staff")
        try:
            household = find_household(household_raw)
        except CellError as error:
            raise ResolveError("Household reference", text(household_raw), str(error)) from None
        if household is None:
            raise ResolveError("Household reference", "", "missing required value: the person's household")
        born = cells.get(born_header)
        for model_field, model in person_models:
            people = [p for p in lookups().people(model, household)
                      if " ".join(p.full_name.lower().split()) == " ".join(name.lower().split())
                      and (born is None or p.date_of_birth == born)]
            if len(people) > 1:
                raise ResolveError(born_header, "", "more than one person of that name: give the date of birth")
            if people:
                return {**fields, model_field: people[0]}
        raise ResolveError(name_header, name, f"unknown person: nobody of that name in {household.reference}")
    return resolve


PLACEMENTS = Spec(
    "placements", m.Placement,
    columns=(
        Col("Child reference", "resident", find_resident, required=True, example="C-0107", show=show_reference),
        HOUSEHOLD_REF,
    ) + auto(
        m.Placement, "placement_type", "start_date", "end_date", "end_reason", "placement_plan_received_date",
        "placement_plan_chased_date", "delegated_authority_recorded_date", "care_plan_received_date",
        "childrens_guide_given_date", "previous_address", "address_on_leaving", "notes",
        required=("placement_type", "start_date"),
        examples={"placement_type": "Long-term", "start_date": "2023-01-09",
                  "placement_plan_received_date": "2023-01-12",
                  "care_plan_received_date": "2023-01-09", "childrens_guide_given_date": "2023-01-09"},
    ),
    key=("resident", "start_date"),
    notes="Matched on Child reference and Start date.",
)

TRAINING = Spec(
    "training", m.TrainingRecord,
    columns=_person_columns("Carer") + auto(
        m.TrainingRecord, "course", "course_title", "provider", "completed_date", "expiry_date",
        "certificate_reference",
        required=("course", "completed_date"),
        examples={"course": "Safeguarding children", "provider": "County Training", "completed_date": "2024-02-01",
                  "expiry_date": "2027-02-01"},
    ),
    key=("carer", "staff_member", "course", "completed_date"),
    resolve=_resolver("Carer", [("carer", m.Carer)]),
    notes="Give Household reference, Carer name (and Carer date of birth if two carers share a name), or Staff "
          "member (email or name). Matched on the trainee, Course and Completed date.",
)

CHECKS = Spec(
    "checks", m.Check,
    columns=_person_columns("Person") + auto(
        m.Check, "kind", "requested_date", "completed_date", "outcome", "certificate_number",
        "barred_list_checked", "update_service_subscribed", "expiry_date", "referee_name",
        "disqualification_screen", "disqualification_screened_date", "notes",
        required=("kind",),
        examples={"kind": "Enhanced DBS (with barred list)", "requested_date": "2024-01-05",
                  "completed_date": "2024-01-20", "outcome": "Clear / satisfactory",
                  "certificate_number": "001234567890",
                  "barred_list_checked": "yes", "update_service_subscribed": "yes", "expiry_date": "2027-01-20"},
    ),
    key=("carer", "household_member", "staff_member", "kind", "requested_date", "referee_name"),
    resolve=_resolver("Person", [("carer", m.Carer), ("household_member", m.HouseholdMember)]),
    notes="Give Household reference and Person name (a carer or household member; add Person date of birth if two "
          "share a name), or Staff member. Matched on the person, Kind, Requested date and Referee name.",
)

SUPERVISION_VISITS = Spec(
    "supervision-visits", m.SupervisionVisit,
    columns=(HOUSEHOLD_REF,) + auto(m.SupervisionVisit, "visit_date", required=("visit_date",),
                                     examples={"visit_date": "2024-06-03"}) + (
        Col("Social worker", "social_worker", find_staff, example="jo.bloggs@example.org", show=show_staff),
    ) + auto(m.SupervisionVisit, "children_seen", "record_summary",
             examples={"children_seen": "yes", "record_summary": "Discussed school transition."}),
    key=("household", "visit_date"),
    notes="Matched on Household reference and Visit date.",
)

UNANNOUNCED_VISITS = Spec(
    "unannounced-visits", m.UnannouncedVisit,
    columns=(HOUSEHOLD_REF,) + auto(m.UnannouncedVisit, "visit_date", required=("visit_date",),
                                     examples={"visit_date": "2024-03-12"}) + (
        Col("Visited by", "visited_by", find_staff, example="jo.bloggs@example.org", show=show_staff),
    ) + auto(m.UnannouncedVisit, "home_safety_checked", "bedrooms_checked", "findings",
             examples={"home_safety_checked": "yes", "bedrooms_checked": "yes", "findings": "No concerns."}),
    key=("household", "visit_date"),
    notes="Matched on Household reference and Visit date.",
)

REVIEWS = Spec(
    "reviews", m.ApprovalReview,
    columns=(HOUSEHOLD_REF,) + auto(
        m.ApprovalReview, "review_date", "is_first_review", "carer_views_recorded", "children_views_recorded",
        "placing_authority_views_recorded", "went_to_panel", "panel_date", "outcome", "report_completed_date",
        required=("review_date",),
        examples={"review_date": "2023-09-10", "is_first_review": "yes", "carer_views_recorded": "yes",
                  "children_views_recorded": "yes", "placing_authority_views_recorded": "yes",
                  "went_to_panel": "yes", "panel_date": "2023-10-04", "outcome": "Continue approval, same terms",
                  "report_completed_date": "2023-09-20"},
    ),
    key=("household", "review_date"),
    notes="Matched on Household reference and Review date.",
)
