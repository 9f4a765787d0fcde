"""Children placed with the agency: placements current and ended, journals and missing episodes."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from compliance.periods import subtract_period
from records.choices import ApprovalCategory, HouseholdStatus, LegalStatus, PlacementEndReason, PlacementType
from records.demo.households import active_until, for_stories, unmarked
from records.demo.names import FIRST_NAMES, LAST_NAMES, PLACING_AUTHORITIES
from records.demo.plan import Plan, add_years, turns
from records.models import Household, JournalEntry, MissingEpisode, Placement, Resident

LEGAL_STATUSES = ([LegalStatus.CARE_ORDER, LegalStatus.SECTION_20, LegalStatus.INTERIM_CARE_ORDER,
                   LegalStatus.PLACEMENT_ORDER, LegalStatus.REMAND, LegalStatus.OTHER], [50, 25, 12, 5, 3, 5])
END_REASONS = ([PlacementEndReason.RETURNED_HOME, PlacementEndReason.MOVED_PLACEMENT_PLANNED,
                PlacementEndReason.DISRUPTION, PlacementEndReason.ADOPTED, PlacementEndReason.SGO,
                PlacementEndReason.STAYING_PUT, PlacementEndReason.INDEPENDENCE], [30, 25, 15, 8, 8, 8, 6])
JOURNAL_LINES = [
    "{name} had a good day at school and did their reading before tea.",
    "Contact with mum went well; {name} was quiet afterwards and we talked it through.",
    "{name} was upset at bedtime and asked about going home. Reassured; settled by ten.",
    "Dentist appointment today, no treatment needed.",
    "{name} went to football practice and scored; very proud.",
    "Difficult morning; {name} refused to go to school. Spoke to the teacher, went in late.",
    "Family walk at the reservoir; {name} helped plan the picnic.",
    "{name} chose new bedroom curtains and helped put them up.",
    "Review meeting at school; {name}'s attendance is much improved.",
    "{name} stayed up late gaming; agreed a new screen-time plan together.",
]
MISSING_CIRCUMSTANCES = [
    "Did not return from school; found at a friend's house in {town} by police.",
    "Left the house after an argument about phone use; returned by taxi at 1am.",
    "Went to see a parent without agreement; the parent called the carer.",
]


def plan_children(plan: Plan, households: list[Household]):
    """About 70% of children are placed now, the rest had placements that ended."""
    rng, target = plan.rng, plan.scale.children
    current_target = round(target * 0.7)
    approved = [h for h in households if h.status == HouseholdStatus.APPROVED]
    placed, login_household, gap_household = 0, plan.marks["login:carer"].household, plan.marks[
        "gap:placement_plan_missing"]
    for household in approved:
        if placed >= current_target:
            break
        gap = household is gap_household
        if household is login_household or gap:
            count = 2 if household is login_household else 1
        else:
            count = min(household.approved_places, rng.choice([0, 1, 1, 2, 2, 3]))
        for _ in range(count):
            placement = placement_current(plan, household, days_ago=14 if gap else None)
            if gap:
                placement.placement_plan_received_date = placement.delegated_authority_recorded_date = None
                plan.marks["gap:placement_plan_missing:placement"] = placement
            placed += 1
    ever_approved = [h for h in households
                     if h.approval_date and (active_until(h, plan.today) - h.approval_date).days > 60]
    while len(plan.of(Resident)) < target:
        placement_ended(plan, rng.choice(ever_approved))
    # Some children placed now moved from another of our households (a planned move or a disruption).
    for placement in list(plan.of(Placement)):
        if placement.end_date is None and rng.random() < 0.1:
            placement_before(plan, placement, rng.choice(ever_approved))
    children_stories(plan, households)
    for placement in plan.of(Placement):
        journal(plan, placement)
        missing_episodes(plan, placement)
    register_addresses(plan)


def children_stories(plan: Plan, households: list[Household]):
    """The deliberate gaps about children placed, each in a household no other story uses if there is one."""
    rng = plan.rng
    placed = {}
    for placement in plan.of(Placement):
        if placement.end_date is None:
            placed.setdefault(id(placement.household), []).append(placement)
    # CR-PL-003 (due soon): placed in an emergency six days ago; the care plan has not arrived yet.
    for household in for_stories(plan, households):
        if len(placed.get(id(household), [])) < household.approved_places:
            placement = placement_current(plan, household, days_ago=6)
            placement.care_plan_received_date = None
            plan.marks["gap:care_plan_due"] = placement
            break

    def current_child(mark, low, high):
        placements = [p for h in for_stories(plan, households, category=None) for p in placed.get(id(h), [])
                      if p.start_date <= plan.ago(60) and low <= (plan.today - p.resident.date_of_birth).days // 365
                      <= high]
        placement = plan.pick(mark, placements)  # the placement, so no other story picks its household first
        return placement.resident if placement else None

    # CR-PL-007: one child not yet registered with a dentist, another whose yearly health assessment is late.
    if child := current_child("gap:dentist", 3, 16):
        child.dentist_registered = False
    if child := current_child("gap:health_assessment", 6, 16):
        child.last_health_assessment_date = plan.ago(rng.randint(395, 420))
    # CR-PL-008 (due soon): a child's views were last recorded nearly six months ago.
    if child := current_child("gap:views_due", 6, 16):
        child.views_last_recorded_date = subtract_period(plan.today + timedelta(days=rng.randint(5, 12)), "P6M")
    # CR-PL-005: a young person who left lately; the address they went to is not on the register.
    free = {id(h) for h in unmarked(plan, households)}
    designated = {id(h) for mark, h in plan.marks.items() if mark.startswith("gap:") and isinstance(h, Household)}
    ended = sorted((p for p in plan.of(Placement) if p.end_date and id(p.household) not in designated),
                   key=lambda p: (id(p.household) in free, p.end_date, p.resident.reference), reverse=True)
    plan.pick("gap:address_on_leaving", ended)


def register_addresses(plan: Plan):
    """Where each child came from and went to (Schedule 2): a family home, or the household before or after."""
    by_child = {}
    for placement in plan.of(Placement):
        by_child.setdefault(id(placement.resident), []).append(placement)
    for placements in by_child.values():
        placements.sort(key=lambda p: p.start_date)
        home = family_address(plan)
        for index, placement in enumerate(placements):
            before = placements[index - 1] if index else None
            placement.previous_address = household_address(before.household, "foster placement") if before else home
            if placement.end_date is None or placement is plan.marks.get("gap:address_on_leaving"):
                continue
            after = placements[index + 1] if index + 1 < len(placements) else None
            if after:
                placement.address_on_leaving = household_address(after.household, "foster placement")
            else:
                placement.address_on_leaving = leaving_address(plan, placement, home)


def family_address(plan: Plan) -> str:
    line_1, town, postcode = plan.address()
    return f"{line_1}, {town} {postcode} (birth family)"


def household_address(household: Household, what: str) -> str:
    return f"{household.address_line_1}, {household.town} {household.postcode} ({what} with {household.name})"


def leaving_address(plan: Plan, placement: Placement, home: str) -> str:
    reason = placement.end_reason
    if reason == PlacementEndReason.RETURNED_HOME:
        return home
    if reason == PlacementEndReason.STAYING_PUT:
        return household_address(placement.household, "staying put")
    if reason == PlacementEndReason.ADOPTED:
        return f"Adoptive family; address held by {placement.resident.placing_authority}"
    line_1, town, postcode = plan.address()
    where = {PlacementEndReason.SGO: "special guardian", PlacementEndReason.INDEPENDENCE: "supported lodgings"}
    return f"{line_1}, {town} {postcode} ({where.get(reason, 'new placement arranged by the placing authority')})"


def placement_type_for(plan: Plan, household: Household) -> PlacementType:
    if household.approval_category == ApprovalCategory.CONNECTED:
        return PlacementType.CONNECTED
    if household.approval_category == ApprovalCategory.SHORT_BREAK:
        return PlacementType.RESPITE
    return PlacementType(plan.rng.choice(household.placement_types))


def resident_add(plan: Plan, *, born: date) -> Resident:
    """A child registered with a GP and a dentist, with a health assessment and their views on file in time
    (CR-PL-007: six-monthly under 5, yearly from 5; CR-PL-008: views every six months)."""
    rng = plan.rng
    first, last, born = plan.person(scope="resident", born=born)
    authority = rng.choice(PLACING_AUTHORITIES)
    worker = (rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES))
    assessed = plan.ago(rng.randint(10, 320))
    if assessed < turns(born, 5):
        assessed = plan.ago(rng.randint(10, 140))
    return plan.add(Resident(
        reference=f"C-{len(plan.of(Resident)) + 1:04d}", first_name=first, last_name=last, date_of_birth=born,
        legal_status=rng.choices(*LEGAL_STATUSES)[0], placing_authority=authority,
        social_worker_name=" ".join(worker),
        social_worker_email=f"{worker[0]}.{worker[1]}@{authority.split()[0].lower()}.example".lower(),
        social_worker_phone=f"01632 960{rng.randint(0, 999):03d}", gp_registered=True, dentist_registered=True,
        last_health_assessment_date=plan.upto_today(max(assessed, born + timedelta(days=14))),
        views_last_recorded_date=plan.ago(rng.randint(5, 150)),
    ))


def documents(plan: Plan, placement: Placement):
    """Plans and guides from the placing authority (CR-PL-001..004): on time, except that some placements
    that began over a month ago had theirs late (met, with a "Late:" note)."""
    rng, start = plan.rng, placement.start_date
    late = start < plan.ago(30) and rng.random() < 0.1
    plan_day = start + timedelta(days=rng.randint(8, 20) if late else rng.randint(0, 3))
    placement.placement_plan_received_date = placement.delegated_authority_recorded_date = plan.upto_today(plan_day)
    placement.care_plan_received_date = plan.upto_today(start + timedelta(days=rng.randint(1, 8)))
    guide_late = start < plan.ago(30) and rng.random() < 0.1
    placement.childrens_guide_given_date = start + timedelta(days=rng.randint(1, 5)) if guide_late else start


def placement_current(plan: Plan, household: Household, *, days_ago: int | None) -> Placement:
    rng = plan.rng
    kind = placement_type_for(plan, household)
    age = rng.randint(household.age_range_min, min(household.age_range_max, 17))
    born = plan.born_aged(age, age) if age else plan.between(plan.ago(360), plan.ago(60))
    earliest = max(household.approval_date, born + timedelta(days=30), plan.ago(6 * 365))
    if days_ago is not None:
        start = plan.ago(days_ago)
    elif kind in {PlacementType.RESPITE, PlacementType.EMERGENCY}:
        start = plan.ago(rng.randint(1, 6))
    else:
        start = plan.between(earliest, plan.ago(3))
    placement = plan.add(Placement(resident=resident_add(plan, born=born), household=household,
                                   placement_type=kind, start_date=min(max(start, earliest), plan.today)))
    documents(plan, placement)
    return placement


def placement_ended(plan: Plan, household: Household) -> Placement:
    rng = plan.rng
    last_day = min(active_until(household, plan.today), plan.ago(1))
    start = plan.between(household.approval_date, last_day - timedelta(days=30))
    age = rng.randint(household.age_range_min, min(household.age_range_max, 17))
    born = add_years(start, -age) - timedelta(days=rng.randint(0, 300))
    reason = rng.choices(*END_REASONS)[0]
    if reason in {PlacementEndReason.STAYING_PUT, PlacementEndReason.INDEPENDENCE}:
        end = min(max(add_years(born, 18), start + timedelta(days=3)), last_day)
    else:
        end = min(start + timedelta(days=rng.choice([rng.randint(3, 60), rng.randint(60, 900)])), last_day)
    placement = plan.add(Placement(
        resident=resident_add(plan, born=born), household=household,
        placement_type=placement_type_for(plan, household), start_date=start, end_date=end, end_reason=reason,
    ))
    documents(plan, placement)
    return placement


def placement_before(plan: Plan, current: Placement, household: Household):
    """An earlier placement with another household that ended the day this one began."""
    end = current.start_date
    start = end - timedelta(days=plan.rng.randint(20, 400))
    if (household is current.household or household.approval_date > start
            or active_until(household, plan.today) < end or current.resident.date_of_birth > start):
        return
    placement = plan.add(Placement(
        resident=current.resident, household=household, placement_type=placement_type_for(plan, household),
        start_date=start, end_date=end,
        end_reason=plan.rng.choice([PlacementEndReason.MOVED_PLACEMENT_PLANNED, PlacementEndReason.DISRUPTION]),
    ))
    documents(plan, placement)


def journal(plan: Plan, placement: Placement):
    """Entries spread over the placement; current placements always have some from the last month."""
    rng = plan.rng
    end = placement.end_date or plan.today
    days = (end - placement.start_date).days + 1
    count = min(days, max(1, round(plan.scale.journal_entries_per_placement * rng.uniform(0.5, 1.5))))
    recent = [] if placement.end_date else [plan.ago(rng.randint(0, min(30, days - 1))) for _ in range(2)]
    dates = sorted({placement.start_date + timedelta(days=rng.randrange(days)) for _ in range(count)} | set(recent))
    name = placement.resident.first_name
    for day in dates:
        plan.add(JournalEntry(placement=placement, entry_date=day, text=rng.choice(JOURNAL_LINES).format(name=name)))


def moment(plan: Plan, day: date, *, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour % 24, plan.rng.randint(0, 59))))


def missing_episodes(plan: Plan, placement: Placement):
    """Teenagers sometimes go missing; most are reported promptly, a few late (CR-AG-006)."""
    rng = plan.rng
    age = (placement.start_date - placement.resident.date_of_birth).days // 365
    end = min(placement.end_date or plan.today, plan.ago(7))
    if age < 11 or end <= placement.start_date or rng.random() > 0.25:
        return
    for _ in range(rng.choice([1, 1, 2, 3])):
        went = moment(plan, plan.between(placement.start_date, end), hour=rng.randint(15, 23))
        returned = went + timedelta(hours=rng.randint(2, 30))
        late = rng.random() < 0.1  # told the placing authority after the 24 hours: met, with a "Late:" note
        plan.add(MissingEpisode(
            placement=placement, missing_from=went, returned_at=returned,
            police_informed_at=went + timedelta(minutes=rng.randint(30, 180)),
            placing_authority_informed_at=went + timedelta(hours=rng.randint(30, 50) if late else rng.randint(1, 16)),
            return_interview_date=timezone.localtime(returned).date() + timedelta(days=rng.randint(0, 2)),
            circumstances=rng.choice(MISSING_CIRCUMSTANCES).format(town=placement.household.town),
        ))
