"""Gap rules for fostering panels and the agency decision maker: CR-PN-001 to 007 and CR-ADM-001 to 003.

Pure: facts in (compliance/facts/panels.py), outcomes out. Who each rule is about:
- the central list and its members (002, 003, 004) and meetings (001, 005, 006, 007) are agency-wide:
  a household recheck yields nothing for them;
- agenda items and decisions (ADM-001, 002, 003) belong to a household and carry its social worker.
Timescales are the panels app's (panels/timescales.py, panels/quorum.py), which read the PANEL_*
settings, so a gap never disagrees with the meeting or decision page. A duty done after its deadline
cannot be put right: the outcome is met and its detail says how late, as in the other families. Short
papers for a panel still to come are the exception: the panel can still defer the case.

Left out, because nothing records them: CR-PN-003's interview of each member (only DBS and references
have dates) and CR-PN-004's "access to training" (no period is given; the last training date is shown
on the member's page).
"""

from datetime import date

from django.conf import settings
from django.urls import reverse

from compliance.calendar import add_working_days
from compliance.engine import Outcome, State, Subject
from compliance.periods import Period, add_period
from compliance.registry import Area, Severity, rule
from panels import timescales
from panels.choices import ItemKind, MemberRole

# Reg 23: a chair appointed on or after 1 October 2011 must be independent of the agency.
INDEPENDENT_CHAIR_FROM = date(2011, 10, 1)
# CR-PN-007: no regulation sets a deadline for signed minutes; the reference suggests 5 working days
# because the decision maker's clock starts on the final minutes. An agency may set its own.
DEFAULT_MINUTES_SIGNED_WORKING_DAYS = 5


def on(day):
    return f"{day:%d %b %Y}" if day else "no date"


def minutes_signed_within():
    return getattr(settings, "PANEL_MINUTES_SIGNED_WORKING_DAYS", DEFAULT_MINUTES_SIGNED_WORKING_DAYS)


def member_review_interval():
    """CR-PN-004 is common practice with low confidence: the interval is PANEL_MEMBER_REVIEW_DAYS."""
    return Period(days=settings.PANEL_MEMBER_REVIEW_DAYS)


def member_subject(member):
    return Subject("panel_member", member.id, member.label, member.url)


def meeting_subject(meeting):
    return Subject("panel_meeting", meeting.id, meeting.label, meeting.url)


def item_subject(item, meeting, kind="agenda_item", subject_id=None):
    """An agenda item, or the decision on it (`kind`, `subject_id`): both open the item's page."""
    when = f", panel {meeting.date:%d %b %Y}" if meeting else ""
    return Subject(kind, subject_id or item.id, f"{item.household_name}: {item.kind_label}{when}", item.url,
                   item.household_id, item.social_worker_id)


def panel_rule(**kwargs):
    return rule(area=Area.PANELS, **kwargs)


def done_late(what, done_on, due):
    return f"{what} {on(done_on)}" + (f", after the deadline of {on(due)}" if done_on > due else "")


def duties_outcome(ctx, subject, duties, met_detail):
    """One outcome for several dated duties (action, due, done_on, what_done): the earliest outstanding sets it."""
    pending = [(action, due) for action, due, done_on, _ in duties if done_on is None]
    if pending:
        due = min(d for _, d in pending)
        state = ctx.state_for(due)
        todo = "; ".join(f"{action} by {on(d)}" for action, d in pending)
        detail = f"Overdue: {todo}" if state == State.OVERDUE else todo[:1].upper() + todo[1:]
        return Outcome(subject, state, due, detail)
    late = [done_late(what, done_on, due) for _, due, done_on, what in duties if done_on > due]
    return Outcome(subject, State.MET, None, "; ".join(late) if late else met_detail)


# Agency-wide records: nothing on a household recheck ------------------------------------------

def meetings(facts):
    return facts.panels.meetings if facts.scope.whole_agency else ()


def held_meetings(facts, ctx):
    return [m for m in meetings(facts) if m.held_by(ctx.as_of)]


def members_on_list(facts, ctx):
    return facts.panels.on_list(ctx.as_of) if facts.scope.whole_agency else []


