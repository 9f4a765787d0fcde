"""How the agency oversees approved households: supervision, unannounced visits, annual reviews."""

from datetime import date, timedelta

from records.choices import HouseholdStatus, ReviewOutcome
from records.demo.households import active_until, worker_of
from records.demo.plan import Plan
from records.models import ApprovalReview, Household, Placement, SupervisionVisit, UnannouncedVisit

SUMMARIES = [
    "Discussed the children's routines, school and contact; carers well supported.",
    "Reviewed the safer-care plan and recording; journal up to date.",
    "Talked through training plan and TSD progress; next steps agreed.",
    "Carers tired after a difficult week; respite and support group offered.",
    "Child seen alone in their room and was happy to talk.",
    "Contact arrangements reviewed with the placing authority's social worker.",
]
FINDINGS = ["Home clean, safe and warm; bedrooms suitable.", "Medication locked away; fire alarms tested.",
            "Minor: stair gate needed for a toddler; fitted the same week.", "No concerns."]


def placed_on(placements: list[Placement], day: date) -> bool:
    return any(p.start_date <= day and (p.end_date is None or p.end_date >= day) for p in placements)


def plan_oversight(plan: Plan, households: list[Household]):
    by_household = {}
    for placement in plan.of(Placement):
        by_household.setdefault(placement.household.reference, []).append(placement)
    for household in households:
        if household.approval_date is None:
            continue
        placements = by_household.get(household.reference, [])
        supervision_visits(plan, household, placements)
        unannounced_visits(plan, household)
        approval_reviews(plan, household, placements)


def supervision_visits(plan: Plan, household: Household, placements: list[Placement]):
    """About monthly with a child placed, about every two months without (CR-HH-023)."""
    rng = plan.rng
    worker = worker_of(plan, household)
    end = min(active_until(household, plan.today), plan.today)
    day = max(household.approval_date + timedelta(days=14), plan.ago(plan.scale.history_months * 30))
    while day <= end:
        seen = placed_on(placements, day)
        plan.add(SupervisionVisit(household=household, visit_date=day, social_worker=worker,
                                  children_seen=seen and rng.random() < 0.9, record_summary=rng.choice(SUMMARIES)))
        day += timedelta(days=rng.randint(24, 36) if seen else rng.randint(45, 62))


def unannounced_visits(plan: Plan, household: Household):
    rng = plan.rng
    end = min(active_until(household, plan.today), plan.today)
    day = household.approval_date + timedelta(days=rng.randint(120, 300))
    while day <= end:
        plan.add(UnannouncedVisit(household=household, visit_date=day, visited_by=worker_of(plan, household),
                                  home_safety_checked=True, bedrooms_checked=rng.random() < 0.95,
                                  findings=rng.choice(FINDINGS)))
        day += timedelta(days=rng.randint(280, 360))


def approval_reviews(plan: Plan, household: Household, placements: list[Placement]):
    """Yearly reviews of approval; the first goes to panel. The designated gap stops 13+ months ago."""
    rng = plan.rng
    end = min(active_until(household, plan.today), plan.today)
    if household is plan.marks.get("gap:review_overdue"):
        end = plan.ago(400)
    if household.status == HouseholdStatus.DEREGISTERED:
        end = household.deregistration_date - timedelta(days=61)
    day, first = household.approval_date + timedelta(days=rng.randint(280, 350)), True
    while day <= end:
        panel = day + timedelta(days=rng.randint(14, 40)) if first else None
        went = panel is not None and panel <= plan.today
        report = plan.after(day, 0, 20)
        outcome = ReviewOutcome.PENDING if report is None else (
            ReviewOutcome.CHANGE_TERMS if rng.random() < 0.1 else ReviewOutcome.CONTINUE)
        plan.add(ApprovalReview(
            household=household, review_date=day, is_first_review=first, carer_views_recorded=True,
            children_views_recorded=placed_on(placements, day) and rng.random() < 0.9,
            placing_authority_views_recorded=placed_on(placements, day) and rng.random() < 0.85,
            went_to_panel=went, panel_date=panel if went else None, outcome=outcome, report_completed_date=report,
        ))
        day, first = day + timedelta(days=rng.randint(320, 364)), False
    if household.status == HouseholdStatus.DEREGISTERED:
        # The review that recommended ending approval, a few weeks before deregistration.
        day = household.deregistration_date - timedelta(days=rng.randint(21, 60))
        if day >= household.approval_date:
            plan.add(ApprovalReview(
                household=household, review_date=day, carer_views_recorded=True, went_to_panel=True,
                panel_date=day + timedelta(days=14), outcome=ReviewOutcome.TERMINATE,
                report_completed_date=day + timedelta(days=7),
            ))
