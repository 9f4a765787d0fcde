"""Gap rules for carers and households: CR-HH-001 to CR-HH-032 in the reference's compliance_rules.yaml.

Each rule yields one Outcome per subject it applies to, MET ones included. Who a rule applies to:
- applicant households (status "assessment"): the checks due before panel (001, 005, 006, 008-013),
  due on the panel date, or at the end of the eight-month assessment (NMS 14.4) while none is booked;
- households in approval (approved or on hold): the ongoing duties (renewals, visits, reviews, terms);
- resigned or deregistered households: closing the file (031).
Figures the reference marks common practice or gives a config key come from the agency's policy
(`ctx.period(...)`); statutory and NMS figures are the constants below. "Renew every N" duties go
through `ctx.renewal`.

Not implemented, because nobody records the data they need:
- CR-HH-028 (bedroom sharing agreed and risk assessed): no record says who shares a bedroom, nor holds
  the placing authorities' agreement; unannounced visits only record that bedrooms were checked.
- CR-HH-033 (support network and regular visitors vetted): support carers, babysitters and regular
  visitors are not recorded anywhere.
Parts left out: CR-HH-006's medical adviser's comments, CR-HH-014's re-signing after a change of
terms, CR-HH-027's gender term and CR-HH-029's review on a change of household (none recorded).
CR-HH-011 checks the reference's data-driven example (a health visitor / school check where children
live in the home); an agency-chosen list of extra checks needs a policy field first.
"""

from compliance.engine import Outcome, State, Subject
from compliance.facts.households import ENDED
from compliance.periods import add_period, birthday, parse_period, subtract_period
from compliance.registry import Area, Severity, rule
from records.choices import ApprovalCategory, CheckKind, HouseholdStatus, ReviewOutcome, TrainingCourse
from records.models.checks import DISCLOSING_OUTCOMES, DisqualificationScreen

# Statutory / NMS figures (the reference gives no config key for these).
ASSESSMENT_WITHIN = parse_period("P8M")  # NMS 14.4: application to panel recommendation
TURNING_18_WARN = parse_period("P60D")  # CR-HH-002: start the DBS application before the 18th birthday
PREVIOUS_PROVIDER_WITHIN = parse_period("P12M")  # reg 26(1A): approved elsewhere within 12 months
RECORDS_PROVIDED_WITHIN = parse_period("15WD")  # reg 32 request from another provider
AGREEMENT_WITHIN = parse_period("P10D")  # CR-HH-014: foster care agreement after approval
REVIEW_INTERVAL = parse_period("P12M")  # reg 28: at least yearly
CONSULTATION_LOOKBACK = parse_period("P12M")  # reg 28: authorities that placed a child in the past year
UNANNOUNCED_INTERVAL = parse_period("P12M")  # NMS 21.8 and 10.5
USUAL_FOSTERING_LIMIT = 3  # Children Act 1989 Sch 7
EMERGENCY_OUTSIDE_TERMS = parse_period("6WD")  # CPPR 2010 reg 23
RETAIN_RECORDS_FOR = parse_period("P10Y")  # reg 32

DBS = {CheckKind.ENHANCED_DBS}
DISCLOSED = {str(outcome) for outcome in DISCLOSING_OUTCOMES}
CLEARED = {DisqualificationScreen.NOT_DISQUALIFIED, DisqualificationScreen.EXCEPTION}


def on(day):
    return f"{day:%d %b %Y}" if day else "no date"


def household_subject(h):
    return Subject("household", h.id, h.name, h.url, h.id, h.ssw_id)


def person_subject(person, h, *, url=""):
    return Subject(person.kind, person.id, f"{person.name} ({h.name})", url or person.url, h.id, h.ssw_id)


def placement_subject(p, h):
    return Subject("placement", p.id, f"{p.child_name} with {h.name}", p.url, h.id, h.ssw_id)


def outcome(ctx, subject, *, due, done, met, gap, key=""):
    """MET with `met` if done; otherwise the state of `due` with `gap` as the detail."""
    return Outcome(subject, ctx.state_for(due, done=done), due, met if done else gap, key)


def panel_due(h):
    """Pre-panel checks are due on the panel date, else when the assessment should have finished."""
    if h.panel_date:
        return h.panel_date
    return add_period(h.application_date, ASSESSMENT_WITHIN) if h.application_date else None


def before_panel(h):
    return f"needed before panel ({on(h.panel_date)})" if h.panel_date else \
        f"needed before panel (assessment due to finish {on(panel_due(h))})"


