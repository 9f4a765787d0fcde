"""The carer portal page and the carer's own edits: anonymous, without permission, with permission."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from compliance.models import ComplianceRun
from compliance.services import run_execute, run_request
from records import models as m
from records.choices import MemberRelationship
from tests import factories as f

PORTAL_URLS = ["records:portal", "records:portal_contact", "records:portal_address", "records:portal_member_add"]


def recheck(household):
    """A real compliance run for `household`, stored like the nightly one."""
    run = run_request(trigger=ComplianceRun.Trigger.MANUAL, household_ids=[household.pk], enqueue=False)
    return run_execute(run_id=run.pk)


def new_adult(household, *, days_ago=3):
    """An adult lodger who moved in after approval and has no DBS: CR-HH-003 wants one."""
    return f.HouseholdMemberFactory(household=household, relationship=MemberRelationship.LODGER,
                                    date_of_birth=timezone.localdate() - timedelta(days=30 * 365),
                                    moved_in_date=timezone.localdate() - timedelta(days=days_ago))


@pytest.mark.parametrize("name", PORTAL_URLS)
def test_anonymous_is_sent_to_login(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", PORTAL_URLS)
def test_staff_have_no_portal(client_for, ssw, household, name):
    assert client_for(ssw).get(reverse(name)).status_code == 403


def test_a_carer_without_a_household_gets_404(client_for, db):
    lost = f.UserFactory(role="foster_carer")
    assert client_for(lost).get(reverse("records:portal")).status_code == 404


def test_home_is_the_portal_for_carers(client_for, carer_user, household):
    response = client_for(carer_user).get(reverse("home"))
    assert response.status_code == 200
    assert "records/portal/portal.html" in [t.name for t in response.templates]
    assert household.reference in response.content.decode()


def test_portal_shows_their_household_and_not_another(client_for, carer_user, household, other_household):
    response = client_for(carer_user).get(reverse("records:portal"))
    page = response.content.decode()
    assert response.status_code == 200
    assert household.name in page
    assert other_household.name not in page
    assert str(other_household.carers.get()) not in page


def test_what_we_need_links_each_gap_to_the_right_upload(client_for, carer_user, household):
    lodger = new_adult(household)
    recheck(household)
    page = client_for(carer_user).get(reverse("records:portal")).content.decode()
    upload = f"{reverse('records:evidence_upload')}?kind=dbs_certificate&amp;household_member={lodger.pk}"
    assert upload in page
    assert f"next={reverse('records:portal')}" in page
    assert reverse("records:portal_member_leaving", args=[lodger.pk]) in page
    # The review CR-HH-003 also asks for is the agency's to arrange: no upload for it.
    assert page.count(f"household_member={lodger.pk}") == 1
    assert "Your supervising social worker will arrange this with you." in page


def test_nothing_needed_says_so(client_for, carer_user, household):
    page = client_for(carer_user).get(reverse("records:portal")).content.decode()
    assert "Nothing is needed from you at the moment." in page


def test_children_placed_show_limited_fields_and_a_journal_button(client_for, carer_user, household):
    placement = f.PlacementFactory(household=household)
    ended = f.PlacementFactory(household=household, start_date=timezone.localdate() - timedelta(days=300),
                               end_date=timezone.localdate() - timedelta(days=100), end_reason="planned")
    page = client_for(carer_user).get(reverse("records:portal")).content.decode()
    assert placement.resident.first_name in page
    assert f"{reverse('records:journalentry_create')}?placement={placement.pk}" in page
    assert placement.resident.placing_authority not in page
    assert placement.resident.reference not in page
    assert f"?placement={ended.pk}" not in page


def test_members_show_dbs_status(client_for, carer_user, household):
    lodger = new_adult(household)
    f.CheckFactory(carer=None, household_member=lodger)
    page = client_for(carer_user).get(reverse("records:portal")).content.decode()
    dbs = lodger.checks.get()
    assert f"renew by {dbs.expiry_date:%-d %b %Y}" in page


def test_portal_queries_do_not_grow_with_the_household(client_for, carer_user, household,
                                                       django_assert_max_num_queries):
    def add_people(n):
        for _ in range(n):
            member = new_adult(household, days_ago=2)
            f.CheckFactory(carer=None, household_member=member)
            f.PlacementFactory(household=household)
            f.TrainingRecordFactory(carer=household.carers.get())
        recheck(household)

    client = client_for(carer_user)
    add_people(1)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("records:portal"))
    add_people(3)
    with django_assert_max_num_queries(len(small)):
        response = client.get(reverse("records:portal"))
    assert response.status_code == 200
    assert response.content.decode().count("Add a journal entry") == 4
    assert len(small) <= 20


def test_carer_updates_contact_details_with_history(client_for, carer_user, household):
    response = client_for(carer_user).post(reverse("records:portal_contact"), {
        "phone": "07700 900123", "email": "new@example.org", "household_phone": "01632 960111",
        "household_email": "home@example.org"})
    assert response.status_code == 302
    carer = household.carers.get()
    carer.refresh_from_db()
    household.refresh_from_db()
    assert (carer.phone, carer.email, household.phone) == ("07700 900123", "new@example.org", "01632 960111")
    latest = carer.history.latest()
    assert latest.history_user == carer_user
    assert "carer portal" in latest.history_change_reason
    assert household.history.latest().history_user == carer_user


def test_contact_form_refuses_a_bad_email(client_for, carer_user, household):
    response = client_for(carer_user).post(reverse("records:portal_contact"), {"phone": "1", "email": "nope"})
    assert response.status_code == 200
    assert household.carers.get().email != "nope"


def test_adding_a_member_waits_for_the_social_worker(client_for, carer_user, household):
    today = timezone.localdate()
    response = client_for(carer_user).post(reverse("records:portal_member_add"), {
        "first_name": "Robin", "last_name": "Hale", "date_of_birth": "1990-04-02", "relationship": "lodger",
        "moved_in_date": today.isoformat(), "reason": "Renting our spare room"})
    assert response.status_code == 302
    assert not household.members.exists()
    request = m.ChangeRequest.objects.get()
    assert request.household == household and request.created_by == carer_user
    assert request.action == "create" and request.status == "pending"
    assert request.changes["first_name"] == {"old": None, "new": "Robin"}
    page = client_for(carer_user).get(reverse("records:portal")).content.decode()
    assert "Robin Hale has joined the household" in page
    assert "Waiting for a decision" in page


def test_an_invalid_member_is_refused_before_the_request(client_for, carer_user, household):
    response = client_for(carer_user).post(reverse("records:portal_member_add"), {
        "first_name": "Robin", "last_name": "Hale", "date_of_birth": "1990-04-02", "relationship": "lodger",
        "moved_in_date": "1980-01-01"})
    assert response.status_code == 200
    assert "Moving in cannot be before the date of birth." in response.content.decode()
    assert not m.ChangeRequest.objects.exists()


def test_member_leaving_and_changes_are_requests(client_for, carer_user, household):
    member = f.HouseholdMemberFactory(household=household)
    client = client_for(carer_user)
    client.post(reverse("records:portal_member_leaving", args=[member.pk]),
                {"moved_out_date": timezone.localdate().isoformat()})
    client.post(reverse("records:portal_member_change", args=[member.pk]), {
        "first_name": "Corrected", "last_name": member.last_name, "date_of_birth": member.date_of_birth.isoformat(),
        "relationship": member.relationship, "moved_in_date": member.moved_in_date.isoformat()})
    leaving, change = m.ChangeRequest.objects.order_by("pk")
    assert leaving.action == "delete" and list(leaving.changes) == ["moved_out_date"]
    assert change.action == "update" and change.changes == {"first_name": {"old": member.first_name,
                                                                           "new": "Corrected"}}
    member.refresh_from_db()
    assert member.first_name != "Corrected" and member.moved_out_date is None


def test_moving_home_is_a_request(client_for, carer_user, household):
    client_for(carer_user).post(reverse("records:portal_address"), {
        "address_line_1": "1 New Road", "town": "Newtown", "postcode": "NE1 1AA"})
    request = m.ChangeRequest.objects.get()
    assert request.target_model == "records.household" and request.target_id == household.pk
    household.refresh_from_db()
    assert household.address_line_1 != "1 New Road"


@pytest.mark.parametrize("name", ["records:portal_member_change", "records:portal_member_leaving"])
def test_carer_guessing_another_households_member_gets_404(client_for, carer_user, household, other_household, name):
    theirs = other_household.members.get()
    client = client_for(carer_user)
    assert client.get(reverse(name, args=[theirs.pk])).status_code == 404
    assert client.post(reverse(name, args=[theirs.pk]), {"moved_out_date": "2026-01-01"}).status_code == 404
    assert not m.ChangeRequest.objects.exists()


def test_carer_guessing_another_households_records_gets_404(client_for, carer_user, household, other_household):
    client = client_for(carer_user)
    assert client.get(reverse("records:household_detail", args=[other_household.pk])).status_code == 404
    assert client.get(reverse("records:householdmember_detail",
                              args=[other_household.members.get().pk])).status_code == 404
    placement = other_household.placements.get()
    assert client.get(f"{reverse('records:journalentry_create')}?placement={placement.pk}").status_code == 200
    response = client.post(reverse("records:journalentry_create"), {
        "placement": placement.pk, "entry_date": timezone.localdate().isoformat(), "text": "Not mine"})
    assert response.status_code == 200  # the placement is not a choice they have
    assert not m.JournalEntry.objects.exists()


def test_carer_adds_a_journal_entry_from_the_portal_link(client_for, carer_user, household):
    placement = f.PlacementFactory(household=household)
    response = client_for(carer_user).post(reverse("records:journalentry_create"), {
        "placement": placement.pk, "entry_date": timezone.localdate().isoformat(), "text": "Good day at school"})
    assert response.status_code == 302
    entry = m.JournalEntry.objects.get()
    assert entry.author == carer_user and entry.placement == placement


def test_carers_see_their_menu_entry(client_for, carer_user, household):
    page = client_for(carer_user).get(reverse("records:portal")).content.decode()
    assert "Update contact details" in page and reverse("records:portal_contact") in page
