"""How the agency oversees approved households: supervision, unannounced visits, annual reviews.

For households still approved, visits are drawn back from today, so the latest one is always recent
(CR-HH-023: monthly with a child placed, two-monthly without; CR-HH-024/025: yearly, unannounced).
The exceptions are deliberate: one household's supervision visit is overdue, another's unannounced
visit falls due soon, a third's latest review lacks the placing authorities' views.
"""

from datetime import date, timedelta

from records.choices import HouseholdStatus, ReviewOutcome
from records.demo.households import active_until, for_stories, worker_of
from records.demo.plan import Plan, add_years
from records.models import (
    ApprovalReview, Household, HouseholdMember, Placement, SupervisionVisit, UnannouncedVisit,
)

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


def placed_during(placements: list[Placement], start: date, end: date) -> bool:
    return any(p.start_date <= end and (p.end_date is None or p.end_date >= start) for p in placements)


def plan_oversight(plan: Plan, households: list[Household]):
    by_household, members = {}, {}
    for placement in plan.of(Placement):
        by_household.setdefault(id(placement.household), []).append(placement)
    for member in plan.of(HouseholdMember):
        members.setdefault(id(member.household), []).append(member)
    approved = [h for h in for_stories(plan, households) if h.approval_date < plan.ago(400)]
    plan.pick("gap:supervision_visit_overdue", [h for h in approved if placed_on(by_household.get(id(h), []),
                                                                                  plan.today)])
    plan.pick("gap:unannounced_due", approved)
    for household in households:
        if household.approval_date is None:
            continue
        placements = by_household.get(id(household), [])
        supervision_visits(plan, household, placements)
        unannounced_visits(plan, household)
        reviews = approval_reviews(plan, household, placements)
        new_adult_reviews(plan, household, placements, reviews, members.get(id(household), []))
    review_without_authority_views(plan, households)


def in_approval(household: Household) -> bool:
    return household.status in {HouseholdStatus.APPROVED, HouseholdStatus.ON_HOLD}


def supervision_visits(plan: Plan, household: Household, placements: list[Placement]):
    """About monthly with a child placed, about every two months without (CR-HH-023)."""
    rng = plan.rng
    start = max(household.approval_date + timedelta(days=14), plan.ago(plan.scale.history_months * 30))
    if in_approval(household):
        if household is plan.marks.get("gap:supervision_visit_overdue"):
            last = plan.ago(rng.randint(38, 45))
        else:
            last = plan.ago(rng.randint(1, 12) if placed_on(placements, plan.today) else rng.randint(1, 40))
        if last < start <= plan.today:
            last = plan.between(start, plan.today)
        days = []
        while last >= start:
            days.insert(0, last)
            last -= timedelta(days=rng.randint(24, 34) if placed_on(placements, last) else rng.randint(45, 58))
    else:
        days, day = [], start
        while day <= active_until(household, plan.today):
            days.append(day)
            day += timedelta(days=rng.randint(24, 36) if placed_on(placements, day) else rng.randint(45, 62))
    worker = worker_of(plan, household)
    for day in days:
        seen = placed_on(placements, day)
        plan.add(SupervisionVisit(household=household, visit_date=day, social_worker=worker,
                                  children_seen=seen and rng.random() < 0.9, record_summary=rng.choice(SUMMARIES)))


def unannounced_visits(plan: Plan, household: Household):
    """At least yearly, checking the home's safety (CR-HH-024/025)."""
    rng = plan.rng
    first = household.approval_date + timedelta(days=30)
    if in_approval(household):
        if household is plan.marks.get("gap:unannounced_due"):
            last = add_years(plan.today, -1) + timedelta(days=rng.randint(5, 12))
        else:
            last = plan.ago(rng.randint(20, 300))
        if last < first:
            last = plan.between(first, plan.ago(1)) if first < plan.today else None
        days = []
        while last and last >= first:
            days.insert(0, last)
            last -= timedelta(days=rng.randint(300, 360))
    else:
        days, day = [], household.approval_date + timedelta(days=rng.randint(120, 300))
        while day <= active_until(household, plan.today):
            days.append(day)
            day += timedelta(days=rng.randint(280, 360))
    for day in days:
        plan.add(UnannouncedVisit(household=household, visit_date=day, visited_by=worker_of(plan, household),
                                  home_safety_checked=True, bedrooms_checked=rng.random() < 0.95,
                                  findings=rng.choice(FINDINGS)))


