"""Read the clause catalogue (the YAML files beside this module) and load it into the database.

The YAML is the source of truth. `catalogue_index()` serves it without a database (system check,
badges); `load_catalogue()` copies it into `Clause` rows so pages can query and join it.
"""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from django.db import transaction

CATALOGUE_DIR = Path(__file__).resolve().parent
# Listed in the order the evidence map shows them.
CATALOGUE_FILES = ("fsr2011.yaml", "nms2011.yaml")

KINDS = {"regulation", "part", "schedule", "schedule_item", "standard", "standard_clause"}
CONFIDENCES = {"high", "medium", "low"}
NUMBERINGS = {None, "printed", "by order", "unverified"}
REQUIRED = ("id", "ref_id", "kind", "label", "title", "summary", "confidence", "source_title", "source_url")
# Copied to the database as they are; `parent` and `sort_order` are set by the loader.
TEXT_FIELDS = ("ref_id", "kind", "label", "title", "summary", "numbering", "confidence",
               "source_title", "source_url")


class CatalogueError(ValueError):
    pass


@dataclass(frozen=True)
class ClauseInfo:
    id: str
    label: str
    title: str
    summary: str
    kind: str
    confidence: str
    numbering: str | None
    parent: str | None


@lru_cache(maxsize=1)
def read_catalogue():
    """Every clause as a dict, validated, in legal order, with `sort_order` assigned."""
    rows, instruments = [], []
    for name in CATALOGUE_FILES:
        try:
            with open(CATALOGUE_DIR / name, encoding="utf-8") as handle:
                data = yaml.safe_load(handle)
            instrument, entries = data["instrument"], data["clauses"]
        except (yaml.YAMLError, KeyError, TypeError) as exc:
            raise CatalogueError(f"{name} is not a valid catalogue file: {exc}") from exc
        instruments.append(instrument)
        for entry in entries:
            rows.append(_validated(entry, instrument["id"], name))
    _check_ids_and_parents(rows)
    for position, row in enumerate(rows, start=1):
        # Gaps of 10 leave room to slot a clause in by hand without renumbering.
        row["sort_order"] = position * 10
    return tuple(rows), tuple(instruments)


def _validated(entry, instrument_id, filename):
    missing = [key for key in REQUIRED if not entry.get(key)]
    if missing:
        raise CatalogueError(f"{filename}: {entry.get('id', entry)} lacks {', '.join(missing)}.")
    clause_id = entry["id"]
    if not clause_id.startswith(f"{instrument_id}:"):
        raise CatalogueError(f"{filename}: {clause_id} must start with '{instrument_id}:'.")
    if entry["kind"] not in KINDS:
        raise CatalogueError(f"{filename}: {clause_id} has unknown kind {entry['kind']!r}.")
    if entry["confidence"] not in CONFIDENCES:
        raise CatalogueError(f"{filename}: {clause_id} has unknown confidence {entry['confidence']!r}.")
    if entry.get("numbering") not in NUMBERINGS:
        raise CatalogueError(f"{filename}: {clause_id} has unknown numbering {entry['numbering']!r}.")
    row = {key: entry.get(key) for key in ("id", "parent", *TEXT_FIELDS)}
    row["summary"] = " ".join(row["summary"].split())
    row["numbering"] = row["numbering"] or ""
    return row


def _check_ids_and_parents(rows):
    seen_ids, seen_refs = set(), set()
    for row in rows:
        if row["id"] in seen_ids:
            raise CatalogueError(f"Clause id {row['id']} appears twice.")
        if row["ref_id"] in seen_refs:
            raise CatalogueError(f"Reference id {row['ref_id']} appears twice.")
        # Parents must come first, so legal order also lists every parent before its children.
        if row["parent"] and row["parent"] not in seen_ids:
            raise CatalogueError(f"{row['id']}: parent {row['parent']} is not listed before it.")
        seen_ids.add(row["id"])
        seen_refs.add(row["ref_id"])


@lru_cache(maxsize=1)
def catalogue_index():
    """id -> ClauseInfo, straight from the YAML: no database, read once per process."""
    rows, _ = read_catalogue()
    return {
        row["id"]: ClauseInfo(
            id=row["id"], label=row["label"], title=row["title"], summary=row["summary"], kind=row["kind"],
            confidence=row["confidence"], numbering=row["numbering"] or None, parent=row["parent"],
        )
        for row in rows
    }


def instruments():
    """[{id, title, short_title}] in display order."""
    return list(read_catalogue()[1])


def load_catalogue(clause_model=None):
    """Upsert every catalogue clause by id; returns (created, updated). Safe to run repeatedly.

    Migrations pass their historical model; fields that model lacks are skipped, so an old
    migration keeps working after the catalogue grows new keys.
    """
    if clause_model is None:
        from compliance.models import Clause as clause_model

    rows, _ = read_catalogue()
    model_fields = {field.name for field in clause_model._meta.get_fields()}
    fields = [name for name in (*TEXT_FIELDS, "sort_order") if name in model_fields]
    existing = {clause.pk: clause for clause in clause_model.objects.all()}
    created, changed = [], {}
    for row in rows:
        clause = existing.get(row["id"])
        if clause is None:
            clause = clause_model(id=row["id"], **{name: row[name] for name in fields})
            created.append(clause)
            existing[clause.pk] = clause
            continue
        for name in fields:
            if getattr(clause, name) != row[name]:
                setattr(clause, name, row[name])
                changed[clause.pk] = clause

    with transaction.atomic():
        clause_model.objects.bulk_create(created)
        if changed:
            clause_model.objects.bulk_update(changed.values(), fields)
        # Parents are linked only once every row exists.
        relinked = []
        for row in rows:
            clause = existing[row["id"]]
            if clause.parent_id != row["parent"]:
                clause.parent_id = row["parent"]
                relinked.append(clause)
        clause_model.objects.bulk_update(relinked, ["parent"])

    created_ids = {clause.pk for clause in created}
    updated_ids = (set(changed) | {clause.pk for clause in relinked}) - created_ids
    return len(created), len(updated_ids)
