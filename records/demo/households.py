"""Fostering households at every stage, from first enquiry to deregistration."""

from datetime import date, timedelta

from compliance.periods import subtract_period
from records.choices import ApprovalCategory, HouseholdStatus, PlacementType
from records.demo.names import LAST_NAMES
from records.demo.plan import Plan, add_years
from records.demo.scales import STAGE_SHARES
from records.models import Household, StaffMember

# The first households are built to order: the carer login's home, then one per deliberate gap, all
# on the `ssw` login's caseload. Each gap is something the compliance engine must find; the other
# deliberate gaps (records/demo/stories.py lists them all) live in households picked with plan.pick().
DESIGNATED = [
    ("login:carer", "A settled household with children placed; the `carer` login lives here."),
    ("gap:expired_dbs", "CR-HH-004: the main carer's enhanced DBS expired and was never renewed."),
    ("gap:review_overdue", "CR-HH-015: the last review of approval was over 12 months ago."),
    ("gap:tsd_overdue", "CR-HH-019: approved over 12 months ago, the main carer has not finished TSD."),
    ("gap:member_turning_18", "CR-HH-002: a carer's child turns 18 within weeks and has no DBS."),
    ("gap:placement_plan_missing", "CR-PL-001: a child placed two weeks ago, still no placement plan."),
]
# Days since approval for the designated households (None: drawn at random like the rest).
DESIGNATED_APPROVED_DAYS_AGO = {
    "login:carer": 4 * 365 + 40, "gap:expired_dbs": 3 * 365 + 60, "gap:review_overdue": 4 * 365 + 200,
    "gap:tsd_overdue": 500,
}

MAINSTREAM_TYPES = [PlacementType.SHORT_TERM, PlacementType.LONG_TERM, PlacementType.EMERGENCY,
                    PlacementType.RESPITE, PlacementType.PARENT_AND_CHILD]


def stage_list(plan: Plan) -> list[str]:
    """One stage per household: designated ones first (all approved), the rest shuffled."""
    total = plan.scale.households
    stages = [stage for stage, share in STAGE_SHARES.items() for _ in range(max(1, round(total * share)))]
    rest = ["approved"] * (total - len(stages) - len(DESIGNATED)) + stages
    plan.rng.shuffle(rest)
    return ["approved"] * len(DESIGNATED) + rest


def plan_households(plan: Plan, *, social_workers: list[StaffMember]) -> list[Household]:
    rng = plan.rng
    used_names, households = set(), []
    login_ssw = plan.marks["login:ssw"]
    others = [worker for worker in social_workers if worker is not login_ssw] or [login_ssw]
    for index, stage in enumerate(stage_list(plan)):
        mark = DESIGNATED[index][0] if index < len(DESIGNATED) else None
        category = ApprovalCategory.MAINSTREAM if mark else rng.choices(
            [ApprovalCategory.MAINSTREAM, ApprovalCategory.CONNECTED, ApprovalCategory.SHORT_BREAK], [70, 15, 15])[0]
        surname = household_surname(plan, used_names)
        line_1, town, postcode = plan.address()
        household = plan.add(Household(
            reference=f"HH-{index + 1:04d}", name=f"{surname} household", status=HouseholdStatus(stage),
            approval_category=category, address_line_1=line_1, town=town, postcode=postcode,
            phone=plan.phone(), email=f"{surname.lower().replace('-', '.')}.family@example.org",
        ))
        household_dates(plan, household, approved_days_ago=DESIGNATED_APPROVED_DAYS_AGO.get(mark))
        if household.approval_date:
            household_terms(plan, household)
        if mark:
            # Room for the children these households must have placed.
            household.approved_places, household.age_range_min, household.age_range_max = 3, 0, 18
        if household.approval_date:
            # Designated households are on the `ssw` login's caseload; the rest are shared round.
            worker = login_ssw if mark else others[index % len(others)]
            plan.marks[f"worker:{household.reference}"] = worker
        if stage in {"approved", "on_hold"}:
            household.supervising_social_worker = worker
            household.safer_care_plan_reviewed_date = plan.between(max(household.approval_date, plan.ago(330)),
                                                                   plan.ago(3))
        if mark:
            plan.marks[mark] = household
        households.append(household)
    endings(plan, households)
    applicant_overrunning(plan, households)
    safer_care_plan_lapsed(plan, households)
    return households


def unmarked(plan: Plan, households: list[Household]) -> list[Household]:
    """Households no story has taken: not designated, and no marked person, placement or record in them."""
    taken = set()
    for value in plan.marks.values():
        household = value if isinstance(value, Household) else getattr(value, "household", None)
        if household is not None:
            taken.add(id(household))
    return [h for h in households if id(h) not in taken]


def for_stories(plan: Plan, households: list[Household], *, category=ApprovalCategory.MAINSTREAM) -> list[Household]:
    """Approved households (of `category`, or any) where a deliberate gap may go: never one built to order
    (DESIGNATED: each tells one story), and those no other story uses first, so the gaps spread over as many
    households as the agency has."""
    designated = {id(getattr(plan.marks.get(mark), "household", plan.marks.get(mark))) for mark, _ in DESIGNATED}
    eligible = [h for h in households if h.status == HouseholdStatus.APPROVED and id(h) not in designated
                and (category is None or h.approval_category == category)]
    free = {id(h) for h in unmarked(plan, eligible)}
    return sorted(eligible, key=lambda h: id(h) not in free)


