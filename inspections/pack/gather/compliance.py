"""The compliance statement: the open gaps the last compliance check stored, by clause, with what to do.

A gap can cite several clauses; the statement lists it once, under the first clause it cites, and the
summary counts it under each.
"""

from collections import defaultdict

from compliance.models import Clause, ComplianceRun, Gap
from compliance.engine import State
from compliance.registry import Severity, all_rules
from inspections.pack.gather.common import day, table

CHILD_KINDS = {"resident"}  # gaps whose subject id is a child's
# Gaps about adults or the agency: their labels name carers, staff and households, never a child, so they
# are not redacted (an adult can share a child's name).
ADULT_KINDS = {"carer", "household_member", "staff_member", "panel_member", "household", "agency", "agenda_item"}


def _open_gaps(ctx):
    def load():
        gaps = list(Gap.objects.filter(status=Gap.Status.OPEN).select_related("household").order_by("due_date", "pk"))
        clause_ids = {clause for gap in gaps for clause in gap.clause_ids}
        clauses = {c.pk: c for c in Clause.objects.filter(pk__in=clause_ids).only("pk", "label", "title",
                                                                                  "sort_order")}
        run = (ComplianceRun.objects.filter(status=ComplianceRun.Status.SUCCEEDED, household_ids__isnull=True)
               .order_by("-finished_at").values_list("finished_at", flat=True).first())
        return gaps, clauses, run
    return ctx.memo("open_gaps", load)


def _note(run) -> str:
    if run is None:
        return "No whole-agency compliance check has finished yet, so this may be incomplete."
    return (f"From the whole-agency compliance check of {day(run.date())}, with any household rechecked since; "
            "a recheck before sending the pack brings it up to date.")


def _sort_key(clauses, clause_id):
    clause = clauses.get(clause_id)
    return (clause.sort_order if clause else 10**9, clause_id)


def gaps_by_clause(ctx, spec):
    gaps, clauses, run = _open_gaps(ctx)
    by_clause = defaultdict(list)
    for gap in gaps:
        for clause_id in gap.clause_ids or ["(no clause)"]:
            by_clause[clause_id].append(gap)
    rows = []
    for clause_id in sorted(by_clause, key=lambda cid: _sort_key(clauses, cid)):
        clause, found = clauses.get(clause_id), by_clause[clause_id]
        rows.append((clause.label if clause else clause_id, clause.title if clause else "",
                     len(found), sum(1 for gap in found if gap.state == State.OVERDUE),
                     ", ".join(sorted({gap.rule_id for gap in found}))))
    return table(spec, ["Clause", "Title", "Open gaps", "Overdue", "Rules"], rows, note=_note(run),
                 empty="No open gap: the records meet every duty the compliance check tests.")


def gap_actions(ctx, spec):
    gaps, clauses, run = _open_gaps(ctx)
    rules = {rule.id: rule for rule in all_rules()}

    def order(gap):
        first = gap.clause_ids[0] if gap.clause_ids else "(no clause)"
        return (_sort_key(clauses, first), Severity.ORDER.get(gap.severity, 9), gap.due_date or ctx.today, gap.pk)

    rows = []
    for gap in sorted(gaps, key=order):
        first = gap.clause_ids[0] if gap.clause_ids else ""
        rule = rules.get(gap.rule_id)
        child = gap.subject_id if gap.subject_kind in CHILD_KINDS else None
        adult = gap.subject_kind in ADULT_KINDS
        rows.append((
            clauses[first].label if first in clauses else first, [gap.rule_id, gap.get_severity_display()],
            [rule.title if rule else gap.rule_id, gap.detail if adult else ctx.redact(gap.detail, resident_id=child)],
            gap.subject_label if adult else ctx.redact(gap.subject_label, resident_id=child),
            gap.get_state_display(), gap.due_date, rule.hint if rule else "",
        ))
    return table(spec, ["Clause", "Rule", "Gap", "About", "State", "Due", "Action"], rows, note=_note(run),
                 empty="No open gap.")


GATHERERS = {"gaps_by_clause": gaps_by_clause, "gap_actions": gap_actions}
