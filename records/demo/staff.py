"""The agency's staff: who they are, their recruitment checks, training and supervision.

Everyone was interviewed, had references confirmed by telephone and started induction before or on
their first day (CR-ST-002, -005), and is supervised monthly, the latest session within the last
fortnight, each record timed and signed (CR-ST-006). The deliberate gaps: the newest support worker's
references were never confirmed by telephone, one social worker's supervision is overdue, another's
Social Work England registration check falls due soon.
"""

from datetime import time, timedelta

from records.choices import CheckKind, CheckOutcome, StaffRole, SupervisionKind, TrainingCourse
from records.demo.names import FIRST_NAMES, LAST_NAMES
from records.demo.plan import Plan, add_years
from records.demo.vetting import dbs_chain, training_chain
from records.models import Check, StaffMember, StaffSupervision, TrainingRecord

SOCIAL_WORK_ROLES = {StaffRole.SUPERVISING_SOCIAL_WORKER, StaffRole.ASSESSING_SOCIAL_WORKER,
                     StaffRole.REGISTERED_MANAGER, StaffRole.MANAGER}
# Staff who sign in to the demo, by username.
LOGIN_ROLES = {"manager": StaffRole.REGISTERED_MANAGER, "ri": StaffRole.RESPONSIBLE_INDIVIDUAL,
               "ssw": StaffRole.SUPERVISING_SOCIAL_WORKER, "admin": StaffRole.ADMINISTRATOR,
               "adm": StaffRole.DECISION_MAKER}
LOGIN_NAMES = {"manager": ("Helen", "Marsden"), "ri": ("Robert", "Stanhope"), "ssw": ("Sara", "Fenwick"),
               "admin": ("Amir", "Chaudhry"), "adm": ("Diane", "Okafor")}


