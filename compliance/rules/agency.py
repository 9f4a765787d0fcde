"""Gap rules for the agency (CR-AG-*). Pure: facts in, outcomes out.

Event records (notifications, complaints, allegations, missing episodes) belong to households, so a
household recheck re-evaluates them. They stay in view for the 12 months Ofsted's summary covers, and
longer while something is outstanding. A duty done after its deadline cannot be put right: it is met,
and the detail starts "Late: " and says how late. The agency's own records are checked on whole-agency
runs only.

Not implemented:
- CR-AG-011 (retention): carers' retention dates are checked by CR-HH-031 (Household.records_retain_until);
  the product keeps every other record and its full history and has no way to delete one, so the
  minimum periods for applicants and Schedule 2 records hold by construction: there is nothing to check.
- CR-AG-013 (inspection-ready exports): a property of the product (the inspection pack), not a record.
"""

from dataclasses import dataclass, replace
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from compliance.calendar import add_working_days
from compliance.engine import AGENCY, Outcome, State, Subject
from compliance.periods import add_period, subtract_period
from compliance.registry import Area, Severity, rule
from records.choices import AllegationCategory, AllegationOutcome, ComplaintOutcome, NotifiableEvent, NotifiedBody
from records.models.agency import AgencyReview, AllowanceRate, RegistrationNotice

# CR-AG-004's 12-month summary: how long a record with nothing outstanding stays in view.
IN_VIEW_FOR = "P12M"
NOTIFY_WITHIN = timedelta(hours=24)  # CR-AG-001, -003, -006: reg 36 and Schedule 7, weekends included
# Allegation dates carry no time of day: "within 24 hours" is read as "by the next day".
ALLEGATION_NOTIFY_WITHIN = "P1D"  # CR-AG-005
LADO_WITHIN = 1  # working day, CR-AG-005 (safeguarding guidance)
REGISTRATION_CHANGE_NOTICE_WITHIN = "P14D"  # CR-AG-009: "as soon as practicable"; 14 days is the UI threshold
ABSENCE_NOTIFIABLE_FROM = 28  # days, CR-AG-010 (reg 38)
ALLOWANCE_REVIEW_EVERY = "P12M"  # CR-AG-012, NMS 28
REPORT_SHARED_WITHIN = "P10D"  # CR-AG-014, NMS 25.6

EVENTS, BODIES = dict(NotifiableEvent.choices), dict(NotifiedBody.choices)
BODY_ORDER = list(NotifiedBody.values)


@dataclass(frozen=True)
class Duty:
    action: str  # what to do, e.g. "refer to the LADO"
    due: date
    done: bool
    by: str = ""  # the deadline in words where the hour matters, e.g. "14:05 on 2 Mar 2026"
    late: str = ""  # set when done after the deadline


def days_late(done_on, due):
    """How long after `due` a duty was done: "1 day", "3 days"."""
    days = (done_on - due).days
    return f"{days} day{'' if days == 1 else 's'}"


def duties_outcome(ctx, subject, duties, met_detail, key=""):
    """One outcome for a record's duties: the earliest outstanding one sets the state and the due date;
    with all done it is met, and any done late are noted."""
    pending = [d for d in duties if not d.done]
    if pending:
        due = min(d.due for d in pending)
        state = ctx.state_for(due)
        todo = "; ".join(f"{d.action} by {d.by or format(d.due, '%d %b %Y')}" for d in pending)
        detail = f"Overdue: {todo}" if state == State.OVERDUE else todo[:1].upper() + todo[1:]
        return Outcome(subject, state, due, detail[:300], key)
    late = "; ".join(d.late for d in duties if d.late)
    return Outcome(subject, State.MET, None, (f"Late: {late}" if late else met_detail)[:300], key)


def dated_duty(action, due, done_on, what_done):
    late = ""
    if done_on and done_on > due:
        late = f"{what_done} {done_on:%d %b %Y}, {days_late(done_on, due)} after the deadline of {due:%d %b %Y}"
    return Duty(action, due, done_on is not None, late=late)


