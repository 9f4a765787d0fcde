"""Gap rules for staff and the registered manager (CR-ST-*). Pure: facts in, outcomes out.

Staff records are agency-wide: a recheck of some households yields nothing here, and gathers nothing.
Checks count when completed with a satisfactory outcome (clear, or information disclosed and assessed).
A check completed after the start date, or an induction completed late, cannot be put right: it is
met, and the detail starts "Late: " and says how late.
"""

from dataclasses import replace

from django.urls import reverse

from compliance.calendar import add_working_days
from compliance.engine import AGENCY, Outcome, State, Subject
from compliance.periods import add_period
from compliance.registry import Area, Severity, rule
from compliance.rules.agency import days_late
from records.choices import CheckKind, CheckOutcome, StaffRole, SupervisionKind

# Timescales from the NMS (the reference's thresholds); intervals that are agency policy come from ctx.period().
SWE_CHECK_EVERY = "P12M"  # CR-ST-004, NMS 23.4
INDUCTION_START_WITHIN = 7  # working days, CR-ST-005, NMS 23.3
INDUCTION_COMPLETE_WITHIN = "P6M"  # CR-ST-005
APPRAISAL_EVERY = "P12M"  # CR-ST-007, NMS 24.6
# CR-ST-009: Ofsted's SCCIF thresholds (12 and 26 weeks) and NMS 17.2 (enrol in 6 months, qualify in 3 years).
MANAGER_APPLY_WITHIN = "P12W"
MANAGER_VACANCY_MAX = "P26W"
QUALIFICATION_ENROL_WITHIN = "P6M"
QUALIFICATION_WITHIN = "P3Y"

REFERENCES = {CheckKind.REFERENCE_EMPLOYER, CheckKind.REFERENCE_PERSONAL}


def staff_subject(member):
    return Subject("staff_member", member.id, member.label, member.url)


def on_books(facts, ctx):
    """Staff employed on the day or due to start; nothing for a household recheck."""
    if not facts.scope.whole_agency:
        return []
    return [member for member in facts.staff.staff if member.on_books(ctx.as_of)]


def in_post(facts, ctx):
    return [member for member in on_books(facts, ctx) if member.start_date <= ctx.as_of]


def check_item(member, name, kinds, count=1):
    """(name, "ok" | "late" | "missing" | "unsatisfactory", date done) for `count` satisfactory checks of `kinds`."""
    done = sorted(c.completed_date for c in member.checks if c.kind in kinds and c.satisfactory)
    if len(done) < count:
        failed = any(c.kind in kinds and c.outcome == CheckOutcome.UNSATISFACTORY for c in member.checks)
        return name, "unsatisfactory" if failed else "missing", None
    return dated_item(name, done[count - 1], member.start_date)


def dated_item(name, done_on, start):
    if done_on is None:
        return name, "missing", None
    return name, "late" if done_on > start else "ok", done_on


def applies(member, kind):
    """'Where applicable' checks (overseas, previous work with children) apply once one has been started."""
    return any(c.kind == kind for c in member.checks)


def before_start_outcome(ctx, member, items, *, what):
    """One outcome for the `items` that had to be done by the start date (which is the due date)."""
    subject = staff_subject(member)
    missing = [name if status == "missing" else f"{name} ({status})" for name, status, _ in items
               if status in ("missing", "unsatisfactory")]
    start = member.start_date
    if missing:
        state = ctx.state_for(start)
        verb = "Missing at start" if state == State.OVERDUE else "Needed before start"
        return Outcome(subject, state, start, f"{verb} ({start:%d %b %Y}): {', '.join(missing)}")
    late = [f"{name} {day:%d %b %Y} ({days_late(day, start)} late)" for name, status, day in items
            if status == "late"]
    if late:
        return Outcome(subject, State.MET, None, f"Late: after the start date ({start:%d %b %Y}): {', '.join(late)}")
    return Outcome(subject, State.MET, None, f"{what} complete before the start date")


@rule(id="CR-ST-001", title="Schedule 1 pre-employment checks complete before start",
      clauses=["fsr2011:r20", "fsr2011:sch1"], severity=Severity.CRITICAL, area=Area.STAFF,
      applies_to="staff_member",
      hint="Complete and record each Schedule 1 check before the person starts: photo ID, enhanced DBS, two "
           "written references (one from the latest employer), evidence of qualifications and a full "
           "employment history with every gap explained.")
def schedule_1_checks(facts, ctx):
    for member in on_books(facts, ctx):
        items = [
            check_item(member, "proof of identity", {CheckKind.IDENTITY}),
            check_item(member, "enhanced DBS", {CheckKind.ENHANCED_DBS}),
            check_item(member, "two written references", REFERENCES, count=2),
            check_item(member, "reference from the latest employer", {CheckKind.REFERENCE_EMPLOYER}),
        ]
        if member.qualifications_listed:
            items.append(check_item(member, "evidence of qualifications", {CheckKind.QUALIFICATIONS}))
        if applies(member, CheckKind.PREVIOUS_WORK_WITH_CHILDREN):
            items.append(check_item(member, "reason previous work with children ended",
                                    {CheckKind.PREVIOUS_WORK_WITH_CHILDREN}))
        history = member.employment_gaps_explained or any(
            c.kind == CheckKind.EMPLOYMENT_HISTORY and c.satisfactory for c in member.checks)
        items.append(("employment history with gaps explained", "ok" if history else "missing", None))
        yield before_start_outcome(ctx, member, items, what="Schedule 1 checks")


