"""Change requests: the SSW's queue, approving (applied with history, household rechecked) and rejecting."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from compliance.models import Gap
from records import models as m
from records import change_requests as services
from records.choices import MemberRelationship
from tests import factories as f


def ask_to_add_adult(household, carer_user, *, first_name="Robin"):
    return services.change_request_submit(
        household=household, user=carer_user, target_model=services.MEMBER, action=m.ChangeRequest.Action.CREATE,
        new={"first_name": first_name, "last_name": "Hale",
             "date_of_birth": timezone.localdate() - timedelta(days=25 * 365),
             "relationship": MemberRelationship.LODGER, "moved_in_date": timezone.localdate()},
        reason="Renting our spare room")


def ask_to_rename(household, carer_user, member):
    return services.change_request_submit(
        household=household, user=carer_user, target_model=services.MEMBER, action=m.ChangeRequest.Action.UPDATE,
        target=member, new={"first_name": "Corrected"})


def decide(client, change_request, decision, note=""):
    return client.post(reverse("records:change_request_detail", args=[change_request.pk]),
                       {"decision": decision, "decision_note": note})


# Who may see what ---------------------------------------------------------------------------------

def test_anonymous_is_sent_to_login(client, db):
    response = client.get(reverse("records:change_requests"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", ["carer_user", "panel_member", "decision_maker", "administrator"])
def test_queue_is_for_deciders_only(client_for, request, household, role):
    assert client_for(request.getfixturevalue(role)).get(reverse("records:change_requests")).status_code == 403


def test_ssw_sees_their_caseload_only(client_for, ssw, carer_user, household, outsider_carer, other_household):
    mine = ask_to_add_adult(household, carer_user)
    theirs = ask_to_add_adult(other_household, outsider_carer, first_name="Sasha")
    client = client_for(ssw)
    page = client.get(reverse("records:change_requests")).content.decode()
    assert "Robin Hale has joined the household" in page
    assert "Sasha" not in page
    assert client.get(reverse("records:change_request_detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("records:change_request_detail", args=[theirs.pk])).status_code == 404
    assert decide(client, theirs, "approve").status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "pending"


def test_manager_sees_every_household(client_for, manager, carer_user, household, outsider_carer, other_household):
    ask_to_add_adult(household, carer_user)
    ask_to_add_adult(other_household, outsider_carer, first_name="Sasha")
    page = client_for(manager).get(reverse("records:change_requests")).content.decode()
    assert "Robin Hale" in page and "Sasha Hale" in page


def test_carer_guessing_another_households_request_gets_404(client_for, carer_user, household, outsider_carer,
                                                            other_household):
    theirs = ask_to_add_adult(other_household, outsider_carer)
    mine = ask_to_add_adult(household, carer_user, first_name="Alex")
    client = client_for(carer_user)
    assert client.get(reverse("records:change_request_detail", args=[theirs.pk])).status_code == 404
    response = client.get(reverse("records:change_request_detail", args=[mine.pk]))
    assert response.status_code == 200
    assert "Your decision" not in response.content.decode()


def test_carer_cannot_decide_their_own_request(client_for, carer_user, household):
    mine = ask_to_add_adult(household, carer_user)
    assert decide(client_for(carer_user), mine, "approve").status_code == 403
    with pytest.raises(PermissionDenied):
        services.change_request_approve(change_request=mine, user=carer_user)
    mine.refresh_from_db()
    assert mine.status == "pending" and not household.members.exists()


def test_the_social_worker_is_emailed_a_link(ssw, carer_user, household, mailoutbox,
                                             django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        change_request = ask_to_add_adult(household, carer_user)
    message = mailoutbox[0]
    assert message.to == [ssw.email]
    assert "Robin Hale has joined the household" in message.subject
    assert reverse("records:change_request_detail", args=[change_request.pk]) in message.body
    assert "Renting our spare room" in message.body


# Approving ----------------------------------------------------------------------------------------

def test_approving_a_new_adult_adds_them_with_history_and_the_dbs_gap_at_once(
        client_for, ssw, carer_user, household, django_capture_on_commit_callbacks):
    change_request = ask_to_add_adult(household, carer_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(client_for(ssw), change_request, "approve", "Welcome Robin")
    assert response.status_code == 302
    change_request.refresh_from_db()
    member = household.members.get()
    assert (member.first_name, member.relationship) == ("Robin", MemberRelationship.LODGER)
    assert change_request.status == "approved" and change_request.decided_by == ssw
    assert change_request.target_id == member.pk
    created = member.history.get()
    assert created.history_user == ssw
    assert f"Change request #{change_request.pk}" in created.history_change_reason
    assert str(carer_user) in created.history_change_reason
    # The request's own history: asked by the carer, approved by the SSW.
    assert [(h.history_type, h.history_user) for h in change_request.history.order_by("history_date")] == [
        ("+", carer_user), ("~", ssw)]
    # The real compliance run has stored the new adult's DBS gap, and the carer sees it.
    gap = Gap.objects.get(rule_id="CR-HH-003", subject_kind="household_member", subject_id=member.pk,
                          key__endswith="|dbs", status=Gap.Status.OPEN)
    assert gap.household == household
    page = client_for(carer_user).get(reverse("records:portal")).content.decode()
    assert f"kind=dbs_certificate&amp;household_member={member.pk}" in page
    assert "Approved" in page and "Welcome Robin" in page


def test_approving_a_correction_updates_the_member_with_history(client_for, ssw, carer_user, household):
    member = f.HouseholdMemberFactory(household=household, first_name="Wrong")
    change_request = ask_to_rename(household, carer_user, member)
    decide(client_for(ssw), change_request, "approve")
    member.refresh_from_db()
    assert member.first_name == "Corrected"
    latest = member.history.latest()
    assert latest.history_user == ssw and f"#{change_request.pk}" in latest.history_change_reason
    assert latest.prev_record.first_name == "Wrong"


def test_approving_a_move_out_keeps_the_member_with_a_date(client_for, ssw, carer_user, household):
    member = f.HouseholdMemberFactory(household=household)
    left = timezone.localdate() - timedelta(days=1)
    change_request = services.change_request_submit(
        household=household, user=carer_user, target_model=services.MEMBER,
        action=m.ChangeRequest.Action.DELETE, target=member, new={"moved_out_date": left})
    decide(client_for(ssw), change_request, "approve")
    member.refresh_from_db()
    assert member.moved_out_date == left


def test_approving_a_new_address_updates_the_household(client_for, manager, carer_user, household):
    change_request = services.change_request_submit(
        household=household, user=carer_user, target_model=services.HOUSEHOLD, action=m.ChangeRequest.Action.UPDATE,
        target=household, new={"address_line_1": "1 New Road", "address_line_2": "", "town": "Newtown",
                               "postcode": "NE1 1AA"})
    decide(client_for(manager), change_request, "approve")
    household.refresh_from_db()
    assert (household.address_line_1, household.postcode) == ("1 New Road", "NE1 1AA")
    assert household.history.latest().history_user == manager


def test_a_stale_request_is_not_applied(client_for, ssw, carer_user, household):
    member = f.HouseholdMemberFactory(household=household, first_name="Wrong")
    change_request = ask_to_rename(household, carer_user, member)
    m.HouseholdMember.objects.filter(pk=member.pk).update(first_name="Edited")
    response = decide(client_for(ssw), change_request, "approve")
    assert response.status_code == 200
    assert "has changed since the request was made" in response.content.decode()
    member.refresh_from_db()
    change_request.refresh_from_db()
    assert member.first_name == "Edited" and change_request.status == "pending"


def test_a_decided_request_cannot_be_decided_again(ssw, carer_user, household):
    change_request = ask_to_add_adult(household, carer_user)
    services.change_request_approve(change_request=change_request, user=ssw)
    with pytest.raises(ValidationError):
        services.change_request_approve(change_request=change_request, user=ssw)
    assert household.members.count() == 1


# Rejecting ----------------------------------------------------------------------------------------

def test_rejecting_changes_nothing(client_for, ssw, carer_user, household):
    member = f.HouseholdMemberFactory(household=household, first_name="Kept")
    change_request = ask_to_rename(household, carer_user, member)
    history_before = member.history.count()
    response = decide(client_for(ssw), change_request, "reject", "Please send the birth certificate first")
    assert response.status_code == 302
    member.refresh_from_db()
    change_request.refresh_from_db()
    assert member.first_name == "Kept" and member.history.count() == history_before
    assert change_request.status == "rejected" and change_request.decided_by == ssw
    assert change_request.decision_note == "Please send the birth certificate first"
    page = client_for(carer_user).get(reverse("records:portal")).content.decode()
    assert "Rejected" in page and "Please send the birth certificate first" in page


def test_rejecting_needs_a_reason(client_for, ssw, carer_user, household):
    change_request = ask_to_add_adult(household, carer_user)
    response = decide(client_for(ssw), change_request, "reject", "  ")
    assert response.status_code == 200
    change_request.refresh_from_db()
    assert change_request.status == "pending" and not household.members.exists()


def test_household_page_shows_who_asked_and_who_decided(client_for, ssw, carer_user, household):
    change_request = ask_to_add_adult(household, carer_user)
    services.change_request_reject(change_request=change_request, user=ssw, note="Not yet")
    page = client_for(ssw).get(reverse("records:household_detail", args=[household.pk])).content.decode()
    assert f"Asked by {carer_user}" in page and f"rejected by {ssw}" in page


def test_carers_cannot_request_fields_outside_the_list(carer_user, household):
    with pytest.raises(ValidationError):
        services.change_request_submit(
            household=household, user=carer_user, target_model=services.HOUSEHOLD,
            action=m.ChangeRequest.Action.UPDATE, target=household, new={"approved_places": 9})


def test_social_workers_and_managers_find_the_queue_in_the_menu_and_administrators_do_not(
        client_for, ssw, manager, administrator):
    queue = reverse("records:change_requests")
    for user in (ssw, manager):
        menu = dict(client_for(user).get(reverse("records:household_list")).context["menu"])
        assert ("Carers' change requests", queue) in menu["Evidence"]
    menu = dict(client_for(administrator).get(reverse("records:household_list")).context["menu"])
    assert queue not in [url for _label, url in menu["Evidence"]]
