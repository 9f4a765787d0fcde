"""Choice lists shared by records models, forms and filters."""

from django.db import models


class HouseholdStatus(models.TextChoices):
    ENQUIRY = "enquiry", "Enquiry"
    ASSESSMENT = "assessment", "Applicant in assessment"
    APPROVED = "approved", "Approved"
    ON_HOLD = "on_hold", "On hold"
    RESIGNED = "resigned", "Resigned"
    DEREGISTERED = "deregistered", "Deregistered"


class ApprovalCategory(models.TextChoices):
    MAINSTREAM = "mainstream", "Mainstream"
    CONNECTED = "connected", "Family and friends (connected person)"
    SHORT_BREAK = "short_break", "Short breaks"


class PlacementType(models.TextChoices):
    SHORT_TERM = "short_term", "Short-term"
    LONG_TERM = "long_term", "Long-term"
    RESPITE = "respite", "Respite / short break"
    EMERGENCY = "emergency", "Emergency"
    PARENT_AND_CHILD = "parent_and_child", "Parent and child"
    CONNECTED = "connected", "Family and friends (connected)"


class CarerRole(models.TextChoices):
    MAIN = "main", "Main carer"
    SECOND = "second", "Second carer"


class MemberRelationship(models.TextChoices):
    CARERS_CHILD = "carers_child", "Carer's own child"
    ADULT_CHILD = "adult_child", "Carer's adult child"
    RELATIVE = "relative", "Relative"
    PARTNER = "partner", "Partner (not an approved carer)"
    LODGER = "lodger", "Lodger"
    OTHER = "other", "Other"


class CheckKind(models.TextChoices):
    ENHANCED_DBS = "enhanced_dbs", "Enhanced DBS (with barred list)"
    DBS_UPDATE_SERVICE = "dbs_update_service", "DBS update service status check"
    MEDICAL = "medical", "Medical"
    REFERENCE_PERSONAL = "reference_personal", "Personal reference"
    REFERENCE_EMPLOYER = "reference_employer", "Employer reference"
    REFERENCE_EX_PARTNER = "reference_ex_partner", "Ex-partner reference"
    REFERENCE_PREVIOUS_PROVIDER = "reference_previous_provider", "Previous fostering provider reference"
    LOCAL_AUTHORITY = "local_authority", "Local authority check"
    OVERSEAS = "overseas", "Overseas criminal record check"
    HEALTH_VISITOR_SCHOOL = "health_visitor_school", "Health visitor / school check"
    HOME_SAFETY = "home_safety", "Home and pet safety check"
    IDENTITY = "identity", "Proof of identity"
    RIGHT_TO_WORK = "right_to_work", "Right to work"
    QUALIFICATIONS = "qualifications", "Qualifications verified"
    EMPLOYMENT_HISTORY = "employment_history", "Full employment history, gaps explained"
    PREVIOUS_WORK_WITH_CHILDREN = "previous_work_with_children", "Reason previous work with children ended"


class CheckOutcome(models.TextChoices):
    PENDING = "pending", "Pending"
    CLEAR = "clear", "Clear / satisfactory"
    INFORMATION_DISCLOSED = "information_disclosed", "Information disclosed (assessed)"
    UNSATISFACTORY = "unsatisfactory", "Unsatisfactory"


class StaffRole(models.TextChoices):
    REGISTERED_MANAGER = "registered_manager", "Registered manager"
    RESPONSIBLE_INDIVIDUAL = "responsible_individual", "Responsible individual"
    SUPERVISING_SOCIAL_WORKER = "supervising_social_worker", "Supervising social worker"
    MANAGER = "manager", "Team manager"
    ADMINISTRATOR = "administrator", "Administrator"
    PANEL_ADVISER = "panel_adviser", "Panel adviser"
    DECISION_MAKER = "decision_maker", "Agency decision maker"
    ASSESSING_SOCIAL_WORKER = "assessing_social_worker", "Assessing social worker"
    SUPPORT_WORKER = "support_worker", "Support worker"


class SupervisionKind(models.TextChoices):
    SUPERVISION = "supervision", "Supervision"
    APPRAISAL = "appraisal", "Annual appraisal"


class LegalStatus(models.TextChoices):
    SECTION_20 = "s20", "Section 20 (accommodated)"
    CARE_ORDER = "s31", "Care order (s31)"
    INTERIM_CARE_ORDER = "s38", "Interim care order (s38)"
    PLACEMENT_ORDER = "placement_order", "Placement order"
    REMAND = "remand", "Remanded to local authority"
    OTHER = "other", "Other"


