"""Which record fields evidence each clause, read from the clause tags (no database)."""

from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst

from compliance.registry import fields_by_clause


@dataclass(frozen=True)
class EvidenceField:
    model_label: str
    field_label: str
    model: type
    field_name: str

    def __str__(self):
        return f"{self.model_label} · {self.field_label}"


def evidence_by_clause() -> dict:
    """clause id -> [EvidenceField], ordered by model then by the field's place in the model."""
    found = {}
    for clause_id, pairs in fields_by_clause().items():
        fields = []
        for model, field_name in pairs:
            try:
                field = model._meta.get_field(field_name)
            except FieldDoesNotExist:
                continue  # the system check reports it
            fields.append(EvidenceField(
                model_label=capfirst(model._meta.verbose_name), field_label=capfirst(field.verbose_name),
                model=model, field_name=field_name,
            ))
        found[clause_id] = fields
    return found
