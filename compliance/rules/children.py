"""Gap rules for children and their placements (CR-PL-*). Pure: facts in, outcomes out.

CR-PL-006 (the local authority's looked-after reviews and visits, and the agency's escalation) is not
implemented: it needs the date each child became looked after, every LA review (to tell the first,
second and later reviews apart) and a record of escalations, a record family the product does not keep.
"""

from compliance.engine import Outcome, State, Subject
from compliance.periods import add_period, birthday
from compliance.registry import Area, Severity, rule
from compliance.rules.agency import days_late

# Timescales fixed by regulation or statutory guidance (the reference's thresholds), not agency policy.
PLACEMENT_PLAN_WITHIN = "5WD"  # CR-PL-001, CR-PL-002: CPPR 2010 reg 9; delegated authority comes with the plan
CARE_PLAN_WITHIN = "10WD"  # CR-PL-003
HEALTH_ASSESSMENT_UNDER_5 = "P6M"  # CR-PL-007: review health assessments, six-monthly under 5
HEALTH_ASSESSMENT_FROM_5 = "P12M"  # CR-PL-007: yearly from 5
# With no assessment on file, the first is due by the first looked-after review: 20 working days (CR-PL-006).
FIRST_HEALTH_ASSESSMENT_WITHIN = "20WD"
ADULT_AGE = 18  # the reference's defaults.adult_age_years: child-only duties stop at 18


def placement_subject(placement):
    return Subject("placement", placement.id, placement.label, placement.url, placement.household_id,
                   placement.social_worker_id)


def child_subject(child, placement):
    return Subject("resident", child.id, child.label, child.url, placement.household_id, placement.social_worker_id)


def document_outcome(ctx, subject, *, what, due, done_on, verb="received", overdue_advice=""):
    """MET once `done_on` is recorded (done late, the detail starts "Late: "); otherwise due, or overdue
    with `overdue_advice`."""
    if done_on is not None:
        detail = f"{what} {verb} {done_on:%d %b %Y}"
        if done_on > due:
            detail = f"Late: {detail}, {days_late(done_on, due)} after the deadline of {due:%d %b %Y}"
        return Outcome(subject, State.MET, None, detail)
    state = ctx.state_for(due)
    if state == State.OVERDUE:
        return Outcome(subject, state, due, f"{what} not {verb}: it was due by {due:%d %b %Y}{overdue_advice}")
    return Outcome(subject, state, due, f"{what} due by {due:%d %b %Y}")


def until_adulthood(outcome, child):
    """A child-only duty that next falls due on or after the 18th birthday is not due at all."""
    eighteenth = birthday(child.date_of_birth, ADULT_AGE)
    if outcome.due is not None and outcome.due >= eighteenth:
        return Outcome(outcome.subject, State.MET, None, f"Not due again: turns 18 on {eighteenth:%d %b %Y}",
                       outcome.key)
    return outcome


def children_under_18(facts, ctx):
    return [(child, placement) for child, placement in facts.children.children_placed(ctx.as_of)
            if ctx.as_of < birthday(child.date_of_birth, ADULT_AGE)]


@rule(id="CR-PL-001", title="Placement plan received within 5 working days",
      clauses=["nms2011:31.2", "fsr2011:r17"], severity=Severity.HIGH, area=Area.CHILDREN, applies_to="placement",
      hint="Record the date the placing authority's placement plan arrived. If it is late, chase the authority "
           "and record the date you chased.")
def placement_plan_received(facts, ctx):
    for placement in facts.children.current_placements(ctx.as_of):
        chased = placement.placement_plan_chased_date
        advice = (f"; chased {chased:%d %b %Y}" if chased
                  else "; not chased: ask the placing authority for it and record when")
        yield document_outcome(
            ctx, placement_subject(placement), what="Placement plan",
            due=add_period(placement.start_date, PLACEMENT_PLAN_WITHIN),
            done_on=placement.placement_plan_received_date, overdue_advice=advice)


@rule(id="CR-PL-002", title="Delegated authority recorded", clauses=["nms2011:6.5"], severity=Severity.MEDIUM,
      area=Area.CHILDREN, applies_to="placement",
      hint="Record which day-to-day decisions the carers may take (from the placement plan or the delegated "
           "authority form), and the date.")
def delegated_authority_recorded(facts, ctx):
    for placement in facts.children.current_placements(ctx.as_of):
        yield document_outcome(
            ctx, placement_subject(placement), what="Delegated authority", verb="recorded",
            due=add_period(placement.start_date, PLACEMENT_PLAN_WITHIN),
            done_on=placement.delegated_authority_recorded_date)


