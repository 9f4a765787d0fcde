"""Clause badges: one small link per clause a field evidences, with the summary in a popover.

Reads the registry and the YAML index only, so list and detail pages add no queries.
"""

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from compliance.catalogue.loader import catalogue_index
from compliance.registry import clause_ids_for_field


def badges_html(model, field_name, *, new_tab=False) -> SafeString:
    """Badges for the clauses `field_name` of `model` (a model class or instance) evidences.

    `new_tab` opens the clause page in a new tab, so following a badge from a form loses no input.
    """
    model_class = model if isinstance(model, type) else type(model)
    badges = clause_ids_badges(clause_ids_for_field(model_class, field_name), new_tab=new_tab)
    return format_html('<span class="clause-badges">{}</span>', badges) if badges else badges


def clause_ids_badges(clause_ids, *, new_tab=False) -> SafeString:
    """One badge per clause id, e.g. a gap's. Unknown ids are left out: the system check reports them."""
    index = catalogue_index()
    clauses = [index[clause_id] for clause_id in clause_ids if clause_id in index]
    if not clauses:
        return mark_safe("")
    return format_html_join(" ", _BADGE, ((
        _NEW_TAB if new_tab else "",
        reverse("compliance:clause_detail", args=[clause.id]),
        clause.title,
        f"{clause.label} – {clause.title}",
        clause.summary,
        clause.label,
    ) for clause in clauses))


_NEW_TAB = mark_safe(' target="_blank" rel="noopener"')
# title= is the fallback tooltip when JavaScript (and so the popover) is unavailable.
_BADGE = (
    '<a{} href="{}" class="badge text-bg-light border clause-badge" title="{}" data-bs-toggle="popover" '
    'data-bs-trigger="hover focus" data-bs-title="{}" data-bs-content="{}" tabindex="0">{}</a>'
)
