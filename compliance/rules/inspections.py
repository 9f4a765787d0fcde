"""Gap rules for what an Ofsted inspection asked of the agency: CR-IN-001.

Pure: facts in (compliance/facts/inspections.py), outcomes out. A requirement in an inspection
report names a regulation and a compliance date; until the agency records the date it was met, it
is due soon inside the agency's warning window and overdue after the date (Ofsted may then serve a
compliance notice). Each gap cites the requirement's own regulation before the rule's clause and
opens the inspection's outcomes page, where the action plan is kept. Recommendations (NMS) carry
no date and are not gaps.
"""

from dataclasses import dataclass

from compliance.engine import Outcome, State, Subject
from compliance.registry import Area, Severity, rule


@dataclass(frozen=True)
class CitingOutcome(Outcome):
    """An outcome that cites clauses of its own, stored on the gap before the rule's (compliance/services.py)."""

    clauses: tuple = ()


def requirement_subject(req):
    return Subject("inspection_finding", req.id, req.label, req.url)


def on(day):
    return f"{day:%d %b %Y}"


@rule(id="CR-IN-001", title="Inspection requirements met by their compliance date", clauses=["fsr2011:r35"],
      severity=Severity.HIGH, area=Area.AGENCY, applies_to="inspection_finding",
      hint="Work through the action plan for the requirement, then record the date it was met on the "
           "inspection's outcomes page.")
def requirements_met(facts, ctx):
    for req in facts.inspections.requirements:
        subject, cites = requirement_subject(req), (req.clause_id,)
        if req.met_on is not None:
            detail = (f"Late: met {on(req.met_on)}, after the compliance date of {on(req.due_date)}"
                      if req.met_on > req.due_date else f"Met {on(req.met_on)}")
            yield CitingOutcome(subject, State.MET, req.due_date, detail, clauses=cites)
            continue
        state = ctx.state_for(req.due_date)
        plan = f"; action plan {req.actions_done} of {req.actions} done" if req.actions else "; no action plan yet"
        verb = "was due" if state == State.OVERDUE else "due"
        yield CitingOutcome(subject, state, req.due_date, f"Not yet met; {verb} {on(req.due_date)}{plan}",
                            clauses=cites)