def tsd_period(ctx, h):
    return ctx.period("tsd_connected" if h.approval_category == ApprovalCategory.CONNECTED else "tsd_mainstream")


def since_approval(h, period):
    return add_period(h.approval_date, period) if h.approval_date else None


def course_label(code):
    return TrainingCourse(code).label if code in TrainingCourse.values else code.replace("_", " ")


# Vetting the applicants and their household ---------------------------------------------------

@rule(id="CR-HH-001", title="Enhanced DBS for every applicant and adult household member before panel",
      clauses=["fsr2011:r26", "fsr2011:sch3", "nms2011:19.3"], severity=Severity.CRITICAL, area=Area.CARERS,
      applies_to="household_member",
      hint="Record the enhanced DBS (with barred list) on the person's checks.")
def dbs_before_panel(facts, ctx):
    hh = facts.households
    for h in hh.applicants():
        due = panel_due(h)
        day = due or ctx.as_of  # who is an adult living there on the panel date
        for person in hh.people_of(h):
            if person.kind == "household_member" and not (person.lives_in_on(day) and person.adult_on(day)):
                continue
            done = hh.last_completed(person, DBS) is not None
            yield outcome(ctx, person_subject(person, h), due=due, done=done, met="Enhanced DBS completed",
                          gap=f"No completed enhanced DBS; {before_panel(h)}")


@rule(id="CR-HH-002", title="DBS when a household member turns 18", clauses=["fsr2011:r28", "fsr2011:r26"],
      severity=Severity.HIGH, area=Area.CARERS, applies_to="household_member",
      hint="Apply for the member's enhanced DBS before their 18th birthday and record it on their checks.")
def dbs_at_eighteen(facts, ctx):
    hh = facts.households
    for h in hh.in_approval():
        for member in hh.members_of(h):
            turns_18 = member.eighteenth_birthday
            if (h.approval_date and turns_18 <= h.approval_date) or not member.lives_in_on(turns_18) \
                    or not member.lives_in_on(ctx.as_of) or ctx.as_of < subtract_period(turns_18, TURNING_18_WARN):
                continue
            if hh.checks_of(member, DBS):
                yield Outcome(person_subject(member, h), State.MET, turns_18, "Enhanced DBS applied for")
                continue
            state = State.OVERDUE if ctx.as_of > turns_18 else State.DUE_SOON
            yield Outcome(person_subject(member, h), state, turns_18,
                          f"Turns 18 on {on(turns_18)}; no enhanced DBS applied for")


@rule(id="CR-HH-003", title="New adult joins the household", clauses=["fsr2011:sch5", "fsr2011:r28"],
      severity=Severity.HIGH, area=Area.CARERS, applies_to="household_member",
      hint="Apply for the new adult's enhanced DBS and hold or consider a review of approval.")
def new_adult(facts, ctx):
    hh = facts.households
    dbs_within, review_within = ctx.period("new_adult_dbs_within"), ctx.period("new_adult_review_within")
    for h in hh.in_approval():
        for member in hh.members_of(h):
            moved_in = member.moved_in_date
            if not moved_in or not h.approval_date or moved_in <= h.approval_date \
                    or not member.adult_on(moved_in) or not member.lives_in_on(ctx.as_of):
                continue
            subject = person_subject(member, h)
            applied = [c.started for c in hh.checks_of(member, DBS) if c.started]
            yield outcome(ctx, subject, due=add_period(moved_in, dbs_within),
                          done=bool(applied), met="Enhanced DBS applied for", key="dbs",
                          gap=f"Moved in {on(moved_in)}; no enhanced DBS applied for")
            reviewed = any(r.review_date >= moved_in for r in hh.reviews_of(h))
            yield outcome(ctx, subject, due=add_period(moved_in, review_within),
                          done=reviewed, met="Review of approval held since", key="review",
                          gap=f"Moved in {on(moved_in)}; no review of approval since")


@rule(id="CR-HH-004", title="DBS renewal for carers and adult household members", clauses=["nms2011:19.3"],
      severity=Severity.HIGH, area=Area.CARERS, applies_to="household_member",
      hint="Renew the enhanced DBS, or record the DBS update service status check.")
