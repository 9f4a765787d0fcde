"""After fieldwork: the outcomes page and its forms, as anonymous, without permission (carer, panel member,
inspector: 404; social worker: sees, cannot change) and with it (the manager)."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from inspections.models import Action, Finding, Inspection
from tests.factories.inspection_outcomes import ActionFactory, RecommendationFactory, RequirementFactory
from tests.factories.inspections import InspectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished():
    """Fieldwork ended Friday 4 December 2026; the draft arrived Monday 21 December; one requirement
    (reg 35, due 1 March 2027) with an action, and one recommendation."""
    inspection = InspectionFactory(status=Inspection.Status.FINISHED, fieldwork_end=date(2026, 12, 4),
                                   draft_received_on=date(2026, 12, 21))
    ActionFactory(finding=RequirementFactory(inspection=inspection))
    RecommendationFactory(inspection=inspection)
    return inspection


def urls(inspection):
    finding = inspection.findings.filter(kind="requirement").get()
    action = finding.actions.get()
    return [reverse("inspections:outcomes", args=[inspection.pk]),
            reverse("inspections:outcomes_edit", args=[inspection.pk]),
            reverse("inspections:finding_create", args=[inspection.pk]),
            reverse("inspections:finding_edit", args=[inspection.pk, finding.pk]),
            reverse("inspections:action_create", args=[inspection.pk, finding.pk]),
            reverse("inspections:action_edit", args=[inspection.pk, action.pk])]


def test_anonymous_visitors_are_sent_to_sign_in(client, finished):
    for url in urls(finished):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


@pytest.mark.parametrize("role", ["carer_user", "inspector", "panel_member"])
def test_carers_inspectors_and_panel_members_find_nothing(request, client_for, finished, role):
    client = client_for(request.getfixturevalue(role))
    for url in urls(finished):
        assert client.get(url).status_code == 404, url


def test_a_social_worker_sees_the_outcomes_but_cannot_change_them(client_for, ssw, finished):
    client = client_for(ssw)
    page, *forms = urls(finished)
    response = client.get(page)
    assert response.status_code == 200 and b"Mark met today" not in response.content
    for url in forms:
        assert client.get(url).status_code == 403, url
    finding = finished.findings.get(kind="requirement")
    assert client.post(reverse("inspections:finding_met", args=[finished.pk, finding.pk])).status_code == 403


def test_the_page_shows_the_clock_the_judgements_and_the_action_plan(client_for, manager, finished):
    page = client_for(manager).get(urls(finished)[0]).content.decode()
    # Draft done 21 Dec; comments due Wed 30 Dec 2026 counted from it, overdue today (after 30 Dec 2026).
    assert "Done 21 Dec 2026" in page and "Wed 30 Dec 2026" in page and "after the draft arrived" in page
    assert "Final report due</strong> Wed 20 Jan 2027" in page
    assert "Reg 35" in page and "NMS 25.6" in page and "Book the quarterly quality review" in page
    assert "Not recorded" in page  # no judgements yet


def test_the_manager_records_dates_and_judgements(client_for, manager):
    inspection = InspectionFactory(notice_received_at=timezone.now() - timedelta(days=20))
    ended = timezone.localdate() - timedelta(days=10)
    response = client_for(manager).post(reverse("inspections:outcomes_edit", args=[inspection.pk]), {
        "fieldwork_end": str(ended), "draft_received_on": "", "comments_sent_on": "", "final_report_on": "",
        "published_on": "", "judgement_overall": "good", "judgement_helped_protected": "good",
        "judgement_leaders": "requires_improvement"})
    assert response.status_code == 302
    inspection.refresh_from_db()
    assert inspection.fieldwork_end == ended and inspection.status == Inspection.Status.FINISHED
    assert inspection.judgement_leaders == "requires_improvement" and inspection.updated_by == manager


def test_dates_out_of_order_or_in_the_future_are_refused_with_a_clear_message(client_for, manager):
    inspection = InspectionFactory(notice_received_at=timezone.now() - timedelta(days=40))
    today = timezone.localdate()
    ended = today - timedelta(days=30)
    response = client_for(manager).post(reverse("inspections:outcomes_edit", args=[inspection.pk]), {
        "fieldwork_end": str(ended), "draft_received_on": str(ended - timedelta(days=2)),
        "comments_sent_on": str(today + timedelta(days=1)), "final_report_on": "",
        "published_on": str(today - timedelta(days=1)), "judgement_overall": "", "judgement_helped_protected": "",
        "judgement_leaders": ""})
    page = response.content.decode()
    assert response.status_code == 200 and "Nothing has been saved yet" in page
    assert f"This cannot be before the end of fieldwork ({ended:%d %b %Y})." in page
    assert "Record when the final report arrived first." in page
    assert "This date is in the future: record it once it has happened." in page
    inspection.refresh_from_db()
    assert inspection.fieldwork_end is None


def test_the_manager_adds_a_requirement_with_a_regulation_from_the_grouped_picker(client_for, manager, finished):
    client = client_for(manager)
    url = reverse("inspections:finding_create", args=[finished.pk])
    form = client.get(url).content.decode()
    assert '<optgroup label="Regulations (FSR 2011)">' in form and '<optgroup label="National Minimum Standards' in form
    refused = client.post(url, {"kind": "requirement", "text": "Do it.", "clause": "nms2011:21",
                                "due_date": "2027-04-01", "met_on": ""})
    assert "A requirement cites a regulation (FSR 2011): choose one from that group." in refused.content.decode()
    no_date = client.post(url, {"kind": "requirement", "text": "Do it.", "clause": "fsr2011:r17", "due_date": "",
                                "met_on": ""})
    assert "A requirement has a compliance date" in no_date.content.decode()
    response = client.post(url, {"kind": "requirement", "text": "Train every carer.", "clause": "fsr2011:r17",
                                 "due_date": "2027-04-01", "met_on": ""})
    finding = Finding.objects.get(text="Train every carer.")
    assert response.status_code == 302 and response["Location"].endswith(f"#finding-{finding.pk}")
    assert finding.created_by == manager and finding.clause_id == "fsr2011:r17"


def test_the_manager_adds_an_action_and_marks_the_requirement_met(client_for, manager, finished):
    client = client_for(manager)
    finding = finished.findings.get(kind="requirement")
    response = client.post(reverse("inspections:action_create", args=[finished.pk, finding.pk]), {
        "description": "Audit every carer's file.", "owner": manager.pk, "due_date": "2027-01-15",
        "status": "done", "completed_on": ""})
    assert response.status_code == 302
    action = Action.objects.get(description="Audit every carer's file.")
    assert action.owner == manager and action.completed_on == timezone.localdate()
    client.post(reverse("inspections:finding_met", args=[finished.pk, finding.pk]))
    finding.refresh_from_db()
    assert finding.met_on == timezone.localdate()
    assert client.get(reverse("inspections:finding_met", args=[finished.pk, finding.pk])).status_code == 405


def test_an_action_needs_an_owner_and_a_date_only_when_done(client_for, manager, finished):
    action = Action.objects.get()
    response = client_for(manager).post(reverse("inspections:action_edit", args=[finished.pk, action.pk]), {
        "description": "x", "owner": "", "due_date": "", "status": "in_progress",
        "completed_on": str(timezone.localdate())})
    page = response.content.decode()
    assert "This field is required." in page and "Only a step marked done has a completion date." in page


def test_another_inspections_finding_is_a_404(client_for, manager, finished):
    other = InspectionFactory()
    finding = finished.findings.get(kind="requirement")
    assert client_for(manager).get(
        reverse("inspections:finding_edit", args=[other.pk, finding.pk])).status_code == 404


def test_the_inspection_page_shows_the_after_fieldwork_card(client_for, manager, finished):
    Inspection.objects.filter(pk=finished.pk).update(judgement_overall="good")
    page = client_for(manager).get(finished.get_absolute_url()).content.decode()
    assert 'id="outcomes-card"' in page and 'id="fieldwork-end">Fri 4 Dec 2026<' in page
    assert "1 requirement not yet met" in page and 'id="judgement-overall"' in page


def test_the_outcomes_page_makes_a_fixed_number_of_queries(client_for, manager, finished,
                                                           django_assert_max_num_queries):
    page = urls(finished)[0]
    for _ in range(5):
        finding = RequirementFactory(inspection=finished, due_date=timezone.localdate() + timedelta(days=40))
        ActionFactory(finding=finding, owner=manager)
    client = client_for(manager)
    with django_assert_max_num_queries(8):
        assert client.get(page).status_code == 200
