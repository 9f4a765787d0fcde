"""Applicants in assessment: the checks, references and sign-offs due before panel (CR-HH-001, 006, 008-013).

Planned after the panel (panels/demo.py), because the applicants it hears or will hear next have a
panel date by then, and everything due before panel is done in time for it. The others are as far
on as their months in assessment allow; one (`gap:assessment_due`) nears its eight months with the
report not yet shared and no panel booked.
"""

from datetime import date, timedelta

from compliance.periods import add_period
from records.choices import CarerRole, CheckKind, HouseholdStatus
from records.demo.names import FIRST_NAMES, LAST_NAMES
from records.demo.plan import Plan, turns
from records.demo.vetting import check_once, check_pending
from records.models import Carer, Household, HouseholdMember

ASSESSMENT_WITHIN = "P8M"  # NMS 14.4
READY_BEFORE = 14  # days before the deadline by which a nearly finished assessment has everything on file


def plan_assessments(plan: Plan):
    carers, members = {}, {}
    for carer in plan.of(Carer):
        carers.setdefault(id(carer.household), []).append(carer)
    for member in plan.of(HouseholdMember):
        members.setdefault(id(member.household), []).append(member)
    for household in plan.of(Household):
        if household.status == HouseholdStatus.ASSESSMENT:
            assessment_records(plan, household, carers.get(id(household), []), members.get(id(household), []))


def assessment_records(plan: Plan, household: Household, carers: list[Carer], members: list[HouseholdMember]):
    rng, start, panel = plan.rng, household.application_date, household.panel_date
    deadline = panel or add_period(start, ASSESSMENT_WITHIN)
    near = (deadline - plan.today).days <= 45

    def when(low: int, high: int) -> date | None:
        """The day a step was done, `low`..`high` days into the assessment (sooner if the deadline is near)."""
        day = start + timedelta(days=rng.randint(low, high))
        if near:  # papers go out a fortnight before: everything is on file by then, however quick the assessment
            day = max(start + timedelta(days=7), min(day, deadline - timedelta(days=READY_BEFORE)))
        return day if day <= plan.today else None

    def check(kind, low, high, **person):
        if done := when(low, high):
            check_once(plan, kind=kind, completed=done, certificate=kind == CheckKind.ENHANCED_DBS, **person)
        else:
            check_pending(plan, kind=kind, requested=min(start + timedelta(days=10), plan.today), **person)

    for carer in carers:
        for kind in (CheckKind.ENHANCED_DBS, CheckKind.MEDICAL, CheckKind.LOCAL_AUTHORITY):
            check(kind, 20, 120, carer=carer)
        for _ in range(2):
            if done := when(40, 150):
                check_once(plan, kind=CheckKind.REFERENCE_PERSONAL, completed=done, carer=carer,
                           referee=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}")
    living = [m for m in members if (m.moved_in_date or m.date_of_birth) <= deadline]
    for member in living:
        if turns(member.date_of_birth, 18) <= deadline:
            check(CheckKind.ENHANCED_DBS, 20, 120, household_member=member)
    main = next((c for c in carers if c.carer_role == CarerRole.MAIN), None)
    if main and any(turns(m.date_of_birth, 18) > deadline for m in living):
        if done := when(60, 150):
            check_once(plan, kind=CheckKind.HEALTH_VISITOR_SCHOOL, completed=done, carer=main)
    household.stage_one_completed_date = when(90, 150)
    if panel:
        household.assessment_report_shared_date = plan.upto_today(
            max(start + timedelta(days=30), panel - timedelta(days=rng.randint(READY_BEFORE, 25))))
