"""The central list (reg 23): adding people, the rules on their entry, search and filters."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from panels.choices import MemberRole
from panels.models import PanelMember
from tests.factories import UserFactory
from tests.factories.panels import PanelMemberFactory


def form_data(**overrides):
    today = timezone.localdate()
    data = {
        "first_name": "Grace", "last_name": "Adeyemi", "role": MemberRole.SOCIAL_WORKER, "pqe_years": "6",
        "joined_date": (today - timedelta(days=30)).isoformat(), "dbs_date": (today - timedelta(days=60)).isoformat(),
        "references_received_date": (today - timedelta(days=45)).isoformat(),
    }
    data.update(overrides)
    return data


def test_a_manager_adds_someone_to_the_central_list_with_history(client_for, manager):
    response = client_for(manager).post(reverse("panels:member_create"), form_data())
    member = PanelMember.objects.get()
    assert response.url == member.get_absolute_url()
    assert (member.role, member.pqe_years, member.created_by) == (MemberRole.SOCIAL_WORKER, 6, manager)
    assert member.history.get().history_type == "+"


def test_a_social_worker_member_needs_their_years_of_experience(client_for, manager):
    response = client_for(manager).post(reverse("panels:member_create"), form_data(pqe_years=""))
    assert "A social worker member needs their years of post-qualifying experience." in response.content.decode()
    assert not PanelMember.objects.exists()


def test_the_chair_must_be_independent(db):
    with pytest.raises(ValidationError, match="The chair must be independent"):
        PanelMemberFactory.build(chair=True, is_independent=False).full_clean()


def test_leaving_cannot_be_before_joining(db):
    member = PanelMemberFactory.build()
    member.left_date = member.joined_date - timedelta(days=1)
    with pytest.raises(ValidationError, match="Leaving the central list cannot be before joining it."):
        member.full_clean()


def test_only_a_panel_member_login_can_be_linked(db):
    member = PanelMemberFactory.build(user=UserFactory(role=Role.ADMINISTRATOR))
    with pytest.raises(ValidationError, match="panel member role"):
        member.full_clean()


def test_the_form_shows_clause_badges(client_for, manager):
    page = client_for(manager).get(reverse("panels:member_create")).content.decode()
    assert 'href="/compliance/clauses/fsr2011:r23/"' in page
    assert 'href="/compliance/clauses/nms2011:19.3/"' in page


def test_the_detail_page_shows_clause_badges_and_vetting(client_for, granted_inspector):
    member = PanelMemberFactory(dbs_date=None)
    page = client_for(granted_inspector).get(member.get_absolute_url()).content.decode()
    assert "Vetting incomplete" in page
    assert "clause-badge" in page
    assert "Edit" not in page


def test_the_list_searches_and_filters(client_for, manager):
    chair = PanelMemberFactory(chair=True, first_name="Beatrice", last_name="Holloway")
    sw = PanelMemberFactory(social_worker=True, first_name="Kwame", last_name="Mensah")
    gone = PanelMemberFactory(first_name="Olive", last_name="Parr", left_date=timezone.localdate() - timedelta(days=3))
    client = client_for(manager)
    url = reverse("panels:member_list")

    def link(member):  # match rows by link, not surname: the signed-in user's name is on the page too
        return f'href="{reverse("panels:member_detail", args=[member.pk])}"'

    default = client.get(url).content.decode()
    assert link(chair) in default and link(sw) in default and link(gone) not in default
    assert link(gone) in client.get(url, {"status": "left"}).content.decode()
    by_role = client.get(url, {"role": MemberRole.SOCIAL_WORKER}).content.decode()
    assert link(sw) in by_role and link(chair) not in by_role
    found = client.get(url, {"q": "beatrice"}).content.decode()
    assert link(chair) in found and link(sw) not in found


def test_the_list_is_paginated(client_for, manager):
    PanelMemberFactory.create_batch(27)
    client = client_for(manager)
    first = client.get(reverse("panels:member_list")).content.decode()
    assert "Page 1 of 2" in first
    assert len(client.get(reverse("panels:member_list"), {"page": 2}).context["page"].object_list) == 2


def test_the_list_flags_overdue_reviews_and_incomplete_vetting(client_for, manager):
    PanelMemberFactory(annual_review_date=timezone.localdate() - timedelta(days=400), references_received_date=None)
    page = client_for(manager).get(reverse("panels:member_list")).content.decode()
    assert "Review overdue" in page
    assert "Vetting incomplete" in page
