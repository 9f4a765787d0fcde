"""Carers and the other people living in each household, with their checks and training."""

from datetime import timedelta

from compliance.periods import add_period
from records.choices import (
    ApprovalCategory, CarerRole, CheckKind, CheckOutcome, HouseholdStatus, MemberRelationship, TrainingCourse,
)
from records.demo.households import active_until, for_stories
from records.demo.names import FEMALE_FIRST_NAMES, FIRST_NAMES, LAST_NAMES, TRAINING_PROVIDERS
from records.demo.plan import Plan, add_years, turns
from records.demo.vetting import check_chain, check_once, check_pending, dbs_chain, training_chain
from records.models import Carer, Household, HouseholdMember, TrainingRecord
from records.models.households import Sex

# Member relationships and the ages (today) they are drawn from.
RELATIONSHIPS = [
    (MemberRelationship.CARERS_CHILD, 55, (0, 17)), (MemberRelationship.ADULT_CHILD, 20, (18, 30)),
    (MemberRelationship.RELATIVE, 10, (55, 85)), (MemberRelationship.PARTNER, 5, (25, 60)),
    (MemberRelationship.LODGER, 5, (19, 40)), (MemberRelationship.OTHER, 5, (18, 60)),
]
OPTIONAL_COURSES = [TrainingCourse.ATTACHMENT_TRAUMA, TrainingCourse.MEDICATION, TrainingCourse.RECORDING,
                    TrainingCourse.MISSING_EXPLOITATION, TrainingCourse.ONLINE_SAFETY, TrainingCourse.DATA_PROTECTION]


def plan_carers(plan: Plan, households: list[Household]) -> list[Carer]:
    rng, carers = plan.rng, []
    for household in households:
        surname = household.name.removesuffix(" household").split("-")[0]
        couple = household.approval_category != ApprovalCategory.CONNECTED and rng.random() < 0.6
        for role in [CarerRole.MAIN, CarerRole.SECOND][: 2 if couple else 1]:
            last = surname if role == CarerRole.MAIN or rng.random() < 0.7 else rng.choice(LAST_NAMES)
            age = (rng.randint(50, 68) if household.approval_category == ApprovalCategory.CONNECTED
                   else rng.randint(28, 64))
            first, last, born = plan.person(scope="carer", born=plan.born_aged(age, age), surname=last)
            carer = plan.add(Carer(
                household=household, first_name=first, last_name=last, date_of_birth=born, carer_role=role,
                sex=Sex.FEMALE if first in FEMALE_FIRST_NAMES else Sex.MALE,
                email=f"{first}.{last}@example.org".lower(), phone=plan.phone(),
            ))
            carer_progress(plan, carer)
            carers.append(carer)
    plan.marks["login:carer"] = next(c for c in carers if c.household is plan.marks["login:carer"])
    carer_stories(plan, households, carers)
    return carers


def carer_stories(plan: Plan, households: list[Household], carers: list[Carer]):
    """Gap CR-HH-030: a second carer whose sex never reached the register. Gap CR-HH-007: a medical due soon
    (its date is set in carer_checks)."""
    for mark in ("gap:expired_dbs", "gap:tsd_overdue"):  # the designated households' main carers
        plan.marks[f"{mark}:carer"] = next(c for c in carers if c.household is plan.marks[mark]
                                           and c.carer_role == CarerRole.MAIN)
    couples = {id(c.household) for c in carers if c.carer_role == CarerRole.SECOND}
    if second := plan.pick("gap:register_incomplete", [
            c for h in for_stories(plan, households) if id(h) in couples
            for c in carers if c.household is h and c.carer_role == CarerRole.SECOND]):
        second.sex = ""
    settled = [h for h in for_stories(plan, households) if h.approval_date < plan.ago(3 * 365)]
    plan.pick("gap:medical_due", [c for h in settled for c in carers
                                   if c.household is h and c.carer_role == CarerRole.MAIN])


def carer_progress(plan: Plan, carer: Carer):
    """Induction, TSD standards and development plan, as far as the household has got."""
    rng, household = plan.rng, carer.household
    approval = household.approval_date
    if approval is None:
        return
    end = active_until(household, plan.today)
    if (day := plan.after(approval, 10, 60)) and day <= end:
        carer.induction_completed_date = day
    deadline = add_period(approval, "P18M" if household.approval_category == ApprovalCategory.CONNECTED else "P12M")
    overdue_gap = household is plan.marks.get("gap:tsd_overdue") and carer.carer_role == CarerRole.MAIN
    # Carers finish TSD before the deadline; those whose deadline is weeks away have finished already.
    if deadline <= min(end, plan.today) + timedelta(days=30) and not overdue_gap:
        carer.tsd_standards_completed = 7
        carer.tsd_completed_date = plan.between(approval + timedelta(days=120),
                                                min(deadline - timedelta(days=5), end, plan.today))
    else:
        carer.tsd_standards_completed = 5 if overdue_gap else rng.randint(0, 6)
    if household.status in {HouseholdStatus.APPROVED, HouseholdStatus.ON_HOLD} and (plan.today - approval).days > 300:
        # Reviewed around each anniversary of approval, the latest within the last eleven months.
        carer.pdp_reviewed_date = plan.between(max(approval + timedelta(days=240), plan.ago(330)), plan.ago(5))


