"""Every import type by the name used on the command line and in the web import's URLs."""

from records.imports import agency, events, people

SPECS = {spec.slug: spec for spec in (
    people.HOUSEHOLDS, people.CARERS, people.HOUSEHOLD_MEMBERS, people.STAFF, people.CHILDREN,
    events.PLACEMENTS, events.TRAINING, events.CHECKS, events.SUPERVISION_VISITS, events.REVIEWS,
    events.UNANNOUNCED_VISITS, agency.STAFF_SUPERVISIONS, agency.PANEL_MEMBERS,
)}

# The import type of each model, for the list pages' exports (records/views/exports.py).
SPECS_BY_MODEL = {spec.model: spec for spec in SPECS.values()}
