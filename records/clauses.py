"""Which clauses each records field evidences (see compliance/registry.py and the catalogue ids).

A field is tagged when its value shows a duty was met or lets a rule work out when it falls due.
Names, addresses, contact details, links to the person or household a record belongs to, and
free-text notes are `not_evidence`, except where a clause asks for that written record itself
(the complaint, the allegation, the outcome of a notification). `manage.py check` fails if a
field is missing from both lists.
"""

from compliance.registry import tag_fields
from records.models import (
    AgencyReview, Allegation, AllowanceRate, ApprovalReview, Carer, ChangeRequest, Check, Complaint, Evidence,
    Household, HouseholdMember,
    InspectionReport, JournalEntry, ManagerRegistration, MissingEpisode, Notification, Placement,
    RegistrationNotice, Resident, StaffMember, StaffSupervision, SupervisionVisit, TrainingRecord,
    UnannouncedVisit,
)

# Terms of approval: set on approval (reg 27) and shown on the register (reg 31).
TERMS = ["fsr2011:r27", "fsr2011:r31"]

tag_fields(
    Household,
    fields={
        "status": ["fsr2011:r27", "fsr2011:r28", "fsr2011:r31"],
        "approval_category": [*TERMS, "nms2011:20.3", "nms2011:30"],
        "enquiry_date": ["nms2011:13.2"],
        "application_date": ["fsr2011:r26", "nms2011:14.4"],
        "panel_date": ["fsr2011:r25", "nms2011:14.4"],
        "approval_date": [*TERMS, "fsr2011:r28", "nms2011:20.3"],
        "foster_care_agreement_date": ["fsr2011:r27", "fsr2011:sch5"],
        "deregistration_date": ["fsr2011:r28", "fsr2011:r32"],
        "approved_places": TERMS,
        "age_range_min": TERMS,
        "age_range_max": TERMS,
        "placement_types": TERMS,
        "supervising_social_worker": ["nms2011:21.8"],
        "safer_care_plan_reviewed_date": ["nms2011:4"],
        "stage_one_completed_date": ["fsr2011:r26", "fsr2011:sch3.pt1"],
        "assessment_report_shared_date": ["fsr2011:r26"],
        # Another provider's request for the household's records, answered within 15 working days.
        "records_requested_date": ["fsr2011:r26", "fsr2011:r32"],
        "records_provided_date": ["fsr2011:r26", "fsr2011:r32"],
        # The usual fostering limit is Children Act 1989 Sch 7; it bounds the terms of approval (reg 27).
        "fostering_limit_exemption_until": ["fsr2011:r27"],
        "children_placed_are_siblings": ["fsr2011:r27"],
        "resignation_notice_date": ["fsr2011:r28"],
        "approval_end_reasons": ["fsr2011:r28"],
        "records_retain_until": ["fsr2011:r32"],
    },
    not_evidence=["reference", "name", "address_line_1", "address_line_2", "town", "postcode", "phone", "email",
                  "notes"],
)

tag_fields(
    Carer,
    fields={
        "induction_completed_date": ["fsr2011:r17", "nms2011:20.1"],
        "tsd_standards_completed": ["fsr2011:r17", "nms2011:20.2", "nms2011:20.3"],
        "tsd_completed_date": ["fsr2011:r17", "nms2011:20.2", "nms2011:20.3"],
        "pdp_reviewed_date": ["fsr2011:r17", "nms2011:20.5"],
        "sex": ["fsr2011:r31"],
        "previous_fostering_provider": ["fsr2011:r26"],
        "previous_approval_ended_date": ["fsr2011:r26"],
    },
    not_evidence=["household", "user", "first_name", "last_name", "date_of_birth", "carer_role", "email", "phone"],
)

tag_fields(
    HouseholdMember,
    fields={
        # Date of birth says who is an adult and so needs an enhanced DBS check.
        "date_of_birth": ["fsr2011:r26", "fsr2011:sch3.pt1"],
        "relationship": ["fsr2011:r26", "fsr2011:sch3.pt1"],
        # The carer must report household changes (Sch 5); a new adult may prompt a review (reg 28).
        "moved_in_date": ["fsr2011:sch5", "fsr2011:r28"],
        "moved_out_date": ["fsr2011:sch5"],
    },
    not_evidence=["household", "first_name", "last_name"],
)

# One Check model serves applicants and their households (reg 26, Sch 3) and staff (reg 20, Sch 1);
# NMS 19.3 asks for a record of both.
VETTING = ["fsr2011:r26", "fsr2011:sch3.pt1", "fsr2011:r20", "fsr2011:sch1", "nms2011:19.3"]

