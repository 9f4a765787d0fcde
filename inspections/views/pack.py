"""Inspection pages: pack."""


def detail_context(request, inspection, now) -> dict:
    """What templates/inspections/detail/_pack.html needs on the inspection page."""
    return {}