def plan_members(plan: Plan, households: list[Household]) -> list[HouseholdMember]:
    """`scale.members` people spread over the households (at most four each), plus the designated ones."""
    rng, members = plan.rng, []
    approved = [h for h in households if h.status == HouseholdStatus.APPROVED]
    # A carer's child about to turn 18: one with no DBS (the gap), one whose DBS is under way.
    members.append(member_add(plan, plan.marks["gap:member_turning_18"], MemberRelationship.CARERS_CHILD,
                              born=add_years(plan.ago(-rng.randint(20, 40)), -18)))
    plan.marks["gap:member_turning_18:member"] = members[-1]
    members.append(member_add(plan, approved[len(approved) // 2], MemberRelationship.CARERS_CHILD,
                              born=add_years(plan.ago(-rng.randint(10, 55)), -18)))
    # Gap CR-HH-005: a lodger whose DBS disclosed a caution; the manager's determination is not recorded.
    lodger_home = for_stories(plan, households)[0]
    members.append(member_add(plan, lodger_home, MemberRelationship.LODGER, born=plan.born_aged(20, 35)))
    plan.marks["gap:dbs_disclosure"] = members[-1]
    # The households built for a gap keep to the people the gap needs.
    designated = {id(h) for mark, h in plan.marks.items() if mark.startswith("gap:") and isinstance(h, Household)}
    sizes = {}
    while len(members) < plan.scale.members:
        household = rng.choice(households)
        if sizes.get(household.reference, 0) >= 4 or id(household) in designated:
            continue
        sizes[household.reference] = sizes.get(household.reference, 0) + 1
        relationship, _, (low, high) = rng.choices(RELATIONSHIPS, [r[1] for r in RELATIONSHIPS])[0]
        members.append(member_add(plan, household, relationship, born=plan.born_aged(low, high)))
    return members


def member_add(plan: Plan, household: Household, relationship: MemberRelationship, *, born) -> HouseholdMember:
    family = relationship in {MemberRelationship.CARERS_CHILD, MemberRelationship.ADULT_CHILD,
                              MemberRelationship.RELATIVE}
    surname = household.name.removesuffix(" household").split("-")[0] if family else None
    first, last, born = plan.person(scope=household.reference, born=born, surname=surname)
    if relationship in {MemberRelationship.CARERS_CHILD, MemberRelationship.ADULT_CHILD}:
        moved_in = born
    else:
        moved_in = plan.between(max(born + timedelta(days=18 * 365), plan.ago(6 * 365)), plan.ago(30))
    return plan.add(HouseholdMember(household=household, first_name=first, last_name=last, date_of_birth=born,
                                    relationship=relationship, moved_in_date=moved_in))


def plan_people_vetting(plan: Plan, carers: list[Carer], members: list[HouseholdMember]):
    for carer in carers:
        carer_checks(plan, carer)
        carer_training(plan, carer)
    for member in members:
        member_checks(plan, member)


def carer_checks(plan: Plan, carer: Carer):
    """Assessment checks before panel, then DBS and medical renewals while approved."""
    rng, household = plan.rng, carer.household
    main = carer.carer_role == CarerRole.MAIN
    if household.status in {HouseholdStatus.ENQUIRY, HouseholdStatus.ASSESSMENT}:
        return  # applicants' checks follow their panel date: records/demo/assessments.py
    panel, end = household.panel_date, active_until(household, plan.today)
    expired_gap = household is plan.marks.get("gap:expired_dbs") and main
    first_dbs = panel - timedelta(days=rng.randint(30, 90))
    if not expired_gap and rng.random() < 0.25:
        # On the DBS update service: one certificate, then yearly online status checks.
        dbs = dbs_chain(plan, first_completed=first_dbs, until=end, renew=False, carer=carer)[0]
        dbs.update_service_subscribed, dbs.expiry_date = True, None
        check_chain(plan, kind=CheckKind.DBS_UPDATE_SERVICE, first_completed=add_years(first_dbs, 1)
                    - timedelta(days=rng.randint(5, 30)), until=end, years=1, carer=carer)
    else:
        dbs_chain(plan, first_completed=first_dbs, until=end, renew=not expired_gap, carer=carer)
    first_medical = panel - timedelta(days=rng.randint(60, 150))
    # Gap CR-HH-007 (due soon): the latest medical was three years ago next week or the one after.
    last_medical = add_years(plan.today, -3) + timedelta(days=rng.randint(5, 12)) \
        if carer is plan.marks.get("gap:medical_due") else None
    check_chain(plan, kind=CheckKind.MEDICAL, first_completed=min(first_medical, last_medical or first_medical),
                until=end, last=last_medical, carer=carer)
    for _ in range(2):
        check_once(plan, kind=CheckKind.REFERENCE_PERSONAL, completed=panel - timedelta(days=rng.randint(30, 120)),
                   referee=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}", carer=carer)
    check_once(plan, kind=CheckKind.LOCAL_AUTHORITY, completed=panel - timedelta(days=rng.randint(30, 120)),
               carer=carer)
    extra = [(CheckKind.REFERENCE_EMPLOYER, 0.5), (CheckKind.REFERENCE_EX_PARTNER, 0.2),
             (CheckKind.OVERSEAS, 0.1), (CheckKind.REFERENCE_PREVIOUS_PROVIDER, 0.15)]
    if main:
        extra += [(CheckKind.HOME_SAFETY, 1), (CheckKind.HEALTH_VISITOR_SCHOOL, 0.4)]
    for kind, chance in extra:
        if rng.random() < chance:
            referee = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}" if "reference" in kind else ""
            check_once(plan, kind=kind, completed=panel - timedelta(days=rng.randint(14, 100)), referee=referee,
                       carer=carer)


