"""The clause catalogue: its YAML, the loader, the data migration and `load_clauses`."""

from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

from compliance.catalogue import loader
from compliance.catalogue.loader import CatalogueError, catalogue_index, load_catalogue, read_catalogue
from compliance.models import Clause

REFERENCE_DIR = Path("/work/shared/reference")

# Everything the research reference lists, by its own ids. Schedule 8 is left out on purpose:
# the reference says none was confirmed for 2011.
NMS_KEY_CLAUSES = """
1.4 1.5 1.6 1.7 5.2 5.4 5.6 5.7 6.4 6.5 6.7 6.9 6.10 6.11 10.3 10.4 10.5 10.6 13.1 13.2 13.3 13.4 13.5
14.1 14.2 14.3 14.4 14.5 14.6 14.7 14.8 14.9 14.x-notify 16.1 16.3 16.4 16.5 17.2 17.3 19.1 19.2 19.3
20.1 20.2 20.3 20.4 20.5 21.3 21.5 21.6 21.8 22.1 22.2 22.3 22.4 23.2 23.3 23.4 23.6 23.x-adm 24.3 24.4
24.5 24.6 25.2 25.5 25.6 25.7 26.1 26.2 26.3 26.4 26.5 26.6 26.7 28.1 28.2 28.3 28.5 28.6 29.1 29.2 29.3
29.4 30.2 30.3 30.4 30.6 31.1 31.2 31.6 31.7
""".split()
EXPECTED_REF_IDS = {
    *(f"FSR-2011-reg-{n}" for n in range(1, 43)), "FSR-2011-part-7",
    *(f"FSR-2011-sch-{n}" for n in range(1, 8)),
    *(f"FSR-2011-sch-1-para-{n}" for n in range(1, 7)), *(f"FSR-2011-sch-2-para-{n}" for n in range(1, 4)),
    *(f"FSR-2011-sch-7-({letter})" for letter in "abcdefghij"),
    *(f"NMS-2011-std-{n}" for n in range(1, 32)),
    *(f"NMS-2011-{number}" for number in NMS_KEY_CLAUSES),
}


def raw_entries():
    entries = []
    for name in loader.CATALOGUE_FILES:
        entries += yaml.safe_load((loader.CATALOGUE_DIR / name).read_text())["clauses"]
    return entries


def test_ids_and_reference_ids_are_unique():
    entries = raw_entries()
    ids = [entry["id"] for entry in entries]
    ref_ids = [entry["ref_id"] for entry in entries]
    assert len(ids) == len(set(ids))
    assert len(ref_ids) == len(set(ref_ids))


def test_every_parent_exists():
    ids = {entry["id"] for entry in raw_entries()}
    parents = {entry["parent"] for entry in raw_entries() if entry["parent"]}
    assert parents  # the test means something only if there are parents
    assert parents <= ids


def test_every_reference_entry_is_catalogued():
    ref_ids = {entry["ref_id"] for entry in raw_entries()}
    assert EXPECTED_REF_IDS - ref_ids == set()
    assert "FSR-2011-sch-8" not in ref_ids


@pytest.mark.skipif(not REFERENCE_DIR.exists(), reason="the research reference is not on this machine")
def test_catalogue_matches_the_reference_files():
    regs = yaml.safe_load((REFERENCE_DIR / "fostering_regulations.yaml").read_text())
    nms = yaml.safe_load((REFERENCE_DIR / "fostering_nms.yaml").read_text())
    wanted = {entry["id"] for entry in regs["regulations"]}
    wanted |= {entry["id"] for entry in regs["schedules"] if entry["id"] != "FSR-2011-sch-8"}
    for standard in nms["standards"]:
        wanted |= {standard["id"], *(clause["id"] for clause in standard["key_clauses"])}
    assert wanted - {entry["ref_id"] for entry in raw_entries()} == set()


def test_sub_clauses_record_how_their_number_was_found():
    entries = {entry["id"]: entry for entry in raw_entries()}
    assert entries["nms2011:14.9"]["numbering"] == "by order"
    assert entries["nms2011:14.x-notify"]["numbering"] == "unverified"
    assert entries["nms2011:22.1"]["numbering"] == "printed"
    assert entries["nms2011:14.x-notify"]["parent"] == "nms2011:14"


