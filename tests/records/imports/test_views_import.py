"""The web import: who may use it, the dry run page, applying the kept file, and the templates."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from records.imports.types import SPECS
from records.imports.write import table_bytes
from records.models import Household
from records.views.imports import FOLDER, SESSION_KEY

HEADERS = ["Reference", "Name", "Approval date"]
URL = "/records/import/"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def csv_file(rows, name="households.csv", headers=HEADERS):
    return SimpleUploadedFile(name, table_bytes(headers, rows, fmt="csv"), content_type="text/csv")


def upload(client, rows, slug="households", **kwargs):
    return client.post(reverse("records:import"), {"type": slug, "file": csv_file(rows, **kwargs)})


def kept_files(media):
    folder = media / FOLDER
    return sorted(folder.iterdir()) if folder.exists() else []


def test_the_url():
    assert reverse("records:import") == URL


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/login" in response.url


@pytest.mark.parametrize("user", ["ssw", "decision_maker", "carer_user", "granted_inspector", "panel_member"])
def test_others_may_not_import(client_for, request, user):
    client = client_for(request.getfixturevalue(user))
    assert client.get(URL).status_code == 403
    assert client.post(reverse("records:import_confirm"), {"token": "x"}).status_code == 403
    assert client.get(reverse("records:import_template", args=["households", "csv"])).status_code == 403


@pytest.mark.parametrize("user", ["manager", "administrator"])
def test_managers_and_administrators_see_the_page_and_the_menu_item(client_for, request, user):
    response = client_for(request.getfixturevalue(user)).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Import records" in html
    assert reverse("records:import_template", args=["households", "xlsx"]) in html


def test_an_administrator_is_not_offered_manager_only_types(client_for, administrator):
    client = client_for(administrator)
    assert reverse("records:import_template", args=["staff", "csv"]) not in client.get(URL).content.decode()
    assert client.get(reverse("records:import_template", args=["staff", "csv"])).status_code == 404
    response = upload(client, [["S1", "x", ""]], slug="staff")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_the_dry_run_lists_every_error_and_keeps_nothing(client_for, manager, media):
    response = upload(client_for(manager), [["HH-1", "Khan household", "2023-01-05"],
                                            ["HH-2", "Lee household", "31/31/2023"]])
    html = response.content.decode()
    assert "1 to create, 0 to update, 0 unchanged" in html
    assert "Approval date" in html and "31/31/2023" in html and "bad date" in html
    assert "Import 1 change" not in html
    assert kept_files(media) == []
    assert not Household.objects.filter(reference__in=["HH-1", "HH-2"]).exists()


def test_a_valid_file_is_kept_and_applied_once(client_for, manager, household, media):
    client = client_for(manager)
    response = upload(client, [["HH-1", "Khan household", "2023-01-05"], [household.reference, "Renamed", household.approval_date.isoformat()]])
    html = response.content.decode()
    assert "1 to create, 1 to update" in html and "Import 2 changes" in html
    assert "Renamed" in html
    [token] = client.session[SESSION_KEY]
    assert len(kept_files(media)) == 1

    response = client.post(reverse("records:import_confirm"), {"token": token})
    assert response.status_code == 302
    assert response.url == reverse("records:household_list")
    created = Household.objects.get(reference="HH-1")
    assert created.history.first().history_user == manager
    household.refresh_from_db()
    assert household.name == "Renamed"
    assert kept_files(media) == []
    assert client.session[SESSION_KEY] == {}
    # The token is spent: a second post imports nothing.
    response = client.post(reverse("records:import_confirm"), {"token": token}, follow=True)
    assert "expired" in response.content.decode()


def test_apply_plans_again_and_refuses_a_file_that_no_longer_fits(client_for, manager, household, media):
    client = client_for(manager)
    carer = ["", "Amira", "Khan", "1980-04-17"]
    carer[0] = household.reference
    response = upload(client, [carer], slug="carers",
                      headers=["Household reference", "First name", "Last name", "Date of birth"])
    assert "Import 1 change" in response.content.decode()
    [token] = client.session[SESSION_KEY]
    household.reference = "HH-RENAMED"  # someone changes the record the row points at, before "Import"
    household.save()
    response = client.post(reverse("records:import_confirm"), {"token": token})
    assert response.status_code == 200
    html = response.content.decode()
    assert "no longer imports" in html and "Household reference" in html
    assert not household.carers.filter(first_name="Amira").exists()
    assert kept_files(media) == []


def test_another_users_token_does_nothing(client_for, manager, administrator, media):
    client = client_for(manager)
    upload(client, [["HH-1", "Khan household", ""]])
    [token] = client.session[SESSION_KEY]
    response = client_for(administrator).post(reverse("records:import_confirm"), {"token": token}, follow=True)
    assert "expired" in response.content.decode()
    assert not Household.objects.filter(reference="HH-1").exists()
    assert len(kept_files(media)) == 1  # still the manager's to apply
    client.post(reverse("records:import_confirm"), {"token": token})
    assert Household.objects.filter(reference="HH-1").exists()


def test_an_expired_dry_run_is_not_applied(client_for, manager, media):
    client = client_for(manager)
    upload(client, [["HH-1", "Khan household", ""]])
    session = client.session
    [token] = session[SESSION_KEY]
    session[SESSION_KEY][token]["at"] -= timedelta(hours=2).total_seconds()
    session.save()
    response = client.post(reverse("records:import_confirm"), {"token": token}, follow=True)
    assert "expired" in response.content.decode()
    assert not Household.objects.filter(reference="HH-1").exists()
    assert kept_files(media) == []


def test_abandoned_files_go_after_an_hour(client_for, manager, media):
    import os
    import time
    folder = media / FOLDER
    folder.mkdir(parents=True)
    old = folder / "abandoned.csv"
    old.write_bytes(b"x")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    upload(client_for(manager), [["HH-1", "Khan household", ""]])
    assert not old.exists()
    assert len(kept_files(media)) == 1  # the new upload's


@pytest.mark.parametrize(("name", "content", "message"), [
    ("households.txt", b"Reference,Name\n", "Choose a .csv or .xlsx file"),
    ("households.csv", "Reference,Name\nHH-1,Café\n".encode("cp1252"), "UTF-8"),
    ("households.csv", b"Reference,Name\n" + b"HH-1,x\n" * 20, "rows"),
    ("households.xlsx", b"not a workbook", "xlsx"),
])
def test_refused_files_say_why(client_for, manager, settings, name, content, message):
    settings.IMPORT_MAX_ROWS = 10
    response = client_for(manager).post(reverse("records:import"), {
        "type": "households", "file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Household.objects.filter(reference="HH-1").exists()


def test_a_file_too_big_is_refused(client_for, manager, settings):
    settings.IMPORT_MAX_BYTES = 100
    response = upload(client_for(manager), [["HH-1", "x" * 200, ""]])
    assert "larger than" in response.content.decode()


def test_an_unknown_type_is_refused(client_for, manager):
    response = upload(client_for(manager), [["HH-1", "Khan household", ""]], slug="unicorns")
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_template_has_the_columns_and_an_example(client_for, administrator, fmt):
    response = client_for(administrator).get(reverse("records:import_template", args=["carers", fmt]))
    assert response.status_code == 200
    assert f'filename="carers-template.{fmt}"' in response["Content-Disposition"]
    if fmt == "csv":
        lines = response.content.decode("utf-8-sig").splitlines()
        assert lines[0].split(",") == SPECS["carers"].headers
        assert "Amira" in lines[1]
    else:
        rows = list(load_workbook(io.BytesIO(response.content)).active.values)
        assert list(rows[0]) == SPECS["carers"].headers and "Amira" in rows[1]


def test_an_unknown_template_format_is_404(client_for, manager):
    assert client_for(manager).get(reverse("records:import_template", args=["carers", "pdf"])).status_code == 404


def test_an_administrator_may_not_import_a_staff_members_check(client_for, administrator):
    from tests.factories import StaffMemberFactory
    staff = StaffMemberFactory(email="sam.staff@example.org")
    headers = SPECS["checks"].headers
    row = ["" for _ in headers]
    row[headers.index("Staff member")] = staff.email
    row[headers.index("Kind")] = "Enhanced DBS (with barred list)"
    row[headers.index("Completed date")] = "2024-01-10"
    response = client_for(administrator).post(reverse("records:import"), {
        "type": "checks", "file": SimpleUploadedFile("checks.csv", table_bytes(headers, [row], fmt="csv"))})
    html = response.content.decode()
    assert "only a manager may import this record" in html
    assert "Import 1 change" not in html