tag_fields(
    Check,
    fields={
        "kind": VETTING,
        "requested_date": ["fsr2011:r26", "fsr2011:r20"],
        "completed_date": VETTING,
        "outcome": [*VETTING, "fsr2011:sch4"],
        "certificate_number": ["fsr2011:sch1.2", "fsr2011:sch3.pt1", "nms2011:19.3"],
        "barred_list_checked": ["fsr2011:sch1.2", "fsr2011:sch3.pt1", "nms2011:19.3"],
        # No clause sets a renewal interval; renewal is agency policy under NMS 19.
        "update_service_subscribed": ["nms2011:19.2", "nms2011:19.3"],
        "expiry_date": ["nms2011:19.2", "nms2011:19.3"],
        "referee_name": ["fsr2011:r26", "fsr2011:sch3.pt1", "fsr2011:sch1.3", "nms2011:19.3"],
        "disqualification_screen": ["fsr2011:r26", "fsr2011:sch4"],
        "disqualification_screened_date": ["fsr2011:r26", "fsr2011:sch4"],
    },
    not_evidence=["carer", "household_member", "staff_member", "household", "notes"],
)

tag_fields(
    StaffMember,
    fields={
        "role": ["fsr2011:r19"],
        "start_date": ["fsr2011:r20", "nms2011:19.1", "nms2011:23.3"],
        "qualifications": ["fsr2011:r20", "fsr2011:sch1.5", "fsr2011:sch2.2", "nms2011:19.3", "nms2011:23.4"],
        "swe_registration_number": ["nms2011:23.4", "nms2011:21.8"],
        "swe_registration_checked_date": ["nms2011:23.4"],
        # The NMS 19 recruitment record: interview and references confirmed by telephone.
        "interview_date": ["nms2011:19.1", "nms2011:19.3"],
        "references_verified_date": ["fsr2011:sch1.3", "nms2011:19.3"],
        "induction_started_date": ["fsr2011:r21", "nms2011:23.3"],
        "induction_completed_date": ["fsr2011:r21", "nms2011:23.3"],
        "employment_gaps_explained": ["fsr2011:r20", "fsr2011:sch1.6"],
    },
    not_evidence=["user", "first_name", "last_name", "job_title", "email", "phone", "end_date"],
)

tag_fields(
    StaffSupervision,
    fields={
        "kind": ["fsr2011:r21", "nms2011:24.4", "nms2011:24.6"],
        "date": ["fsr2011:r21", "nms2011:24.4", "nms2011:24.5", "nms2011:24.6"],
        "supervisor": ["nms2011:24.4", "nms2011:24.5"],
        "start_time": ["nms2011:24.5"],
        "duration_minutes": ["nms2011:24.5"],
        "supervisor_signed": ["nms2011:24.5"],
        "supervisee_signed": ["nms2011:24.5"],
    },
    not_evidence=["staff_member", "notes"],
)

tag_fields(
    Resident,
    fields={
        # The register of children placed records the placing authority and legal basis.
        "legal_status": ["fsr2011:r22", "fsr2011:sch2.1"],
        "placing_authority": ["fsr2011:r22", "fsr2011:sch2.1"],
        "gp_registered": ["fsr2011:r15", "nms2011:6.4"],
        "dentist_registered": ["fsr2011:r15", "nms2011:6.4"],
        "last_health_assessment_date": ["fsr2011:r15", "nms2011:6.4"],
        "views_last_recorded_date": ["fsr2011:r11", "nms2011:1.4"],
    },
    not_evidence=["reference", "first_name", "last_name", "date_of_birth", "social_worker_name",
                  "social_worker_email", "social_worker_phone"],
)

# A placement is an entry in the register of children placed and in the carer's placement log.
PLACEMENT_REGISTER = ["fsr2011:r22", "fsr2011:sch2.1", "fsr2011:r30"]

tag_fields(
    Placement,
    fields={
        # Compared with the household's terms of approval.
        "placement_type": ["fsr2011:r27"],
        "start_date": PLACEMENT_REGISTER,
        "end_date": PLACEMENT_REGISTER,
        "end_reason": ["fsr2011:r30"],
        "placement_plan_received_date": ["fsr2011:r17", "nms2011:31.2"],
        "placement_plan_chased_date": ["nms2011:31.2"],
        "delegated_authority_recorded_date": ["nms2011:6.5"],
        "care_plan_received_date": ["fsr2011:r17"],
        "childrens_guide_given_date": ["fsr2011:r3", "nms2011:16.3"],
        "previous_address": ["fsr2011:r22", "fsr2011:sch2.1"],
        "address_on_leaving": ["fsr2011:r22", "fsr2011:sch2.1"],
    },
    not_evidence=["resident", "household", "notes"],
)

