"""Inspection pages: interviews."""


def detail_context(request, inspection, now) -> dict:
    """What templates/inspections/detail/_interviews.html needs on the inspection page."""
    return {}
