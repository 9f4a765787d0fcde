"""Helpers the compliance pages share: the permission gate and what a gap row shows."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from compliance import selectors
from compliance.badges import _BADGE  # the clause badge's markup, shared with the field badges
from compliance.catalogue.loader import catalogue_index
from records.models import Household, StaffMember

PAGE_SIZE = 25


def require(allowed: bool):
    if not allowed:
        raise PermissionDenied


def clause_badges(clause_ids):
    """Badges for clause ids (a gap's), as the field badges look: a link with the summary in a popover."""
    index = catalogue_index()
    clauses = [index[clause_id] for clause_id in clause_ids if clause_id in index]
    return format_html_join(" ", _BADGE, (
        ("", reverse("compliance:clause_detail", args=[c.id]), c.title, f"{c.label} – {c.title}", c.summary, c.label)
        for c in clauses)) if clauses else mark_safe("")


def decorate(gaps, *, day: date) -> list:
    """Gaps ready to show: each with its rule (None if no longer registered), clause badges, `days`
    until due (negative when overdue; None without a due date) and `days_overdue`, counted from `day`."""
    rules = selectors.rules_by_id()
    gaps = list(gaps)
    for gap in gaps:
        gap.rule = rules.get(gap.rule_id)
        gap.badges = clause_badges(gap.clause_ids)
        gap.days = (gap.due_date - day).days if gap.due_date else None
        gap.days_overdue = -gap.days if gap.days is not None and gap.days < 0 else 0
    return gaps


def attach_people(gaps):
    """Fill in household and social worker on unsaved (previewed) gaps: two queries, not two per row."""
    households = Household.objects.in_bulk({gap.household_id for gap in gaps} - {None})
    workers = StaffMember.objects.in_bulk({gap.social_worker_id for gap in gaps} - {None})
    for gap in gaps:
        gap.household = households.get(gap.household_id)
        gap.social_worker = workers.get(gap.social_worker_id)
    return gaps