tag_fields(
    JournalEntry,
    fields={
        # Entries are dated and attributed to their writer.
        "entry_date": ["nms2011:26.5"],
        "author": ["nms2011:26.5"],
    },
    not_evidence=["placement", "text"],
)

tag_fields(
    TrainingRecord,
    fields={
        # The course list includes safeguarding, first aid and medication, which these clauses require.
        "course": ["fsr2011:r12", "fsr2011:r17", "fsr2011:r21", "nms2011:6.7", "nms2011:6.10", "nms2011:20.4"],
        "completed_date": ["fsr2011:r17", "fsr2011:r21", "nms2011:20.4"],
        "expiry_date": ["fsr2011:r17", "fsr2011:r21"],
        "certificate_reference": ["nms2011:20.4"],
    },
    not_evidence=["carer", "staff_member", "household", "course_title", "provider"],
)

tag_fields(
    SupervisionVisit,
    fields={
        "visit_date": ["fsr2011:r17", "nms2011:21.8"],
        "social_worker": ["nms2011:21.8"],
        "children_seen": ["fsr2011:r11"],
    },
    not_evidence=["household", "record_summary"],
)

tag_fields(
    UnannouncedVisit,
    fields={
        "visit_date": ["nms2011:21.8", "nms2011:10.5"],
        "visited_by": ["nms2011:21.8"],
        "home_safety_checked": ["nms2011:10.4", "nms2011:10.5"],
        "bedrooms_checked": ["nms2011:10.6"],
    },
    not_evidence=["household", "findings"],
)

tag_fields(
    ApprovalReview,
    fields={
        "review_date": ["fsr2011:r28"],
        # The first review, and any other referred, goes to panel.
        "is_first_review": ["fsr2011:r28", "fsr2011:r25"],
        "carer_views_recorded": ["fsr2011:r28"],
        "children_views_recorded": ["fsr2011:r28", "nms2011:1.4"],
        "placing_authority_views_recorded": ["fsr2011:r28"],
        "went_to_panel": ["fsr2011:r28", "fsr2011:r25"],
        "panel_date": ["fsr2011:r28", "fsr2011:r25"],
        "outcome": ["fsr2011:r28"],
        "report_completed_date": ["fsr2011:r28"],
    },
    not_evidence=["household"],
)

tag_fields(
    Complaint,
    fields={
        # Reg 18 asks for a written record of each complaint, the action taken and the outcome.
        "received_date": ["fsr2011:r18"],
        "complainant_type": ["fsr2011:r18"],
        "summary": ["fsr2011:r18"],
        "acknowledged_date": ["fsr2011:r18", "nms2011:1.6"],
        "responded_date": ["fsr2011:r18", "nms2011:1.6"],
        "outcome": ["fsr2011:r18"],
        "action_taken": ["fsr2011:r18"],
    },
    not_evidence=["complainant_name", "household", "resident"],
)

tag_fields(
    Allegation,
    fields={
        # Reg 12 asks for a written record of each allegation and the action taken.
        "received_date": ["fsr2011:r12", "nms2011:22.1"],
        "category": ["fsr2011:r12"],
        "summary": ["fsr2011:r12"],
        "lado_referred_date": ["fsr2011:r12", "nms2011:22.1", "nms2011:22.2"],
        "ofsted_notified_date": ["fsr2011:r36", "fsr2011:sch7", "nms2011:29.1"],
        "placing_authority_informed_date": ["fsr2011:r12", "fsr2011:r36", "fsr2011:sch7"],
        "outcome": ["fsr2011:r12", "nms2011:22.1"],
        "closed_date": ["fsr2011:r12"],
        "review_of_approval_needed": ["fsr2011:r28"],
    },
    not_evidence=["household", "carer", "resident"],
)

tag_fields(
    MissingEpisode,
    fields={
        # Missing episodes are also one of the Schedule 6 matters the manager monitors.
        "missing_from": ["fsr2011:r13", "fsr2011:sch6", "nms2011:5.2"],
        "returned_at": ["fsr2011:r13", "fsr2011:sch6"],
        "police_informed_at": ["fsr2011:r13", "nms2011:5"],
        "placing_authority_informed_at": ["fsr2011:r13", "nms2011:5.2", "nms2011:5.7"],
        "return_interview_date": ["nms2011:5.6"],
    },
    not_evidence=["placement", "circumstances"],
)

