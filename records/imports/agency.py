"""Import types for the agency's own people: staff supervisions and the panel central list."""

from panels.models import PanelMember
from records import models as m
from records.imports.columns import Col, Spec
from records.imports.lookups import auto, find_staff, show_staff

STAFF_SUPERVISIONS = Spec(
    "staff-supervisions", m.StaffSupervision,
    columns=(
        Col("Staff member", "staff_member", find_staff, required=True, example="jo.bloggs@example.org",
            show=show_staff),
    ) + auto(m.StaffSupervision, "kind", "date", required=("date",),
             examples={"kind": "Supervision", "date": "2024-05-14"}) + (
        Col("Supervisor", "supervisor", find_staff, example="sam.manager@example.org", show=show_staff),
    ) + auto(
        m.StaffSupervision, "start_time", "duration_minutes", "supervisor_signed", "supervisee_signed", "notes",
        examples={"start_time": "10:00", "duration_minutes": "90", "supervisor_signed": "yes",
                  "supervisee_signed": "yes"},
    ),
    key=("staff_member", "kind", "date"),
    notes="Staff are named by email, or by first and last name. Matched on Staff member, Kind and Date.",
)

PANEL_MEMBERS = Spec(
    "panel-members", PanelMember,
    columns=auto(
        PanelMember, "first_name", "last_name", "role", "is_independent", "pqe_years", "joined_date", "left_date",
        "dbs_date", "references_received_date", "induction_date", "annual_review_date", "last_training_date",
        "notes",
        required=("first_name", "last_name", "role", "joined_date"),
        examples={"first_name": "Pat", "last_name": "Okafor", "role": "Independent member", "is_independent": "yes",
                  "joined_date": "2022-05-01", "dbs_date": "2022-04-01", "references_received_date": "2022-04-10",
                  "induction_date": "2022-05-20", "annual_review_date": "2024-05-01",
                  "last_training_date": "2024-06-01"},
    ) + (
        Col("Staff member", "staff_member", find_staff, show=show_staff),
    ),
    key=("first_name", "last_name"),
    notes="Matched on First name and Last name. Staff member links agency staff who sit on panel (email or name).",
)
