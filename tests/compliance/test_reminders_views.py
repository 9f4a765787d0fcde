"""compliance/views/reminders.py: "Reminders sent to me" shows a person their own digests only."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from compliance.models import ReminderDigest
from compliance.reminders import reminder_digest_send
from tests.compliance.test_reminders import carer_gap
from tests.factories.compliance import GapFactory

pytestmark = pytest.mark.usefixtures("no_runs_from_elsewhere")
TODAY = timezone.localdate()
MINE = reverse("compliance:reminders_mine")


@pytest.fixture
def digests(household, carer_user, other_household, outsider_carer):
    """Two digests for `carer_user` (today's "30" window, then the "7" window 18 days on) and one for
    `outsider_carer`, each about their own household's carer."""
    carer_gap(household, due=TODAY + timedelta(days=25))
    carer_gap(other_household, due=TODAY + timedelta(days=2), detail="The Okafor household's own item")
    first = reminder_digest_send(user=carer_user, today=TODAY)
    second = reminder_digest_send(user=carer_user, today=TODAY + timedelta(days=18))
    theirs = reminder_digest_send(user=outsider_carer, today=TODAY)
    return {"first": first, "second": second, "theirs": theirs}


def detail(digest):
    return reverse("compliance:reminder_detail", args=[digest.pk])


@pytest.mark.django_db
@pytest.mark.parametrize("url", [MINE, reverse("compliance:reminder_detail", args=[1])])
def test_anonymous_is_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_a_carer_sees_their_own_digests_newest_first_with_their_items(client_for, carer_user, digests):
    response = client_for(carer_user).get(MINE)

    assert response.status_code == 200
    assert [d.pk for d in response.context["digests"]] == [digests["second"].pk, digests["first"].pk]
    html = response.content.decode()
    assert "Due within 7 days" in html and "Due within 30 days" in html
    assert detail(digests["first"]) in html and detail(digests["theirs"]) not in html
    assert "Medical due" in html and "The Okafor household's own item" not in html


@pytest.mark.django_db
def test_a_digest_shows_the_email_as_sent(client_for, carer_user, digests):
    response = client_for(carer_user).get(detail(digests["first"]))

    assert response.status_code == 200
    assert "The email as sent" in response.content.decode()
    assert response.context["digest"].body_text == digests["first"].body_text


@pytest.mark.django_db
def test_someone_elses_digest_is_not_found(client_for, carer_user, ssw, digests):
    assert client_for(carer_user).get(detail(digests["theirs"])).status_code == 404
    assert client_for(ssw).get(detail(digests["first"])).status_code == 404


@pytest.mark.django_db
def test_staff_see_their_own_digests_and_nobody_elses(client_for, ssw, manager, household, digests):
    GapFactory(household=household, due_date=TODAY - timedelta(days=1))
    reminder_digest_send(user=ssw, today=TODAY)

    ssw_page = client_for(ssw).get(MINE)
    manager_page = client_for(manager).get(MINE)

    assert [d.user for d in ssw_page.context["digests"]] == [ssw]
    assert list(manager_page.context["digests"]) == [] and "No reminders have been sent to you yet" in \
        manager_page.content.decode()
    assert ReminderDigest.objects.count() == 4


@pytest.mark.django_db
def test_the_account_menu_links_to_the_page(client_for, carer_user):
    html = client_for(carer_user).get(MINE).content.decode()
    assert f'<a class="dropdown-item" href="{MINE}">Reminders sent to me</a>' in html


@pytest.mark.django_db
def test_the_page_costs_the_same_queries_for_many_digests(client_for, carer_user, household,
                                                          django_assert_max_num_queries):
    client = client_for(carer_user)
    for day in range(0, 60, 3):
        carer_gap(household, due=TODAY + timedelta(days=day + 2))
        reminder_digest_send(user=carer_user, today=TODAY + timedelta(days=day))
    assert ReminderDigest.objects.filter(user=carer_user).count() == 20

    with django_assert_max_num_queries(12):
        assert client.get(MINE).status_code == 200
