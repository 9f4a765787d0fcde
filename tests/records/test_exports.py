"""List-page exports: the list's own rows, in the import columns, safe to open, and importable back."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import AccessLog
from records.imports.plan import UNCHANGED, import_plan
from records.imports.types import SPECS
from tests.factories import CarerFactory, HouseholdFactory, PlacementFactory, TrainingRecordFactory

HYPERLINK = '=HYPERLINK("http://x","y")'


def export(client, slug, fmt="csv", query=""):
    return client.get(reverse(f"records:{slug}_export") + f"?format={fmt}" + (f"&{query}" if query else ""))


def csv_rows(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def xlsx_rows(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_anonymous_is_sent_to_log_in(client, household):
    response = export(client, "household")
    assert response.status_code == 302
    assert "/login" in response.url


def test_a_carer_may_not_export(client_for, carer_user):
    assert export(client_for(carer_user), "household").status_code == 403


def test_an_inspector_may_not_export(client_for, granted_inspector):
    assert export(client_for(granted_inspector), "household").status_code == 403


def test_an_administrator_exports_and_it_is_logged(client_for, administrator, household, other_household):
    response = export(client_for(administrator), "household")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="households-' in response["Content-Disposition"]
    rows = csv_rows(response)
    assert rows[0] == SPECS["households"].headers
    assert {row[0] for row in rows[1:]} == {household.reference, other_household.reference}
    log = AccessLog.objects.get(action=AccessLog.Action.EXPORT)
    assert (log.user, log.object_kind, log.label) == (administrator, "records.Household", "2 rows")


def test_an_unknown_format_is_404(client_for, manager):
    assert export(client_for(manager), "household", fmt="pdf").status_code == 404


def test_the_list_shows_export_buttons_only_to_office_staff(client_for, manager, carer_user):
    url = reverse("records:household_list")
    assert "Export XLSX" in client_for(manager).get(url + "?q=Fenwick").content.decode()
    assert f'{reverse("records:household_export")}?format=csv&amp;q=Fenwick' in (
        client_for(manager).get(url + "?q=Fenwick").content.decode())
    assert "Export CSV" not in client_for(carer_user).get(url).content.decode()


def test_the_export_follows_the_search(client_for, manager, household, other_household):
    rows = csv_rows(export(client_for(manager), "household", query="q=Okafor"))
    assert [row[0] for row in rows[1:]] == [other_household.reference]


def test_a_social_worker_exports_only_their_caseload(client_for, ssw, household, other_household):
    rows = csv_rows(export(client_for(ssw), "carer"))
    assert {row[0] for row in rows[1:]} == {household.reference}
    rows = xlsx_rows(export(client_for(ssw), "household", fmt="xlsx"))
    assert [row[0] for row in rows[1:]] == [household.reference]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_formula_is_exported_as_text(client_for, manager, fmt):
    HouseholdFactory(notes=HYPERLINK)
    response = export(client_for(manager), "household", fmt=fmt)
    rows = csv_rows(response) if fmt == "csv" else xlsx_rows(response)
    notes = rows[0].index("Notes")
    assert rows[1][notes] == "'" + HYPERLINK
    if fmt == "xlsx":
        cell = load_workbook(io.BytesIO(response.content)).active.cell(row=2, column=notes + 1)
        assert cell.data_type == "s"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize(("prefix", "slug", "build"), [
    ("household", "households", lambda: [HouseholdFactory(notes=HYPERLINK), HouseholdFactory()]),
    ("carer", "carers", lambda: CarerFactory.create_batch(2)),
    ("placement", "placements", lambda: PlacementFactory.create_batch(2)),
    ("trainingrecord", "training", lambda: TrainingRecordFactory.create_batch(2)),
])
def test_an_export_imports_back_unchanged(client_for, manager, prefix, slug, build, fmt):
    build()
    response = export(client_for(manager), prefix, fmt=fmt)
    plan = import_plan(spec=SPECS[slug], upload=io.BytesIO(response.content), filename=f"export.{fmt}")
    assert plan.is_valid, [str(error) for error in plan.errors]
    assert len(plan.rows) == SPECS[slug].model.objects.count() >= 2
    assert {row.action for row in plan.rows} == {UNCHANGED}


@pytest.mark.parametrize("prefix", ["household", "carer", "placement"])
def test_the_query_count_does_not_grow_with_rows(client_for, manager, prefix, django_assert_max_num_queries):
    {"household": lambda: CarerFactory.create_batch(30),
     "carer": lambda: CarerFactory.create_batch(30),
     "placement": lambda: PlacementFactory.create_batch(30)}[prefix]()
    client = client_for(manager)
    with django_assert_max_num_queries(12):
        response = export(client, prefix, fmt="xlsx")
    assert len(xlsx_rows(response)) == 31