def carer_training(plan: Plan, carer: Carer):
    rng, household = plan.rng, carer.household
    approval = household.approval_date
    if approval is None:
        return
    end = min(active_until(household, plan.today), plan.today)

    def once(course, completed):
        if completed <= end:
            plan.add(TrainingRecord(carer=carer, household=household, course=course, completed_date=completed,
                                    provider=rng.choice(TRAINING_PROVIDERS)))

    once(TrainingCourse.SKILLS_TO_FOSTER, plan.between(household.application_date + timedelta(days=20),
                                                       household.panel_date - timedelta(days=10)))
    if carer.induction_completed_date:
        once(TrainingCourse.INDUCTION, carer.induction_completed_date)
    training_chain(plan, course=TrainingCourse.SAFEGUARDING, first=approval + timedelta(days=rng.randint(20, 120)),
                   until=end, years=3, carer=carer)
    training_chain(plan, course=TrainingCourse.FIRST_AID, first=approval + timedelta(days=rng.randint(30, 200)),
                   until=end, years=3, carer=carer)
    once(TrainingCourse.SAFER_CARING, approval + timedelta(days=rng.randint(60, 300)))
    for course in rng.sample(OPTIONAL_COURSES, k=rng.randint(1, 3)):
        once(course, plan.between(approval, end))


def member_checks(plan: Plan, member: HouseholdMember):
    """Adults in an approved household need a DBS (CR-HH-001/002/003); the designated gap has none."""
    rng, household = plan.rng, member.household
    if member is plan.marks.get("gap:member_turning_18:member") or household.approval_date is None:
        return  # applicants' household members: records/demo/assessments.py
    adult_on = max(turns(member.date_of_birth, 18), member.moved_in_date or member.date_of_birth)
    end = active_until(household, plan.today)
    if adult_on > end:
        if (adult_on - plan.today).days <= 90:
            # Turning 18 soon: the application has gone in and is waiting.
            check_pending(plan, kind=CheckKind.ENHANCED_DBS, requested=plan.ago(rng.randint(3, 20)),
                          household_member=member)
        return
    # Adults at assessment are checked before panel; later arrivals within days of moving in or turning 18.
    first = max(household.panel_date - timedelta(days=rng.randint(30, 90)),
                adult_on + timedelta(days=rng.randint(0, 9)))
    if first <= plan.today:
        chain = dbs_chain(plan, first_completed=first, until=end, household_member=member)
        if member is plan.marks.get("gap:dbs_disclosure"):
            chain[-1].outcome = CheckOutcome.INFORMATION_DISCLOSED
            chain[-1].notes = "Caution for possession of cannabis (2012) disclosed."
    else:
        # Just turned 18: applied for before the birthday, the certificate is on its way.
        check_pending(plan, kind=CheckKind.ENHANCED_DBS, requested=adult_on - timedelta(days=rng.randint(10, 40)),
                      household_member=member)
    if adult_on <= household.panel_date:
        check_once(plan, kind=CheckKind.LOCAL_AUTHORITY, completed=household.panel_date - timedelta(
            days=rng.randint(30, 120)), household_member=member)