def dbs_renewal(facts, ctx):
    hh = facts.households
    renew_every, status_check_every = ctx.period("dbs_renewal"), ctx.period("dbs_update_service_check")
    for h in hh.in_approval():
        for person in hh.people_of(h):
            if person.kind == "household_member" and not (
                    person.lives_in_on(ctx.as_of) and person.adult_on(ctx.as_of)):
                continue
            dbs = hh.last_completed(person, DBS)
            if dbs is None and person.kind == "household_member" and h.approval_date \
                    and person.became_adult_here_on > h.approval_date:
                continue  # a new adult: CR-HH-002 / CR-HH-003 ask for the first DBS
            subject = person_subject(person, h)
            renewal = ctx.renewal(subject, last_done=dbs and dbs.completed_date, interval=renew_every,
                                  what="enhanced DBS")
            if dbs and dbs.update_service_subscribed:
                status = hh.last_completed(person, {CheckKind.DBS_UPDATE_SERVICE})
                checked = max(dbs.completed_date, status.completed_date) if status else dbs.completed_date
                online = ctx.renewal(subject, last_done=checked, interval=status_check_every,
                                     what="DBS update service status check")
                renewal = max(renewal, online, key=lambda o: o.due)
            yield renewal


@rule(id="CR-HH-005", title="Disqualification screen on disclosed offences", clauses=["fsr2011:r26", "fsr2011:sch4"],
      severity=Severity.CRITICAL, area=Area.CARERS, applies_to="household_member",
      hint="Record the manager's determination (disqualifying or not, and any exception) on the DBS check.")
def disqualification_screen(facts, ctx):
    hh = facts.households
    for h in [*hh.applicants(), *hh.in_approval()]:
        for person in hh.people_of(h):
            for check in hh.checks_of(person, DBS):
                if check.outcome not in DISCLOSED or not check.completed_date:
                    continue
                subject, key = person_subject(person, h, url=check.url), f"check:{check.id}"
                if check.disqualification_screen == DisqualificationScreen.DISQUALIFIED:
                    yield Outcome(subject, State.OVERDUE, check.disqualification_screened_date,
                                  f"Determined disqualifying on {on(check.disqualification_screened_date)}", key)
                    continue
                due = h.panel_date if h.is_applicant and h.panel_date and h.panel_date > check.completed_date \
                    else check.completed_date
                yield outcome(ctx, subject, due=due, done=check.disqualification_screen in CLEARED, key=key,
                              met="Determination recorded",
                              gap=f"DBS of {on(check.completed_date)} disclosed information; no determination")


@rule(id="CR-HH-006", title="Medical report at assessment", clauses=["fsr2011:sch3", "fsr2011:r26"],
      severity=Severity.HIGH, area=Area.CARERS, applies_to="foster_carer",
      hint="Record the applicant's medical on their checks.")
def medical_before_panel(facts, ctx):
    hh = facts.households
    for h in hh.applicants():
        for carer in hh.carers_of(h):
            done = hh.last_completed(carer, {CheckKind.MEDICAL}) is not None
            yield outcome(ctx, person_subject(carer, h), due=panel_due(h), done=done, met="Medical report on file",
                          gap=f"No medical report; {before_panel(h)}")


@rule(id="CR-HH-007", title="Medical update", clauses=["fsr2011:r28"], severity=Severity.MEDIUM, area=Area.CARERS,
      applies_to="foster_carer", hint="Obtain an updated medical and record it on the carer's checks.")
def medical_renewal(facts, ctx):
    hh = facts.households
    interval = ctx.period("medical_renewal")
    for h in hh.in_approval():
        for carer in hh.carers_of(h):
            medical = hh.last_completed(carer, {CheckKind.MEDICAL})
            yield ctx.renewal(person_subject(carer, h), last_done=medical and medical.completed_date,
                              interval=interval, what="medical")


def recent_previous_provider(carer, h):
    """Approved by another provider within 12 months before applying here (or still approved there)."""
    if not carer.previous_fostering_provider.strip():
        return False
    ended = carer.previous_approval_ended_date
    return ended is None or h.application_date is None or \
        ended >= subtract_period(h.application_date, PREVIOUS_PROVIDER_WITHIN)


@rule(id="CR-HH-008", title="Two personal referees interviewed and written up",
      clauses=["fsr2011:r26", "nms2011:13.5"], severity=Severity.HIGH, area=Area.CARERS,
      applies_to="applicant_assessment",
      hint="Interview the applicant's personal referees and record each reference on their checks.")
