"""Inspection pages: readiness."""


def detail_context(request, inspection, now) -> dict:
    """What templates/inspections/detail/_readiness.html needs on the inspection page."""
    return {}
