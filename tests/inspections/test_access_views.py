"""Inspector access pages as anonymous, without permission and with it; the inspector's home page; the
middleware that logs every page an inspector opens and ends their access on time."""

from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccessLog
from inspections.models import InspectorGrant, SampledCase
from inspections.timeline import local
from tests.factories import PlacementFactory
from tests.factories.inspection_access import InspectorGrantFactory, SampledCaseFactory
from tests.factories.inspections import InspectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def inspection():
    return InspectionFactory()


def manager_pages(inspection):
    return [reverse("inspections:access_grant", args=[inspection.pk]),
            reverse("inspections:access_log", args=[inspection.pk]),
            reverse("inspections:access_cases", args=[inspection.pk])]


def form(inspector, starts, ends):
    return {"inspector": inspector.pk, "starts_at": f"{local(starts):%Y-%m-%dT%H:%M}",
            "ends_at": f"{local(ends):%Y-%m-%dT%H:%M}"}


# Anonymous / without permission / with permission ---------------------------------------------------

def test_anonymous_visitors_are_sent_to_sign_in(client, inspection):
    grant = InspectorGrantFactory(inspection=inspection)
    for url in [*manager_pages(inspection), reverse("inspections:access_revoke", args=[inspection.pk, grant.pk])]:
        response = client.post(url) if "withdraw" in url else client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


@pytest.mark.parametrize("fixture", ["carer_user", "ssw", "administrator", "decision_maker", "panel_member"])
def test_carers_and_other_staff_find_no_grant_pages(request, client_for, inspection, fixture):
    client = client_for(request.getfixturevalue(fixture))
    grant = InspectorGrantFactory(inspection=inspection)
    for url in manager_pages(inspection):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("inspections:access_revoke", args=[inspection.pk, grant.pk])).status_code == 404
    grant.refresh_from_db()
    assert grant.revoked_at is None


def test_an_inspector_cannot_grant_themselves_access_or_extend_it(client_for, inspector, inspection):
    grant = InspectorGrantFactory(inspector=inspector, inspection=inspection)
    client = client_for(inspector)
    url = reverse("inspections:access_grant", args=[inspection.pk])
    assert client.get(url).status_code == 404
    response = client.post(url, form(inspector, grant.ends_at, grant.ends_at + timedelta(days=3)))
    assert response.status_code == 404
    assert InspectorGrant.objects.count() == 1
    assert client.get(reverse("inspections:access_log", args=[inspection.pk])).status_code == 404


def test_a_manager_sees_every_access_page(client_for, manager, inspection):
    client = client_for(manager)
    for url in manager_pages(inspection):
        assert client.get(url).status_code == 200, url


# Granting and withdrawing --------------------------------------------------------------------------------

def test_a_manager_grants_access_from_the_form(client_for, manager, inspector, inspection):
    starts = timezone.now().replace(second=0, microsecond=0)
    response = client_for(manager).post(reverse("inspections:access_grant", args=[inspection.pk]),
                                        form(inspector, starts, starts + timedelta(days=4)), follow=True)

    grant = InspectorGrant.objects.get()
    assert (grant.inspector, grant.inspection, grant.starts_at) == (inspector, inspection, starts)
    assert response.redirect_chain[-1][0] == f"{inspection.get_absolute_url()}#access"
    assert "can sign in, read only" in response.content.decode()