def test_sort_order_follows_legal_order():
    order = {row["id"]: row["sort_order"] for row in read_catalogue()[0]}
    assert order["fsr2011:r2"] < order["fsr2011:r10"] < order["fsr2011:r42"] < order["fsr2011:part7"]
    assert order["fsr2011:part7"] < order["fsr2011:sch1"] < order["fsr2011:sch1.2"] < order["fsr2011:sch2"]
    assert order["fsr2011:sch7(j)"] < order["nms2011:1"]
    assert order["nms2011:2"] < order["nms2011:10"]
    assert order["nms2011:14.9"] < order["nms2011:14.x-notify"] < order["nms2011:15"]


def test_index_holds_display_text_without_the_database():
    clause = catalogue_index()["nms2011:19.3"]
    assert (clause.label, clause.kind, clause.parent) == ("NMS 19.3", "standard_clause", "nms2011:19")
    assert clause.title == "Record of checks"
    assert "certificate number" in clause.summary


def test_a_child_listed_before_its_parent_is_refused():
    rows = [{"id": "x:1.1", "ref_id": "A", "parent": "x:1"}, {"id": "x:1", "ref_id": "B", "parent": None}]
    with pytest.raises(CatalogueError, match="parent x:1"):
        loader._check_ids_and_parents(rows)


def test_a_repeated_id_is_refused():
    rows = [{"id": "x:1", "ref_id": "A", "parent": None}, {"id": "x:1", "ref_id": "B", "parent": None}]
    with pytest.raises(CatalogueError, match="appears twice"):
        loader._check_ids_and_parents(rows)


@pytest.mark.django_db
def test_the_data_migration_loaded_the_catalogue():
    rows = read_catalogue()[0]
    assert Clause.objects.count() == len(rows)
    assert Clause.objects.get(pk="nms2011:14.9").parent_id == "nms2011:14"


@pytest.mark.django_db
def test_loading_twice_creates_no_duplicates():
    before = Clause.objects.count()
    assert load_catalogue() == (0, 0)
    assert load_catalogue() == (0, 0)
    assert Clause.objects.count() == before


@pytest.mark.django_db
def test_loading_into_an_empty_table_creates_every_clause_and_links_parents():
    Clause.objects.update(parent=None)
    Clause.objects.all().delete()

    created, updated = load_catalogue()

    assert (created, updated) == (len(read_catalogue()[0]), 0)
    assert Clause.objects.get(pk="fsr2011:sch1.2").parent_id == "fsr2011:sch1"


@pytest.mark.django_db
def test_loading_puts_back_text_edited_in_the_database():
    Clause.objects.filter(pk="fsr2011:r26").update(title="Edited", summary="Edited", parent="fsr2011:r1")

    assert load_catalogue() == (0, 1)

    clause = Clause.objects.get(pk="fsr2011:r26")
    assert clause.title == "Assessment of prospective foster parents"
    assert clause.summary == catalogue_index()["fsr2011:r26"].summary
    assert clause.parent_id is None


@pytest.mark.django_db
def test_loading_applies_changed_catalogue_text(monkeypatch):
    rows, instruments = read_catalogue()
    changed = tuple({**row, "summary": "New wording."} if row["id"] == "nms2011:21.8" else row for row in rows)
    monkeypatch.setattr(loader, "read_catalogue", lambda: (changed, instruments))

    assert load_catalogue() == (0, 1)
    assert Clause.objects.get(pk="nms2011:21.8").summary == "New wording."
    assert Clause.objects.count() == len(rows)


@pytest.mark.django_db
def test_load_clauses_command_reports_counts():
    Clause.objects.filter(pk="nms2011:29.1").update(title="Edited")
    out = StringIO()

    call_command("load_clauses", stdout=out)

    assert "0 created, 1 updated" in out.getvalue()
    assert Clause.objects.get(pk="nms2011:29.1").title == "Notify within 24 hours"


def test_clause_str_shows_label_and_title():
    assert str(Clause(id="nms2011:14.9", label="NMS 14.9", title="Decision within seven working days")) == (
        "NMS 14.9 – Decision within seven working days"
    )
