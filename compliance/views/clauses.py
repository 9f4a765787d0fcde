"""The clause pages: the evidence map (clause_list) and one clause (clause_detail), each with its
rules; a clause's page also lists the open gaps the viewer may see, so clause -> fields -> rules ->
gaps is one hop each."""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from compliance import selectors
from compliance.catalogue.loader import instruments
from compliance.evidence import evidence_by_clause
from compliance.models import Clause
from compliance.views.common import decorate

CLAUSE_GAPS_SHOWN = 20


@dataclass
class ClauseRow:
    clause: Clause
    depth: int
    fields: list
    rules: int = 0
    # False for a parent shown only so that a matching sub-clause keeps its place in the tree.
    matched: bool = True

    def matches(self, words):
        """True if every word appears in the clause's text or its fields' names."""
        text = " ".join([self.clause.id, self.clause.label, self.clause.title, self.clause.summary,
                         *map(str, self.fields)]).lower()
        return all(word in text for word in words)


@login_required
def clause_list(request):
    """The evidence map: every clause in legal order with the record fields that evidence it."""
    query = request.GET.get("q", "").strip()
    evidenced_only = request.GET.get("evidenced") == "1"
    rows = _clause_rows(evidence_by_clause(), selectors.rule_counts_by_clause())
    words = query.lower().split()
    if words or evidenced_only:
        rows = _filtered(rows, lambda row: row.matches(words) and (row.fields or not evidenced_only))
    matched = [row for row in rows if row.matched]
    groups = [(instrument, [row for row in rows if row.clause.instrument == instrument["id"]])
              for instrument in instruments()]
    return render(request, "compliance/clause_list.html", {
        "groups": [(instrument, group) for instrument, group in groups if group],
        "query": query,
        "evidenced_only": evidenced_only,
        "shown": len(matched),
        "shown_evidenced": sum(1 for row in matched if row.fields),
    })


@login_required
def clause_detail(request, clause_id):
    clause = get_object_or_404(Clause.objects.select_related("parent"), pk=clause_id)
    evidence = evidence_by_clause()
    children = [(child, len(evidence.get(child.pk, []))) for child in clause.children.all()]
    rules = selectors.rules_for_clause(clause.pk)
    context = {"clause": clause, "children": children, "fields": evidence.get(clause.pk, []), "rules": rules,
               "can_view_gaps": selectors.can_view_gaps(request.user)}
    if context["can_view_gaps"] and rules:
        gaps = selectors.gaps_for(user=request.user).filter(rule_id__in=[r.id for r in rules])
        shown = list(gaps[:CLAUSE_GAPS_SHOWN + 1])
        context["gap_count"] = gaps.count() if len(shown) > CLAUSE_GAPS_SHOWN else len(shown)
        context["gaps"] = decorate(shown[:CLAUSE_GAPS_SHOWN], day=timezone.localdate())
    return render(request, "compliance/clause_detail.html", context)


def _clause_rows(evidence, rule_counts):
    """All clauses in one query, each with its depth under its parents (parents sort first)."""
    depths, rows = {}, []
    for clause in Clause.objects.all():
        depths[clause.pk] = depths.get(clause.parent_id, -1) + 1 if clause.parent_id else 0
        rows.append(ClauseRow(clause=clause, depth=depths[clause.pk], fields=evidence.get(clause.pk, []),
                              rules=rule_counts.get(clause.pk, 0)))
    return rows


def _filtered(rows, keep):
    """The rows `keep` accepts, plus their parents (marked unmatched) so the tree still reads."""
    by_id = {row.clause.pk: row for row in rows}
    wanted = set()
    for row in rows:
        row.matched = bool(keep(row))
        if row.matched:
            clause_id = row.clause.pk
            while clause_id and clause_id not in wanted:
                wanted.add(clause_id)
                clause_id = by_id[clause_id].clause.parent_id
    return [row for row in rows if row.clause.pk in wanted]