def personal_references(facts, ctx):
    hh = facts.households
    for h in hh.applicants():
        for carer in hh.carers_of(h):
            count = sum(1 for c in hh.checks_of(carer, {CheckKind.REFERENCE_PERSONAL}) if c.completed_date)
            provider = recent_previous_provider(carer, h) and hh.last_completed(
                carer, {CheckKind.REFERENCE_PREVIOUS_PROVIDER}) is not None
            yield outcome(ctx, person_subject(carer, h), due=panel_due(h), done=count >= 2 or provider,
                          met="Previous provider's reference on file" if provider and count < 2
                          else f"{count} personal references",
                          gap=f"{count} of 2 personal references; {before_panel(h)}")


@rule(id="CR-HH-009", title="Previous fostering provider reference and records", clauses=["fsr2011:r26", "fsr2011:r32"],
      severity=Severity.HIGH, area=Area.CARERS, applies_to="applicant_assessment",
      hint="Request the previous provider's reference; send records another provider asked for within 15 working days.")
def previous_provider(facts, ctx):
    hh = facts.households
    for h in hh.applicants():
        for carer in hh.carers_of(h):
            if recent_previous_provider(carer, h):
                requested = any(c.started for c in hh.checks_of(carer, {CheckKind.REFERENCE_PREVIOUS_PROVIDER}))
                yield outcome(ctx, person_subject(carer, h), due=panel_due(h), done=requested, key="reference",
                              met=f"Reference requested from {carer.previous_fostering_provider}",
                              gap=f"Approved by {carer.previous_fostering_provider} within 12 months; "
                                  f"no reference requested")
    for h in hh.households:
        if h.records_requested_date:
            due = add_period(h.records_requested_date, RECORDS_PROVIDED_WITHIN)
            yield outcome(ctx, household_subject(h), due=due, done=h.records_provided_date is not None,
                          key="records", met=f"Records provided {on(h.records_provided_date)}",
                          gap=f"Records requested {on(h.records_requested_date)}; due by {on(due)}")


@rule(id="CR-HH-010", title="Local authority consulted", clauses=["fsr2011:r26"], severity=Severity.HIGH,
      area=Area.CARERS, applies_to="applicant_assessment",
      hint="Consult the local authority where the applicants live and record its views as a check.")
def local_authority_consulted(facts, ctx):
    hh = facts.households
    for h in hh.applicants():
        done = any(c.completed_date for c in hh.household_checks(h, {CheckKind.LOCAL_AUTHORITY}))
        yield outcome(ctx, household_subject(h), due=panel_due(h), done=done, met="Local authority views recorded",
                      gap=f"No local authority check; {before_panel(h)}")


@rule(id="CR-HH-011", title="Other background checks (health visitor or school)",
      clauses=["nms2011:13.5", "nms2011:19.3"], severity=Severity.MEDIUM, area=Area.CARERS,
      applies_to="applicant_assessment",
      hint="Where children live in the home, record a health visitor or school check.")
def health_visitor_or_school(facts, ctx):
    hh = facts.households
    for h in hh.applicants():
        day = panel_due(h) or ctx.as_of
        if not any(m.lives_in_on(ctx.as_of) and not m.adult_on(day) for m in hh.members_of(h)):
            continue
        done = any(c.completed_date for c in hh.household_checks(h, {CheckKind.HEALTH_VISITOR_SCHOOL}))
        yield outcome(ctx, household_subject(h), due=panel_due(h), done=done, key=CheckKind.HEALTH_VISITOR_SCHOOL,
                      met="Health visitor / school check done",
                      gap=f"Children live in the home; no health visitor / school check; {before_panel(h)}")


@rule(id="CR-HH-012", title="Stage 1 complete and report shared before panel",
      clauses=["fsr2011:r26", "fsr2011:sch3"], severity=Severity.HIGH, area=Area.CARERS,
      applies_to="applicant_assessment",
      hint="Record when stage 1 was signed off and when the applicant had the report to comment on.")
def assessment_stages(facts, ctx):
    for h in facts.households.applicants():
        due, subject = panel_due(h), household_subject(h)
        yield outcome(ctx, subject, due=due, done=h.stage_one_completed_date is not None, key="stage_one",
                      met=f"Stage 1 signed off {on(h.stage_one_completed_date)}",
                      gap=f"Stage 1 not signed off; {before_panel(h)}")
        yield outcome(ctx, subject, due=due, done=h.assessment_report_shared_date is not None, key="report_shared",
                      met=f"Report given to the applicant {on(h.assessment_report_shared_date)}",
                      gap=f"Applicant has not had the report to comment on; {before_panel(h)}")