tag_fields(
    Notification,
    fields={
        "event": ["fsr2011:r36", "fsr2011:sch7", "nms2011:29.3"],
        "event_at": ["fsr2011:r36"],
        # The 24-hour clock runs from when the agency learned of the event.
        "agency_aware_at": ["fsr2011:r36", "nms2011:29.1"],
        "notified_body": ["fsr2011:r36", "fsr2011:sch7"],
        "notified_at": ["fsr2011:r36", "nms2011:29.1"],
        "summary": ["fsr2011:r36"],
        "outcome": ["nms2011:29.2"],
        "outcome_recorded_date": ["nms2011:29.2"],
    },
    not_evidence=["household", "resident"],
)

# The agency's own records (records/models/agency.py).

tag_fields(
    AgencyReview,
    fields={
        # Reg 35 reviews and board reports; the statement of purpose and children's guide (regs 3-4);
        # the yearly allowance review and payment policy (NMS 28).
        "kind": ["fsr2011:r35", "fsr2011:sch6", "nms2011:25.7", "fsr2011:r3", "fsr2011:r4", "nms2011:16.1",
                 "nms2011:28.3", "nms2011:28.6"],
        "completed_date": ["fsr2011:r35", "nms2011:25.7", "fsr2011:r4", "nms2011:16.1", "nms2011:28.3",
                           "nms2011:28.6"],
    },
    not_evidence=["summary"],
)

tag_fields(
    RegistrationNotice,
    fields={
        "kind": ["fsr2011:r39", "fsr2011:r6", "fsr2011:r38"],
        "event_date": ["fsr2011:r39", "fsr2011:r38"],
        "end_date": ["fsr2011:r38"],
        "ofsted_notified_date": ["fsr2011:r39", "fsr2011:r38"],
        "return_notified_date": ["fsr2011:r38"],
        "interim_arrangements": ["fsr2011:r38"],
    },
    not_evidence=["details"],
)

tag_fields(
    ManagerRegistration,
    fields={
        "manager": ["fsr2011:r6"],
        "appointed_date": ["fsr2011:r6", "fsr2011:r39"],
        "left_date": ["fsr2011:r6", "fsr2011:r39"],
        "registration_applied_date": ["fsr2011:r6"],
        "registered_date": ["fsr2011:r6"],
        "qualification_enrolled_date": ["nms2011:17.2", "nms2011:17.3"],
        "qualification_achieved_date": ["nms2011:17.2", "nms2011:17.3"],
    },
    not_evidence=[],
)

tag_fields(
    InspectionReport,
    fields={
        "published_date": ["nms2011:25.6"],
        "shared_date": ["nms2011:25.6"],
    },
    not_evidence=["notes"],
)

tag_fields(
    AllowanceRate,
    fields={
        "age_band": ["nms2011:28.1"],
        "effective_from": ["nms2011:28.1"],
        "weekly_allowance": ["nms2011:28.1"],
        "national_minimum": ["nms2011:28.1"],
    },
    not_evidence=[],
)

# Evidence proves the record it supports; the clauses it evidences are chosen per document (`clauses`).
# Dates on the document and its verification are what the rules and the inspector rely on (NMS 26: records
# kept accurate and up to date; reg 30: case records for each foster parent).
tag_fields(
    Evidence,
    fields={
        "file": ["nms2011:26"],
        "kind": ["nms2011:26"],
        "clauses": ["nms2011:26"],
        "issued_on": ["nms2011:26"],
        "expires_on": ["nms2011:26"],
        "status": ["nms2011:26"],
        "verified_by": ["nms2011:26"],
        "verified_at": ["nms2011:26"],
        "rejection_reason": ["nms2011:26"],
        "check_record": ["nms2011:19.3"],
        "training_record": ["nms2011:20"],
    },
    not_evidence=["original_filename", "content_type", "size", "title", "household", "carer", "household_member",
                  "resident", "placement", "staff_member", "panel_member", "supersedes", "is_current"],
)

# A carer's change to household facts and the social worker's decision on it (records accurate, NMS 26).
tag_fields(
    ChangeRequest,
    fields={"changes": ["nms2011:26"], "status": ["nms2011:26"], "decided_by": ["nms2011:26"],
            "decided_at": ["nms2011:26"]},
    not_evidence=["household", "target_model", "target_id", "action", "reason", "decision_note"],
)
