"""The pack's sections come from a YAML file the agency can reorder or replace."""

import pytest

from inspections.pack.build import pack_build
from inspections.pack.gather import GATHERERS, section_specs
from inspections.pack.sections import DEFAULT_PATH, SectionsError, sections_load


def write(tmp_path, text):
    path = tmp_path / "sections.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_file_lists_every_part_of_the_pack_with_known_gatherers():
    specs = section_specs()
    ids = [spec.id for spec in specs]
    assert ids[:2] == ["agency", "annex-households"] and ids[-1] == "compliance"
    tables = {table.id: table.gatherer for spec in specs for table in spec.tables}
    assert {"carers-register", "case-list", "placements-started", "placements-ended", "staff-list",
            "panel-central-list", "panel-minutes", "complaints", "allegations", "missing-episodes",
            "notifications", "gaps-by-clause", "gap-actions"} <= set(tables)
    assert set(tables.values()) == set(GATHERERS)  # every gatherer is used, and only those


def test_an_unknown_gatherer_is_named_in_the_error(tmp_path):
    path = write(tmp_path, "sections:\n  - id: a\n    title: A\n    tables:\n"
                           "      - {id: t, title: T, gatherer: no_such_thing}\n")
    with pytest.raises(SectionsError, match="unknown gatherer 'no_such_thing'"):
        sections_load(known_gatherers=GATHERERS, path=path)


@pytest.mark.parametrize("text, message", [
    ("sections: []\n", "non-empty list"),
    ("sections:\n  - id: a\n    title: A\n    tables:\n      - {id: a, title: T, gatherer: complaints}\n",
     "used twice"),
    ("sections:\n  - id: Bad Id\n    title: A\n    tables: []\n", "lower-case letters"),
    ("sections:\n  - id: a\n    title: ''\n    tables: []\n", "give a title"),
    ("sections:\n  - id: a\n    title: A\n    tables: []\n", "at least one table"),
    ("sections:\n  - id: a\n    title: A\n    landscape: sideways\n    tables:\n"
     "      - {id: t, title: T, gatherer: complaints}\n", "true or false"),
    ("sections: [unclosed\n", "cannot read"),
])
def test_a_malformed_file_says_what_is_wrong(tmp_path, text, message):
    with pytest.raises(SectionsError, match=message):
        sections_load(known_gatherers=GATHERERS, path=write(tmp_path, text))


@pytest.mark.django_db
def test_an_agency_file_reorders_and_retitles_the_pack(tmp_path, settings):
    settings.INSPECTION_PACK_SECTIONS = str(write(tmp_path, (
        "sections:\n"
        "  - id: events\n    title: Our complaints first\n    tables:\n"
        "      - {id: complaints, title: Complaints received, gatherer: complaints}\n"
        "  - id: people\n    title: Register\n    landscape: true\n    tables:\n"
        "      - {id: register, title: Carers, gatherer: carers_register}\n")))
    pack = pack_build()
    assert [(s.id, s.title, s.landscape) for s in pack.sections] == [
        ("events", "Our complaints first", False), ("people", "Register", True)]
    assert [t.title for t in pack.tables()] == ["Complaints received", "Carers"]
    assert DEFAULT_PATH.exists()
