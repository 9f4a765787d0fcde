"""Inspection pages: outcomes."""


def detail_context(request, inspection, now) -> dict:
    """What templates/inspections/detail/_outcomes.html needs on the inspection page."""
    return {}