class PlacementEndReason(models.TextChoices):
    RETURNED_HOME = "returned_home", "Returned home"
    ADOPTED = "adopted", "Adopted"
    SGO = "sgo", "Special guardianship order"
    MOVED_PLACEMENT_PLANNED = "moved_planned", "Planned move to another placement"
    DISRUPTION = "disruption", "Unplanned ending (disruption)"
    STAYING_PUT = "staying_put", "Staying put / turned 18"
    INDEPENDENCE = "independence", "Moved to independence"
    OTHER = "other", "Other"


class TrainingCourse(models.TextChoices):
    INDUCTION = "induction", "Induction"
    SKILLS_TO_FOSTER = "skills_to_foster", "Skills to Foster (pre-approval)"
    SAFEGUARDING = "safeguarding", "Safeguarding children"
    FIRST_AID = "first_aid", "Paediatric first aid"
    SAFER_CARING = "safer_caring", "Safer caring"
    ATTACHMENT_TRAUMA = "attachment_trauma", "Attachment and trauma"
    MEDICATION = "medication", "Administering medication"
    RECORDING = "recording", "Recording and journals"
    MISSING_EXPLOITATION = "missing_exploitation", "Missing children and exploitation"
    ONLINE_SAFETY = "online_safety", "Online safety"
    DATA_PROTECTION = "data_protection", "Data protection"
    OTHER = "other", "Other"


class ReviewOutcome(models.TextChoices):
    CONTINUE = "continue", "Continue approval, same terms"
    CHANGE_TERMS = "change_terms", "Change terms of approval"
    TERMINATE = "terminate", "Terminate approval"
    PENDING = "pending", "Pending"


class ComplainantType(models.TextChoices):
    CHILD = "child", "Child or young person"
    CARER = "carer", "Foster carer"
    PARENT = "parent", "Parent or family"
    LOCAL_AUTHORITY = "local_authority", "Placing authority"
    NEIGHBOUR = "neighbour", "Neighbour or member of public"
    OTHER = "other", "Other"


class ComplaintOutcome(models.TextChoices):
    OPEN = "open", "Open"
    UPHELD = "upheld", "Upheld"
    PARTLY_UPHELD = "partly_upheld", "Partly upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"
    WITHDRAWN = "withdrawn", "Withdrawn"


class AllegationCategory(models.TextChoices):
    PHYSICAL = "physical", "Physical harm"
    SEXUAL = "sexual", "Sexual harm"
    EMOTIONAL = "emotional", "Emotional harm"
    NEGLECT = "neglect", "Neglect"
    STANDARDS_OF_CARE = "standards_of_care", "Standards of care concern"


class AllegationOutcome(models.TextChoices):
    OPEN = "open", "Open"
    SUBSTANTIATED = "substantiated", "Substantiated"
    UNSUBSTANTIATED = "unsubstantiated", "Unsubstantiated"
    UNFOUNDED = "unfounded", "Unfounded"
    FALSE = "false", "False"
    MALICIOUS = "malicious", "Malicious"


class NotifiableEvent(models.TextChoices):
    """Schedule 7 events. The reference is unsure of one row: 'other' keeps it recordable."""

    CHILD_DEATH = "child_death", "Death of a child placed"
    SERIOUS_INJURY = "serious_injury", "Serious illness or injury of a child placed"
    SERIOUS_INCIDENT_POLICE = "serious_incident_police", "Serious incident needing police"
    ALLEGATION_AGAINST_CARER = "allegation", "Allegation of abuse against a carer or staff"
    CHILD_PROTECTION_ENQUIRY = "child_protection_enquiry", "Child protection enquiry involving a child placed"
    CHILD_SEXUAL_EXPLOITATION = "child_sexual_exploitation", "Child sexually exploited or at risk"
    INFECTIOUS_DISEASE = "infectious_disease", "Outbreak of serious infectious disease"
    CARER_DEATH_OR_INJURY = "carer_death_or_injury", "Death or serious injury of a foster carer"
    MISSING_CHILD = "missing_child", "Child missing from the foster home"
    MENTAL_HEALTH = "mental_health", "Child detained under mental health law"
    OTHER = "other", "Other Schedule 7 event"


class NotifiedBody(models.TextChoices):
    OFSTED = "ofsted", "Ofsted"
    PLACING_AUTHORITY = "placing_authority", "Placing authority"
    LOCAL_AUTHORITY_AREA = "local_authority_area", "Local authority where the carer lives"
    POLICE = "police", "Police"
    HEALTH = "health", "Clinical commissioning / health body"
    OTHER = "other", "Other"
