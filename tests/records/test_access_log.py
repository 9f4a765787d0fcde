"""The access log: opening a sensitive record writes one row; the manager searches it; nobody edits it."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from accounts.admin import AccessLogAdmin
from accounts.models import AccessLog
from tests import factories as f

LOG_URL = reverse("records:access_log")


def detail(obj):
    return reverse(f"records:{obj._meta.model_name}_detail", args=[obj.pk])


def history(obj):
    return reverse(f"records:{obj._meta.model_name}_history", args=[obj.pk])


# Which records are sensitive ---------------------------------------------------------------------------------

SENSITIVE = {
    "child": lambda household: f.PlacementFactory(household=household).resident,
    "placement": lambda household: f.PlacementFactory(household=household),
    "journal entry": lambda household: f.JournalEntryFactory(placement__household=household),
    "missing episode": lambda household: f.MissingEpisodeFactory(placement__household=household),
    "allegation": lambda household: f.AllegationFactory(household=household),
    "complaint": lambda household: f.ComplaintFactory(household=household),
    "notification": lambda household: f.NotificationFactory(household=household),
    "staff member": lambda household: f.StaffMemberFactory(),
    "staff supervision": lambda household: f.StaffSupervisionFactory(),
    "staff check": lambda household: f.CheckFactory(carer=None, staff_member=f.StaffMemberFactory()),
    "carer's check": lambda household: f.CheckFactory(carer=household.carers.get()),
    "staff training": lambda household: f.TrainingRecordFactory(carer=None, staff_member=f.StaffMemberFactory()),
}

NOT_SENSITIVE = {
    "household": lambda household: household,
    "carer": lambda household: household.carers.get(),
    "carer's training": lambda household: f.TrainingRecordFactory(carer=household.carers.get()),
    "supervision visit": lambda household: f.SupervisionVisitFactory(household=household),
}


@pytest.mark.parametrize("build", SENSITIVE.values(), ids=SENSITIVE.keys())
def test_opening_a_sensitive_record_writes_one_view_row(client_for, manager, household, build):
    obj = build(household)
    assert client_for(manager).get(detail(obj)).status_code == 200
    entry = AccessLog.objects.get()
    assert (entry.user, entry.action, entry.object_kind, entry.object_id) == (
        manager, AccessLog.Action.VIEW, obj._meta.label_lower, str(obj.pk))
    assert entry.label == str(obj) and entry.path == detail(obj)


@pytest.mark.parametrize("build", NOT_SENSITIVE.values(), ids=NOT_SENSITIVE.keys())
def test_household_records_are_not_logged(client_for, manager, household, build):
    assert client_for(manager).get(detail(build(household))).status_code == 200
    assert not AccessLog.objects.exists()


def test_a_social_worker_opening_a_child_is_logged_too(client_for, ssw, household):
    child = f.PlacementFactory(household=household).resident
    client_for(ssw).get(detail(child))
    assert AccessLog.objects.get().user == ssw


def test_refused_pages_and_htmx_refreshes_are_not_logged(client_for, ssw, household, other_household):
    other_child = other_household.placements.get().resident
    assert client_for(ssw).get(detail(other_child)).status_code == 404
    child = f.PlacementFactory(household=household).resident
    client_for(ssw).get(detail(child), HTTP_HX_REQUEST="true")
    assert not AccessLog.objects.exists()


def test_an_inspector_opening_a_child_is_logged_once(client_for, granted_inspector, household):
    child = f.PlacementFactory(household=household).resident
    assert client_for(granted_inspector).get(detail(child)).status_code == 200
    entry = AccessLog.objects.get()
    assert (entry.user, entry.object_kind, entry.object_id) == (granted_inspector, "records.resident", str(child.pk))


def test_the_detail_page_with_logging_makes_a_bounded_number_of_queries(client_for, manager, household,
                                                                       django_assert_max_num_queries):
    child = f.PlacementFactory(household=household).resident
    client = client_for(manager)
    client.get(detail(child))  # warm the session and content types
    with django_assert_max_num_queries(20) as queries:
        client.get(detail(child))
    assert sum(query["sql"].startswith('INSERT INTO "accounts_accesslog"') for query in queries.captured_queries) == 1


# Who opened this record, beside its history --------------------------------------------------------------------

def test_the_history_page_shows_managers_who_opened_the_record(client_for, manager, ssw, household):
    allegation_child = f.PlacementFactory(household=household).resident
    client_for(ssw).get(detail(allegation_child))
    page = client_for(manager).get(history(allegation_child)).content.decode()
    assert "Who opened this record" in page and str(ssw) in page
    assert AccessLog.objects.filter(user=manager, path=history(allegation_child)).count() == 1


def test_others_do_not_see_who_opened_it(client_for, administrator, household):
    child = f.PlacementFactory(household=household).resident
    page = client_for(administrator).get(history(child)).content.decode()
    assert "Who opened this record" not in page


def test_a_household_history_has_no_access_section(client_for, manager, household):
    assert "Who opened this record" not in client_for(manager).get(history(household)).content.decode()


# The manager's search page ---------------------------------------------------------------------------------------

@pytest.fixture
def entries(manager, ssw, household):
    """Three rows: `ssw` opened a child (today) and an allegation (ten days ago); `manager` exported carers."""
    child = f.PlacementFactory(household=household).resident
    allegation = f.AllegationFactory(household=household)
    opened_child = AccessLog.objects.create(user=ssw, action="view", object_kind="records.resident",
                                            object_id=str(child.pk), label=str(child), path=detail(child))
    opened_allegation = AccessLog.objects.create(user=ssw, action="view", object_kind="records.allegation",
                                                 object_id=str(allegation.pk), label="Allegation about Fenwick",
                                                 path=detail(allegation))
    AccessLog.objects.filter(pk=opened_allegation.pk).update(at=timezone.now() - timedelta(days=10))
    exported = AccessLog.objects.create(user=manager, action="export", object_kind="records.Carer",
                                        label="12 rows", path="/records/carers/export/?format=csv")
    return {"child": (child, opened_child), "allegation": (allegation, opened_allegation), "export": exported}


def listed(response):
    return [row["entry"].pk for row in response.context["rows"]]


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(LOG_URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("role", ["administrator", "ssw", "decision_maker", "carer_user", "panel_member"])
def test_only_managers_may_read_the_log(request, client_for, role):
    assert client_for(request.getfixturevalue(role)).get(LOG_URL).status_code == 403


def test_the_manager_sees_everything_newest_first_with_links(client_for, manager, entries):
    response = client_for(manager).get(LOG_URL)
    assert response.status_code == 200
    child, opened_child = entries["child"]
    assert listed(response) == [entries["export"].pk, opened_child.pk, entries["allegation"][1].pk]
    page = response.content.decode()
    assert f'href="{child.get_absolute_url()}"' in page
    assert 'method="post"' not in page.split('id="main"', 1)[1].lower()  # only the menu's sign-out form


def test_a_deleted_record_is_listed_without_a_link(client_for, manager, entries):
    child, opened_child = entries["child"]
    url = child.get_absolute_url()
    AccessLog.objects.filter(pk=opened_child.pk).update(object_id="999999")
    page = client_for(manager).get(LOG_URL).content.decode()
    assert str(child) in page and f'href="{url}"' not in page


@pytest.mark.parametrize("params, expected", [
    (lambda e, users: {"user": users["ssw"].pk}, ["child", "allegation"]),
    (lambda e, users: {"action": "export"}, ["export"]),
    (lambda e, users: {"kind": "records.allegation"}, ["allegation"]),
    (lambda e, users: {"kind": "records.carer"}, ["export"]),
    (lambda e, users: {"record": "fenwick"}, ["allegation"]),
    (lambda e, users: {"record": str(e["child"][0].pk), "kind": "records.resident"}, ["child"]),
    (lambda e, users: {"date_from": (timezone.localdate() - timedelta(days=1)).isoformat()}, ["export", "child"]),
    (lambda e, users: {"date_to": (timezone.localdate() - timedelta(days=5)).isoformat()}, ["allegation"]),
], ids=["person", "action", "kind", "kind-any-case", "record-text", "record-id", "from", "to"])
def test_the_search_narrows_the_log(client_for, manager, ssw, entries, params, expected):
    response = client_for(manager).get(LOG_URL, params(entries, {"ssw": ssw}))
    wanted = {"child": entries["child"][1].pk, "allegation": entries["allegation"][1].pk,
              "export": entries["export"].pk}
    assert listed(response) == [wanted[name] for name in expected]


def test_the_history_page_links_to_this_records_entries(client_for, manager, entries):
    child, opened_child = entries["child"]
    page = client_for(manager).get(history(child))
    response = client_for(manager).get(page.context["access_log_url"])
    assert opened_child.pk in listed(response) and entries["export"].pk not in listed(response)


def test_the_log_is_paged_fifty_at_a_time(client_for, manager):
    AccessLog.objects.bulk_create(AccessLog(user=manager, action="view", object_kind="page", label=f"Page {n}")
                                  for n in range(60))
    response = client_for(manager).get(LOG_URL)
    assert len(response.context["rows"]) == 50 and response.context["page"].paginator.num_pages == 2


def test_the_csv_export_holds_the_filtered_rows_and_is_logged(client_for, manager, ssw, entries):
    response = client_for(manager).get(LOG_URL, {"user": ssw.pk, "format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["When", "Person", "Username", "Action"]
    assert [row[5] for row in rows[1:]] == [entries["child"][1].object_id, entries["allegation"][1].object_id]
    logged = AccessLog.objects.get(action=AccessLog.Action.EXPORT, object_kind="accounts.accesslog")
    assert logged.user == manager and logged.label == "Access log: 2 rows"


def test_the_log_cannot_be_changed_through_the_page(client_for, manager, entries):
    client = client_for(manager)
    assert client.post(LOG_URL, {"action": "view"}).status_code == 405
    assert AccessLog.objects.count() == 3


def test_a_bad_date_shows_nothing_rather_than_everything(client_for, manager, entries):
    response = client_for(manager).get(LOG_URL, {"date_from": "yesterday"})
    assert response.status_code == 200 and listed(response) == []


# The admin ---------------------------------------------------------------------------------------------------------

def test_the_admin_is_read_only(admin_client, entries):
    model_admin = AccessLogAdmin(AccessLog, admin.site)
    request = RequestFactory().get("/")
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, entries["export"])
    assert not model_admin.has_delete_permission(request, entries["export"])
    assert admin_client.get(reverse("admin:accounts_accesslog_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:accounts_accesslog_add")).status_code == 403
    change = reverse("admin:accounts_accesslog_change", args=[entries["export"].pk])
    assert admin_client.post(change, {"label": "tampered"}).status_code == 403
    assert admin_client.post(reverse("admin:accounts_accesslog_delete", args=[entries["export"].pk]),
                             {"post": "yes"}).status_code == 403
    entries["export"].refresh_from_db()
    assert entries["export"].label == "12 rows"


def test_the_security_menu_links_to_the_log(client_for, manager):
    assert LOG_URL in client_for(manager).get(reverse("home")).content.decode()
