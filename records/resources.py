"""What each records page shows: one small declaration per model.

The generic views in records/views/generic.py read these, so a list, detail, form and history
page for a model is a declaration here rather than five hand-written views.
"""

from dataclasses import dataclass, field

from records import models as m


@dataclass(frozen=True)
class Column:
    accessor: str  # dotted attribute path, e.g. "household.name"
    label: str = ""


@dataclass(frozen=True)
class Related:
    """A table of related records on a detail page, e.g. a household's carers."""

    slug: str  # the related resource's slug
    lookup: str  # filter from the related model to this object, e.g. "household"
    title: str = ""


@dataclass(frozen=True)
class Resource:
    model: type
    slug: str  # URL segment and URL-name prefix
    title: str  # plural heading
    columns: tuple
    search_fields: tuple = ()
    filter_fields: tuple = ()
    select_related: tuple = ()
    form_fields: tuple = ()
    # Fields a foster carer may see on the detail page; None means the whole record.
    carer_fields: tuple | None = None
    # Form fields only managers may set (e.g. a staff member as the subject of a check).
    manager_only_fields: tuple = ()
    # Query-string keys that pre-fill the add form (?household=12).
    prefill: tuple = ()
    related: tuple = field(default_factory=tuple)
    addable: bool = True

    @property
    def verbose_name(self):
        return self.model._meta.verbose_name

    @property
    def url_prefix(self):
        return self.model._meta.model_name


