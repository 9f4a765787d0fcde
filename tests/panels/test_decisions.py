"""decision_record: the ADM's decision and the household's status and terms change together, or not at all."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from panels.choices import Decision, ItemKind, Recommendation
from panels.models import AgencyDecision
from panels.services import decision_record
from panels.terms import Terms
from records.choices import ApprovalCategory, HouseholdStatus, PlacementType
from records.models import Household
from tests.factories import HouseholdFactory
from tests.factories.panels import AgendaItemFactory, PanelMinutesFactory

TWO_TO_TEN = Terms(approval_category=ApprovalCategory.MAINSTREAM, approved_places=2, age_range_min=0,
                   age_range_max=18, placement_types=(PlacementType.LONG_TERM, PlacementType.SHORT_TERM))


def decide(item, user, decision, **kwargs):
    kwargs.setdefault("reasons", "Considered the recommendation, minutes and papers.")
    kwargs.setdefault("decision_date", timezone.localdate())
    return decision_record(item=item, user=user, decision=decision, **kwargs)


def test_an_approval_approves_the_household_on_the_recommended_terms(item, decision_maker):
    decision = decide(item, decision_maker, Decision.APPROVE, terms=TWO_TO_TEN)

    household = Household.objects.get(pk=item.household_id)
    assert household.status == HouseholdStatus.APPROVED
    assert household.approval_date == decision.decision_date
    assert household.panel_date == item.meeting.date
    assert Terms.of(household) == TWO_TO_TEN
    assert decision.decided_by == decision_maker


def test_the_households_history_names_the_decision_and_the_decision_maker(item, decision_maker):
    decision = decide(item, decision_maker, Decision.APPROVE, terms=TWO_TO_TEN)

    latest = Household.objects.get(pk=item.household_id).history.latest()
    assert latest.history_change_reason.startswith(f"ADM decision #{decision.pk}: Approve")
    assert latest.history_user == decision_maker
    assert latest.status == HouseholdStatus.APPROVED


def test_the_history_tab_shows_the_decision(item, decision_maker, client_for, manager):
    decision = decide(item, decision_maker, Decision.APPROVE, terms=TWO_TO_TEN)
    page = client_for(manager).get(f"/records/households/{item.household_id}/history/").content.decode()
    assert f"ADM decision #{decision.pk}: Approve" in page
    assert str(decision_maker) in page


def test_approving_with_changed_terms_uses_the_decision_makers_terms(item, decision_maker):
    one_child = Terms(approval_category=ApprovalCategory.MAINSTREAM, approved_places=1, age_range_min=5,
                      age_range_max=11, placement_types=(PlacementType.SHORT_TERM,))
    decide(item, decision_maker, Decision.APPROVE_CHANGED_TERMS, terms=one_child)
    assert Terms.of(Household.objects.get(pk=item.household_id)) == one_child


def test_approving_on_terms_other_than_recommended_must_say_the_terms_changed(item, decision_maker):
    other = Terms(**{**TWO_TO_TEN.as_fields(), "approved_places": 3})
    with pytest.raises(ValidationError) as error:
        decide(item, decision_maker, Decision.APPROVE, terms=other)
    assert "Approve with changed terms" in str(error.value)
    assert not AgencyDecision.objects.exists()


def test_a_deregistration_decision_ends_the_approval(meeting, household, decision_maker):
    item = AgendaItemFactory(meeting=meeting, household=household, kind=ItemKind.DEREGISTRATION,
                             recommendation=Recommendation.TERMINATE, recommendation_reasons="Standards of care.")
    decision = decide(item, decision_maker, Decision.TERMINATE)

    household.refresh_from_db()
    assert household.status == HouseholdStatus.DEREGISTERED
    assert household.deregistration_date == decision.decision_date
    assert household.history.latest().history_change_reason.startswith(f"ADM decision #{decision.pk}: Terminate")
    assert decision.is_qualifying_determination


def test_a_change_of_terms_at_review_keeps_the_approval_and_changes_the_terms(meeting, household, decision_maker):
    item = AgendaItemFactory(meeting=meeting, household=household, kind=ItemKind.REVIEW,
                             recommendation=Recommendation.CHANGE_TERMS, recommendation_reasons="Spare room gone.",
                             approval_category=ApprovalCategory.MAINSTREAM, approved_places=1, age_range_min=0,
                             age_range_max=18, placement_types=[PlacementType.LONG_TERM])
    approved_on = household.approval_date
    decision = decide(item, decision_maker, Decision.APPROVE_CHANGED_TERMS, carer_agrees_to_terms=True,
                      terms=item.recommended_terms)

    household.refresh_from_db()
    assert household.status == HouseholdStatus.APPROVED
    assert household.approval_date == approved_on
    assert household.approved_places == 1
    assert not decision.is_qualifying_determination


def test_changing_terms_at_review_needs_to_know_whether_the_carer_agrees(meeting, household, decision_maker):
    item = AgendaItemFactory(meeting=meeting, household=household, kind=ItemKind.REVIEW,
                             recommendation=Recommendation.CHANGE_TERMS, recommendation_reasons="Fewer places.",
                             **TWO_TO_TEN.as_fields())
    with pytest.raises(ValidationError) as error:
        decide(item, decision_maker, Decision.APPROVE_CHANGED_TERMS, terms=TWO_TO_TEN)
    assert "carer_agrees_to_terms" in error.value.message_dict


def test_changing_terms_against_the_carers_wishes_is_a_qualifying_determination(meeting, household, decision_maker):
    item = AgendaItemFactory(meeting=meeting, household=household, kind=ItemKind.REVIEW,
                             recommendation=Recommendation.CHANGE_TERMS, recommendation_reasons="Fewer places.",
                             **TWO_TO_TEN.as_fields())
    decision = decide(item, decision_maker, Decision.APPROVE_CHANGED_TERMS, terms=TWO_TO_TEN,
                      carer_agrees_to_terms=False)
    assert decision.is_qualifying_determination


def test_not_approving_leaves_the_household_unchanged(meeting, applicant, decision_maker):
    item = AgendaItemFactory(meeting=meeting, household=applicant, recommendation=Recommendation.NOT_APPROVE,
                             recommendation_reasons="Concerns about capacity.")
    history_before = applicant.history.count()

    decision = decide(item, decision_maker, Decision.NOT_APPROVE)

    unchanged = Household.objects.get(pk=applicant.pk)
    assert unchanged.status == HouseholdStatus.ASSESSMENT
    assert unchanged.approval_date is None
    assert applicant.history.count() == history_before
    assert decision.is_qualifying_determination
    assert Terms.of(decision).is_empty  # no terms are kept for a refusal


def test_a_failure_saving_the_household_rolls_back_the_decision(item, decision_maker, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(Household, "save", fail)
    with pytest.raises(RuntimeError):
        decide(item, decision_maker, Decision.APPROVE, terms=TWO_TO_TEN)
    monkeypatch.undo()

    assert not AgencyDecision.objects.exists()
    assert Household.objects.get(pk=item.household_id).status == HouseholdStatus.ASSESSMENT


def test_a_household_that_would_become_invalid_rolls_back_the_decision(meeting, decision_maker):
    # The application arrived after this (test) panel, so approving before it would break the household's rules.
    today = timezone.localdate()
    applicant = HouseholdFactory(assessment=True, application_date=today - timedelta(days=2))
    item = AgendaItemFactory(meeting=meeting, household=applicant, recommended=True)
    with pytest.raises(ValidationError) as error:
        decide(item, decision_maker, Decision.APPROVE, terms=TWO_TO_TEN, decision_date=today - timedelta(days=5))
    assert "Approval cannot be before the application was received." in error.value.messages
    assert not AgencyDecision.objects.exists()
    assert Household.objects.get(pk=applicant.pk).status == HouseholdStatus.ASSESSMENT


def test_a_supervising_social_worker_cannot_record_a_decision(item, ssw):
    with pytest.raises(PermissionDenied):
        decide(item, ssw, Decision.APPROVE, terms=TWO_TO_TEN)
    assert not AgencyDecision.objects.exists()


def test_an_administrator_cannot_record_a_decision(item, administrator):
    with pytest.raises(PermissionDenied):
        decide(item, administrator, Decision.APPROVE, terms=TWO_TO_TEN)


def test_a_manager_can_record_a_decision(item, manager):
    assert decide(item, manager, Decision.APPROVE, terms=TWO_TO_TEN).decided_by == manager


def test_an_item_is_decided_only_once(item, decision_maker):
    decide(item, decision_maker, Decision.APPROVE, terms=TWO_TO_TEN)
    with pytest.raises(ValidationError, match="already been recorded"):
        decide(item, decision_maker, Decision.NOT_APPROVE)


def test_an_item_without_a_recommendation_cannot_be_decided(meeting, applicant, decision_maker):
    item = AgendaItemFactory(meeting=meeting, household=applicant)
    with pytest.raises(ValidationError, match="not made a recommendation"):
        decide(item, decision_maker, Decision.NOT_APPROVE)


def test_a_decision_that_does_not_fit_the_item_is_refused(item, decision_maker):
    with pytest.raises(ValidationError, match="is not a decision for approval of an applicant"):
        decide(item, decision_maker, Decision.TERMINATE)


def test_a_decision_cannot_predate_the_panel(item, decision_maker):
    with pytest.raises(ValidationError) as error:
        decide(item, decision_maker, Decision.APPROVE, terms=TWO_TO_TEN,
               decision_date=item.meeting.date - timedelta(days=1))
    assert "decision_date" in error.value.message_dict


def test_the_item_page_shows_a_late_decision_and_the_notices_due(client_for, manager, item, decision_maker):
    today = timezone.localdate()
    PanelMinutesFactory(meeting=item.meeting, drafted_date=item.meeting.date,
                        signed_by_chair_date=item.meeting.date, sent_to_adm_date=item.meeting.date)
    decide(item, decision_maker, Decision.APPROVE, terms=TWO_TO_TEN, decision_date=today)  # 14 days on: late
    page = client_for(manager).get(item.get_absolute_url()).content.decode()
    assert 'text-bg-danger">No</span>' in page
    assert "working days left" in page or "Due today" in page  # oral and written notices still to give