def items_in_scope(facts):
    ids = facts.scope.household_ids
    return [i for i in facts.panels.items if ids is None or i.household_id in ids]


# The central list and its members -------------------------------------------------------------

@panel_rule(id="CR-PN-001", title="Panel members drawn from the central list", clauses=["fsr2011:r23"],
            severity=Severity.HIGH, applies_to="panel_meeting",
            hint="Record attendance only for people on the central list on the meeting date, and keep a social "
                 "worker with enough post-qualifying experience on the list.")
def members_from_central_list(facts, ctx):
    panels, min_pqe = facts.panels, settings.PANEL_QUORUM_SW_MIN_PQE_YEARS
    for meeting in meetings(facts):
        problems = []
        for attendee in meeting.attendees:
            member = panels.member(attendee.member_id)
            reason = member.not_active_reason(meeting.date) if member else "An unknown member sat."
            if reason:
                problems.append(reason)
        if not any(m.pqe_years is not None and m.pqe_years >= min_pqe for m in panels.on_list(meeting.date)):
            problems.append(f"No social worker with {min_pqe}+ years' post-qualifying experience was on the "
                            f"central list on {on(meeting.date)}.")
        detail = " ".join(problems) if problems else "Every member sitting was on the central list"
        yield Outcome(meeting_subject(meeting), ctx.state_for(meeting.date, done=not problems), meeting.date,
                      detail[:300])


@panel_rule(id="CR-PN-002", title="Independent chair and vice chair(s)", clauses=["fsr2011:r23"],
            severity=Severity.HIGH, applies_to="panel_member",
            hint="Appoint an independent chair and one or two vice chairs on the central list.")
def chair_and_vice_chairs(facts, ctx):
    on_list = members_on_list(facts, ctx)
    if not on_list:
        return  # no central list kept in the product yet
    chairs = [m for m in on_list if m.role == MemberRole.CHAIR]
    vice_chairs = [m for m in on_list if m.role == MemberRole.VICE_CHAIR]
    for chair in chairs:
        independent = chair.is_independent or chair.joined_date < INDEPENDENT_CHAIR_FROM
        yield Outcome(member_subject(chair), State.MET if independent else State.OVERDUE,
                      None if independent else chair.joined_date,
                      "Independent of the agency" if independent else
                      "The chair is not independent of the agency (reg 23)", key="independent")
    missing = [what for what, present in (("chair", chairs), ("vice chair", vice_chairs)) if not present]
    central_list = Subject("central_list", None, "The panel central list", reverse("panels:member_list"))
    if missing:
        yield Outcome(central_list, State.MISSING, None, f"No {' or '.join(missing)} on the central list",
                      key="appointments")
    else:
        yield Outcome(central_list, State.MET, None,
                      f"{len(chairs)} chair(s) and {len(vice_chairs)} vice chair(s) appointed", key="appointments")


@panel_rule(id="CR-PN-003", title="Panel member vetting before first sitting",
            clauses=["nms2011:19.1", "nms2011:19.2", "nms2011:19.3"], severity=Severity.HIGH,
            applies_to="panel_member",
            hint="Record the enhanced DBS and the two phone-verified references before the member first sits, "
                 "and renew the DBS at the agency's interval.")
def member_vetting(facts, ctx):
    if not facts.scope.whole_agency:
        return
    for member in facts.panels.members:
        if member.left_date and member.left_date < ctx.as_of:
            continue
        subject, first = member_subject(member), facts.panels.first_sitting(member)
        missing = [what for what, day in (("enhanced DBS", member.dbs_date),
                                          ("references", member.references_received_date)) if day is None]
        if not missing:
            late = [done_late(what, day, first) for what, day in (("Enhanced DBS", member.dbs_date),
                                                                  ("references", member.references_received_date))
                    if first and day > first]
            yield Outcome(subject, State.MET, None, "; ".join(late) or "DBS and references before first sitting",
                          key="vetting")
        elif first is None:
            yield Outcome(subject, State.DUE_SOON, None, f"No {' or '.join(missing)} recorded; needed before "
                          f"their first panel", key="vetting")
        else:
            yield Outcome(subject, ctx.state_for(first), first,
                          f"No {' or '.join(missing)} recorded; first sat on {on(first)}", key="vetting")
        if member.dbs_date and member.is_active_on(ctx.as_of):
            # As for carers (CR-HH-004): common practice, the agency's renewal interval.
            yield ctx.renewal(subject, last_done=member.dbs_date, interval=ctx.period("dbs_renewal"),
                              what="enhanced DBS", key="dbs_renewal")