@rule(id="CR-HH-013", title="Assessment completed within eight months", clauses=["nms2011:14.4"],
      severity=Severity.MEDIUM, area=Area.CARERS, applies_to="applicant_assessment",
      hint="Book the panel within eight months of the application and record its date.")
def assessment_timescale(facts, ctx):
    for h in facts.households.applicants():
        if not h.application_date:
            continue
        due = add_period(h.application_date, ASSESSMENT_WITHIN)
        booked = h.panel_date is not None and h.panel_date <= due
        yield outcome(ctx, household_subject(h), due=due, done=booked, met=f"Panel on {on(h.panel_date)}",
                      gap=f"Applied {on(h.application_date)}; panel due by {on(due)}"
                          + (f" but booked for {on(h.panel_date)}" if h.panel_date else ""))


# Approval, agreement and reviews ---------------------------------------------------------------

@rule(id="CR-HH-014", title="Foster care agreement signed", clauses=["fsr2011:r27", "fsr2011:sch5"],
      severity=Severity.HIGH, area=Area.CARERS, applies_to="carer_household",
      hint="Record the date the carers signed the foster care agreement.")
def foster_care_agreement(facts, ctx):
    for h in facts.households.in_approval():
        signed = h.foster_care_agreement_date
        done = signed is not None and (h.approval_date is None or signed >= h.approval_date)
        yield outcome(ctx, household_subject(h), due=since_approval(h, AGREEMENT_WITHIN), done=done,
                      met=f"Signed {on(signed)}",
                      gap=f"Approved {on(h.approval_date)}; no foster care agreement signed")


@rule(id="CR-HH-015", title="Annual review of approval", clauses=["fsr2011:r28"], severity=Severity.HIGH,
      area=Area.CARERS, applies_to="carer_household", hint="Hold the review of approval and record the meeting date.")
def annual_review(facts, ctx):
    hh = facts.households
    for h in hh.in_approval():
        reviews = hh.reviews_of(h)
        yield ctx.renewal(household_subject(h), last_done=reviews[-1].review_date if reviews else None,
                          interval=REVIEW_INTERVAL, first_due=since_approval(h, REVIEW_INTERVAL),
                          what="review of approval")


@rule(id="CR-HH-016", title="First review presented to panel", clauses=["fsr2011:r28", "fsr2011:r25"],
      severity=Severity.HIGH, area=Area.CARERS, applies_to="carer_review",
      hint="Refer the first review to the fostering panel before the decision maker decides.")
def first_review_to_panel(facts, ctx):
    hh = facts.households
    for h in hh.in_approval():
        reviews = hh.reviews_of(h)
        first = next((r for r in reviews if r.is_first_review), reviews[0] if reviews else None)
        if first is None:
            continue
        subject = Subject("household", h.id, h.name, first.url, h.id, h.ssw_id)
        if first.went_to_panel or first.outcome == ReviewOutcome.PENDING:
            detail = "First review went to panel" if first.went_to_panel else "First review awaits panel"
            yield Outcome(subject, State.MET, None, detail)
        else:
            yield Outcome(subject, State.OVERDUE, first.review_date,
                          f"First review of {on(first.review_date)} was decided without going to panel")


@rule(id="CR-HH-017", title="Review consultation complete", clauses=["fsr2011:r28", "nms2011:1.4"],
      severity=Severity.MEDIUM, area=Area.CARERS, applies_to="carer_review",
      hint="Record the carers', children's and placing authorities' views and complete the review report.")
def review_consultation(facts, ctx):
    hh = facts.households
    for h in hh.in_approval():
        reviews = hh.reviews_of(h)
        if not reviews:
            continue
        review = reviews[-1]
        since = subtract_period(review.review_date, CONSULTATION_LOOKBACK)
        placed = any(p.overlaps(since, review.review_date) for p in hh.placements_of(h))
        missing = [label for label, needed, recorded in [
            ("carers' views", True, review.carer_views_recorded),
            ("children's views", placed, review.children_views_recorded),
            ("placing authorities' views", placed, review.placing_authority_views_recorded),
            ("review report", True, review.report_completed_date is not None),
        ] if needed and not recorded]
        subject = Subject("household", h.id, h.name, review.url, h.id, h.ssw_id)
        yield outcome(ctx, subject, due=review.review_date, done=not missing, met="Consultation complete",
                      gap=f"Review of {on(review.review_date)} lacks the " + ", ".join(missing))


@rule(id="CR-HH-018", title="Review after a significant event", clauses=["fsr2011:r28"], severity=Severity.MEDIUM,
      area=Area.CARERS, applies_to="carer_household",
      hint="Convene a review of approval after the event and record the meeting date.")
