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