@panel_rule(id="CR-PN-004", title="Panel member annual review", clauses=["nms2011:14", "nms2011:23"],
            severity=Severity.LOW, applies_to="panel_member",
            hint="Hold the member's annual review (the chair's too) and record its date.")
def member_annual_review(facts, ctx):
    interval = member_review_interval()
    for member in members_on_list(facts, ctx):
        yield ctx.renewal(member_subject(member), last_done=member.annual_review_date, interval=interval,
                          first_due=add_period(member.joined_date, interval), what="annual review")


# Meetings -------------------------------------------------------------------------------------

@panel_rule(id="CR-PN-005", title="Panel quorate", clauses=["fsr2011:r24"], severity=Severity.HIGH,
            applies_to="panel_meeting",
            hint="Record everyone who sat. An inquorate panel's recommendations need hearing again by a quorate "
                 "panel.")
def quorate(facts, ctx):
    for meeting in held_meetings(facts, ctx):
        result = meeting.quorum()
        if result.met:
            detail = f"Quorate: {result.members_counted} members (at least {result.members_needed})"
        elif not meeting.attendees:
            detail = "No attendance recorded"
        else:
            detail = " ".join(result.reasons)
        yield Outcome(meeting_subject(meeting), ctx.state_for(meeting.date, done=result.met), meeting.date,
                      detail[:300])


@panel_rule(id="CR-PN-006", title="Panel papers sent five working days ahead", clauses=["nms2011:14.3"],
            severity=Severity.MEDIUM, applies_to="panel_meeting",
            hint="Send every paper for the panel's cases so that members have it the required working days "
                 "before the meeting, and record the date sent.")
def papers_in_time(facts, ctx):
    needed = settings.PANEL_PAPERS_MIN_WORKING_DAYS
    for meeting in meetings(facts):
        if not facts.panels.items_of(meeting):
            continue
        subject, due, sent = meeting_subject(meeting), meeting.papers_due_by, meeting.papers_sent_date
        if sent is None:
            state = ctx.state_for(due)
            verb = "were due" if state == State.OVERDUE else "due"
            yield Outcome(subject, state, due, f"No papers sent date recorded; papers {verb} by {on(due)}")
            continue
        lead = meeting.papers_lead_working_days
        if not meeting.papers_short:
            yield Outcome(subject, State.MET, None, f"Papers sent {on(sent)}, {lead} working days ahead")
        elif not meeting.held_by(ctx.as_of):
            yield Outcome(subject, State.OVERDUE, due,
                          f"Papers sent {on(sent)}, only {lead} working days before the panel ({needed} needed): "
                          f"the chair should consider deferring the cases")
        else:
            yield Outcome(subject, State.MET, None, f"Papers sent {on(sent)}, {lead} working days ahead; "
                          f"{needed} were needed")


@panel_rule(id="CR-PN-007", title="Minutes with reasons", clauses=["fsr2011:r24", "nms2011:14.7"],
            severity=Severity.HIGH, applies_to="panel_meeting",
            hint="Record the recommendation and the panel's reasons for each case, and the date the chair signed "
                 "the minutes.")
def minutes_with_reasons(facts, ctx):
    for meeting in held_meetings(facts, ctx):
        items = facts.panels.items_of(meeting)
        if not items:
            continue
        due, signed = add_working_days(meeting.date, minutes_signed_within()), meeting.minutes_signed_date
        problems = [f"no recommendation for {i.household_name}" for i in items
                    if not i.recommendation and i.kind != ItemKind.OTHER]
        problems += [f"no reasons for the recommendation on {i.household_name}" for i in items
                     if i.recommendation and not i.reasons_recorded]
        if signed is None:
            problems.insert(0, "minutes not signed by the chair")
        if problems:
            todo = "; ".join(problems)
            yield Outcome(meeting_subject(meeting), ctx.state_for(due), due,
                          f"{todo[:1].upper()}{todo[1:]} (due by {on(due)})"[:300])
        else:
            yield Outcome(meeting_subject(meeting), State.MET, None,
                          done_late("Minutes with reasons signed", signed, due))