@rule(id="CR-ST-002", title="NMS 19 recruitment record", clauses=["nms2011:19.1", "nms2011:19.3"],
      severity=Severity.HIGH, area=Area.STAFF, applies_to="staff_member",
      hint="Record the interview date, the date references were confirmed by telephone, the right-to-work "
           "check, the DBS certificate number and any overseas check.")
def recruitment_record(facts, ctx):
    for member in on_books(facts, ctx):
        dbs_number = any(c.kind == CheckKind.ENHANCED_DBS and c.satisfactory and c.certificate_recorded
                         for c in member.checks)
        items = [
            dated_item("interview", member.interview_date, member.start_date),
            dated_item("references confirmed by telephone", member.references_verified_date, member.start_date),
            check_item(member, "right to work", {CheckKind.RIGHT_TO_WORK}),
            ("DBS certificate number", "ok" if dbs_number else "missing", None),
        ]
        if applies(member, CheckKind.OVERSEAS):
            items.append(check_item(member, "overseas criminal record check", {CheckKind.OVERSEAS}))
        yield before_start_outcome(ctx, member, items, what="Recruitment record")


@rule(id="CR-ST-003", title="Staff DBS renewal", clauses=["nms2011:19.2"], severity=Severity.MEDIUM,
      area=Area.STAFF, applies_to="staff_member",
      hint="Renew the enhanced DBS, or check the DBS update service, and record the date.")
def staff_dbs_renewal(facts, ctx):
    interval = ctx.period("staff_dbs_renewal")
    for member in in_post(facts, ctx):
        done = [c.completed_date for c in member.checks
                if c.kind in (CheckKind.ENHANCED_DBS, CheckKind.DBS_UPDATE_SERVICE) and c.satisfactory
                and c.completed_date <= ctx.as_of]
        yield ctx.renewal(staff_subject(member), last_done=max(done, default=None), interval=interval,
                          first_due=member.start_date, what="DBS check or update service check")


@rule(id="CR-ST-004", title="Social worker registration current", clauses=["nms2011:23.4", "nms2011:23.6"],
      severity=Severity.HIGH, area=Area.STAFF, applies_to="staff_member",
      hint="Check the Social Work England register for this person and record the date you checked.")
def social_work_registration(facts, ctx):
    for member in in_post(facts, ctx):
        if not member.is_social_worker:
            continue
        subject = staff_subject(member)
        if not member.swe_registration_number.strip():
            yield Outcome(subject, State.MISSING, None, "No Social Work England registration number recorded")
            continue
        yield ctx.renewal(subject, last_done=member.swe_registration_checked_date, interval=SWE_CHECK_EVERY,
                          first_due=member.start_date, what="check of Social Work England registration")


@rule(id="CR-ST-005", title="Induction started within 7 working days and completed within 6 months",
      clauses=["nms2011:23.3"], severity=Severity.MEDIUM, area=Area.STAFF, applies_to="staff_member",
      hint="Record when the person's induction started and when they completed it.")
def induction(facts, ctx):
    for member in in_post(facts, ctx):
        subject = staff_subject(member)
        complete_by = add_period(member.start_date, INDUCTION_COMPLETE_WITHIN)
        completed = member.induction_completed_date
        if completed:
            detail = f"Induction completed {completed:%d %b %Y}"
            if completed > complete_by:
                late = days_late(completed, complete_by)
                detail = f"Late: {detail}, {late} after the deadline of {complete_by:%d %b %Y}"
            yield Outcome(subject, State.MET, None, detail)
        elif member.induction_started_date:
            state = ctx.state_for(complete_by)
            yield Outcome(subject, state, complete_by,
                          f"Induction started {member.induction_started_date:%d %b %Y}; "
                          f"to complete by {complete_by:%d %b %Y}")
        else:
            start_by = add_working_days(member.start_date, INDUCTION_START_WITHIN)
            yield Outcome(subject, ctx.state_for(start_by), start_by,
                          f"No induction recorded; it should start by {start_by:%d %b %Y}")


@rule(id="CR-ST-006", title="Staff supervision regular and recorded",
      clauses=["nms2011:24.4", "nms2011:24.5", "fsr2011:r21"], severity=Severity.MEDIUM, area=Area.STAFF,
      applies_to="staff_member",
      hint="Hold supervision at the agency's interval and record its date, time and length, signed by the "
           "supervisor and the member of staff.")
def staff_supervision(facts, ctx):
    interval = ctx.period("staff_supervision_interval")
    for member in in_post(facts, ctx):
        subject = staff_subject(member)
        latest = member.latest(SupervisionKind.SUPERVISION, ctx.as_of)
        outcome = ctx.renewal(subject, last_done=latest.date if latest else None, interval=interval,
                              first_due=add_period(member.start_date, interval), what="supervision")
        missing = latest.missing_record_items() if latest else []
        if outcome.state in State.COUNTS_AS_MET and missing:
            outcome = Outcome(subject, State.MISSING, outcome.due,
                              f"Supervision on {latest.date:%d %b %Y}: record lacks {', '.join(missing)}")
        yield outcome


