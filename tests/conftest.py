"""Users named by role, and two households to tell 'mine' from 'someone else's'.

Every fixture is built with the factories in tests/factories, so each record passes full_clean().
Passwords are all `tests.factories.TEST_PASSWORD`, but prefer `client_for(user)`.

Staff must pass two-step sign-in (accounts/middleware.py), so in tests `force_login` signs in fully:
see `force_login_passes_the_second_step`. `password_only_login(client, user)` stops after the password.
"""

import pytest
from django.test import Client
from django.test.client import ClientMixin
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role
from records.choices import MemberRelationship, StaffRole
from tests.factories import (
    CarerFactory, HouseholdFactory, HouseholdMemberFactory, PlacementFactory, StaffMemberFactory, UserFactory,
)
from tests.factories.inspection_access import InspectorGrantFactory, SampledCaseFactory

password_only_login = ClientMixin.force_login  # Django's own: signed in, second step not yet passed


def second_step_pass(client, user):
    """Mark `client`'s session as verified, as django_otp.login does after a right code: it holds the
    persistent id of a confirmed device of `user` (a TOTP device is created for staff who have none)."""
    device = next(devices_for_user(user), None)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Test authenticator", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def current_code(device):
    """The code `device`'s app shows now. The device forgets the last code it took, so a test may sign the
    same person in twice within one 30-second step (a real app would make them wait for the next)."""
    from django_otp.oath import totp

    type(device).objects.filter(pk=device.pk).update(last_t=-1, throttling_failure_count=0)
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):0{device.digits}d}"


def _force_login_with_second_step(self, user, backend=None):
    password_only_login(self, user, backend)
    if user.role != Role.FOSTER_CARER or next(devices_for_user(user), None) is not None:
        second_step_pass(self, user)


@pytest.fixture(scope="session", autouse=True)
def force_login_passes_the_second_step():
    """Every `Client().force_login(user)` (pytest-django's `client`, `client_for` here and in other test
    modules, `admin_client`) signs in as if the person had also entered their code: staff get a confirmed
    device; carers without one need no second step. Patched on Django's test client class rather than in
    one fixture so clients built inside test modules behave the same."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ClientMixin, "force_login", _force_login_with_second_step)
        yield


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
