"""The readiness pages, the dashboard's countdown card and the carers' menu link: anonymous, without
permission and with it; a fixed number of queries whatever the number of households."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from compliance.models import ComplianceRun, Gap
from compliance.services import run_execute, run_request
from inspections.models import Inspection
from inspections.services import inspection_record_notice
from tests.factories import CarerFactory, HouseholdFactory
from tests.factories.inspections import InspectionFactory


@pytest.fixture
def notice(manager, household, carer_user, other_household, django_capture_on_commit_callbacks):
    """A notice recorded an hour ago by the manager, its whole-agency run finished (eager Celery)."""
    with django_capture_on_commit_callbacks(execute=True):
        inspection = inspection_record_notice(user=manager, type=Inspection.Type.FULL,
                                              notice_received_at=timezone.now() - timedelta(hours=1))
    inspection.refresh_from_db()
    return inspection


def url(inspection):
    return reverse("inspections:readiness", args=[inspection.pk])


def test_anonymous_visitors_are_sent_to_sign_in(client, notice):
    for address in (url(notice), reverse("inspections:readiness_current")):
        response = client.get(address)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("role", ["panel_member", "inspector"])
def test_panel_members_and_inspectors_find_nothing(request, client_for, notice, role):
    client = client_for(request.getfixturevalue(role))
    assert client.get(url(notice)).status_code == 404
    assert client.get(reverse("inspections:readiness_current")).status_code == 404


def test_the_manager_sees_the_figures_the_progress_bar_and_everyone_responsible(client_for, manager, notice, ssw,
                                                                               other_ssw, household):
    Gap.objects.filter(pk=notice.notice_gaps.first().gap_id).update(status=Gap.Status.RESOLVED)
    page = client_for(manager).get(url(notice)).content.decode()
    at_notice = notice.notice_gaps.count()
    assert f'id="at-notice">{at_notice}<' in page and 'id="closed-since">1<' in page
    assert f"1 of {at_notice} items open at the notice now closed" in page
    assert 'id="readiness-progress"' in page and "Recheck now" in page
    assert f'id="person-sw{ssw.staff_member.pk}"' in page and f'id="person-sw{other_ssw.staff_member.pk}"' in page
    assert f'id="person-hh{household.pk}"' in page and 'id="person-agency"' in page
    assert "Fenwick household" in page and "Okafor household" in page


def test_the_filters_narrow_the_list(client_for, manager, notice, ssw, other_ssw):
    page = client_for(manager).get(url(notice), {"person": f"sw:{other_ssw.staff_member.pk}",
                                                 "severity": "", "area": "", "since": ""}).content.decode()
    assert f'id="person-sw{other_ssw.staff_member.pk}"' in page and 'id="person-' + "agency" not in page
    assert f'id="person-sw{ssw.staff_member.pk}"' not in page
    assert f'<option value="sw:{other_ssw.staff_member.pk}" selected>' in page
    page = client_for(manager).get(url(notice), {"since": "new"}).content.decode()
    assert "Nothing matches these filters." in page


def test_a_social_worker_opens_on_their_caseload_without_a_recheck_button(client_for, ssw, notice):
    page = client_for(ssw).get(url(notice)).content.decode()
    assert "Fenwick household" in page and "Okafor household" not in page
    assert f'<option value="sw:{ssw.staff_member.pk}" selected>' in page
    assert "Recheck now" not in page


def test_a_carer_sees_only_their_own_items_in_plain_words(client_for, carer_user, notice, household):
    response = client_for(carer_user).get(url(notice))
    page = response.content.decode()
    assert response.status_code == 200 and "What we need from you" in page
    theirs = Gap.objects.filter(status="open", household=household, subject_kind__in=["carer", "household_member"])
    assert page.count('class="list-group-item"') >= theirs.count() > 0
    assert "Okafor" not in page and "CR-HH" not in page and "Fieldwork starts" in page
    assert client_for(carer_user).get(reverse("inspections:readiness_current")).url == url(notice)


def test_a_carer_finds_nothing_once_the_notice_period_is_over_or_on_other_pages(client_for, carer_user, notice):
    client = client_for(carer_user)
    assert client.get(reverse("inspections:detail", args=[notice.pk])).status_code == 404
    old = InspectionFactory(notice_received_at=timezone.now() - timedelta(days=400), status="finished")
    assert client.get(url(old)).status_code == 404
    Inspection.objects.filter(pk=notice.pk).update(fieldwork_end=timezone.localdate())
    assert client.get(url(notice)).status_code == 404
    assert client.get(reverse("inspections:readiness_current")).status_code == 404


def test_the_outsider_carer_sees_their_own_household_only(client_for, outsider_carer, notice, other_household):
    page = client_for(outsider_carer).get(url(notice)).content.decode()
    assert "Okafor household" in page and "Fenwick household" not in page


def test_before_the_baseline_the_page_says_it_is_waiting(client_for, manager, household,
                                                         django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        inspection = inspection_record_notice(user=manager, type="full", notice_received_at=timezone.now())
    page = client_for(manager).get(url(inspection)).content.decode()
    assert 'id="readiness-waiting"' in page


def test_the_readiness_page_makes_a_fixed_number_of_queries(client_for, manager, notice,
                                                            django_assert_max_num_queries):
    client = client_for(manager)
    client.get(url(notice))
    for _ in range(6):
        household = HouseholdFactory()
        CarerFactory(household=household)
    run_execute(run_id=run_request(trigger=ComplianceRun.Trigger.MANUAL, enqueue=False).pk)
    assert Gap.objects.filter(status="open").values("household").distinct().count() >= 8
    with django_assert_max_num_queries(11):
        assert client.get(url(notice)).status_code == 200


def test_the_carers_page_makes_a_fixed_number_of_queries(client_for, carer_user, notice,
                                                         django_assert_max_num_queries):
    client = client_for(carer_user)
    with django_assert_max_num_queries(10):
        assert client.get(url(notice)).status_code == 200


def test_the_inspection_page_shows_the_readiness_card(client_for, manager, notice):
    page = client_for(manager).get(notice.get_absolute_url()).content.decode()
    assert 'id="readiness-card"' in page and "Who still has to do what" in page


# The countdown card and the menu -------------------------------------------------------------------------

def test_the_dashboard_shows_the_countdown_while_a_notice_is_current(client_for, manager, notice):
    page = client_for(manager).get(reverse("home")).content.decode()
    assert 'id="notice-countdown"' in page and "Fieldwork starts" in page
    start = notice.fieldwork_start
    assert f"{start:%A} {start.day} {start:%b %Y} at 09:00" in page and "data-countdown=" in page
    assert 'id="notice-countdown"' in client_for(manager).get(reverse("compliance:dashboard")).content.decode()


def test_no_countdown_without_a_current_notice(client_for, manager, notice):
    Inspection.objects.filter(pk=notice.pk).update(status="finished", fieldwork_end=timezone.localdate())
    assert 'id="notice-countdown"' not in client_for(manager).get(reverse("home")).content.decode()


def test_carers_get_a_before_the_inspection_link_only_while_a_notice_is_current(
        client_for, carer_user, household, manager, django_capture_on_commit_callbacks):
    client = client_for(carer_user)
    link = reverse("inspections:readiness_current")
    assert link not in client.get(household.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        inspection_record_notice(user=manager, type="full", notice_received_at=timezone.now())
    page = client.get(household.get_absolute_url()).content.decode()
    assert link in page and "Before the inspection" in page
