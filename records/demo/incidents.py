"""Complaints, allegations and Schedule 7 notifications, with the odd late one.

Each event concerning a child is notified to Ofsted and to the child's placing authority, one
notification row per body (CR-AG-001), and its outcome is recorded within a month (CR-AG-002).
One notification was late (met, with a "Late:" note). The deliberate gaps: the latest complaint is
unanswered for months, a serious injury two days ago was not notified to the placing authority, and the outcome of
a child protection enquiry six weeks ago is not on the Ofsted notification.
"""

from datetime import timedelta

from records.choices import (
    AllegationCategory, AllegationOutcome, CarerRole, ComplainantType, ComplaintOutcome, NotifiableEvent,
    NotifiedBody,
)
from records.demo.children import moment
from records.demo.households import for_stories
from records.demo.oversight import ad_hoc_review
from records.demo.plan import Plan
from records.models import Allegation, Carer, Complaint, Household, MissingEpisode, Notification, Placement

COMPLAINTS = [
    (ComplainantType.CARER, "Fostering allowance paid late two months running."),
    (ComplainantType.CHILD, "Not allowed to stay at a friend's house overnight."),
    (ComplainantType.PARENT, "Contact was cancelled at short notice without explanation."),
    (ComplainantType.LOCAL_AUTHORITY, "Placement plan paperwork not returned to the social worker."),
    (ComplainantType.NEIGHBOUR, "Noise from the garden late in the evening."),
    (ComplainantType.CARER, "Supervising social worker changed three times in a year."),
]
ACTIONS = {
    ComplaintOutcome.UPHELD: "Apology given and process changed.",
    ComplaintOutcome.PARTLY_UPHELD: "Apology for the part upheld; the team reminded of the procedure.",
    ComplaintOutcome.NOT_UPHELD: "Decision explained to the complainant in writing; no further action.",
    ComplaintOutcome.WITHDRAWN: "Withdrawn after a meeting with the complainant; no further action.",
}
# (event, a body told besides Ofsted and the placing authority, summary)
EVENTS = [
    (NotifiableEvent.SERIOUS_INJURY, None, "Broken arm after a fall from a trampoline; A&E."),
    (NotifiableEvent.CHILD_PROTECTION_ENQUIRY, None, "Section 47 enquiry after a disclosure at school."),
    (NotifiableEvent.SERIOUS_INCIDENT_POLICE, NotifiedBody.POLICE, "Police called after damage to a neighbour's car."),
    (NotifiableEvent.INFECTIOUS_DISEASE, NotifiedBody.HEALTH, "Measles in the household; public health informed."),
    (NotifiableEvent.CHILD_SEXUAL_EXPLOITATION, None, "Concerns about an older adult contacting the child online."),
]
OUTCOMES = {
    NotifiableEvent.SERIOUS_INJURY: "Child recovered; the carers' first aid was appropriate. No further action.",
    NotifiableEvent.CHILD_PROTECTION_ENQUIRY: "Strategy meeting held; no further action under section 47.",
    NotifiableEvent.SERIOUS_INCIDENT_POLICE: "Community resolution; the safer-care plan was updated.",
    NotifiableEvent.INFECTIOUS_DISEASE: "Public health advice followed; no further cases.",
    NotifiableEvent.CHILD_SEXUAL_EXPLOITATION: "Reported to police; the child's safety plan was updated.",
    NotifiableEvent.MISSING_CHILD: "Return interview held; the missing-from-care plan was updated.",
    NotifiableEvent.ALLEGATION_AGAINST_CARER: "LADO strategy meeting held; unsubstantiated.",
}