# The agency decision maker --------------------------------------------------------------------

@panel_rule(id="CR-ADM-001", title="Agency decision within 7 working days",
            clauses=["nms2011:14.9", "fsr2011:r27", "fsr2011:r28"], severity=Severity.HIGH,
            applies_to="agenda_item",
            hint="Send the final minutes to the decision maker and record the date; the decision is due within "
                 "the working days allowed after they arrive.")
def decision_in_time(facts, ctx):
    panels = facts.panels
    for item in items_in_scope(facts):
        if not item.awaits_decision:
            continue
        meeting, decision = panels.meeting(item.meeting_id), panels.decision_of(item)
        subject = item_subject(item, meeting)
        received = meeting.minutes_sent_to_adm_date if meeting else None
        due = timescales.decision_due(received)
        if decision is not None:
            decided = decision.decision_date
            detail = done_late("Decided", decided, due) if due else f"Decided {on(decided)}"
            yield Outcome(subject, State.MET, None, detail)
        elif due is None:
            signed = meeting.minutes_signed_date if meeting else None
            waiting = (f"Final minutes signed {on(signed)} but not sent to the decision maker" if signed
                       else "Waiting for the final minutes")
            yield Outcome(subject, State.DUE_SOON, None, f"{waiting}: the decision is due "
                          f"{settings.PANEL_DECISION_WORKING_DAYS} working days after they are received")
        else:
            state = ctx.state_for(due)
            verb = "was due" if state == State.OVERDUE else "due"
            yield Outcome(subject, state, due, f"Final minutes received {on(received)}; decision {verb} by {on(due)}")


def decisions_in_scope(facts):
    panels = facts.panels
    items = {item.id: item for item in items_in_scope(facts)}
    for decision in panels.decisions:
        item = items.get(decision.item_id)
        if item is not None:
            yield decision, item_subject(item, panels.meeting(item.meeting_id), "agency_decision", decision.id)


@panel_rule(id="CR-ADM-002", title="Applicant/carer told of decision", clauses=["nms2011:14", "nms2011:14.x-notify"],
            severity=Severity.MEDIUM, applies_to="agency_decision",
            hint="Tell the applicant or carer of the decision in person or by phone, then in writing, and record "
                 "both dates.")
def decision_notified(facts, ctx):
    for decision, subject in decisions_in_scope(facts):
        yield duties_outcome(ctx, subject, [
            ("tell them orally", decision.oral_notice_due, decision.oral_notice_date, "Told orally"),
            ("send written notice", decision.written_notice_due, decision.written_notice_date, "Written notice"),
        ], "Told orally and in writing in time")


@panel_rule(id="CR-ADM-003", title="Qualifying determination and IRM clock",
            clauses=["fsr2011:r27", "fsr2011:r28", "fsr2011:r29"], severity=Severity.HIGH,
            applies_to="agency_decision",
            hint="Send the written notice with reasons and the 28-day window for representations or an IRM "
                 "application; if the IRM reports an application, send it the papers in time.")
def qualifying_determination(facts, ctx):
    for decision, subject in decisions_in_scope(facts):
        if not decision.is_qualifying_determination:
            continue
        notice = decision.written_notice_date if decision.reasons_recorded else None
        duties = [("send written notice with reasons and the representation window", decision.written_notice_due,
                   notice, "Written notice")]
        if decision.irm_notified_date:
            duties.append(("send the papers to the IRM", decision.irm_papers_due, decision.irm_papers_sent_date,
                           "Papers sent to the IRM"))
        window = decision.representation_deadline
        yield duties_outcome(ctx, subject, duties,
                             f"Written notice {on(decision.written_notice_date)}; representations or an IRM "
                             f"application until {on(window)}")
