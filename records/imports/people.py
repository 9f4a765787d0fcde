"""Import types for the people and households an agency keeps in spreadsheets."""

from records import models as m
from records.imports.columns import Col, Spec
from records.imports.lookups import auto, find_household, find_staff, show_reference, show_staff

HOUSEHOLD_REF = Col("Household reference", "household", find_household, required=True, example="HH-0042",
                    show=show_reference)
PERSON = ("first_name", "last_name", "date_of_birth")
PERSON_EXAMPLES = {"first_name": "Amira", "last_name": "Khan", "date_of_birth": "1980-04-17"}

HOUSEHOLDS = Spec(
    "households", m.Household,
    columns=auto(
        m.Household, "reference", "name", "status", "approval_category", "enquiry_date", "application_date",
        "stage_one_completed_date", "records_requested_date", "records_provided_date",
        "assessment_report_shared_date", "panel_date", "approval_date", "foster_care_agreement_date",
        "approved_places", "age_range_min", "age_range_max", "placement_types",
        "fostering_limit_exemption_until", "children_placed_are_siblings",
        required=("reference", "name"),
        examples={"reference": "HH-0042", "name": "Khan household", "status": "Approved",
                  "approval_category": "Mainstream", "enquiry_date": "2022-01-10", "application_date": "2022-02-01",
                  "panel_date": "2022-09-14", "approval_date": "2022-09-20",
                  "foster_care_agreement_date": "2022-09-20", "approved_places": "2", "age_range_min": "0",
                  "age_range_max": "18", "placement_types": "Short-term; Long-term",
                  "children_placed_are_siblings": "no"},
    ) + (
        Col("Supervising social worker", "supervising_social_worker", find_staff, example="jo.bloggs@example.org",
            show=show_staff),
    ) + auto(
        m.Household, "address_line_1", "address_line_2", "town", "postcode", "phone", "email",
        "safer_care_plan_reviewed_date", "resignation_notice_date", "deregistration_date", "approval_end_reasons",
        "records_retain_until", "notes",
        examples={"address_line_1": "12 Acacia Avenue", "town": "Leeds", "postcode": "LS1 4AB",
                  "phone": "01632 960000"},
    ),
    key=("reference",),
    notes="Matched on Reference.",
)

CARERS = Spec(
    "carers", m.Carer,
    columns=(HOUSEHOLD_REF,) + auto(
        m.Carer, *PERSON, "carer_role", "sex", "email", "phone", "induction_completed_date",
        "tsd_standards_completed", "tsd_completed_date", "pdp_reviewed_date", "previous_fostering_provider",
        "previous_approval_ended_date",
        required=PERSON,
        examples={**PERSON_EXAMPLES, "carer_role": "Main carer", "sex": "Female", "email": "amira@example.org",
                  "phone": "01632 960001", "induction_completed_date": "2022-10-01", "tsd_standards_completed": "7",
                  "tsd_completed_date": "2023-09-01"},
    ),
    key=("household", *PERSON),
    notes="Matched on Household reference, First name, Last name and Date of birth.",
)

HOUSEHOLD_MEMBERS = Spec(
    "household-members", m.HouseholdMember,
    columns=(HOUSEHOLD_REF,) + auto(
        m.HouseholdMember, *PERSON, "relationship", "moved_in_date", "moved_out_date",
        required=(*PERSON, "relationship"),
        examples={"first_name": "Sami", "last_name": "Khan", "date_of_birth": "2010-06-02",
                  "relationship": "Carer's own child", "moved_in_date": "2010-06-02"},
    ),
    key=("household", *PERSON),
    notes="Matched on Household reference, First name, Last name and Date of birth.",
)

STAFF = Spec(
    "staff", m.StaffMember,
    columns=auto(
        m.StaffMember, "first_name", "last_name", "role", "job_title", "email", "phone", "start_date", "end_date",
        "qualifications", "swe_registration_number", "swe_registration_checked_date", "interview_date",
        "references_verified_date", "induction_started_date", "induction_completed_date",
        "employment_gaps_explained",
        required=("first_name", "last_name", "role", "start_date"),
        examples={"first_name": "Jo", "last_name": "Bloggs", "role": "Supervising social worker",
                  "job_title": "Supervising social worker", "email": "jo.bloggs@example.org",
                  "start_date": "2021-03-01", "swe_registration_number": "SW123456",
                  "swe_registration_checked_date": "2024-03-01", "employment_gaps_explained": "yes"},
    ),
    key=("first_name", "last_name"),
    notes="Matched on First name and Last name. Other sheets name staff by email or by first and last name.",
)

CHILDREN = Spec(
    "children", m.Resident,
    columns=auto(
        m.Resident, "reference", *PERSON, "legal_status", "placing_authority", "social_worker_name",
        "social_worker_email", "social_worker_phone", "gp_registered", "dentist_registered",
        "last_health_assessment_date", "views_last_recorded_date",
        required=("reference", *PERSON, "legal_status", "placing_authority"),
        examples={"reference": "C-0107", "first_name": "Lily", "last_name": "Evans", "date_of_birth": "2015-02-11",
                  "legal_status": "Care order (s31)", "placing_authority": "Leeds City Council",
                  "gp_registered": "yes", "dentist_registered": "yes", "last_health_assessment_date": "2024-05-01"},
    ),
    key=("reference",),
    notes="Matched on Reference.",
)