def plan_incidents(plan: Plan):
    placements = [p for p in plan.of(Placement) if p.end_date is None]
    households = len({p.household.reference for p in placements}) or 1
    complaints(plan, placements, count=max(6, households // 6))
    allegations(plan, placements, count=max(2, households // 30))
    notifications(plan, placements, count=max(4, households // 8))


def complaints(plan: Plan, placements: list[Placement], *, count: int):
    """Answered with an outcome and the action taken; some answered late (met, "Late:"). Gap CR-AG-004: one
    received about three months ago is unanswered.

    Every complaint is old enough to be answered or overdue on each of the history runs' days too: the
    rule fails on an open complaint whose answer is not yet due soon (see the seed's report).
    """
    rng = plan.rng
    for number in range(count):
        placement = rng.choice(placements)
        received = plan.ago(rng.randint(80, 95)) if number == 0 else plan.ago(rng.randint(45, 700))
        kind, summary = rng.choice(COMPLAINTS)
        responded = None if number == 0 else received + timedelta(days=rng.randint(5, 35))
        outcome = ComplaintOutcome.OPEN if responded is None else rng.choice(list(ACTIONS))
        complaint = plan.add(Complaint(
            received_date=received, complainant_type=kind, household=placement.household,
            resident=placement.resident if kind == ComplainantType.CHILD else None, summary=summary,
            acknowledged_date=received + timedelta(days=rng.randint(1, 6)), responded_date=responded, outcome=outcome,
            action_taken=ACTIONS.get(outcome, ""),
        ))
        if number == 0:
            plan.marks["gap:complaint_unanswered"] = complaint


def allegations(plan: Plan, placements: list[Placement], *, count: int):
    """One closed (unsubstantiated, approval reviewed since), the rest open; each notified to Ofsted and the
    placing authority. None in a household built for a gap: the review would change its story."""
    rng = plan.rng
    reviewed = plan.marks.get("gap:review_consultation")  # its latest review must stay the latest
    allowed = [h for h in for_stories(plan, plan.of(Household), category=None)
               if reviewed is None or h is not reviewed.household]
    candidates = [p for h in allowed[:max(3, len(allowed) // 3)] for p in placements if p.household is h] \
        or placements
    settled = [p for p in candidates if p.start_date <= plan.ago(200)] or candidates
    for number in range(count):
        placement = rng.choice(settled if number == 0 else candidates)
        earliest = max(placement.start_date, plan.ago(400 if number == 0 else 60))
        received = plan.between(earliest, plan.ago(150) if number == 0 else plan.ago(2))
        carer = next(c for c in plan.of(Carer) if c.household is placement.household and c.carer_role == CarerRole.MAIN)
        closed = plan.after(received, 40, 100) if number == 0 else None
        allegation = plan.add(Allegation(
            received_date=received, household=placement.household, carer=carer, resident=placement.resident,
            category=rng.choice([c for c in AllegationCategory if c != AllegationCategory.STANDARDS_OF_CARE]),
            summary=f"{placement.resident.first_name} said the carer grabbed their arm during an argument.",
            lado_referred_date=received, ofsted_notified_date=received + timedelta(days=rng.randint(0, 1)),
            placing_authority_informed_date=received,
            outcome=AllegationOutcome.UNSUBSTANTIATED if closed else AllegationOutcome.OPEN, closed_date=closed,
            review_of_approval_needed=bool(closed),
        ))
        if closed:
            # The review of approval the allegation called for (CR-HH-018).
            placed = [p for p in plan.of(Placement) if p.household is placement.household]
            ad_hoc_review(plan, placement.household, placed, closed + timedelta(days=rng.randint(10, 25)))
        aware = moment(plan, received, hour=rng.randint(9, 16))
        event_notify(plan, NotifiableEvent.ALLEGATION_AGAINST_CARER, placement, event_at=aware - timedelta(days=1),
                     aware=aware, summary=allegation.summary, outcome_on=closed,
                     outcome=None if closed else "LADO strategy meeting held; enquiries continue.")


def event_notify(plan: Plan, event, placement: Placement, *, event_at, aware, summary, bodies=None,
                 delays=None, outcome_on=None, outcome=None) -> list[Notification]:
    """One notification per body told (Ofsted and the placing authority unless `bodies` says otherwise),
    each sent `delays[body]` after the agency knew (one to 20 hours by default), with the outcome
    recorded on `outcome_on` (default: a week or two later, once that day has come)."""
    rng = plan.rng
    bodies = bodies or [NotifiedBody.OFSTED, NotifiedBody.PLACING_AUTHORITY]
    rows = []
    for body in bodies:
        sent = aware + (delays or {}).get(body, timedelta(hours=rng.randint(1, 20)))
        recorded = outcome_on or (aware + timedelta(days=rng.randint(5, 14))).date()
        recorded = recorded if recorded <= plan.today else None
        rows.append(plan.add(Notification(
            event=event, event_at=event_at, agency_aware_at=aware, notified_body=body, notified_at=sent,
            household=placement.household, resident=placement.resident, summary=summary,
            outcome=(outcome or OUTCOMES[event]) if recorded else "", outcome_recorded_date=recorded,
        )))
    return rows


def notifications(plan: Plan, placements: list[Placement], *, count: int):
    """Schedule 7 events within 24 hours of the agency knowing; the first was notified to Ofsted late."""
    rng = plan.rng
    for number in range(count):
        placement = rng.choice(placements)
        event, extra, summary = rng.choice(EVENTS)
        day = plan.between(max(placement.start_date, plan.ago(500)), plan.ago(20))
        aware = moment(plan, day, hour=rng.randint(8, 20))
        bodies = [NotifiedBody.OFSTED, NotifiedBody.PLACING_AUTHORITY] + ([extra] if extra else [])
        event_notify(plan, event, placement, event_at=aware - timedelta(hours=rng.randint(0, 6)), aware=aware,
                     summary=summary, bodies=bodies,
                     delays={NotifiedBody.OFSTED: timedelta(hours=30)} if number == 0 else None)
    # Gap CR-AG-001 (critical): a serious injury two days ago, told to Ofsted but not to the placing authority.
    older = [p for p in placements if p.start_date <= plan.ago(30)] or placements
    placement = rng.choice(older)
    aware = moment(plan, plan.ago(2), hour=rng.randint(9, 15))
    plan.marks["gap:notification_body_missing"] = event_notify(
        plan, NotifiableEvent.SERIOUS_INJURY, placement, event_at=aware - timedelta(hours=2), aware=aware,
        summary="Burn from a hair straightener; treated at the minor injuries unit.", bodies=[NotifiedBody.OFSTED],
    )[0]
    # Gap CR-AG-002: a child protection enquiry six weeks ago whose outcome is not on the Ofsted notification.
    placement = rng.choice(older)
    aware = moment(plan, plan.ago(rng.randint(42, 50)), hour=rng.randint(9, 15))
    ofsted, authority = event_notify(
        plan, NotifiableEvent.CHILD_PROTECTION_ENQUIRY, placement, event_at=aware - timedelta(hours=3), aware=aware,
        summary="Section 47 enquiry after bruising was seen at school.")
    ofsted.outcome, ofsted.outcome_recorded_date = "", None
    plan.marks["gap:notification_outcome"] = ofsted
    # Missing episodes reported to the placing authority are on the notifications log too, with Ofsted.
    for episode in plan.of(MissingEpisode):
        if episode.placing_authority_informed_at and rng.random() < 0.4:
            aware = episode.missing_from + timedelta(minutes=rng.randint(5, 60))
            event_notify(plan, NotifiableEvent.MISSING_CHILD, episode.placement, event_at=episode.missing_from,
                         aware=aware, summary="Missing from the foster home; police informed.",
                         delays={NotifiedBody.PLACING_AUTHORITY: episode.placing_authority_informed_at - aware})
