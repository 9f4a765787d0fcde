"""Inspection pages as anonymous, without permission (carer, inspector; SSW cannot record) and with it (manager)."""

import pytest
from django.urls import reverse

from inspections.models import Inspection
from tests.factories.inspections import InspectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def inspection():
    return InspectionFactory()


def urls(inspection):
    return [reverse("inspections:list"), reverse("inspections:detail", args=[inspection.pk]),
            reverse("inspections:notice_record"), reverse("inspections:edit", args=[inspection.pk])]


def test_anonymous_visitors_are_sent_to_sign_in(client, inspection):
    for url in urls(inspection):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


@pytest.mark.parametrize("role", ["carer_user", "inspector", "panel_member"])
def test_carers_inspectors_and_panel_members_find_nothing(request, client_for, inspection, role):
    client = client_for(request.getfixturevalue(role))
    for url in urls(inspection):
        assert client.get(url).status_code == 404, url


def test_a_social_worker_sees_the_countdown_but_cannot_record_or_change(client_for, ssw, inspection):
    client = client_for(ssw)
    response = client.get(reverse("inspections:detail", args=[inspection.pk]))
    assert response.status_code == 200
    assert b"Fieldwork starts" in response.content and b"Monday 30 Nov 2026" in response.content
    assert reverse("inspections:edit", args=[inspection.pk]).encode() not in response.content
    assert client.get(reverse("inspections:list")).status_code == 200
    assert client.get(reverse("inspections:notice_record")).status_code == 403
    assert client.post(reverse("inspections:edit", args=[inspection.pk]), {}).status_code == 403


def test_the_manager_records_a_notice(client_for, manager, mailoutbox, django_capture_on_commit_callbacks):
    client = client_for(manager)
    assert client.get(reverse("inspections:notice_record")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("inspections:notice_record"), {
            "type": "full", "notice_received_at": "2026-11-26T09:15", "notice_working_days": "2",
            "information_deadline_at": "", "records_upload_until": "", "lead_inspector": "Priya Raman", "notes": "",
        })
    inspection = Inspection.objects.get()
    assert response.status_code == 302 and response["Location"] == inspection.get_absolute_url()
    assert inspection.created_by == manager
    assert [m.to for m in mailoutbox] == [[manager.email]]
    page = client.get(inspection.get_absolute_url()).content.decode()
    assert "Information deadline</strong> Thursday 26 Nov 2026 at 12:00" in page
    assert "Fieldwork starts</strong> Monday 30 Nov 2026 at 09:00" in page


def test_a_notice_without_a_time_is_refused(client_for, manager):
    response = client_for(manager).post(reverse("inspections:notice_record"), {"type": "full",
                                                                                "notice_working_days": "2"})
    assert response.status_code == 200 and b"Nothing has been saved yet" in response.content
    assert not Inspection.objects.exists()


def test_the_manager_changes_the_information_deadline(client_for, manager, inspection):
    response = client_for(manager).post(reverse("inspections:edit", args=[inspection.pk]), {
        "type": "full", "notice_received_at": "2026-11-26T09:15", "notice_working_days": "2",
        "information_deadline_at": "2026-11-26T17:00", "records_upload_until": "", "lead_inspector": "Priya Raman",
        "notes": "", "status": "notice",
    })
    assert response.status_code == 302
    inspection.refresh_from_db()
    assert f"{inspection.information_deadline_at.astimezone(inspection.fieldwork_start.tzinfo):%H:%M}" == "17:00"
    assert inspection.history.count() == 2


def test_the_menu_links_to_inspections_only_for_staff(client_for, manager, carer_user, household):
    from django.urls import reverse

    link = f'href="{reverse("inspections:list")}"'
    assert link in client_for(manager).get(reverse("compliance:dashboard")).content.decode()
    assert link not in client_for(carer_user).get(household.get_absolute_url()).content.decode()
