"""Evaluate the registered rules over gathered facts, as of a date. Pure: no database.

A rule yields one Outcome per subject it applies to. Outcomes that are not MET are gaps; the MET
ones (and DUE_SOON, which is met today) give the readiness share per area.
"""

from dataclasses import dataclass, field
from datetime import date

from compliance.periods import Period, add_period, parse_period
from compliance.registry import Rule, Severity, all_rules


class State:
    MET = "met"
    DUE_SOON = "due_soon"  # met today, falls due within the agency's warning window
    OVERDUE = "overdue"  # had a due date and it has passed
    MISSING = "missing"  # required and never recorded
    CHOICES = [(DUE_SOON, "Due soon"), (OVERDUE, "Overdue"), (MISSING, "Missing")]
    COUNTS_AS_MET = {MET, DUE_SOON}


@dataclass(frozen=True)
class Subject:
    """Whom or what a duty is about, with the record that fixes it."""

    kind: str  # "household", "carer", "household_member", "staff_member", "resident", "placement", ...
    id: int | None
    label: str  # e.g. "Callum Whitfield (Whitfield household)"
    url: str = ""  # path of the record page where the gap is fixed
    household_id: int | None = None  # lets a social worker or carer see gaps for their households
    social_worker_id: int | None = None  # StaffMember allocated, for the dashboard's filter


AGENCY = Subject(kind="agency", id=None, label="The agency")


@dataclass(frozen=True)
class Outcome:
    subject: Subject
    state: str
    due: date | None = None
    detail: str = ""  # plain words: "Enhanced DBS expired on 3 Mar 2026"
    key: str = ""  # tells apart several outcomes of one rule for one subject (e.g. per course)


@dataclass(frozen=True)
class Context:
    """What every rule needs besides the facts: the date, the agency's policy and the warning window."""

    as_of: date
    policy: object  # compliance.models.AgencyPolicy (an unsaved instance works: all fields have defaults)

    @property
    def due_soon_days(self):
        return self.policy.due_soon_days

    def period(self, name) -> Period:
        """An agency policy period by field name, e.g. ctx.period("dbs_renewal")."""
        return parse_period(getattr(self.policy, name))

    def state_for(self, due: date | None, *, done: bool = False, window: int | None = None) -> str:
        """MET if done; MISSING with no due date; OVERDUE after it; DUE_SOON inside the warning window."""
        if done:
            return State.MET
        if due is None:
            return State.MISSING
        if self.as_of > due:
            return State.OVERDUE
        if (due - self.as_of).days <= (self.due_soon_days if window is None else window):
            return State.DUE_SOON
        return State.MET

    def renewal(self, subject, *, last_done: date | None, interval: Period | str, first_due: date | None = None,
                what: str, key: str = "") -> Outcome:
        """The shared mechanism for 'renew every N' duties (DBS, medicals, reviews, visits, training).

        Due `interval` after `last_done`; never done: due on `first_due` (None means due now).
        """
        if last_done is None:
            due = first_due
            if due is None or self.as_of > due:
                state = State.MISSING if due is None else State.OVERDUE
            else:
                state = self.state_for(due)
            detail = f"No {what} recorded" + (f"; due by {due:%d %b %Y}" if due else "")
            return Outcome(subject, state, due, detail, key)
        due = add_period(last_done, interval)
        # Warn at most in the last quarter of the interval: with a 30-day window a monthly duty
        # would be "due soon" from the day it was done.
        state = self.state_for(due, window=min(self.due_soon_days, (due - last_done).days // 4))
        verb = "was due" if state == State.OVERDUE else "due"
        return Outcome(subject, state, due, f"Last {what} {last_done:%d %b %Y}; next {verb} {due:%d %b %Y}", key)


@dataclass(frozen=True)
class Finding:
    """An outcome with the rule that produced it; a gap when its state is not MET."""

    rule: Rule
    outcome: Outcome
    as_of: date

    @property
    def is_gap(self):
        return self.outcome.state != State.MET

    @property
    def key(self):
        s = self.outcome.subject
        return f"{self.rule.id}|{s.kind}:{s.id or 0}|{self.outcome.key}"

    @property
    def days_overdue(self):
        due = self.outcome.due
        return (self.as_of - due).days if due and self.as_of > due else 0

    @property
    def days_until_due(self):
        due = self.outcome.due
        return (due - self.as_of).days if due and due >= self.as_of else None


@dataclass
class Evaluation:
    as_of: date
    findings: list = field(default_factory=list)

    @property
    def gaps(self):
        return sorted((f for f in self.findings if f.is_gap),
                      key=lambda f: (Severity.ORDER[f.rule.severity], f.outcome.due or date.min, f.key))

    def readiness(self):
        """{area: (met, applicable)} over every outcome."""
        totals = {}
        for finding in self.findings:
            met, applicable = totals.get(finding.rule.area, (0, 0))
            totals[finding.rule.area] = (met + (finding.outcome.state in State.COUNTS_AS_MET), applicable + 1)
        return totals


def evaluate(facts, ctx: Context, rules=None) -> Evaluation:
    """Run `rules` (default: all registered) over `facts`."""
    evaluation = Evaluation(as_of=ctx.as_of)
    for rule_ in rules if rules is not None else all_rules():
        for outcome in rule_.evaluate(facts, ctx):
            evaluation.findings.append(Finding(rule_, outcome, ctx.as_of))
    return evaluation