def review_after_event(facts, ctx):
    hh = facts.households
    review_within = ctx.period("ad_hoc_review_within")
    for h in hh.in_approval():
        events = [(a.closed_date, f"allegation:{a.id}", f"Allegation concluded {on(a.closed_date)}")
                  for a in hh.allegations_of(h) if a.closed_date]
        events += [(m.moved_out_date, f"member_left:{m.id}", f"{m.name} moved out {on(m.moved_out_date)}")
                   for m in hh.members_of(h) if m.moved_out_date and m.adult_on(m.moved_out_date)]
        for day, key, what in events:
            if (h.approval_date and day < h.approval_date) or day > ctx.as_of:
                continue
            reviewed = any(r.review_date >= day for r in hh.reviews_of(h))
            due = add_period(day, review_within)
            yield outcome(ctx, household_subject(h), due=due, done=reviewed, key=key, met=f"{what}; reviewed since",
                          gap=f"{what}; no review of approval since")


# Training and development ---------------------------------------------------------------------

@rule(id="CR-HH-019", title="TSD standards within 12 months (18 for family and friends)",
      clauses=["nms2011:20.3", "nms2011:20.2"], severity=Severity.HIGH, area=Area.CARERS,
      applies_to="carer_household", hint="Sign off the carer's TSD standards and record the date.")
def tsd_standards(facts, ctx):
    hh = facts.households
    for h in hh.in_approval():
        for carer in hh.carers_of(h):
            yield outcome(ctx, person_subject(carer, h), due=since_approval(h, tsd_period(ctx, h)),
                          done=carer.tsd_completed_date is not None,
                          met=f"TSD completed {on(carer.tsd_completed_date)}",
                          gap=f"TSD not complete; approved {on(h.approval_date)}")


@rule(id="CR-HH-020", title="Induction and personal development plan", clauses=["nms2011:20.1", "nms2011:20.5"],
      severity=Severity.MEDIUM, area=Area.CARERS, applies_to="foster_carer",
      hint="Record the carer's induction, and review their development plan at least yearly.")
def induction_and_pdp(facts, ctx):
    hh = facts.households
    induction_within, interval = ctx.period("carer_induction_within"), ctx.period("pdp_review_interval")
    for h in hh.in_approval():
        for carer in hh.carers_of(h):
            subject = person_subject(carer, h)
            yield outcome(ctx, subject, due=since_approval(h, induction_within), key="induction",
                          done=carer.induction_completed_date is not None,
                          met=f"Induction completed {on(carer.induction_completed_date)}", gap="No induction recorded")
            yield ctx.renewal(subject, last_done=carer.pdp_reviewed_date, interval=interval,
                              first_due=since_approval(h, interval), what="development plan review", key="pdp")


@rule(id="CR-HH-021", title="Mandatory carer training current", clauses=["nms2011:6.7", "nms2011:6.10", "fsr2011:r17"],
      severity=Severity.MEDIUM, area=Area.CARERS, applies_to="foster_carer",
      hint="Book the course (or its refresher) and record the completed training.")
def mandatory_training(facts, ctx):
    hh = facts.households
    courses = {course: parse_period(period) for course, period in (ctx.policy.mandatory_courses or {}).items()}
    for h in hh.in_approval():
        first_due = since_approval(h, tsd_period(ctx, h))  # new carers: within their first-year TSD
        for carer in hh.carers_of(h):
            for course, period in courses.items():
                yield ctx.renewal(person_subject(carer, h), last_done=hh.last_course(carer, course), interval=period,
                                  first_due=first_due, what=course_label(course), key=course)


# Supervision and visits -----------------------------------------------------------------------

@rule(id="CR-HH-022", title="Named qualified supervising social worker", clauses=["nms2011:21.8", "nms2011:23.4"],
      severity=Severity.HIGH, area=Area.CARERS, applies_to="carer_household",
      hint="Allocate a supervising social worker in post with a Social Work England registration.")
def named_social_worker(facts, ctx):
    for h in facts.households.in_approval():
        if h.ssw_id is None:
            gap = "No supervising social worker allocated"
        elif h.ssw_end_date and h.ssw_end_date < ctx.as_of:
            gap = f"{h.ssw_name} left on {on(h.ssw_end_date)}"
        elif not h.ssw_registration_number.strip():
            gap = f"{h.ssw_name} has no Social Work England registration recorded"
        else:
            gap = ""
        yield outcome(ctx, household_subject(h), due=None, done=not gap, met=f"Allocated to {h.ssw_name}", gap=gap)