@rule(id="CR-PL-003", title="Care plan and child's information given to the carer", clauses=["fsr2011:r17"],
      severity=Severity.HIGH, area=Area.CHILDREN, applies_to="placement",
      hint="Obtain the child's care plan and referral and health information from the placing authority, give "
           "them to the carers, and record the date.")
def care_plan_received(facts, ctx):
    for placement in facts.children.current_placements(ctx.as_of):
        yield document_outcome(
            ctx, placement_subject(placement), what="Care plan",
            due=add_period(placement.start_date, CARE_PLAN_WITHIN), done_on=placement.care_plan_received_date)


@rule(id="CR-PL-004", title="Children's guide given at placement", clauses=["fsr2011:r3", "nms2011:16.3"],
      severity=Severity.MEDIUM, area=Area.CHILDREN, applies_to="placement",
      hint="Give the child the children's guide in a format suited to their age and understanding, and record "
           "the date.")
def childrens_guide_given(facts, ctx):
    for placement in facts.children.current_placements(ctx.as_of):
        yield document_outcome(
            ctx, placement_subject(placement), what="Children's guide", verb="given",
            due=placement.start_date, done_on=placement.childrens_guide_given_date)


@rule(id="CR-PL-005", title="Placement register complete", clauses=["fsr2011:r22", "fsr2011:sch2"],
      severity=Severity.HIGH, area=Area.CHILDREN, applies_to="placement",
      hint="Complete the register entry: the carers' address, the child's previous address, the placing "
           "authority, the legal basis and, once the child has left, the address on leaving.")
def placement_register_complete(facts, ctx):
    for placement in facts.children.placements:
        if placement.start_date > ctx.as_of:
            continue
        wanted = [
            ("the carers' address", placement.household_address),
            ("the child's previous address", placement.previous_address.strip()),
            ("the placing authority", placement.child.placing_authority.strip()),
            ("the legal basis", placement.child.legal_status),
        ]
        if placement.has_ended_by(ctx.as_of):
            wanted.append(("the address on leaving", placement.address_on_leaving.strip()))
        missing = [name for name, value in wanted if not value]
        subject = placement_subject(placement)
        if missing:
            yield Outcome(subject, State.MISSING, None, "Register entry lacks " + ", ".join(missing))
        else:
            yield Outcome(subject, State.MET, None, "Register entry complete")


@rule(id="CR-PL-007", title="Health registration and assessments tracked",
      clauses=["fsr2011:r15", "nms2011:6.4", "nms2011:6.11"], severity=Severity.MEDIUM, area=Area.CHILDREN,
      applies_to="resident",
      hint="Record the child's GP and dentist registration and the date of their latest health assessment; if "
           "one is due, ask the placing authority to arrange it.")
def health_tracked(facts, ctx):
    for child, placement in children_under_18(facts, ctx):
        subject = child_subject(child, placement)
        missing = [name for name, registered in (("a GP", child.gp_registered),
                                                 ("a dentist", child.dentist_registered)) if not registered]
        if missing:
            yield Outcome(subject, State.MISSING, None, f"Not recorded as registered with {' or '.join(missing)}",
                          "registration")
        else:
            yield Outcome(subject, State.MET, None, "Registered with a GP and a dentist", "registration")
        last = child.last_health_assessment_date
        # Assessed before their 5th birthday: the next review is six months on; from 5, yearly.
        under_5 = last is not None and last < birthday(child.date_of_birth, 5)
        outcome = ctx.renewal(
            subject, last_done=last, interval=HEALTH_ASSESSMENT_UNDER_5 if under_5 else HEALTH_ASSESSMENT_FROM_5,
            first_due=add_period(placement.start_date, FIRST_HEALTH_ASSESSMENT_WITHIN),
            what="health assessment", key="assessment")
        yield until_adulthood(outcome, child)


@rule(id="CR-PL-008", title="Child's views recorded", clauses=["nms2011:1.4", "fsr2011:r28"],
      severity=Severity.MEDIUM, area=Area.CHILDREN, applies_to="resident",
      hint="Ask the child what they think about their care and record it, with the date.")
def childs_views_recorded(facts, ctx):
    interval = ctx.period("child_views_interval")
    for child, placement in children_under_18(facts, ctx):
        outcome = ctx.renewal(
            child_subject(child, placement), last_done=child.views_last_recorded_date, interval=interval,
            first_due=add_period(placement.start_date, interval), what="record of the child's views")
        yield until_adulthood(outcome, child)
