"""Complaints, allegations and Schedule 7 notifications, with the odd late one."""

from datetime import timedelta

from records.choices import (
    AllegationCategory, AllegationOutcome, CarerRole, ComplainantType, ComplaintOutcome, NotifiableEvent,
    NotifiedBody,
)
from records.demo.children import moment
from records.demo.plan import Plan
from records.models import Allegation, Carer, Complaint, MissingEpisode, Notification, Placement

COMPLAINTS = [
    (ComplainantType.CARER, "Fostering allowance paid late two months running."),
    (ComplainantType.CHILD, "Not allowed to stay at a friend's house overnight."),
    (ComplainantType.PARENT, "Contact was cancelled at short notice without explanation."),
    (ComplainantType.LOCAL_AUTHORITY, "Placement plan paperwork not returned to the social worker."),
    (ComplainantType.NEIGHBOUR, "Noise from the garden late in the evening."),
    (ComplainantType.CARER, "Supervising social worker changed three times in a year."),
]
EVENTS = [
    (NotifiableEvent.SERIOUS_INJURY, NotifiedBody.OFSTED, "Broken arm after a fall from a trampoline; A&E."),
    (NotifiableEvent.CHILD_PROTECTION_ENQUIRY, NotifiedBody.OFSTED, "Section 47 enquiry after a disclosure at school."),
    (NotifiableEvent.SERIOUS_INCIDENT_POLICE, NotifiedBody.POLICE, "Police called after damage to a neighbour's car."),
    (NotifiableEvent.INFECTIOUS_DISEASE, NotifiedBody.HEALTH, "Measles in the household; public health informed."),
    (NotifiableEvent.CHILD_SEXUAL_EXPLOITATION, NotifiedBody.PLACING_AUTHORITY,
     "Concerns about an older adult contacting the child online."),
]


def plan_incidents(plan: Plan):
    placements = [p for p in plan.of(Placement) if p.end_date is None]
    households = len({p.household.reference for p in placements}) or 1
    complaints(plan, placements, count=max(6, households // 6))
    allegations(plan, placements, count=max(2, households // 30))
    notifications(plan, placements, count=max(4, households // 8))


def complaints(plan: Plan, placements: list[Placement], *, count: int):
    """Mostly answered within 20 working days; the first is open and overdue (CR-AG-004)."""
    rng = plan.rng
    for number in range(count):
        placement = rng.choice(placements)
        received = plan.ago(40) if number == 0 else plan.ago(rng.randint(3, 700))
        kind, summary = rng.choice(COMPLAINTS)
        responded = None if number == 0 else plan.after(received, 5, 35)
        outcome = ComplaintOutcome.OPEN if responded is None else rng.choice(
            [ComplaintOutcome.UPHELD, ComplaintOutcome.PARTLY_UPHELD, ComplaintOutcome.NOT_UPHELD,
             ComplaintOutcome.WITHDRAWN])
        plan.add(Complaint(
            received_date=received, complainant_type=kind, household=placement.household,
            resident=placement.resident if kind == ComplainantType.CHILD else None, summary=summary,
            acknowledged_date=plan.after(received, 1, 6), responded_date=responded, outcome=outcome,
            action_taken="Apology given and process changed." if outcome == ComplaintOutcome.UPHELD else "",
        ))


def allegations(plan: Plan, placements: list[Placement], *, count: int):
    """One closed (unsubstantiated, approval reviewed), the rest open; each notified to Ofsted."""
    rng = plan.rng
    login_household = plan.marks["login:carer"].household
    candidates = [p for p in placements if p.household is not login_household] or placements
    settled = [p for p in candidates if p.start_date <= plan.ago(200)] or candidates
    for number in range(count):
        placement = rng.choice(settled if number == 0 else candidates)
        earliest = max(placement.start_date, plan.ago(400 if number == 0 else 60))
        received = plan.between(earliest, plan.ago(150) if number == 0 else plan.ago(2))
        carer = next(c for c in plan.of(Carer) if c.household is placement.household and c.carer_role == CarerRole.MAIN)
        closed = plan.after(received, 40, 100) if number == 0 else None
        allegation = plan.add(Allegation(
            received_date=received, household=placement.household, carer=carer, resident=placement.resident,
            category=rng.choice(list(AllegationCategory)),
            summary=f"{placement.resident.first_name} said the carer grabbed their arm during an argument.",
            lado_referred_date=received, ofsted_notified_date=received + timedelta(days=rng.randint(0, 1)),
            placing_authority_informed_date=received,
            outcome=AllegationOutcome.UNSUBSTANTIATED if closed else AllegationOutcome.OPEN, closed_date=closed,
            review_of_approval_needed=bool(closed),
        ))
        aware = moment(plan, received, hour=rng.randint(9, 16))
        plan.add(Notification(
            event=NotifiableEvent.ALLEGATION_AGAINST_CARER, event_at=aware - timedelta(days=1), agency_aware_at=aware,
            notified_body=NotifiedBody.OFSTED, notified_at=aware + timedelta(hours=rng.randint(1, 20)),
            household=allegation.household, resident=placement.resident, summary=allegation.summary,
            outcome="LADO strategy meeting held; unsubstantiated." if closed else "",
            outcome_recorded_date=closed,
        ))


def notifications(plan: Plan, placements: list[Placement], *, count: int):
    """Schedule 7 events within 24 hours of the agency knowing, except the first (late, CR-AG-001)."""
    rng = plan.rng
    for number in range(count):
        placement = rng.choice(placements)
        event, body, summary = rng.choice(EVENTS)
        day = plan.between(max(placement.start_date, plan.ago(500)), plan.ago(2))
        aware = moment(plan, day, hour=rng.randint(8, 20))
        delay = timedelta(hours=30 if number == 0 else rng.randint(1, 20))
        old = (plan.today - day).days > 40
        plan.add(Notification(
            event=event, event_at=aware - timedelta(hours=rng.randint(0, 6)), agency_aware_at=aware,
            notified_body=body, notified_at=aware + delay, household=placement.household,
            resident=placement.resident, summary=summary,
            outcome="Followed up with the placing authority; no further action." if old else "",
            outcome_recorded_date=day + timedelta(days=rng.randint(5, 30)) if old else None,
        ))
    # Each missing episode reported to the placing authority is also on the notifications log.
    for episode in plan.of(MissingEpisode):
        if episode.placing_authority_informed_at and rng.random() < 0.5:
            plan.add(Notification(
                event=NotifiableEvent.MISSING_CHILD, event_at=episode.missing_from,
                agency_aware_at=episode.missing_from + timedelta(minutes=rng.randint(5, 60)),
                notified_body=NotifiedBody.PLACING_AUTHORITY, notified_at=episode.placing_authority_informed_at,
                household=episode.placement.household, resident=episode.placement.resident,
                summary="Missing from the foster home; police informed.",
            ))