@rule(id="CR-HH-023", title="Supervision visit frequency", clauses=["nms2011:21.8", "fsr2011:r17"],
      severity=Severity.MEDIUM, area=Area.CARERS, applies_to="carer_household",
      hint="Visit the carers for supervision and record the visit.")
def supervision_visits(facts, ctx):
    hh = facts.households
    with_child = ctx.period("supervision_interval_with_child")
    without_child = ctx.period("supervision_interval_without_child")
    for h in hh.in_approval():
        interval = with_child if hh.current_placements(h, ctx.as_of) else without_child
        yield ctx.renewal(household_subject(h), last_done=h.last_supervision_visit, interval=interval,
                          first_due=since_approval(h, interval), what="supervision visit")


@rule(id="CR-HH-024", title="Unannounced visit at least annually", clauses=["nms2011:21.8"], severity=Severity.HIGH,
      area=Area.CARERS, applies_to="carer_household", hint="Make an unannounced visit and record it.")
def unannounced_visit(facts, ctx):
    for h in facts.households.in_approval():
        yield ctx.renewal(household_subject(h), last_done=h.last_unannounced_visit, interval=UNANNOUNCED_INTERVAL,
                          first_due=since_approval(h, UNANNOUNCED_INTERVAL), what="unannounced visit")


@rule(id="CR-HH-025", title="Annual unannounced home safety inspection", clauses=["nms2011:10.5", "nms2011:10.4"],
      severity=Severity.HIGH, area=Area.CARERS, applies_to="carer_household",
      hint="Check the home's health and safety on an unannounced visit and tick 'home safety checked'.")
def home_safety(facts, ctx):
    for h in facts.households.in_approval():
        yield ctx.renewal(household_subject(h), last_done=h.last_home_safety_check, interval=UNANNOUNCED_INTERVAL,
                          first_due=since_approval(h, UNANNOUNCED_INTERVAL), what="unannounced home safety check")


# Terms of approval ----------------------------------------------------------------------------

@rule(id="CR-HH-026", title="Usual fostering limit of three", clauses=["fsr2011:r27"], severity=Severity.CRITICAL,
      area=Area.CARERS, applies_to="carer_household",
      hint="Obtain the exemption from the carers' local authority and record until when it runs.")
def usual_fostering_limit(facts, ctx):
    hh = facts.households
    for h in hh.in_approval():
        placed = hh.current_placements(h, ctx.as_of)
        if not placed:
            continue
        subject, count = household_subject(h), len(placed)
        if count <= USUAL_FOSTERING_LIMIT or h.children_placed_are_siblings:
            siblings = " (all siblings)" if count > USUAL_FOSTERING_LIMIT else ""
            yield Outcome(subject, State.MET, None, f"{count} children placed{siblings}")
            continue
        over_since = placed[USUAL_FOSTERING_LIMIT].start_date
        until = h.fostering_limit_exemption_until
        if until and until >= ctx.as_of:
            yield Outcome(subject, ctx.state_for(until), until, f"{count} children placed; exemption until {on(until)}")
        else:
            due = max(over_since, until) if until else over_since
            yield Outcome(subject, State.OVERDUE, due, f"{count} children placed since {on(over_since)}; "
                          + (f"exemption ended {on(until)}" if until else "no exemption recorded"))


def outside_terms(h, placement, index, day):
    """Why `placement` (the household's `index`th current one) is outside the terms of approval on `day`,
    and since when: its start, or the birthday that took the child past the oldest age approved."""
    reasons, since = [], placement.start_date
    if h.approved_places is not None and index >= h.approved_places:
        reasons.append(f"more than {h.approved_places} approved places")
    if h.placement_types and placement.placement_type not in h.placement_types:
        reasons.append(f"{placement.placement_type.replace('_', ' ')} placements not approved")
    born = placement.child_date_of_birth
    age = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    too_young = h.age_range_min is not None and age < h.age_range_min
    too_old = h.age_range_max is not None and age > h.age_range_max
    if too_young or too_old:
        reasons.append(f"aged {age}, approved for {h.age_range_min}-{h.age_range_max}")
    if too_old and len(reasons) == 1:  # only the age, and the child may have grown past it while placed
        since = max(since, birthday(born, h.age_range_max + 1))
    return reasons, since


