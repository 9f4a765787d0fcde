"""Read sections.yaml (or the file INSPECTION_PACK_SECTIONS names): which sections and tables the pack
has, in which order, and which gatherer fills each table. No database, no model imports."""

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.conf import settings

DEFAULT_PATH = Path(__file__).resolve().parent / "sections.yaml"
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class SectionsError(ValueError):
    """The sections file is malformed; the message names the file and the entry."""


@dataclass(frozen=True)
class TableSpec:
    id: str
    title: str
    gatherer: str


@dataclass(frozen=True)
class SectionSpec:
    id: str
    title: str
    intro: str
    tables: tuple[TableSpec, ...]
    landscape: bool = False


def sections_path() -> Path:
    return Path(settings.INSPECTION_PACK_SECTIONS or DEFAULT_PATH)


def sections_load(*, known_gatherers, path=None) -> list[SectionSpec]:
    """The sections in order. Raises SectionsError for an unknown gatherer, a repeated id or a missing title."""
    path = Path(path) if path else sections_path()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise SectionsError(f"{path}: cannot read the pack sections: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("sections"), list) or not data["sections"]:
        raise SectionsError(f"{path}: expected a non-empty list under 'sections'.")
    seen, sections = set(), []
    for number, entry in enumerate(data["sections"], start=1):
        where = f"{path}, section {number}"
        section_id, title = _id_and_title(entry, where, seen)
        tables = entry.get("tables")
        if not isinstance(tables, list) or not tables:
            raise SectionsError(f"{where} ({section_id}): list at least one table under 'tables'.")
        specs = []
        for table_number, table in enumerate(tables, start=1):
            table_where = f"{where} ({section_id}), table {table_number}"
            table_id, table_title = _id_and_title(table, table_where, seen)
            gatherer = table.get("gatherer")
            if gatherer not in known_gatherers:
                raise SectionsError(f"{table_where} ({table_id}): unknown gatherer {gatherer!r}; use one of "
                                    f"{', '.join(sorted(known_gatherers))}.")
            specs.append(TableSpec(id=table_id, title=table_title, gatherer=gatherer))
        landscape = entry.get("landscape", False)
        if not isinstance(landscape, bool):
            raise SectionsError(f"{where} ({section_id}): landscape is true or false.")
        sections.append(SectionSpec(id=section_id, title=title, intro=str(entry.get("intro") or "").strip(),
                                    tables=tuple(specs), landscape=landscape))
    return sections


def _id_and_title(entry, where, seen):
    if not isinstance(entry, dict):
        raise SectionsError(f"{where}: expected a mapping with id and title.")
    entry_id, title = entry.get("id"), str(entry.get("title") or "").strip()
    if not isinstance(entry_id, str) or not ID_PATTERN.match(entry_id):
        raise SectionsError(f"{where}: id {entry_id!r} must be lower-case letters, digits and hyphens.")
    if entry_id in seen:
        raise SectionsError(f"{where}: id {entry_id!r} is used twice.")
    if not title:
        raise SectionsError(f"{where} ({entry_id}): give a title.")
    seen.add(entry_id)
    return entry_id, title