RESOURCES = [
    Resource(
        m.Household, "households", "Households",
        columns=(Column("reference"), Column("name"), Column("status"), Column("approval_category"),
                 Column("approval_date"), Column("approved_places", "Places"),
                 Column("supervising_social_worker", "Supervising social worker"), Column("town")),
        search_fields=("reference", "name", "town", "postcode", "carers__last_name"),
        filter_fields=("status", "approval_category", "supervising_social_worker"),
        select_related=("supervising_social_worker",),
        form_fields=("reference", "name", "status", "approval_category", "enquiry_date", "application_date",
                     "stage_one_completed_date", "records_requested_date", "records_provided_date",
                     "assessment_report_shared_date", "panel_date", "approval_date", "foster_care_agreement_date",
                     "approved_places", "age_range_min", "age_range_max", "placement_types",
                     "fostering_limit_exemption_until", "children_placed_are_siblings",
                     "supervising_social_worker", "address_line_1", "address_line_2", "town", "postcode",
                     "phone", "email", "safer_care_plan_reviewed_date", "resignation_notice_date",
                     "deregistration_date", "approval_end_reasons", "records_retain_until", "notes"),
        carer_fields=("reference", "name", "status", "approval_category", "approval_date", "approved_places",
                      "age_range_min", "age_range_max", "placement_types", "supervising_social_worker",
                      "address_line_1", "address_line_2", "town", "postcode", "phone", "email"),
        related=(
            Related("carers", "household", "Foster carers"),
            Related("members", "household", "Other household members"),
            Related("placements", "household", "Placements"),
            Related("checks", "household", "Checks"),
            Related("training", "household", "Training"),
            Related("supervision-visits", "household", "Supervision visits"),
            Related("unannounced-visits", "household", "Unannounced visits"),
            Related("reviews", "household", "Reviews of approval"),
            Related("complaints", "household", "Complaints"),
            Related("allegations", "household", "Allegations"),
        ),
    ),
    Resource(
        m.Carer, "carers", "Foster carers",
        columns=(Column("last_name"), Column("first_name"), Column("household"), Column("carer_role"),
                 Column("date_of_birth"), Column("tsd_standards_completed", "TSD standards"),
                 Column("tsd_completed_date", "TSD complete")),
        search_fields=("first_name", "last_name", "email", "household__name", "household__reference"),
        filter_fields=("carer_role", "household__status"),
        select_related=("household",),
        form_fields=("household", "first_name", "last_name", "date_of_birth", "sex", "carer_role", "email", "phone",
                     "previous_fostering_provider", "previous_approval_ended_date",
                     "induction_completed_date", "tsd_standards_completed", "tsd_completed_date",
                     "pdp_reviewed_date"),
        prefill=("household",),
        related=(Related("checks", "carer", "Checks"), Related("training", "carer", "Training")),
    ),
    Resource(
        m.HouseholdMember, "members", "Household members",
        columns=(Column("last_name"), Column("first_name"), Column("household"), Column("relationship"),
                 Column("date_of_birth"), Column("moved_in_date", "Moved in")),
        search_fields=("first_name", "last_name", "household__name", "household__reference"),
        filter_fields=("relationship",),
        select_related=("household",),
        form_fields=("household", "first_name", "last_name", "date_of_birth", "relationship",
                     "moved_in_date", "moved_out_date"),
        prefill=("household",),
        related=(Related("checks", "household_member", "Checks"),),
    ),
    Resource(
        m.Check, "checks", "Checks",
        columns=(Column("kind"), Column("subject", "Person"), Column("household"), Column("outcome"),
                 Column("completed_date", "Completed"), Column("expiry_date", "Renew by"),
                 Column("masked_certificate_number", "Certificate")),
        search_fields=("carer__last_name", "household_member__last_name", "staff_member__last_name",
                       "referee_name"),
        filter_fields=("kind", "outcome"),
        select_related=("carer", "household_member", "staff_member", "household"),
        form_fields=("kind", "carer", "household_member", "staff_member", "requested_date", "completed_date",
                     "outcome", "disqualification_screen", "disqualification_screened_date",
                     "certificate_number", "barred_list_checked", "update_service_subscribed",
                     "expiry_date", "referee_name", "notes"),
        manager_only_fields=("staff_member",),
        prefill=("carer", "household_member", "staff_member"),
    ),
    Resource(
        m.TrainingRecord, "training", "Training records",
        columns=(Column("course"), Column("trainee", "Trainee"), Column("household"),
                 Column("completed_date", "Completed"), Column("expiry_date", "Refresh by"), Column("provider")),
        search_fields=("course_title", "provider", "carer__last_name", "staff_member__last_name"),
        filter_fields=("course",),
        select_related=("carer", "staff_member", "household"),
        form_fields=("carer", "staff_member", "course", "course_title", "provider", "completed_date",
                     "expiry_date", "certificate_reference"),
        manager_only_fields=("staff_member",),
        prefill=("carer", "staff_member"),
    ),
    Resource(
        m.StaffMember, "staff", "Staff",
        columns=(Column("last_name"), Column("first_name"), Column("role"), Column("start_date", "Started"),
                 Column("end_date", "Left"), Column("swe_registration_number", "SWE number")),
        search_fields=("first_name", "last_name", "job_title", "email"),
        filter_fields=("role",),
        form_fields=("first_name", "last_name", "role", "job_title", "email", "phone", "start_date", "end_date",
                     "qualifications", "swe_registration_number", "swe_registration_checked_date",
                     "interview_date", "references_verified_date", "induction_started_date",
                     "induction_completed_date", "employment_gaps_explained", "user"),
        related=(Related("checks", "staff_member", "Recruitment checks"),
                 Related("training", "staff_member", "Training"),
                 Related("staff-supervisions", "staff_member", "Supervision and appraisal")),
    ),
    Resource(
        m.StaffSupervision, "staff-supervisions", "Staff supervision and appraisal",
        columns=(Column("date"), Column("staff_member", "Staff member"), Column("kind"),
                 Column("supervisor")),
        search_fields=("staff_member__last_name", "supervisor__last_name"),
        filter_fields=("kind",),
        select_related=("staff_member", "supervisor"),
        form_fields=("staff_member", "kind", "date", "start_time", "duration_minutes", "supervisor",
                     "supervisor_signed", "supervisee_signed", "notes"),
        prefill=("staff_member",),
    ),
    Resource(
        m.Resident, "children", "Children placed",
        columns=(Column("reference"), Column("last_name"), Column("first_name"), Column("date_of_birth"),
                 Column("legal_status"), Column("placing_authority")),
        search_fields=("reference", "first_name", "last_name", "placing_authority", "social_worker_name"),
        filter_fields=("legal_status", "placing_authority"),
        form_fields=("reference", "first_name", "last_name", "date_of_birth", "legal_status",
                     "placing_authority", "social_worker_name", "social_worker_email", "social_worker_phone",
                     "gp_registered", "dentist_registered", "last_health_assessment_date",
                     "views_last_recorded_date"),
        carer_fields=("first_name", "last_name", "date_of_birth", "social_worker_name", "social_worker_email",
                      "social_worker_phone", "gp_registered", "dentist_registered"),
        related=(Related("placements", "resident", "Placements"),),
    ),
    Resource(
        m.Placement, "placements", "Placements",
        columns=(Column("resident", "Child"), Column("household"), Column("placement_type"),
                 Column("start_date", "Start"), Column("end_date", "End"),
                 Column("placement_plan_received_date", "Plan received")),
        search_fields=("resident__first_name", "resident__last_name", "resident__reference", "household__name"),
        filter_fields=("placement_type", "end_reason"),
        select_related=("resident", "household"),
        form_fields=("resident", "household", "placement_type", "start_date", "end_date", "end_reason",
                     "placement_plan_received_date", "placement_plan_chased_date",
                     "delegated_authority_recorded_date", "care_plan_received_date", "childrens_guide_given_date",
                     "previous_address", "address_on_leaving", "notes"),
        carer_fields=("resident", "household", "placement_type", "start_date"),
        prefill=("resident", "household"),
        related=(Related("journal", "placement", "Journal"), Related("missing-episodes", "placement", "Missing episodes")),
    ),
    Resource(
        m.JournalEntry, "journal", "Journal entries",
        columns=(Column("entry_date", "Date"), Column("placement.resident", "Child"),
                 Column("author"), Column("text")),
        search_fields=("text", "placement__resident__first_name", "placement__resident__last_name"),
        select_related=("placement__resident", "author"),
        form_fields=("placement", "entry_date", "text"),
        prefill=("placement",),
    ),
    Resource(
        m.SupervisionVisit, "supervision-visits", "Supervision visits",
        columns=(Column("visit_date", "Date"), Column("household"), Column("social_worker", "Social worker"),
                 Column("children_seen", "Children seen")),
        search_fields=("household__name", "household__reference", "social_worker__last_name"),
        filter_fields=("children_seen",),
        select_related=("household", "social_worker"),
        form_fields=("household", "visit_date", "social_worker", "children_seen", "record_summary"),
        prefill=("household",),
    ),
    Resource(
        m.UnannouncedVisit, "unannounced-visits", "Unannounced visits",
        columns=(Column("visit_date", "Date"), Column("household"), Column("visited_by", "Visited by"),
                 Column("home_safety_checked", "Home safety checked")),
        search_fields=("household__name", "household__reference"),
        filter_fields=("home_safety_checked",),
        select_related=("household", "visited_by"),
        form_fields=("household", "visit_date", "visited_by", "home_safety_checked", "bedrooms_checked",
                     "findings"),
        prefill=("household",),
    ),
    Resource(
        m.ApprovalReview, "reviews", "Reviews of approval",
        columns=(Column("review_date", "Review date"), Column("household"), Column("is_first_review", "First"),
                 Column("went_to_panel", "To panel"), Column("outcome")),
        search_fields=("household__name", "household__reference"),
        filter_fields=("outcome", "went_to_panel"),
        select_related=("household",),
        form_fields=("household", "review_date", "is_first_review", "carer_views_recorded",
                     "children_views_recorded", "placing_authority_views_recorded", "went_to_panel",
                     "panel_date", "outcome", "report_completed_date"),
        prefill=("household",),
    ),
    Resource(
        m.Complaint, "complaints", "Complaints",
        columns=(Column("received_date", "Received"), Column("complainant_type", "From"), Column("household"),
                 Column("outcome"), Column("responded_date", "Responded")),
        search_fields=("summary", "complainant_name", "household__name"),
        filter_fields=("outcome", "complainant_type"),
        select_related=("household",),
        form_fields=("received_date", "complainant_type", "complainant_name", "household", "resident", "summary",
                     "acknowledged_date", "responded_date", "outcome", "action_taken"),
        prefill=("household", "resident"),
    ),
    Resource(
        m.Allegation, "allegations", "Allegations",
        columns=(Column("received_date", "Received"), Column("household"), Column("category"),
                 Column("lado_referred_date", "LADO referral"), Column("outcome")),
        search_fields=("summary", "household__name", "household__reference"),
        filter_fields=("category", "outcome"),
        select_related=("household",),
        form_fields=("received_date", "household", "carer", "resident", "category", "summary",
                     "lado_referred_date", "ofsted_notified_date", "placing_authority_informed_date", "outcome",
                     "closed_date", "review_of_approval_needed"),
        prefill=("household",),
    ),
    Resource(
        m.MissingEpisode, "missing-episodes", "Missing from care",
        columns=(Column("missing_from", "Missing from"), Column("placement.resident", "Child"),
                 Column("placement.household", "Household"), Column("returned_at", "Returned")),
        search_fields=("placement__resident__last_name", "placement__household__name"),
        select_related=("placement__resident", "placement__household"),
        form_fields=("placement", "missing_from", "returned_at", "police_informed_at",
                     "placing_authority_informed_at", "return_interview_date", "circumstances"),
        prefill=("placement",),
    ),
    Resource(
        m.Notification, "notifications", "Notifications (Schedule 7)",
        columns=(Column("agency_aware_at", "Agency aware"), Column("event"), Column("notified_body", "Notified"),
                 Column("notified_at", "Notified at"), Column("household")),
        search_fields=("summary", "household__name"),
        filter_fields=("event", "notified_body"),
        select_related=("household",),
        form_fields=("event", "event_at", "agency_aware_at", "notified_body", "notified_at", "household",
                     "resident", "summary", "outcome", "outcome_recorded_date"),
        prefill=("household", "resident"),
    ),
    # The agency's own records: managers only (records/permissions.py).
    Resource(
        m.AgencyReview, "agency-reviews", "Agency reviews and reports",
        columns=(Column("completed_date", "Completed"), Column("kind"), Column("summary")),
        search_fields=("summary",),
        filter_fields=("kind",),
        form_fields=("kind", "completed_date", "summary"),
    ),
    Resource(
        m.RegistrationNotice, "registration-notices", "Registration notices to Ofsted",
        columns=(Column("event_date", "Date"), Column("kind"), Column("ofsted_notified_date", "Ofsted notified"),
                 Column("end_date", "Absence ends")),
        search_fields=("details", "interim_arrangements"),
        filter_fields=("kind",),
        form_fields=("kind", "event_date", "end_date", "ofsted_notified_date", "return_notified_date",
                     "interim_arrangements", "details"),
    ),
    Resource(
        m.ManagerRegistration, "manager-registrations", "Registered managers",
        columns=(Column("manager", "Manager"), Column("appointed_date", "Appointed"),
                 Column("registered_date", "Registered"), Column("qualification_achieved_date", "Qualified"),
                 Column("left_date", "Left")),
        search_fields=("manager__first_name", "manager__last_name"),
        select_related=("manager",),
        form_fields=("manager", "appointed_date", "left_date", "registration_applied_date", "registered_date",
                     "qualification_enrolled_date", "qualification_achieved_date"),
        prefill=("manager",),
    ),
    Resource(
        m.InspectionReport, "inspection-reports", "Ofsted inspection reports",
        columns=(Column("published_date", "Published"), Column("shared_date", "Shared")),
        search_fields=("notes",),
        form_fields=("published_date", "shared_date", "notes"),
    ),
    Resource(
        m.AllowanceRate, "allowance-rates", "Allowance rates",
        columns=(Column("effective_from", "From"), Column("age_band", "Age band"),
                 Column("weekly_allowance", "Weekly allowance"), Column("national_minimum", "National minimum")),
        filter_fields=("age_band",),
        form_fields=("age_band", "effective_from", "weekly_allowance", "national_minimum"),
    ),
]

BY_SLUG = {resource.slug: resource for resource in RESOURCES}
BY_MODEL = {resource.model: resource for resource in RESOURCES}
