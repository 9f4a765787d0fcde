"""The "Panel history" section on a household's page, added through records' detail-section hook."""

from django.urls import reverse
from django.utils import timezone

from panels.choices import Decision, ItemKind, Recommendation
from tests.factories.panels import AgencyDecisionFactory, AgendaItemFactory

NO_TERMS = dict(approval_category="", approved_places=None, age_range_min=None, age_range_max=None,
                placement_types=[])


def review_decision(meeting, household, **kwargs):
    item = AgendaItemFactory(meeting=meeting, household=household, kind=ItemKind.REVIEW,
                             recommendation=Recommendation.CONTINUE, recommendation_reasons="Going well.")
    return AgencyDecisionFactory(item=item, decision=Decision.CONTINUE, **NO_TERMS, **kwargs)


def test_staff_see_every_item_on_the_household_page(client_for, manager, item):
    page = client_for(manager).get(item.household.get_absolute_url()).content.decode()
    assert "Panel history" in page
    assert reverse("panels:item_detail", args=[item.pk]) in page
    assert "Awaiting decision" in page


def test_the_supervising_social_worker_sees_the_section_for_their_household(client_for, ssw, item):
    page = client_for(ssw).get(item.household.get_absolute_url()).content.decode()
    assert reverse("panels:item_detail", args=[item.pk]) in page


def test_a_carer_sees_their_letters_once_written_notice_is_recorded(client_for, carer_user, meeting, household):
    decision = review_decision(meeting, household)
    page = client_for(carer_user).get(household.get_absolute_url()).content.decode()
    assert "Panel decisions" not in page

    decision.written_notice_date = timezone.localdate()
    decision.save()
    page = client_for(carer_user).get(household.get_absolute_url()).content.decode()
    assert "Panel decisions" in page
    assert reverse("panels:decision_letter", args=[decision.pk]) in page
    assert reverse("panels:item_detail", args=[decision.item_id]) not in page


def test_the_household_history_page_shows_the_same_section(client_for, manager, item, other_household, ssw):
    assert reverse("panels:item_detail", args=[item.pk]) in client_for(manager).get(
        reverse("panels:household_history", args=[item.household_id])).content.decode()
    assert client_for(ssw).get(reverse("panels:household_history", args=[other_household.pk])).status_code == 404


def test_a_household_that_never_went_to_panel_says_so(client_for, manager, other_household):
    page = client_for(manager).get(other_household.get_absolute_url()).content.decode()
    assert "This household has not been to panel." in page