END_REASONS = {
    HouseholdStatus.RESIGNED: ["The carers resigned to care for an elderly parent.",
                               "The carers retired from fostering after their last child moved on.",
                               "The carers resigned on moving out of the area."],
    HouseholdStatus.DEREGISTERED: ["Approval ended after the review of approval: the safer-care plan was not "
                                   "followed and concerns were not put right.",
                                   "Approval ended after the review: the carers had not accepted a child for "
                                   "two years and did not keep up their training."],
}


def endings(plan: Plan, households: list[Household]):
    """Why and when approval ended, and how long the file is kept (reg 32: at least 10 years)."""
    rng = plan.rng
    ended = [h for h in households if h.status in END_REASONS]
    for household in ended:
        end = household.deregistration_date
        if household.status == HouseholdStatus.RESIGNED:
            household.resignation_notice_date = max(end - timedelta(days=rng.randint(28, 90)), household.approval_date)
        household.approval_end_reasons = rng.choice(END_REASONS[household.status])
        household.records_retain_until = add_years(end, 10)
    # Gap CR-HH-031: the latest household to leave has no retention date yet.
    if latest := plan.pick("gap:ending_incomplete", sorted(ended, key=lambda h: h.deregistration_date,
                                                            reverse=True)):
        latest.records_retain_until = None


def applicant_overrunning(plan: Plan, households: list[Household]):
    """Gap CR-HH-012/013: an assessment reaches its eight months in ten days, no panel booked, report not shared."""
    applicant = plan.pick("gap:assessment_due", [h for h in households if h.status == HouseholdStatus.ASSESSMENT])
    if applicant:
        applicant.application_date = subtract_period(plan.today + timedelta(days=10), "P8M")
        applicant.enquiry_date = applicant.application_date - timedelta(days=plan.rng.randint(14, 60))


def safer_care_plan_lapsed(plan: Plan, households: list[Household]):
    """Gap CR-HH-029 (low): a household whose safer-care plan was last reviewed over a year ago."""
    if household := plan.pick("gap:safer_care_plan", [h for h in for_stories(plan, households)
                                                      if h.approval_date < plan.ago(500)]):
        household.safer_care_plan_reviewed_date = plan.ago(400 + plan.rng.randint(0, 30))


def household_surname(plan: Plan, used: set) -> str:
    """A surname no other household has; double-barrelled once the plain ones run out."""
    rng = plan.rng
    surname = rng.choice(LAST_NAMES)
    while surname in used:
        surname = f"{rng.choice(LAST_NAMES)}-{rng.choice(LAST_NAMES)}"
    used.add(surname)
    return surname


def household_dates(plan: Plan, household: Household, *, approved_days_ago: int | None):
    """Enquiry, application, panel, approval and (if it ended) deregistration, in order."""
    rng, stage = plan.rng, household.status
    if stage == HouseholdStatus.ENQUIRY:
        household.enquiry_date = plan.ago(rng.randint(3, 60))
        return
    if stage == HouseholdStatus.ASSESSMENT:
        # Within the eight months the rules allow; one is planned to reach them soon (applicant_overrunning).
        household.application_date = plan.ago(rng.randint(60, 200))
        household.enquiry_date = household.application_date - timedelta(days=rng.randint(14, 90))
        return
    if approved_days_ago is None:
        low = 400 if stage in {HouseholdStatus.ON_HOLD, HouseholdStatus.RESIGNED, HouseholdStatus.DEREGISTERED} else 40
        approved_days_ago = rng.randint(low, rng.choice([3, 6, 10]) * 365)
    approval = plan.ago(approved_days_ago)
    household.approval_date = approval
    household.panel_date = approval - timedelta(days=rng.randint(3, 10))
    household.application_date = household.panel_date - timedelta(days=rng.randint(120, 240))
    household.enquiry_date = household.application_date - timedelta(days=rng.randint(14, 90))
    household.foster_care_agreement_date = min(approval + timedelta(days=rng.randint(0, 9)), plan.today)
    if stage in {HouseholdStatus.RESIGNED, HouseholdStatus.DEREGISTERED}:
        household.deregistration_date = plan.between(approval + timedelta(days=365), plan.ago(20))


def household_terms(plan: Plan, household: Household):
    """Terms of approval: how many children, of what ages, for which kinds of placement."""
    rng = plan.rng
    if household.approval_category == ApprovalCategory.CONNECTED:
        household.approved_places, types = rng.choice([1, 1, 2]), [PlacementType.CONNECTED]
        household.age_range_min, household.age_range_max = 0, 18
    elif household.approval_category == ApprovalCategory.SHORT_BREAK:
        household.approved_places, types = rng.choice([1, 2]), [PlacementType.RESPITE]
        household.age_range_min, household.age_range_max = 5, 17
    else:
        household.approved_places = rng.choice([1, 2, 2, 3, 3])
        types = [PlacementType.SHORT_TERM, PlacementType.LONG_TERM]
        types += [t for t in MAINSTREAM_TYPES[2:] if rng.random() < 0.3]
        household.age_range_min, household.age_range_max = rng.choice([(0, 18), (0, 18), (5, 18), (0, 11), (11, 18)])
    household.placement_types = [str(t) for t in types]


def worker_of(plan: Plan, household: Household) -> StaffMember:
    """The social worker who supervised the household (still allocated unless approval ended)."""
    return plan.marks[f"worker:{household.reference}"]


def active_until(household: Household, today: date) -> date:
    """The last day the household was approved (today if it still is)."""
    return household.deregistration_date or today


def was_approved(household: Household) -> bool:
    return household.approval_date is not None
