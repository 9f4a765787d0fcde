"""Helpers the compliance pages share: the permission gate and what a gap row shows."""

from datetime import date

from django.core.exceptions import PermissionDenied

from compliance import selectors
from compliance.badges import clause_ids_badges
from records.models import Household, StaffMember

PAGE_SIZE = 25


def require(allowed: bool):
    if not allowed:
        raise PermissionDenied


def decorate(gaps, *, day: date) -> list:
    """Gaps ready to show: each with its rule (None if no longer registered), clause badges, `days`
    until due (negative when overdue; None without a due date) and `days_overdue`, counted from `day`."""
    rules = selectors.rules_by_id()
    gaps = list(gaps)
    for gap in gaps:
        gap.rule = rules.get(gap.rule_id)
        gap.badges = clause_ids_badges(gap.clause_ids)
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