@pytest.mark.parametrize("change, message", [
    ({"ends_at": -1}, "Access must end after it starts."),
    ({"ends_at": 24 * 20}, "Access can last at most 14 days"),
])
def test_the_form_explains_a_bad_window(client_for, manager, inspector, inspection, change, message):
    starts = timezone.now() + timedelta(hours=1)
    data = form(inspector, starts, starts + timedelta(hours=change["ends_at"]))
    response = client_for(manager).post(reverse("inspections:access_grant", args=[inspection.pk]), data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not InspectorGrant.objects.exists()


def test_the_form_refuses_a_login_without_the_inspector_role(client_for, manager, administrator, inspection):
    starts = timezone.now() + timedelta(hours=1)
    response = client_for(manager).post(reverse("inspections:access_grant", args=[inspection.pk]),
                                        form(administrator, starts, starts + timedelta(days=1)))
    assert "Choose a login with the inspector role." in response.content.decode()
    assert not InspectorGrant.objects.exists()


def test_a_manager_withdraws_access_and_the_revoke_needs_post(client_for, manager, inspection):
    grant = InspectorGrantFactory(inspection=inspection)
    client = client_for(manager)
    url = reverse("inspections:access_revoke", args=[inspection.pk, grant.pk])
    assert client.get(url).status_code == 405
    response = client.post(url)
    grant.refresh_from_db()
    assert response.status_code == 302 and grant.revoked_at is not None


def test_the_inspection_page_shows_grants_their_status_and_the_sample(client_for, manager, ssw, inspection,
                                                                     household):
    active = InspectorGrantFactory(inspection=inspection)
    InspectorGrantFactory(inspection=inspection, ended=True)
    SampledCaseFactory(inspection=inspection, household=household)
    page = client_for(manager).get(inspection.get_absolute_url()).content.decode()

    assert "Active" in page and "Ended" in page
    assert reverse("inspections:access_revoke", args=[inspection.pk, active.pk]) in page
    assert household.get_absolute_url() in page and reverse("inspections:access_grant", args=[inspection.pk]) in page
    staff_view = client_for(ssw).get(inspection.get_absolute_url()).content.decode()
    assert "Inspector access" in staff_view
    assert reverse("inspections:access_revoke", args=[inspection.pk, active.pk]) not in staff_view


# The case list ---------------------------------------------------------------------------------------------

def test_the_inspector_picks_cases_from_the_case_list_during_their_grant(client_for, inspector, household,
                                                                        other_household):
    grant = InspectorGrantFactory(inspector=inspector)
    child = other_household.placements.get().resident
    client = client_for(inspector)
    url = reverse("inspections:access_cases", args=[grant.inspection.pk])

    page = client.get(url).content.decode()
    assert household.name in page and child.last_name in page
    assert client.get(household.get_absolute_url()).status_code == 404  # not sampled yet
    client.post(url, {"household": [household.pk], "resident": [child.pk]})

    assert SampledCase.objects.filter(inspection=grant.inspection).count() == 2
    assert client.get(household.get_absolute_url()).status_code == 200
    assert client.get(child.get_absolute_url()).status_code == 200
    assert client.get(other_household.get_absolute_url()).status_code == 404  # the child, not their household


def test_the_inspector_cannot_open_another_inspections_case_list(client_for, inspector):
    InspectorGrantFactory(inspector=inspector)
    other = InspectionFactory()
    assert client_for(inspector).get(reverse("inspections:access_cases", args=[other.pk])).status_code == 404


def test_a_manager_picks_on_the_inspectors_behalf(client_for, manager, inspection, household):
    client_for(manager).post(reverse("inspections:access_cases", args=[inspection.pk]), {"household": [household.pk]})
    assert SampledCase.objects.get().household == household


def test_a_case_not_on_the_list_is_refused_with_a_message(client_for, manager, inspection):
    ended = PlacementFactory()
    ended.end_date, ended.end_reason = ended.start_date + timedelta(days=10), "returned_home"
    ended.save()
    response = client_for(manager).post(reverse("inspections:access_cases", args=[inspection.pk]),
                                        {"resident": [ended.resident_id]}, follow=True)
    assert "Only approved households and children placed now" in response.content.decode()
    assert not SampledCase.objects.exists()


# The inspector's home page and the end of access -------------------------------------------------------------

def test_during_a_grant_the_inspector_lands_on_their_inspection(client_for, granted_inspector, household):
    grant = granted_inspector.inspector_grants.get()
    response = client_for(granted_inspector).get(reverse("home"))
    page = response.content.decode()

    assert response.status_code == 200
    assert "inspections/access/inspector_home.html" in [t.name for t in response.templates]
    assert household.get_absolute_url() in page
    assert reverse("inspections:access_cases", args=[grant.inspection.pk]) in page
    assert f"{local(grant.ends_at):%H:%M}" in page


def test_before_access_starts_home_gives_the_dates_and_everything_else_is_not_found(client_for, inspector,
                                                                                   household):
    grant = InspectorGrantFactory(inspector=inspector, upcoming=True)
    SampledCaseFactory(inspection=grant.inspection, household=household)
    client = client_for(inspector)

    page = client.get(reverse("home")).content.decode()
    assert "has not started yet" in page and f"{local(grant.starts_at):%H:%M}" in page
    assert client.get(household.get_absolute_url()).status_code == 404
    assert client.get(reverse("inspections:access_cases", args=[grant.inspection.pk])).status_code == 404
    assert SESSION_KEY in client.session  # still signed in: their access is to come


@pytest.mark.parametrize("trait, words", [("ended", "Your inspector access ended"),
                                          ("revoked", "Your inspector access was withdrawn")])
def test_once_access_is_over_the_inspector_is_refused_and_signed_out(client_for, inspector, household, trait,
                                                                    words):
    grant = InspectorGrantFactory(inspector=inspector, **{trait: True})
    SampledCaseFactory(inspection=grant.inspection, household=household)
    client = client_for(inspector)

    response = client.get(household.get_absolute_url(), follow=True)

    assert response.redirect_chain == [(reverse("accounts:login"), 302)]
    assert words in response.content.decode()
    assert SESSION_KEY not in client.session
    assert client.get(household.get_absolute_url()).status_code == 302  # anonymous now: to the sign-in page


def test_access_ends_in_the_middle_of_a_session(client_for, granted_inspector, household):
    client = client_for(granted_inspector)
    assert client.get(household.get_absolute_url()).status_code == 200
    InspectorGrant.objects.update(ends_at=timezone.now() - timedelta(seconds=1))  # time passes

    response = client.get(household.get_absolute_url())

    assert response.status_code == 302 and response["Location"] == reverse("accounts:login")
    assert SESSION_KEY not in client.session


def test_after_access_ended_the_home_page_gives_the_dates_then_signs_out(client_for, inspector):
    grant = InspectorGrantFactory(inspector=inspector, ended=True)
    client = client_for(inspector)
    page = client.get(reverse("home")).content.decode()

    assert "Your access ended at" in page and f"{local(grant.ends_at):%H:%M}" in page
    assert SESSION_KEY not in client.session


def test_withdrawing_signs_the_inspector_out_at_their_next_click(client_for, manager, granted_inspector, household):
    inspector_client = client_for(granted_inspector)
    assert inspector_client.get(household.get_absolute_url()).status_code == 200
    grant = granted_inspector.inspector_grants.get()
    client_for(manager).post(reverse("inspections:access_revoke", args=[grant.inspection.pk, grant.pk]))

    assert inspector_client.get(household.get_absolute_url()).status_code == 302
    assert SESSION_KEY not in inspector_client.session


# The access log -------------------------------------------------------------------------------------------------

def test_every_page_the_inspector_opens_writes_one_log_row(client_for, granted_inspector, household):
    grant = granted_inspector.inspector_grants.get()
    client = client_for(granted_inspector)
    pages = [reverse("home"), reverse("records:household_list"), household.get_absolute_url(),
             reverse("inspections:access_cases", args=[grant.inspection.pk]), reverse("panels:member_list")]
    for number, url in enumerate(pages, start=1):
        assert client.get(url).status_code == 200, url
        assert AccessLog.objects.count() == number, url

    entry = AccessLog.objects.get(path=household.get_absolute_url())
    assert (entry.user, entry.action) == (granted_inspector, AccessLog.Action.VIEW)
    assert (entry.object_kind, entry.object_id, entry.label) == ("records.household", str(household.pk),
                                                                 str(household))
    labels = list(AccessLog.objects.order_by("at", "pk").values_list("label", flat=True))
    assert labels == ["Home page", "Households", str(household), f"Case list: {grant.inspection}",
                      "Panel central list"]


def test_refusals_posts_and_htmx_fragments_are_not_logged(client_for, granted_inspector, other_household):
    grant = granted_inspector.inspector_grants.get()
    client = client_for(granted_inspector)
    assert client.get(other_household.get_absolute_url()).status_code == 404
    client.post(reverse("inspections:access_cases", args=[grant.inspection.pk]), {})
    client.get(reverse("home"), HTTP_HX_REQUEST="true")
    assert not AccessLog.objects.exists()


def test_staff_pages_are_not_logged(client_for, manager, household):
    client_for(manager).get(household.get_absolute_url())
    assert not AccessLog.objects.exists()


def test_the_manager_reads_the_log(client_for, manager, granted_inspector, household):
    grant = granted_inspector.inspector_grants.get()
    client_for(granted_inspector).get(household.get_absolute_url())
    page = client_for(manager).get(reverse("inspections:access_log", args=[grant.inspection.pk])).content.decode()
    assert str(household) in page and household.get_absolute_url() in page
    card = client_for(manager).get(grant.inspection.get_absolute_url()).content.decode()
    assert "(last" in card


def test_the_log_and_the_count_cover_only_the_grants_windows(client_for, manager, granted_inspector, household):
    grant = granted_inspector.inspector_grants.get()
    client_for(granted_inspector).get(household.get_absolute_url())
    before = AccessLog.objects.create(user=granted_inspector, action=AccessLog.Action.VIEW, object_kind="page",
                                      path="/before/")
    AccessLog.objects.filter(pk=before.pk).update(at=grant.starts_at - timedelta(days=1))

    page = client_for(manager).get(reverse("inspections:access_log", args=[grant.inspection.pk]))

    assert [entry.path for entry in page.context["page"].object_list] == [household.get_absolute_url()]
    card = client_for(manager).get(grant.inspection.get_absolute_url()).context["access"]
    assert card["grants"][0]["views"] == 1