@rule(id="CR-ST-007", title="Annual appraisal", clauses=["nms2011:24.6", "fsr2011:r21"], severity=Severity.MEDIUM,
      area=Area.STAFF, applies_to="staff_member",
      hint="Hold and record this person's appraisal.")
def annual_appraisal(facts, ctx):
    for member in in_post(facts, ctx):
        latest = member.latest(SupervisionKind.APPRAISAL, ctx.as_of)
        yield ctx.renewal(staff_subject(member), last_done=latest.date if latest else None,
                          interval=APPRAISAL_EVERY, first_due=add_period(member.start_date, APPRAISAL_EVERY),
                          what="appraisal")


@rule(id="CR-ST-008", title="Supervising social worker caseload within the agency's ceiling",
      clauses=["fsr2011:r19"], severity=Severity.LOW, area=Area.STAFF, applies_to="staff_member",
      hint="Reallocate households so no supervising social worker carries more than the agency's ceiling.")
def caseload(facts, ctx):
    ceiling = ctx.policy.max_households_per_ssw
    for member in in_post(facts, ctx):
        if member.role != StaffRole.SUPERVISING_SOCIAL_WORKER:
            continue
        count = member.households_allocated
        # Over the ceiling is a breach today: there is no date by which it fell due.
        state = State.MET if count <= ceiling else State.OVERDUE
        yield Outcome(staff_subject(member), state, None,
                      f"{count} household{'s' if count != 1 else ''} allocated; the ceiling is {ceiling}")


@rule(id="CR-ST-009", title="Registered manager in post, registered and qualified",
      clauses=["fsr2011:r6", "fsr2011:r39", "nms2011:17.2", "nms2011:17.3"], severity=Severity.HIGH,
      area=Area.STAFF, applies_to="agency",
      hint="Record the registered manager's appointment, application to Ofsted, registration and management "
           "qualification; if the post is vacant, appoint and apply promptly.")
def registered_manager(facts, ctx):
    if not facts.scope.whole_agency:
        return
    subject = replace(AGENCY, url=reverse("records:managerregistration_list"))
    appointed = [r for r in facts.staff.manager_registrations if r.appointed_date <= ctx.as_of]
    current = max((r for r in appointed if r.in_post(ctx.as_of)), key=lambda r: r.appointed_date, default=None)
    yield manager_in_post(ctx, subject, appointed, current)
    if current is not None:
        yield manager_qualified(ctx, subject, current)


def manager_in_post(ctx, subject, appointed, current):
    if not appointed:
        return Outcome(subject, State.MISSING, None, "No registered manager recorded", "in_post")
    if current is None:
        vacant_since = max(r.left_date for r in appointed)
        due = add_period(vacant_since, MANAGER_VACANCY_MAX)
        # A vacancy is never simply met: it is due soon until Ofsted's 26 weeks run out.
        state = State.OVERDUE if ctx.as_of > due else State.DUE_SOON
        return Outcome(subject, state, due, f"Registered manager post vacant since {vacant_since:%d %b %Y}; "
                                            f"appoint a manager by {due:%d %b %Y}", "in_post")
    name = current.manager_name
    if current.registered_date and current.registered_date <= ctx.as_of:
        return Outcome(subject, State.MET, None, f"{name} registered with Ofsted {current.registered_date:%d %b %Y}",
                       "in_post")
    if current.registration_applied_date and current.registration_applied_date <= ctx.as_of:
        return Outcome(subject, State.MET, None, f"{name} applied to Ofsted "
                                                 f"{current.registration_applied_date:%d %b %Y}; awaiting registration",
                       "in_post")
    due = add_period(current.appointed_date, MANAGER_APPLY_WITHIN)
    return Outcome(subject, ctx.state_for(due), due, f"{name}, appointed {current.appointed_date:%d %b %Y}, has not "
                                                     f"applied to Ofsted; apply by {due:%d %b %Y}", "in_post")


def manager_qualified(ctx, subject, current):
    name, achieved = current.manager_name, current.qualification_achieved_date
    if achieved and achieved <= ctx.as_of:
        return Outcome(subject, State.MET, None, f"{name} holds the management qualification", "qualification")
    enrolled = current.qualification_enrolled_date
    if enrolled and enrolled <= ctx.as_of:
        due = add_period(current.appointed_date, QUALIFICATION_WITHIN)
        return Outcome(subject, ctx.state_for(due), due, f"{name} enrolled {enrolled:%d %b %Y}; to qualify by "
                                                         f"{due:%d %b %Y}", "qualification")
    due = add_period(current.appointed_date, QUALIFICATION_ENROL_WITHIN)
    return Outcome(subject, ctx.state_for(due), due, f"{name} is not enrolled on the management qualification; "
                                                     f"enrol by {due:%d %b %Y}", "qualification")
