"""List pages make the same number of queries however many rows they show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories.panels import (
    AgencyDecisionFactory, AgendaItemFactory, PanelMeetingFactory, PanelMemberFactory, PanelMinutesFactory,
    quorate_members,
)

# Session, user, then the page's own reads (counts, rows, prefetches); the menu adds none for these roles.
MAX_QUERIES = 8


def add_meetings(members, count):
    """`count` meetings with minutes, a recommended item and a decided item each."""
    for n in range(count):
        meeting = PanelMeetingFactory(attendees=members[:6])
        PanelMinutesFactory(meeting=meeting)
        AgendaItemFactory(meeting=meeting, recommended=True)
        AgencyDecisionFactory(item=AgendaItemFactory(meeting=meeting, recommended=True),
                              written_notice_date=None if n % 2 else timezone.localdate())


def queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


@pytest.mark.parametrize("url_name", ["panels:member_list", "panels:meeting_list", "panels:decision_queue"])
def test_list_pages_make_a_fixed_number_of_queries(client_for, manager, django_assert_max_num_queries, url_name):
    members = quorate_members() + PanelMemberFactory.create_batch(2)
    add_meetings(members, 1)
    client = client_for(manager)
    url = reverse(url_name)
    few = queries_for(client, url)

    PanelMemberFactory.create_batch(10)
    add_meetings(members, 8)
    with django_assert_max_num_queries(MAX_QUERIES):
        many = queries_for(client, url)
    assert many == few


def test_the_meeting_page_makes_a_fixed_number_of_queries(client_for, manager, django_assert_max_num_queries):
    members = quorate_members()
    meeting = PanelMeetingFactory(attendees=members)
    AgencyDecisionFactory(item=AgendaItemFactory(meeting=meeting, recommended=True))
    client = client_for(manager)
    few = queries_for(client, meeting.get_absolute_url())

    for _ in range(6):
        AgencyDecisionFactory(item=AgendaItemFactory(meeting=meeting, recommended=True))
    with django_assert_max_num_queries(MAX_QUERIES + 2):
        many = queries_for(client, meeting.get_absolute_url())
    assert many == few
