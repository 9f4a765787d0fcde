"""Inspection pages: access."""


def detail_context(request, inspection, now) -> dict:
    """What templates/inspections/detail/_access.html needs on the inspection page."""
    return {}
