"""Users named by role, and two households to tell 'mine' from 'someone else's'.

Every fixture is built with the factories in tests/factories, so each record passes full_clean().
Passwords are all `tests.factories.TEST_PASSWORD`, but prefer `client_for(user)`.
"""

import pytest
from django.test import Client

from accounts.models import Role
from records.choices import MemberRelationship, StaffRole
from tests.factories import (
    CarerFactory, HouseholdFactory, HouseholdMemberFactory, PlacementFactory, StaffMemberFactory, UserFactory,
)
from tests.factories.inspection_access import InspectorGrantFactory, SampledCaseFactory


def _staff_user(*, role: StaffRole, username: str):
    return StaffMemberFactory(role=role, with_login=True, user__username=username).user


@pytest.fixture
def manager(db):
    """The registered manager: sees and changes everything, including allegations and staff."""
    return _staff_user(role=StaffRole.REGISTERED_MANAGER, username="manager")


@pytest.fixture
def responsible_individual(db):
    """The responsible individual: a manager role, like `manager`."""
    return _staff_user(role=StaffRole.RESPONSIBLE_INDIVIDUAL, username="ri")


@pytest.fixture
def administrator(db):
    """An office administrator: reads and writes every household's records, not manager-only ones."""
    return UserFactory(role=Role.ADMINISTRATOR, username="administrator")


@pytest.fixture
def decision_maker(db):
    """The agency decision maker: reads every household's records, changes none."""
    return _staff_user(role=StaffRole.DECISION_MAKER, username="adm")


@pytest.fixture
def inspector(db):
    """An Ofsted inspector's login with no access granted: only the home page answers (404 elsewhere).
    See `granted_inspector` for one during a grant."""
    return UserFactory(role=Role.INSPECTOR, username="inspector")


@pytest.fixture
def granted_inspector(inspector, household):
    """`inspector` during a grant (from an hour ago for three days) to an inspection that sampled `household`
    only: they read `household`'s records, read only, and nothing of `other_household`'s.
    The grant is `granted_inspector.inspector_grants.get()`."""
    grant = InspectorGrantFactory(inspector=inspector)
    SampledCaseFactory(inspection=grant.inspection, household=household)
    return inspector


@pytest.fixture
def panel_member(db):
    """An independent panel member (a user with no StaffMember record)."""
    return UserFactory(role=Role.PANEL_MEMBER, username="panel")


@pytest.fixture
def ssw(db):
    """A supervising social worker User; their StaffMember is `ssw.staff_member` (allocated `household`)."""
    return _staff_user(role=StaffRole.SUPERVISING_SOCIAL_WORKER, username="ssw")


@pytest.fixture
def other_ssw(db):
    """A second supervising social worker, allocated `other_household` and nothing of `ssw`'s."""
    return _staff_user(role=StaffRole.SUPERVISING_SOCIAL_WORKER, username="other_ssw")


@pytest.fixture
def household(ssw):
    """An approved mainstream household allocated to `ssw`, with one main carer (no login, no child)."""
    household = HouseholdFactory(supervising_social_worker=ssw.staff_member, surname="Fenwick")
    CarerFactory(household=household)
    return household


@pytest.fixture
def carer_user(household):
    """A foster carer User linked to `household`'s carer: sees only their own household."""
    user = UserFactory(role=Role.FOSTER_CARER, username="carer")
    household.carers.update(user=user)
    return user


@pytest.fixture
def other_household(other_ssw):
    """An approved household allocated to `other_ssw`, with a carer, a carer's child and a child placed."""
    household = HouseholdFactory(supervising_social_worker=other_ssw.staff_member, surname="Okafor")
    CarerFactory(household=household)
    HouseholdMemberFactory(household=household, relationship=MemberRelationship.CARERS_CHILD)
    PlacementFactory(household=household)
    return household


@pytest.fixture
def outsider_carer(other_household):
    """A foster carer User of `other_household`: must see nothing of `household`."""
    user = UserFactory(role=Role.FOSTER_CARER, username="outsider_carer")
    other_household.carers.update(user=user)
    return user


@pytest.fixture
def client_for(db):
    """`client_for(user)` returns a django.test.Client already signed in as `user`."""
    def make(user):
        client = Client()
        client.force_login(user)
        return client
    return make
