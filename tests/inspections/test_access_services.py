"""Granting and withdrawing inspector access, and picking the sample (inspections/access.py)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import Role
from inspections import access
from inspections.models import InspectorGrant, SampledCase
from inspections.permissions import can_view_pack, forget_inspector_scope, inspector_scope
from tests.factories import HouseholdFactory, PlacementFactory, UserFactory
from tests.factories.inspection_access import InspectorGrantFactory, SampledCaseFactory
from tests.factories.inspections import InspectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def inspection():
    return InspectionFactory()


def window(hours_from_now=0, days=3):
    starts = timezone.now() + timedelta(hours=hours_from_now)
    return {"starts_at": starts, "ends_at": starts + timedelta(days=days)}


def test_a_manager_grants_access_and_is_recorded_as_granting_it(manager, inspector, inspection):
    grant = access.inspector_grant_create(inspection=inspection, inspector=inspector, user=manager, **window())

    assert grant.created_by == manager and grant.revoked_at is None
    assert inspector_scope(inspector).grant == grant


@pytest.mark.parametrize("fixture", ["inspector", "administrator", "ssw", "decision_maker"])
def test_only_a_manager_may_grant(request, inspector, inspection, fixture):
    user = request.getfixturevalue(fixture)
    with pytest.raises(PermissionDenied):
        access.inspector_grant_create(inspection=inspection, inspector=inspector, user=user, **window())
    assert not InspectorGrant.objects.exists()


def test_access_must_end_after_it_starts(manager, inspector, inspection):
    starts = timezone.now() + timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        access.inspector_grant_create(inspection=inspection, inspector=inspector, user=manager,
                                      starts_at=starts, ends_at=starts - timedelta(hours=1))
    assert error.value.message_dict == {"ends_at": ["Access must end after it starts."]}


def test_only_an_inspector_login_can_be_given_access(manager, administrator, inspection):
    with pytest.raises(ValidationError, match="does not have the inspector role"):
        access.inspector_grant_create(inspection=inspection, inspector=administrator, user=manager, **window())


def test_a_window_longer_than_the_setting_is_refused(settings, manager, inspector, inspection):
    settings.INSPECTOR_GRANT_MAX_DAYS = 5
    with pytest.raises(ValidationError, match="at most 5 days"):
        access.inspector_grant_create(inspection=inspection, inspector=inspector, user=manager, **window(days=6))
    assert access.inspector_grant_create(inspection=inspection, inspector=inspector, user=manager, **window(days=5))


def test_a_window_already_over_is_refused(manager, inspector, inspection):
    with pytest.raises(ValidationError, match="must end in the future"):
        access.inspector_grant_create(inspection=inspection, inspector=inspector, user=manager,
                                      **window(hours_from_now=-48, days=1))


def test_an_overlapping_window_for_the_same_inspector_is_refused(manager, inspector, inspection):
    InspectorGrantFactory(inspector=inspector, inspection=inspection)
    with pytest.raises(ValidationError, match="already has access"):
        access.inspector_grant_create(inspection=inspection, inspector=inspector, user=manager,
                                      **window(hours_from_now=24))
    # A withdrawn grant no longer blocks a new one.
    access.inspector_grant_revoke(grant=InspectorGrant.objects.get(), user=manager)
    assert access.inspector_grant_create(inspection=inspection, inspector=inspector, user=manager,
                                         **window(hours_from_now=24))


def test_an_inspector_cannot_extend_their_own_access(inspector, inspection):
    grant = InspectorGrantFactory(inspector=inspector, inspection=inspection)
    with pytest.raises(PermissionDenied):
        access.inspector_grant_create(inspection=inspection, inspector=inspector, user=inspector,
                                      starts_at=grant.ends_at, ends_at=grant.ends_at + timedelta(days=2))
    with pytest.raises(PermissionDenied):
        access.inspector_grant_revoke(grant=grant, user=inspector)
    assert InspectorGrant.objects.count() == 1


def test_withdrawing_ends_access_at_once_and_keeps_the_first_time(manager, inspector):
    grant = InspectorGrantFactory(inspector=inspector)
    first = timezone.now() - timedelta(minutes=5)
    access.inspector_grant_revoke(grant=grant, user=manager, now=first)
    access.inspector_grant_revoke(grant=grant, user=manager)

    grant.refresh_from_db()
    assert grant.revoked_at == first and grant.updated_by == manager
    assert not inspector_scope(inspector).active


def test_the_inspector_picks_cases_during_their_grant(inspector, household):
    grant = InspectorGrantFactory(inspector=inspector)
    case = access.sampled_case_add(inspection=grant.inspection, user=inspector, household=household)

    assert case.created_by == inspector
    assert access.sampled_case_add(inspection=grant.inspection, user=inspector, household=household) == case
    assert access.sampled_household_ids(grant) == {household.pk}
    assert access.sampled_resident_ids(grant) == frozenset()
    assert access.sampled_case_remove(inspection=grant.inspection, user=inspector, household=household)
    assert not SampledCase.objects.exists()


@pytest.mark.parametrize("trait", ["ended", "upcoming", "revoked"])
def test_the_inspector_cannot_pick_outside_their_grant(inspector, household, trait):
    grant = InspectorGrantFactory(inspector=inspector, **{trait: True})
    with pytest.raises(PermissionDenied):
        access.sampled_case_add(inspection=grant.inspection, user=inspector, household=household)


def test_the_inspector_cannot_pick_for_another_inspection(inspector, household):
    InspectorGrantFactory(inspector=inspector)
    with pytest.raises(PermissionDenied):
        access.sampled_case_add(inspection=InspectionFactory(), user=inspector, household=household)


@pytest.mark.parametrize("fixture", ["administrator", "ssw", "carer_user"])
def test_other_staff_and_carers_cannot_pick(request, inspection, household, fixture):
    with pytest.raises(PermissionDenied):
        access.sampled_case_add(inspection=inspection, user=request.getfixturevalue(fixture), household=household)


def test_setting_the_sample_adds_and_takes_out(manager, inspection, household, other_household):
    child = PlacementFactory().resident
    SampledCaseFactory(inspection=inspection, household=other_household)

    added, removed = access.sampled_cases_set(inspection=inspection, user=manager, household_ids=[household.pk],
                                              resident_ids=[child.pk])

    assert (added, removed) == (2, 1)
    assert access.sampled_case_ids(inspection=inspection) == ({household.pk}, {child.pk})


def test_only_the_case_list_can_be_added(manager, inspection):
    resigned = HouseholdFactory(resigned=True)
    with pytest.raises(ValidationError, match="Only approved households and children placed now"):
        access.sampled_cases_set(inspection=inspection, user=manager, household_ids=[resigned.pk], resident_ids=[])
    assert not SampledCase.objects.exists()


def test_the_case_list_has_approved_households_and_children_placed_now_with_the_sample_first(
        manager, inspection, household, other_household):
    HouseholdFactory(assessment=True, surname="Applicant")
    resigned = HouseholdFactory(resigned=True, surname="Aardvark")
    SampledCaseFactory(inspection=inspection, household=resigned)  # sampled before it resigned: stays listed

    cases = access.case_list(inspection=inspection)

    assert [h.pk for h in cases.households] == [resigned.pk, household.pk, other_household.pk]
    assert [r.pk for r in cases.residents] == [other_household.placements.get().resident_id]
    assert cases.households[2].children_placed == 1
    assert access.case_list(inspection=inspection, query="Fenwick").households == [resigned, household]


def test_the_scope_is_cached_on_the_user_until_forgotten(inspector, household, django_assert_num_queries):
    grant = InspectorGrantFactory(inspector=inspector)
    assert inspector_scope(inspector).household_ids == frozenset()
    SampledCaseFactory(inspection=grant.inspection, household=household)
    with django_assert_num_queries(0):
        assert inspector_scope(inspector).household_ids == frozenset()
    forget_inspector_scope(inspector)
    assert inspector_scope(inspector).household_ids == {household.pk}


def test_no_one_but_an_inspector_has_a_scope(manager):
    InspectorGrantFactory(inspector=UserFactory(role=Role.INSPECTOR))
    assert not inspector_scope(manager).active


def test_the_pack_is_for_staff_and_for_an_inspector_of_that_inspection_during_their_grant(ssw, carer_user,
                                                                                         inspector, inspection):
    assert can_view_pack(ssw, inspection) and not can_view_pack(carer_user, inspection)
    assert not can_view_pack(inspector, inspection)
    InspectorGrantFactory(inspector=inspector, inspection=inspection)
    forget_inspector_scope(inspector)
    assert can_view_pack(inspector, inspection) and can_view_pack(inspector)
    assert not can_view_pack(inspector, InspectionFactory())
