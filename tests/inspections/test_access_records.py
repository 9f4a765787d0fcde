"""What an inspector reads through the records choke point: only during a grant, only the sampled cases.

`granted_inspector` (tests/conftest.py) has an active grant whose inspection sampled `household` only;
`other_household` (a carer, a carer's child and a child placed) is never sampled unless a test says so.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from records import models as m
from records.permissions import CHANGE, VIEW, can, policy_for, restrict
from records.resources import BY_SLUG
from tests import factories as f
from tests.factories.inspection_access import InspectorGrantFactory, SampledCaseFactory
from tests.records.test_views import SLUGS, record_for, url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("slug", SLUGS)
def test_a_sampled_households_records_open_and_another_households_are_not_found(
        client_for, granted_inspector, household, other_household, slug):
    policy = policy_for(BY_SLUG[slug].model)
    own, other = record_for(slug, household), record_for(slug, other_household)
    client = client_for(granted_inspector)
    if policy.managers_only or BY_SLUG[slug].model is m.StaffMember:
        assert client.get(url(slug, "list")).status_code == 403
        assert client.get(url(slug, "detail", own)).status_code == 404
        return
    assert client.get(url(slug, "detail", own)).status_code == 200
    assert client.get(url(slug, "history", own)).status_code == 200
    assert client.get(url(slug, "update", own)).status_code == 404  # read only
    for action in ("detail", "update", "history"):
        assert client.get(url(slug, action, other)).status_code == 404, action
    listing = client.get(url(slug, "list")).content.decode()
    assert f'href="{own.get_absolute_url()}"' in listing
    assert f'href="{other.get_absolute_url()}"' not in listing


def test_a_sampled_child_opens_with_their_placements_journal_and_missing_episodes_anywhere(inspector, household):
    placement = f.PlacementFactory()  # in a household nobody sampled
    journal = f.JournalEntryFactory(placement=placement)
    episode = f.MissingEpisodeFactory(placement=placement)
    complaint = f.ComplaintFactory(household=None, resident=placement.resident)
    grant = InspectorGrantFactory(inspector=inspector)
    SampledCaseFactory(inspection=grant.inspection, household=None, resident=placement.resident)

    assert list(restrict(m.Resident.objects.all(), inspector)) == [placement.resident]
    assert list(restrict(m.Placement.objects.all(), inspector)) == [placement]
    assert list(restrict(m.JournalEntry.objects.all(), inspector)) == [journal]
    assert list(restrict(m.MissingEpisode.objects.all(), inspector)) == [episode]
    assert list(restrict(m.Complaint.objects.all(), inspector)) == [complaint]
    assert not restrict(m.Household.objects.all(), inspector).exists()  # the child, not where they live
    assert not restrict(m.Carer.objects.all(), inspector).exists()


def test_a_sampled_households_children_open_while_they_are_placed_there(client_for, granted_inspector, household):
    now_placed = f.PlacementFactory(household=household)
    earlier = f.PlacementFactory(household=household, start_date=timezone.localdate() - timedelta(days=400))
    earlier.end_date, earlier.end_reason = timezone.localdate() - timedelta(days=300), "returned_home"
    earlier.save()
    client = client_for(granted_inspector)

    assert client.get(now_placed.resident.get_absolute_url()).status_code == 200
    assert client.get(earlier.get_absolute_url()).status_code == 200  # the household's placement record
    assert client.get(earlier.resident.get_absolute_url()).status_code == 404  # no longer placed there


def test_allegations_and_staff_files_stay_closed_even_for_a_sampled_household(client_for, granted_inspector,
                                                                             household):
    allegation = f.AllegationFactory(household=household)
    staff_check = f.CheckFactory(carer=None, staff_member=f.StaffMemberFactory())
    client = client_for(granted_inspector)

    assert client.get(url("allegations", "detail", allegation)).status_code == 404
    assert client.get(url("checks", "detail", staff_check)).status_code == 404
    assert not can(granted_inspector, VIEW, m.StaffMember)


def test_an_inspector_changes_nothing(granted_inspector, household):
    assert not restrict(m.Household.objects.all(), granted_inspector, CHANGE).exists()
    assert not can(granted_inspector, CHANGE, m.Household)


@pytest.mark.parametrize("trait", ["ended", "upcoming", "revoked"])
def test_outside_a_grant_nothing_is_visible(inspector, household, trait):
    grant = InspectorGrantFactory(inspector=inspector, **{trait: True})
    SampledCaseFactory(inspection=grant.inspection, household=household)

    assert not restrict(m.Household.objects.all(), inspector).exists()
    assert not can(inspector, VIEW, m.Household)


def test_another_inspections_sample_opens_nothing(inspector, household, other_household):
    InspectorGrantFactory(inspector=inspector)
    SampledCaseFactory(household=household)  # sampled for a different inspection

    assert not restrict(m.Household.objects.all(), inspector).exists()


def test_the_scope_is_worked_out_once_per_request(client_for, granted_inspector, household,
                                                  django_assert_max_num_queries):
    """The household list makes a fixed number of queries however many households are sampled."""
    client = client_for(granted_inspector)
    grant = granted_inspector.inspector_grants.get()
    client.get(url("households", "list"))  # warm caches (content types, session)
    # session, user, two-step device, grant, sample, count, page, the filter's social workers, the access log row
    with django_assert_max_num_queries(9) as few:
        response = client.get(url("households", "list"))
    assert len(response.context["rows"]) == 1
    for _ in range(5):
        SampledCaseFactory(inspection=grant.inspection, household=f.HouseholdFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url("households", "list"))
    assert len(response.context["rows"]) == 6


def test_the_menu_offers_records_only_during_a_grant(client_for, inspector, household):
    response = client_for(inspector).get(reverse("home"))
    assert response.context["menu"] == []
    InspectorGrantFactory(inspector=inspector)
    headings = [heading for heading, _ in client_for(inspector).get(reverse("home")).context["menu"]]
    assert headings == ["Carers", "Children", "Oversight"]