def review_add(plan: Plan, household: Household, placements: list[Placement], day: date, *,
               first: bool = False, panel: date | None = None, outcome=ReviewOutcome.CONTINUE) -> ApprovalReview:
    """A review with the carers', children's and placing authorities' views and its report (CR-HH-017)."""
    consulted = placed_during(placements, add_years(day, -1), day)
    went = panel is not None and panel <= plan.today
    return plan.add(ApprovalReview(
        household=household, review_date=day, is_first_review=first, carer_views_recorded=True,
        children_views_recorded=consulted, placing_authority_views_recorded=consulted,
        went_to_panel=went, panel_date=panel if went else None, outcome=outcome,
        report_completed_date=plan.upto_today(day + timedelta(days=plan.rng.randint(0, 14))),
    ))


def approval_reviews(plan: Plan, household: Household, placements: list[Placement]) -> list[ApprovalReview]:
    """Reviews of approval every ten to eleven months; the first goes to panel (CR-HH-015/016).

    A first review whose panel is still to come awaits it (outcome pending). The designated gap
    household's reviews stop 13+ months ago.
    """
    rng = plan.rng
    end = min(active_until(household, plan.today), plan.today)
    if household is plan.marks.get("gap:review_overdue"):
        end = plan.ago(400)
    if household.status == HouseholdStatus.DEREGISTERED:
        end = household.deregistration_date - timedelta(days=61)
    day, first, reviews = household.approval_date + timedelta(days=rng.randint(280, 330)), True, []
    while day <= end:
        panel = day + timedelta(days=rng.randint(14, 40)) if first else None
        if first and panel > plan.today:
            outcome = ReviewOutcome.PENDING
        else:
            outcome = ReviewOutcome.CHANGE_TERMS if rng.random() < 0.1 else ReviewOutcome.CONTINUE
        reviews.append(review_add(plan, household, placements, day, first=first, panel=panel, outcome=outcome))
        day, first = day + timedelta(days=rng.randint(300, 340)), False
    if household.status == HouseholdStatus.DEREGISTERED:
        # The review that recommended ending approval, a few weeks before deregistration.
        day = household.deregistration_date - timedelta(days=rng.randint(21, 60))
        if day >= household.approval_date:
            plan.add(ApprovalReview(
                household=household, review_date=day, carer_views_recorded=True, went_to_panel=True,
                panel_date=day + timedelta(days=14), outcome=ReviewOutcome.TERMINATE,
                report_completed_date=day + timedelta(days=7),
            ))
    return reviews


def new_adult_reviews(plan: Plan, household: Household, placements: list[Placement], reviews: list[ApprovalReview],
                      members: list[HouseholdMember]):
    """A review within weeks of an adult moving in after approval (CR-HH-003)."""
    if not in_approval(household):
        return
    reviews = [r.review_date for r in reviews]
    for member in members:
        moved_in = member.moved_in_date
        if not moved_in or moved_in <= household.approval_date or add_years(member.date_of_birth, 18) > moved_in \
                or any(day >= moved_in for day in reviews):
            continue
        day = plan.upto_today(moved_in + timedelta(days=plan.rng.randint(7, 25)))
        ad_hoc_review(plan, household, placements, day)
        reviews.append(day)


def ad_hoc_review(plan: Plan, household: Household, placements: list[Placement], day: date):
    """A review outside the yearly cycle (a new adult, an allegation concluded). If the household has had none
    yet it is the first review, which goes to panel; if its first is still to come, that one will do."""
    reviews = [r for r in plan.of(ApprovalReview) if r.household is household]
    if not any(r.review_date <= day for r in reviews):
        if reviews:
            return None
        panel = day + timedelta(days=plan.rng.randint(14, 40))
        return review_add(plan, household, placements, day, first=True, panel=panel,
                          outcome=ReviewOutcome.PENDING if panel > plan.today else ReviewOutcome.CONTINUE)
    return review_add(plan, household, placements, day)


def review_without_authority_views(plan: Plan, households: list[Household]):
    """Gap CR-HH-017: the latest review of a household with children placed lacks the placing authorities' views."""
    latest = {}
    for review in plan.of(ApprovalReview):
        if review.household.status == HouseholdStatus.APPROVED:
            known = latest.get(id(review.household))
            latest[id(review.household)] = review if known is None or review.review_date > known.review_date \
                else known
    candidates = [latest[id(h)] for h in for_stories(plan, households)
                  if id(h) in latest and latest[id(h)].placing_authority_views_recorded
                  and not latest[id(h)].is_first_review and latest[id(h)].review_date <= plan.ago(30)]
    if review := plan.pick("gap:review_consultation", candidates):
        review.placing_authority_views_recorded = False