def staff_roles(*, staff: int, social_workers: int) -> list[StaffRole]:
    """The establishment: the fixed posts, then social workers, then support roles to fill `staff`."""
    large = staff > 100
    roles = [StaffRole.REGISTERED_MANAGER, StaffRole.RESPONSIBLE_INDIVIDUAL]
    roles += [StaffRole.DECISION_MAKER] * (2 if large else 1) + [StaffRole.PANEL_ADVISER] * (2 if large else 1)
    roles += [StaffRole.SUPERVISING_SOCIAL_WORKER] * social_workers
    roles += [StaffRole.MANAGER] * max(1, social_workers // 8)
    roles += [StaffRole.ASSESSING_SOCIAL_WORKER] * max(2, social_workers // 4)
    roles += [StaffRole.ADMINISTRATOR] * max(3, staff // 8)
    roles += [StaffRole.SUPPORT_WORKER] * max(0, staff - len(roles))
    return roles[:staff]


def plan_staff(plan: Plan) -> list[StaffMember]:
    scale, rng = plan.scale, plan.rng
    members, logins = [], dict(LOGIN_ROLES)
    for index, role in enumerate(staff_roles(staff=scale.staff, social_workers=scale.social_workers)):
        username = next((name for name, login_role in logins.items() if login_role == role), None)
        if username:
            del logins[username]
            first, last = LOGIN_NAMES[username]
        else:
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        start = plan.ago(rng.randint(150, 12 * 365))
        social_worker = role in SOCIAL_WORK_ROLES
        member = plan.add(StaffMember(
            first_name=first, last_name=last, role=role, job_title=StaffRole(role).label,
            email=f"{first}.{last}@brightwater-fostering.example".lower(), phone=plan.phone(),
            start_date=start,
            swe_registration_number=f"SW{rng.randint(10, 99)}{index:04d}" if social_worker else "",
            swe_registration_checked_date=plan.ago(rng.randint(5, 300)) if social_worker else None,
            qualifications="Social Work degree; Post-qualifying award in fostering" if social_worker else "",
            employment_gaps_explained=True,
        ))
        if username:
            plan.marks[f"login:{username}"] = member
        members.append(member)
    # A few leavers among support staff, so the staff list has history too.
    support = [m for m in members if m.role == StaffRole.SUPPORT_WORKER]
    leavers = support[: max(1, scale.staff // 50)]
    for member in leavers:
        member.end_date = plan.between(member.start_date + timedelta(days=90), plan.ago(30))
    if newest := plan.pick("gap:staff_references", reversed(support[len(leavers):])):
        newest.start_date = plan.ago(rng.randint(20, 35))
    for member in members:
        recruitment(plan, member)
    workers = [m for m in members if m.role == StaffRole.SUPERVISING_SOCIAL_WORKER]
    if worker := plan.pick("gap:swe_check_due", reversed(workers)):
        worker.swe_registration_checked_date = add_years(plan.today, -1) + timedelta(days=rng.randint(5, 12))
    plan.pick("gap:staff_supervision_overdue", reversed(workers))
    for member in members:
        plan_staff_checks(plan, member)
        plan_staff_training(plan, member)
    plan_staff_supervision(plan, members)
    return members


def recruitment(plan: Plan, member: StaffMember):
    """Interview, references confirmed by phone, induction started on the first day and finished within months."""
    rng, start = plan.rng, member.start_date
    member.interview_date = start - timedelta(days=rng.randint(20, 75))
    if member is not plan.marks.get("gap:staff_references"):
        member.references_verified_date = start - timedelta(days=rng.randint(3, 15))
    member.induction_started_date = plan.upto_today(start + timedelta(days=rng.randint(0, 3)))
    member.induction_completed_date = plan.after(start, 20, 150)


def plan_staff_checks(plan: Plan, member: StaffMember):
    rng, start = plan.rng, member.start_date
    until = member.end_date or plan.today
    dbs_chain(plan, first_completed=start - timedelta(days=rng.randint(10, 40)), until=until, staff_member=member)
    kinds = [CheckKind.IDENTITY, CheckKind.RIGHT_TO_WORK, CheckKind.REFERENCE_EMPLOYER, CheckKind.REFERENCE_EMPLOYER,
             CheckKind.EMPLOYMENT_HISTORY, CheckKind.PREVIOUS_WORK_WITH_CHILDREN]
    if member.swe_registration_number:
        kinds.append(CheckKind.QUALIFICATIONS)
    for kind in kinds:
        completed = start - timedelta(days=rng.randint(7, 45))
        plan.add(Check(
            kind=kind, staff_member=member, requested_date=completed - timedelta(days=rng.randint(3, 20)),
            completed_date=completed, outcome=CheckOutcome.CLEAR,
            referee_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}" if "reference" in kind else "",
        ))


STAFF_OPTIONAL_COURSES = [TrainingCourse.RECORDING, TrainingCourse.MISSING_EXPLOITATION,
                          TrainingCourse.ATTACHMENT_TRAUMA, TrainingCourse.ONLINE_SAFETY]


def plan_staff_training(plan: Plan, member: StaffMember):
    rng, start = plan.rng, member.start_date
    until = member.end_date or plan.today
    if completed := plan.after(start, 5, 40):
        plan.add(TrainingRecord(staff_member=member, course=TrainingCourse.INDUCTION, completed_date=completed,
                                provider="Agency in-house"))
    training_chain(plan, course=TrainingCourse.SAFEGUARDING, first=start + timedelta(days=rng.randint(10, 60)),
                   until=until, years=3, staff_member=member)
    training_chain(plan, course=TrainingCourse.DATA_PROTECTION, first=start + timedelta(days=rng.randint(10, 90)),
                   until=until, years=2, staff_member=member)
    for course in rng.sample(STAFF_OPTIONAL_COURSES, k=rng.randint(0, 2)):
        if completed := plan.after(start, 60, 900):
            plan.add(TrainingRecord(staff_member=member, course=course, completed_date=min(completed, until),
                                    provider=rng.choice(["Agency in-house", "Northshire Safeguarding Partnership"])))


def plan_staff_supervision(plan: Plan, members: list[StaffMember]):
    """Monthly supervision (the odd month missed long ago) and a yearly appraisal, by the line manager.

    The responsible individual is supervised and appraised by the chair of the provider's board, who is
    not on the staff list.
    """
    by_role = {}
    for member in members:
        by_role.setdefault(member.role, []).append(member)
    manager = by_role[StaffRole.REGISTERED_MANAGER][0]
    responsible = by_role[StaffRole.RESPONSIBLE_INDIVIDUAL][0]
    team_managers = by_role.get(StaffRole.MANAGER) or [manager]
    for index, member in enumerate(members):
        if member.end_date:
            continue
        if member is responsible:
            supervisor = None
        elif member is manager:
            supervisor = responsible
        elif member.role in {StaffRole.SUPERVISING_SOCIAL_WORKER, StaffRole.SUPPORT_WORKER}:
            supervisor = team_managers[index % len(team_managers)]
        else:
            supervisor = manager
        supervision_sessions(plan, member, supervisor)
        appraisals(plan, member, supervisor)


def session(plan: Plan, member: StaffMember, supervisor, day, kind, notes) -> StaffSupervision:
    rng = plan.rng
    return plan.add(StaffSupervision(
        staff_member=member, kind=kind, date=day, supervisor=supervisor, notes=notes,
        start_time=time(rng.choice([9, 10, 11, 13, 14, 15]), rng.choice([0, 30])),
        duration_minutes=rng.choice([60, 75, 90]) if kind == SupervisionKind.SUPERVISION else 120,
        supervisor_signed=True, supervisee_signed=True,
    ))


def supervision_sessions(plan: Plan, member: StaffMember, supervisor):
    rng = plan.rng
    overdue = member is plan.marks.get("gap:staff_supervision_overdue")
    day = plan.ago(rng.randint(40, 50) if overdue else rng.randint(1, 12))
    if day < member.start_date <= plan.today:
        day = plan.between(member.start_date, plan.today)
    earliest = max(member.start_date, plan.ago(plan.scale.history_months * 30))
    latest = True
    while day >= earliest:
        if latest or not plan.chance(0.07):
            notes = "Caseload, training and wellbeing discussed." if supervisor else "With the chair of the board."
            session(plan, member, supervisor, day, SupervisionKind.SUPERVISION, notes)
        day, latest = day - timedelta(days=rng.randint(26, 34)), False


def appraisals(plan: Plan, member: StaffMember, supervisor):
    """Yearly, the latest within the last ten months; a first one for staff nearing their first year."""
    rng = plan.rng
    day, done = plan.ago(rng.randint(20, 300)), False
    while day >= member.start_date + timedelta(days=180):
        session(plan, member, supervisor, day, SupervisionKind.APPRAISAL, "Annual appraisal; objectives agreed.")
        day, done = add_years(day, -1), True
    if not done and (plan.today - member.start_date).days >= 300:
        session(plan, member, supervisor, plan.between(member.start_date + timedelta(days=270), plan.ago(3)),
                SupervisionKind.APPRAISAL, "First annual appraisal; objectives agreed.")
