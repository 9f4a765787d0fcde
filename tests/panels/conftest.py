"""Panel fixtures on top of tests/conftest.py's role users and households.

`members`    five central-list members who make a quorate panel (chair, social worker, three independents)
`meeting`    a panel held a fortnight ago that all five attended (quorate), papers sent two weeks before
`applicant`  a household in assessment allocated to `ssw`, with one carer
`item`       `applicant`'s approval at `meeting`, recommended for approval (2 children, 0-18, mainstream)
`seat`       links the `panel_member` user to a central-list entry who sat at `meeting`
Uploaded files go to a temporary MEDIA_ROOT per test.
"""

import pytest

from records.choices import HouseholdStatus
from tests.factories import CarerFactory, HouseholdFactory
from tests.factories.panels import AgendaItemFactory, PanelMeetingFactory, PanelMemberFactory, quorate_members


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def members(db):
    return quorate_members()


@pytest.fixture
def meeting(members):
    return PanelMeetingFactory(attendees=members)


@pytest.fixture
def applicant(ssw):
    household = HouseholdFactory(assessment=True, supervising_social_worker=ssw.staff_member, surname="Ashworth")
    CarerFactory(household=household)
    assert household.status == HouseholdStatus.ASSESSMENT
    return household


@pytest.fixture
def item(meeting, applicant):
    return AgendaItemFactory(meeting=meeting, household=applicant, recommended=True)


@pytest.fixture
def seat(panel_member, meeting):
    member = PanelMemberFactory(user=panel_member)
    meeting.attendances.create(member=member)
    return member
