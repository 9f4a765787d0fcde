"""Leaf module (imports no models): apps declare here which clauses their fields evidence.

Each app keeps its declarations in its own `clauses.py` (records/clauses.py, panels/clauses.py),
imported from its AppConfig.ready(). compliance/checks.py verifies them against the catalogue.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ModelClauses:
    model: type
    # field name -> clause ids (e.g. "fsr2011:r26", "nms2011:19.3") that the field evidences
    fields: dict
    # fields deliberately not evidence of any clause (names, free-text notes, ...)
    not_evidence: frozenset


_registry: dict = {}


def tag_fields(model, *, fields, not_evidence=()):
    """Declare the clauses each compliance field of `model` evidences."""
    if model in _registry:
        raise ValueError(f"{model.__name__} is already tagged; keep one declaration per model.")
    _registry[model] = ModelClauses(
        model=model,
        fields={name: tuple(ids) for name, ids in fields.items()},
        not_evidence=frozenset(not_evidence),
    )


def tagged_models():
    return list(_registry.values())


def clauses_for(model) -> ModelClauses | None:
    return _registry.get(model)


def clause_ids_for_field(model, field_name) -> tuple:
    entry = _registry.get(model)
    return entry.fields.get(field_name, ()) if entry else ()


def fields_by_clause() -> dict:
    """clause id -> [(model, field name), ...] across every declaration, in declaration order."""
    found: dict = {}
    for entry in _registry.values():
        for field_name, clause_ids in entry.fields.items():
            for clause_id in clause_ids:
                found.setdefault(clause_id, []).append((entry.model, field_name))
    return found


def untag_fields(model):
    """Drop a model's declaration; for tests that register throwaway models."""
    _registry.pop(model, None)


# Gap rules ------------------------------------------------------------------------------------
# Each rule is a small function in compliance/rules/<family>.py, registered with @rule(...), as
# Django registers system checks. It receives (facts, ctx) and yields one Outcome per subject it
# applies to (compliance/engine.py), so the engine can count what is met as well as what is not.

class Severity:
    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    CHOICES = [(CRITICAL, "Critical"), (HIGH, "High"), (MEDIUM, "Medium"), (LOW, "Low")]
    ORDER = {CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3}


class Area:
    CARERS = "carers"
    CHILDREN = "children"
    STAFF = "staff"
    PANELS = "panels"
    AGENCY = "agency"
    CHOICES = [(CARERS, "Carers and households"), (CHILDREN, "Children and placements"), (STAFF, "Staff"),
               (PANELS, "Panels and decisions"), (AGENCY, "Agency")]


@dataclass(frozen=True)
class Rule:
    id: str  # the reference's rule id, e.g. "CR-HH-004"
    title: str
    clauses: tuple  # catalogue clause ids the duty comes from
    severity: str
    area: str
    applies_to: str  # subject kind, e.g. "household_member"
    hint: str  # how to fix, in plain words
    func: object = None

    def evaluate(self, facts, ctx):
        return self.func(facts, ctx)


_rules: dict = {}


def rule(*, id, title, clauses, severity, area, applies_to, hint):
    """Register a gap rule: `@rule(id="CR-HH-015", title=..., clauses=[...], ...)`."""
    if severity not in Severity.ORDER:
        raise ValueError(f"{id}: unknown severity {severity!r}")
    if area not in dict(Area.CHOICES):
        raise ValueError(f"{id}: unknown area {area!r}")

    def register(func):
        if id in _rules:
            raise ValueError(f"Rule {id} is registered twice.")
        _rules[id] = Rule(id=id, title=title, clauses=tuple(clauses), severity=severity, area=area,
                          applies_to=applies_to, hint=hint, func=func)
        return func

    return register


def all_rules():
    return sorted(_rules.values(), key=lambda r: r.id)


def get_rule(rule_id):
    return _rules[rule_id]


def rules_by_clause() -> dict:
    """clause id -> [Rule], for the clause pages."""
    index = {}
    for r in _rules.values():
        for clause_id in r.clauses:
            index.setdefault(clause_id, []).append(r)
    return index