@rule(id="CR-HH-027", title="Placement within terms of approval", clauses=["fsr2011:r27", "fsr2011:r28"],
      severity=Severity.HIGH, area=Area.CARERS, applies_to="child_placement",
      hint="End the placement or have the terms of approval changed within 6 working days.")
def placement_within_terms(facts, ctx):
    hh = facts.households
    for h in hh.in_approval():
        for index, placement in enumerate(hh.current_placements(h, ctx.as_of)):
            reasons, since = outside_terms(h, placement, index, ctx.as_of)
            subject = placement_subject(placement, h)
            if not reasons:
                yield Outcome(subject, State.MET, None, "Within the terms of approval")
                continue
            due = add_period(since, EMERGENCY_OUTSIDE_TERMS)
            state = State.OVERDUE if ctx.as_of > due else State.DUE_SOON
            yield Outcome(subject, state, due, "Outside the terms: " + "; ".join(reasons))


# The household's own records ------------------------------------------------------------------

@rule(id="CR-HH-029", title="Household safer-care plan current", clauses=["nms2011:4"], severity=Severity.LOW,
      area=Area.CARERS, applies_to="carer_household",
      hint="Review the safer-care plan with the carers and record the date.")
def safer_care_plan(facts, ctx):
    interval = ctx.period("safer_care_plan_review")
    for h in facts.households.in_approval():
        yield ctx.renewal(household_subject(h), last_done=h.safer_care_plan_reviewed_date,
                          interval=interval, first_due=h.approval_date,
                          what="safer-care plan review")


@rule(id="CR-HH-030", title="Carer register complete", clauses=["fsr2011:r31"], severity=Severity.MEDIUM,
      area=Area.CARERS, applies_to="carer_household",
      hint="Fill in what the register lacks: carers' sex, the address, the approval date and terms.")
def register_complete(facts, ctx):
    hh = facts.households
    for h in hh.in_approval():
        carers = hh.carers_of(h)
        missing = [f"sex of {c.name}" for c in carers if not c.sex] if carers else ["a carer"]
        missing += [label for label, value in [
            ("address", h.address_line_1.strip() and h.postcode.strip()), ("approval date", h.approval_date),
            ("number of places", h.approved_places is not None),
            ("age range", h.age_range_min is not None and h.age_range_max is not None),
            ("placement types", h.placement_types),
        ] if not value]
        yield outcome(ctx, household_subject(h), due=None, done=not missing, met="Register entry complete",
                      gap="Register lacks " + ", ".join(missing))


@rule(id="CR-HH-031", title="Resignation or termination recorded and retention set",
      clauses=["fsr2011:r28", "fsr2011:r32"], severity=Severity.MEDIUM, area=Area.CARERS,
      applies_to="carer_household",
      hint="Record when and why approval ended and keep the file for at least 10 years after.")
def approval_ended(facts, ctx):
    for h in facts.households.households:
        if h.status not in ENDED:
            continue
        ended = h.deregistration_date
        keep_until = add_period(ended, RETAIN_RECORDS_FOR) if ended else None
        missing = [label for label, present in [
            ("resignation notice date", h.status != HouseholdStatus.RESIGNED or h.resignation_notice_date),
            ("date approval ended", ended), ("reasons", h.approval_end_reasons.strip()),
            ("retention date", h.records_retain_until),
        ] if not present]
        if h.records_retain_until and keep_until and h.records_retain_until < keep_until:
            missing.append(f"retention until at least {on(keep_until)}")
        yield outcome(ctx, household_subject(h), due=ended, done=not missing, met="Ending recorded",
                      gap="Ending lacks the " + ", ".join(missing))


@rule(id="CR-HH-032", title="Review after the first placement (agency policy)", clauses=["fsr2011:r28"],
      severity=Severity.LOW, area=Area.CARERS, applies_to="carer_household",
      hint="Hold a review of approval after the household's first placement, as agency policy asks.")
def review_after_first_placement(facts, ctx):
    if not ctx.policy.post_first_placement_review:
        return
    within = ctx.period("post_first_placement_review_within")
    hh = facts.households
    for h in hh.in_approval():
        placements = hh.placements_of(h)
        if not placements or placements[0].start_date > ctx.as_of:
            continue
        first = placements[0].start_date
        reviewed = any(r.review_date >= first for r in hh.reviews_of(h))
        yield outcome(ctx, household_subject(h), due=add_period(first, within),
                      done=reviewed, met="Reviewed since the first placement",
                      gap=f"First placement {on(first)}; no review since")
