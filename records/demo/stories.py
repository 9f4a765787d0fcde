"""The demo agency's deliberate compliance gaps: the only ones a run should find.

Each story is a gap a well-run agency could still have, in a record the plan marks (`plan.marks`),
so a test can check the real engine finds it. Household gaps built to order are on the `ssw`
login's caseload (households.DESIGNATED); the others are spread over the other social workers.
Late-but-done duties (a notification sent after 24 hours, a complaint answered late, a placement
plan received late) are not gaps: the engine notes them as met, "Late: ...".
"""

from dataclasses import dataclass

from compliance.engine import State
from records.models import Household, Placement

OVERDUE, DUE_SOON, MISSING = State.OVERDUE, State.DUE_SOON, State.MISSING


@dataclass(frozen=True)
class Story:
    rule: str
    mark: str  # the plan.marks entry holding the record the gap is about; "" for the agency itself
    kind: str  # the engine's subject kind
    state: str
    about: str
    key: str = ""  # the outcome's key, where a rule yields several outcomes for one subject


STORIES = [
    # Carers and households
    Story("CR-HH-004", "gap:expired_dbs:carer", "carer", OVERDUE, "The main carer's DBS expired; never renewed."),
    Story("CR-HH-015", "gap:review_overdue", "household", OVERDUE, "Last review of approval over a year ago."),
    Story("CR-HH-019", "gap:tsd_overdue:carer", "carer", OVERDUE, "Approved 16 months ago; TSD not finished."),
    Story("CR-HH-002", "gap:member_turning_18:member", "household_member", DUE_SOON,
          "A carer's son turns 18 within weeks; no DBS applied for."),
    Story("CR-HH-005", "gap:dbs_disclosure", "household_member", OVERDUE,
          "A lodger's DBS disclosed a caution; no determination recorded."),
    Story("CR-HH-007", "gap:medical_due", "carer", DUE_SOON, "A carer's three-yearly medical falls due soon."),
    Story("CR-HH-017", "gap:review_consultation", "household", OVERDUE,
          "The latest review lacks the placing authorities' views."),
    Story("CR-HH-023", "gap:supervision_visit_overdue", "household", OVERDUE,
          "No supervision visit for six weeks with a child placed."),
    Story("CR-HH-024", "gap:unannounced_due", "household", DUE_SOON, "The yearly unannounced visit falls due soon."),
    Story("CR-HH-025", "gap:unannounced_due", "household", DUE_SOON, "... and with it the home safety check."),
    Story("CR-HH-029", "gap:safer_care_plan", "household", OVERDUE, "Safer-care plan last reviewed 13 months ago."),
    Story("CR-HH-030", "gap:register_incomplete", "household", MISSING,
          "The register lacks a second carer's sex."),
    Story("CR-HH-031", "gap:ending_incomplete", "household", OVERDUE,
          "The latest household to leave has no retention date."),
    Story("CR-HH-012", "gap:assessment_due", "household", DUE_SOON,
          "An assessment nears eight months; the applicant has not had the report.", key="report_shared"),
    Story("CR-HH-013", "gap:assessment_due", "household", DUE_SOON, "... and no panel is booked."),
    # Children and placements
    Story("CR-PL-001", "gap:placement_plan_missing:placement", "placement", OVERDUE,
          "Placed two weeks ago; no placement plan."),
    Story("CR-PL-002", "gap:placement_plan_missing:placement", "placement", OVERDUE,
          "... so no delegated authority recorded."),
    Story("CR-PL-003", "gap:care_plan_due", "placement", DUE_SOON, "An emergency placement awaits its care plan."),
    Story("CR-PL-005", "gap:address_on_leaving", "placement", MISSING,
          "A young person left recently; their address on leaving is not on the register."),
    Story("CR-PL-007", "gap:dentist", "resident", MISSING, "A child not registered with a dentist.",
          key="registration"),
    Story("CR-PL-007", "gap:health_assessment", "resident", OVERDUE, "A child's yearly health assessment is late.",
          key="assessment"),
    Story("CR-PL-008", "gap:views_due", "resident", DUE_SOON, "A child's views are due to be recorded again."),
    # Staff
    Story("CR-ST-002", "gap:staff_references", "staff_member", OVERDUE,
          "The newest support worker's references were never confirmed by phone."),
    Story("CR-ST-004", "gap:swe_check_due", "staff_member", DUE_SOON,
          "A social worker's Social Work England registration check falls due soon."),
    Story("CR-ST-006", "gap:staff_supervision_overdue", "staff_member", OVERDUE,
          "A social worker's supervision is overdue."),
    # Panels and decisions
    Story("CR-ADM-001", "gap:adm_overdue", "agenda_item", OVERDUE, "A review's decision is past 7 working days."),
    Story("CR-ADM-001", "gap:adm_awaiting", "agenda_item", DUE_SOON, "An applicant heard last week awaits the ADM."),
    Story("CR-PN-003", "gap:panel_dbs_due", "panel_member", DUE_SOON, "The vice chair's DBS renewal falls due soon.",
          key="dbs_renewal"),
    Story("CR-PN-004", "gap:panel_review_overdue", "panel_member", OVERDUE,
          "A panel member's annual review is overdue."),
    # The agency
    Story("CR-AG-001", "gap:notification_body_missing", "notification", OVERDUE,
          "A serious injury was notified to Ofsted but not to the placing authority."),
    Story("CR-AG-002", "gap:notification_outcome", "notification", OVERDUE,
          "The outcome of a child protection enquiry is not recorded."),
    Story("CR-AG-004", "gap:complaint_unanswered", "complaint", OVERDUE, "A complaint unanswered for three months."),
    Story("CR-AG-007", "", "agency", OVERDUE, "The regulation 35 review slipped while the manager was away.",
          key="reg35"),
    Story("CR-AG-008", "", "agency", DUE_SOON, "The statement of purpose is due its yearly review.",
          key="statement_of_purpose"),
]


def story_subject(story: Story, marks: dict) -> tuple[str, int | None]:
    """(subject kind, record id) the engine reports the story's gap against, once the plan is saved."""
    if not story.mark:
        return story.kind, None
    record = marks[story.mark]
    if story.kind == "household" and not isinstance(record, Household):
        record = record.household  # a gap about the household, found in one of its records
    elif story.kind == "resident" and isinstance(record, Placement):
        record = record.resident  # marked by the placement, so no other story picks the same household
    return story.kind, record.pk
