"""The generated pack, read back as a person would: the PDF's text (pdftotext), the ZIP and the workbook.

The agency (tests/factories/inspection_packs.small_agency) has three approved households with a
child placed each, one on hold, one deregistered and one resigned, events in every section and an
Ofsted report 400 days ago. The pack is generated for an inspection whose inspector sampled the
first household and the second child.
"""

import hashlib
import io
import re
import subprocess
import tempfile
import zipfile

import openpyxl
import pytest

from inspections.models import PackExport, SampledCase
from inspections.pack.build import pack_build
from inspections.pack.gather import section_specs
from inspections.pack.render import pack_document, sections_html
from inspections.pack.services import pack_request
from tests.factories.inspection_packs import small_agency
from tests.factories.inspections import InspectionFactory

pytestmark = pytest.mark.django_db


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page (pdftotext puts a form feed between pages)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        text = subprocess.run(["pdftotext", "-layout", handle.name, "-"], check=True, capture_output=True,
                              text=True).stdout
    return text.split("\f")[:-1]


def pdf_page_count(data: bytes) -> int:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        info = subprocess.run(["pdfinfo", handle.name], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def file_bytes(field_file) -> bytes:
    with field_file.open("rb") as handle:
        return handle.read()


def label(child) -> str:
    return f"{child.first_name[0]}{child.last_name[0]} ({child.reference})"


def generate(user, django_capture_on_commit_callbacks, **options) -> PackExport:
    with django_capture_on_commit_callbacks(execute=True):
        pack = pack_request(user=user, **options)
    pack.refresh_from_db()
    assert pack.status == PackExport.Status.SUCCEEDED, pack.error
    return pack


@pytest.fixture
def agency():
    return small_agency()


@pytest.fixture
def inspection(agency):
    inspection = InspectionFactory()
    SampledCase.objects.create(inspection=inspection, household=agency.approved[0])
    SampledCase.objects.create(inspection=inspection, resident=agency.children[1])
    return inspection


@pytest.fixture
def pack(agency, inspection, manager, django_capture_on_commit_callbacks):
    return generate(manager, django_capture_on_commit_callbacks, inspection=inspection)


@pytest.fixture
def pages(pack):
    return pdf_pages(file_bytes(pack.pdf))


def register_text(pages) -> str:
    """The register section: from its heading to the next section's."""
    text = "\n".join(pages)
    start = text.index("Every household currently approved by the agency")
    return text[start:text.index("Every child placed with the agency's carers", start)]


def test_the_pdf_holds_every_section_every_current_household_and_every_child_placed(agency, pack, pages):
    text = "\n".join(pages)
    for spec in section_specs():
        assert spec.title in text, spec.title
    register = register_text(pages)
    for household in [*agency.approved, agency.on_hold]:
        assert household.reference in register
        for carer in household.carers.all():
            assert str(carer) in register
    for child in agency.children:
        assert label(child) in register and text.count(label(child)) >= 2  # register and case list


def test_the_register_leaves_out_deregistered_and_resigned_households(agency, pages):
    register = register_text(pages)
    for household in (agency.deregistered, agency.resigned):
        assert household.reference not in register
        assert household.name.removesuffix(" household") not in register
        assert str(household.carers.get()) not in register
    # ...though they are listed where approvals that ended are.
    assert agency.deregistered.reference in "\n".join(pages)


def test_children_appear_by_initials_and_reference_only(agency, pages):
    text = "\n".join(pages)
    named = agency.named_child
    for child in agency.children:  # (an adult may share a child's name, so look for the child's entry)
        assert f"{child.first_name} {child.last_name} ({child.reference})" not in text
    assert f"{named.first_name} said" not in text  # not even in the allegation someone typed
    assert f"{label(named)[:2]} said {label(named)[:2]} was left alone" in text


def test_full_names_show_when_the_manager_chooses_them(agency, manager, django_capture_on_commit_callbacks):
    pack = generate(manager, django_capture_on_commit_callbacks, full_names=True)
    text = "\n".join(pdf_pages(file_bytes(pack.pdf)))
    for child in agency.children:
        assert f"{child.first_name} {child.last_name} ({child.reference})" in text
    assert "Full name and reference, as the manager chose" in text


def test_pages_are_numbered_and_the_contents_give_the_real_page_numbers(pack, pages):
    assert pack.page_count == len(pages) == pdf_page_count(file_bytes(pack.pdf))
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
    contents = pages[1]
    for spec in section_specs():
        listed = int(re.search(rf"{re.escape(spec.title)}\s*\.+\s*(\d+)", contents).group(1))
        heading_page = pages[listed - 1]
        assert spec.title in heading_page, (spec.title, listed)
    assert "Inspection pack v1" in pages[2] and "Riverside Fostering" in pages[2]  # running header


def test_the_cover_says_what_the_pack_is_and_carries_the_content_hash(pack, pages, inspection, manager):
    cover = " ".join(pages[0].split())
    assert "Full inspection" in cover and "Thursday 26 November 2026, 09:15" in cover
    assert f"by {manager} (Registered manager)" in cover
    assert "Initials and reference" in cover
    assert re.fullmatch(r"[0-9a-f]{64}", pack.content_hash) and pack.content_hash in cover
    assert "HTML (UTF-8) of every section after the contents page" in cover


def test_the_content_hash_is_the_sha256_of_the_sections_html_and_repeatable(pack, inspection, manager):
    """Rebuilt from the same records, the sections' HTML hashes to what the cover printed."""
    again = pack_build(inspection=inspection, version=pack.version, generated_by=manager)
    assert hashlib.sha256(sections_html(again.sections).encode("utf-8")).hexdigest() == pack.content_hash
    named = pack_build(inspection=inspection, version=pack.version, full_names=True)
    assert pack_document(named).content_hash != pack.content_hash


def test_the_zip_holds_the_pdf_the_tables_and_the_sampled_cases_files(agency, pack):
    with zipfile.ZipFile(io.BytesIO(file_bytes(pack.bundle))) as archive:
        names = set(archive.namelist())
        assert archive.read("inspection-pack-v1.pdf") == file_bytes(pack.pdf)
        household = agency.approved[0]
        folder = f"evidence/household-{household.reference}-{household.name.removesuffix(' household')}/"
        papers = [name for name in names if name.startswith(folder)]
        assert len(papers) == 1 and papers[0].endswith("Form F - Fenwick.pdf")
        assert archive.read(papers[0]).startswith(b"%PDF-")
        child = agency.children[1]
        assert f"evidence/child-{child.reference}-{child.first_name[0]}{child.last_name[0]}/NO-FILES.txt" in names
        manifest = archive.read("MANIFEST.txt").decode()
        register_csv = archive.read("tables/carers-register.csv").decode("utf-8-sig")
    assert {"tables/inspection-pack-v1.xlsx", "tables/case-list.csv", "tables/gap-actions.csv"} <= names
    assert papers[0] in manifest and pack.content_hash in manifest
    assert register_csv.splitlines()[0].startswith("Household,Carers,Status")
    assert agency.approved[0].reference in register_csv and agency.deregistered.reference not in register_csv


def test_the_workbook_has_a_sheet_per_table_with_real_dates(pack):
    with zipfile.ZipFile(io.BytesIO(file_bytes(pack.bundle))) as archive:
        workbook = openpyxl.load_workbook(io.BytesIO(archive.read("tables/inspection-pack-v1.xlsx")))
    assert workbook.sheetnames[0] == "About"
    assert {"carers-register", "case-list", "placements-started", "gap-actions"} <= set(workbook.sheetnames)
    register = workbook["carers-register"]
    assert register["A1"].value == "Household" and register["D1"].value == "Approved"
    assert register["D2"].is_date