def timed_duty(action, start, done_at, within, what_done, since):
    """A duty measured to the minute from `start` (an aware datetime), e.g. 24 hours to notify."""
    deadline = timezone.localtime(start + within)
    if done_at is None:
        return Duty(action, deadline.date(), False, by=f"{deadline:%H:%M on %d %b %Y}")
    late = ""
    if done_at > start + within:
        minutes = int((done_at - start).total_seconds() // 60)
        limit = int(within.total_seconds() // 3600)
        late = f"{what_done} {minutes // 60} h {minutes % 60:02d} min {since} (limit {limit} h)"
    return Duty(action, deadline.date(), True, late=late)


def in_view(ctx, day, *, outstanding):
    """Records from the last 12 months, and older ones while something is outstanding."""
    return outstanding or subtract_period(ctx.as_of, IN_VIEW_FOR) <= day <= ctx.as_of


def local_date(moment):
    return timezone.localtime(moment).date()


# Notifications ---------------------------------------------------------------------------------

def event_groups(notifications):
    """One event told to several bodies is several rows with the same event, time, child and household."""
    groups = {}
    for n in notifications:
        groups.setdefault((n.event, n.event_at, n.resident_id, n.household_id), []).append(n)
    return [sorted(rows, key=lambda n: (n.agency_aware_at, n.id)) for rows in groups.values()]


def event_subject(group):
    first = group[0]
    label = f"{EVENTS.get(first.event, first.event)} ({timezone.localtime(first.agency_aware_at):%d %b %Y})"
    return Subject("notification", first.id, label, first.url, first.household_id, first.social_worker_id)


def body_duty(group, body):
    rows = [n for n in group if n.notified_body == body]
    aware = min(n.agency_aware_at for n in rows or group)
    sent = [n.notified_at for n in rows if n.notified_at]
    name = BODIES.get(body, body)
    whom = {NotifiedBody.OFSTED: "Ofsted", NotifiedBody.OTHER: "the other body"}.get(body, f"the {name.lower()}")
    return timed_duty(f"notify {whom}", aware, min(sent, default=None), NOTIFY_WITHIN, f"{name} notified",
                      "after the agency knew")


@rule(id="CR-AG-001", title="Schedule 7 events notified within 24 hours",
      clauses=["fsr2011:r36", "fsr2011:sch7", "nms2011:29.1"], severity=Severity.CRITICAL, area=Area.AGENCY,
      applies_to="notification",
      hint="Notify Ofsted (online form) and the child's placing authority within 24 hours of the agency "
           "knowing, and record a notification for each body with the time it was sent.")
def schedule_7_notified(facts, ctx):
    for group in event_groups(facts.agency.notifications):
        # Ofsted always; the placing authority when a child placed is concerned; anyone else recorded.
        bodies = {NotifiedBody.OFSTED, *(n.notified_body for n in group)}
        if any(n.resident_id for n in group):
            bodies.add(NotifiedBody.PLACING_AUTHORITY)
        duties = [body_duty(group, body) for body in sorted(bodies, key=BODY_ORDER.index)]
        if in_view(ctx, local_date(group[0].agency_aware_at), outstanding=any(not d.done for d in duties)):
            yield duties_outcome(ctx, event_subject(group), duties, "Notified within 24 hours")


@rule(id="CR-AG-002", title="Notification follow-up and outcome recorded",
      clauses=["nms2011:29.2", "nms2011:29.4"], severity=Severity.MEDIUM, area=Area.AGENCY,
      applies_to="notification",
      hint="Record the action taken, the follow-up with the placing authority and the outcome; update Ofsted "
           "if the outcome changes.")
def notification_outcome(facts, ctx):
    within = ctx.period("notification_outcome_within")
    for n in facts.agency.notifications:
        aware = local_date(n.agency_aware_at)
        done_on = n.outcome_recorded_date
        if not in_view(ctx, aware, outstanding=done_on is None):
            continue
        subject = Subject("notification", n.id, n.label, n.url, n.household_id, n.social_worker_id)
        duty = Duty("record the outcome", add_period(aware, within), done_on is not None)
        yield duties_outcome(ctx, subject, [duty], f"Outcome recorded {done_on:%d %b %Y}" if done_on else "")


@rule(id="CR-AG-003", title="Mental-health concern notified to the placing authority", clauses=["nms2011:29.3"],
      severity=Severity.HIGH, area=Area.AGENCY, applies_to="notification",
      hint="Tell the child's placing authority within 24 hours and record a notification to them.")
def mental_health_notified(facts, ctx):
    for group in event_groups(facts.agency.notifications):
        if group[0].event != NotifiableEvent.MENTAL_HEALTH:
            continue
        duty = body_duty(group, NotifiedBody.PLACING_AUTHORITY)
        if in_view(ctx, local_date(group[0].agency_aware_at), outstanding=not duty.done):
            yield duties_outcome(ctx, event_subject(group), [duty], "Placing authority notified within 24 hours")


# Complaints, allegations, missing episodes ------------------------------------------------------

@rule(id="CR-AG-004", title="Complaints acknowledged, answered and recorded", clauses=["fsr2011:r18", "nms2011:1.6"],
      severity=Severity.HIGH, area=Area.AGENCY, applies_to="complaint",
      hint="Acknowledge and answer the complaint within the agency's timescales and record the outcome, its "
           "date and the action taken.")
def complaint_handled(facts, ctx):
    acknowledge, respond = ctx.period("complaint_acknowledge_within"), ctx.period("complaint_respond_within")
    for c in facts.agency.complaints:
        complete = bool(c.responded_date and c.outcome != ComplaintOutcome.OPEN and c.action_recorded)
        if not in_view(ctx, c.received_date, outstanding=not complete):
            continue
        subject = Subject("complaint", c.id, c.label, c.url, c.household_id, c.social_worker_id)
        duties = [
            # An answer sent straight away acknowledges the complaint too.
            dated_duty("acknowledge it", add_period(c.received_date, acknowledge),
                       c.acknowledged_date or c.responded_date, "Acknowledged"),
            dated_duty("answer it", add_period(c.received_date, respond), c.responded_date, "Answered"),
        ]
        outcome = duties_outcome(ctx, subject, duties, "Acknowledged and answered on time; outcome recorded")
        # Answered but the outcome or action is not written up. (Not yet answered and not yet due is met.)
        if outcome.state == State.MET and c.responded_date and not complete:
            outcome = Outcome(subject, State.MISSING, None,
                              f"Answered {c.responded_date:%d %b %Y}: record the outcome and the action taken")
        yield outcome


@rule(id="CR-AG-005", title="Allegation referred to the LADO and notified",
      clauses=["fsr2011:r12", "fsr2011:r36", "nms2011:22.1", "nms2011:22.2"], severity=Severity.CRITICAL,
      area=Area.AGENCY, applies_to="allegation",
      hint="Refer the allegation to the LADO within one working day; tell the child's placing authority and "
           "Ofsted within 24 hours; record each date.")
def allegation_handled(facts, ctx):
    for a in facts.agency.allegations:
        notify_by = add_period(a.received_date, ALLEGATION_NOTIFY_WITHIN)
        duties = [dated_duty("refer to the LADO", add_working_days(a.received_date, LADO_WITHIN),
                             a.lado_referred_date, "Referred to the LADO")]
        if a.resident_id:
            duties.append(dated_duty("tell the placing authority", notify_by, a.placing_authority_informed_date,
                                     "Placing authority told"))
        # Schedule 7 names allegations of abuse; a standards-of-care concern is not one.
        if a.category != AllegationCategory.STANDARDS_OF_CARE:
            duties.append(dated_duty("notify Ofsted", notify_by, a.ofsted_notified_date, "Ofsted notified"))
        outstanding = a.outcome == AllegationOutcome.OPEN or any(not d.done for d in duties)
        if in_view(ctx, a.received_date, outstanding=outstanding):
            subject = Subject("allegation", a.id, a.label, a.url, a.household_id, a.social_worker_id)
            yield duties_outcome(ctx, subject, duties, "Referred and notified on time")


@rule(id="CR-AG-006", title="Missing episode reported and followed up",
      clauses=["fsr2011:r13", "fsr2011:sch6", "nms2011:5.2", "nms2011:5.6"], severity=Severity.HIGH,
      area=Area.AGENCY, applies_to="missing_episode",
      hint="Tell the placing authority within 24 hours of the child going missing, and hold and record the "
           "return interview.")
def missing_episode_reported(facts, ctx):
    # The reference gives only the 24 hours; the return interview's window is agency policy.
    interview_within = timedelta(hours=ctx.policy.return_interview_within_hours)
    for e in facts.agency.missing_episodes:
        duties = [timed_duty("tell the placing authority", e.missing_from, e.placing_authority_informed_at,
                             NOTIFY_WITHIN, "Placing authority told", "after the child went missing")]
        if e.returned_at is not None:
            interview_by = local_date(e.returned_at + interview_within)
            duties.append(dated_duty("hold the return interview", interview_by, e.return_interview_date,
                                     "Return interview held"))
        if in_view(ctx, local_date(e.missing_from), outstanding=any(not d.done for d in duties)):
            subject = Subject("missing_episode", e.id, e.label, e.url, e.household_id, e.social_worker_id)
            yield duties_outcome(ctx, subject, duties, "Reported and followed up on time")


# The agency's own records -----------------------------------------------------------------------

def agency_subject(list_name):
    return replace(AGENCY, url=reverse(f"records:{list_name}_list"))


REVIEW_WORDS = {
    AgencyReview.Kind.REG35: "regulation 35 quality-of-care review",
    AgencyReview.Kind.BOARD_REPORT: "management, outcomes and finance report to the board",
    AgencyReview.Kind.STATEMENT_OF_PURPOSE: "review of the statement of purpose",
    AgencyReview.Kind.CHILDRENS_GUIDE: "review of the children's guide",
    AgencyReview.Kind.ALLOWANCES: "review of allowances with carers",
    AgencyReview.Kind.PAYMENT_POLICY: "payment policy issued to carers",
}


def reviews_renewed(facts, ctx, schedule):
    subject = agency_subject("agencyreview")
    for kind, interval in schedule:
        latest = facts.agency.latest_review(kind, ctx.as_of)
        yield ctx.renewal(subject, last_done=latest.completed_date if latest else None, interval=interval,
                          what=REVIEW_WORDS[kind], key=kind)


@rule(id="CR-AG-007", title="Regulation 35 quality-of-care review and board reporting",
      clauses=["fsr2011:r35", "fsr2011:sch6", "nms2011:25.7"], severity=Severity.MEDIUM, area=Area.AGENCY,
      applies_to="agency",
      hint="Complete the regulation 35 review and report to the board at the agency's intervals (the board "
           "report is usually three-monthly); record each as an agency review.")
def quality_review(facts, ctx):
    if facts.scope.whole_agency:
        yield from reviews_renewed(facts, ctx, [
            (AgencyReview.Kind.REG35, ctx.period("reg35_interval")),
            (AgencyReview.Kind.BOARD_REPORT, ctx.period("board_report_interval")),
        ])


@rule(id="CR-AG-008", title="Statement of purpose and children's guide reviewed",
      clauses=["fsr2011:r3", "fsr2011:r4", "nms2011:16.1"], severity=Severity.MEDIUM, area=Area.AGENCY,
      applies_to="agency",
      hint="Review both documents; send revisions to Ofsted and reissue a revised guide to carers and children.")
def documents_reviewed(facts, ctx):
    if facts.scope.whole_agency:
        interval = ctx.period("document_review_interval")
        yield from reviews_renewed(facts, ctx, [(AgencyReview.Kind.STATEMENT_OF_PURPOSE, interval),
                                                (AgencyReview.Kind.CHILDRENS_GUIDE, interval)])


def notice_subject(notice):
    return Subject("registration_notice", notice.id, notice.label, notice.url)


@rule(id="CR-AG-009", title="Ofsted told of registration changes", clauses=["fsr2011:r39", "fsr2011:r6"],
      severity=Severity.MEDIUM, area=Area.AGENCY, applies_to="registration_notice",
      hint="Notify Ofsted of the change (form SC3) and record the date.")
def registration_changes_notified(facts, ctx):
    if not facts.scope.whole_agency:
        return
    for notice in facts.agency.registration_notices:
        if notice.kind == RegistrationNotice.Kind.MANAGER_ABSENCE:
            continue
        duty = dated_duty("notify Ofsted", add_period(notice.event_date, REGISTRATION_CHANGE_NOTICE_WITHIN),
                          notice.ofsted_notified_date, "Ofsted notified")
        if in_view(ctx, notice.event_date, outstanding=not duty.done):
            yield duties_outcome(ctx, notice_subject(notice), [duty], "Ofsted notified")


@rule(id="CR-AG-010", title="Manager absence of 28 days or more notified", clauses=["fsr2011:r38"],
      severity=Severity.MEDIUM, area=Area.AGENCY, applies_to="registration_notice",
      hint="Notify Ofsted of the absence and the interim arrangements, then of the manager's return.")
def manager_absence_notified(facts, ctx):
    if not facts.scope.whole_agency:
        return
    # The reference gives only the 28 days; reg 38's lead times (unverified) are agency policy.
    absence_within = ctx.period("manager_absence_notice_within")
    return_within = ctx.period("manager_return_notice_within")
    for notice in facts.agency.registration_notices:
        if notice.kind != RegistrationNotice.Kind.MANAGER_ABSENCE:
            continue
        if notice.end_date and (notice.end_date - notice.event_date).days < ABSENCE_NOTIFIABLE_FROM:
            continue  # shorter than 28 days: nothing to notify
        duties = [
            dated_duty("notify Ofsted of the absence", add_period(notice.event_date, absence_within),
                       notice.ofsted_notified_date, "Absence notified"),
            Duty("record the interim arrangements", notice.event_date, notice.interim_arrangements_recorded),
        ]
        if notice.end_date and notice.end_date <= ctx.as_of:
            duties.append(dated_duty("notify Ofsted of the return", add_period(notice.end_date, return_within),
                                     notice.return_notified_date, "Return notified"))
        if in_view(ctx, notice.event_date, outstanding=any(not d.done for d in duties)):
            yield duties_outcome(ctx, notice_subject(notice), duties, "Absence and return notified")


@rule(id="CR-AG-012", title="Allowances at or above the national minimum and reviewed yearly",
      clauses=["nms2011:28.1", "nms2011:28.3", "nms2011:28.6"], severity=Severity.MEDIUM, area=Area.AGENCY,
      applies_to="agency",
      hint="Record the allowance for each age band beside the national minimum; review rates with carers and "
           "issue the payment policy every year.")
def allowances(facts, ctx):
    if not facts.scope.whole_agency:
        return
    yield from reviews_renewed(facts, ctx, [(AgencyReview.Kind.ALLOWANCES, ALLOWANCE_REVIEW_EVERY),
                                            (AgencyReview.Kind.PAYMENT_POLICY, ALLOWANCE_REVIEW_EVERY)])
    subject = agency_subject("allowancerate")
    for band, label in AllowanceRate.AgeBand.choices:
        key = f"rate:{band}"
        rates = [r for r in facts.agency.allowance_rates if r.age_band == band and r.effective_from <= ctx.as_of]
        rate = max(rates, key=lambda r: r.effective_from, default=None)
        if rate is None:
            yield Outcome(subject, State.MISSING, None, f"No allowance recorded for ages {label}", key)
        elif rate.weekly_allowance < rate.national_minimum:
            yield Outcome(subject, State.OVERDUE, rate.effective_from,
                          f"Ages {label}: £{rate.weekly_allowance} a week is below the national minimum of "
                          f"£{rate.national_minimum}", key)
        else:
            yield Outcome(subject, State.MET, None, f"Ages {label}: £{rate.weekly_allowance} a week, at or above "
                                                    f"the national minimum of £{rate.national_minimum}", key)


@rule(id="CR-AG-014", title="Ofsted inspection report shared", clauses=["nms2011:25.6"], severity=Severity.LOW,
      area=Area.AGENCY, applies_to="inspection_report",
      hint="Make the report available to staff, carers, children, parents and placing authorities, and record "
           "the date.")
def inspection_report_shared(facts, ctx):
    if not facts.scope.whole_agency:
        return
    published = [r for r in facts.agency.inspection_reports if r.published_date <= ctx.as_of]
    if not published:
        return
    report = max(published, key=lambda r: r.published_date)
    subject = Subject("inspection_report", report.id, f"Ofsted report published {report.published_date:%d %b %Y}",
                      report.url)
    duty = dated_duty("share the report", add_period(report.published_date, REPORT_SHARED_WITHIN),
                      report.shared_date, "Shared")
    yield duties_outcome(ctx, subject, [duty], f"Shared {report.shared_date:%d %b %Y}" if report.shared_date else "")
