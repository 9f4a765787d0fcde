import factory
from factory.django import DjangoModelFactory

from accounts.models import Role
from records.choices import StaffRole, SupervisionKind
from records.models import StaffMember, StaffSupervision
from tests.factories._common import days_ago, first_name, last_name
from tests.factories.accounts import UserFactory

# Staff roles whose holders sign in with the same-named user role; others sign in as administrators.
USER_ROLE_FOR_STAFF = {
    StaffRole.REGISTERED_MANAGER: Role.REGISTERED_MANAGER,
    StaffRole.RESPONSIBLE_INDIVIDUAL: Role.RESPONSIBLE_INDIVIDUAL,
    StaffRole.SUPERVISING_SOCIAL_WORKER: Role.SUPERVISING_SOCIAL_WORKER,
    StaffRole.DECISION_MAKER: Role.DECISION_MAKER,
}
SOCIAL_WORK_ROLES = {
    StaffRole.SUPERVISING_SOCIAL_WORKER, StaffRole.ASSESSING_SOCIAL_WORKER, StaffRole.REGISTERED_MANAGER,
    StaffRole.MANAGER,
}


class StaffMemberFactory(DjangoModelFactory):
    """A supervising social worker by default, registered with Social Work England, without a login.

    `StaffMemberFactory(with_login=True)` also creates a User whose role matches the staff role.
    """

    class Meta:
        model = StaffMember

    class Params:
        with_login = factory.Trait(
            user=factory.SubFactory(
                UserFactory,
                first_name=factory.SelfAttribute("..first_name"),
                last_name=factory.SelfAttribute("..last_name"),
                role=factory.LazyAttribute(
                    lambda o: USER_ROLE_FOR_STAFF.get(o.factory_parent.role, Role.ADMINISTRATOR)),
            ),
        )

    user = None
    first_name = first_name()
    last_name = last_name()
    role = StaffRole.SUPERVISING_SOCIAL_WORKER
    job_title = factory.LazyAttribute(lambda o: StaffRole(o.role).label)
    email = factory.LazyAttribute(lambda o: f"{o.first_name}.{o.last_name}@fostering.example".lower())
    start_date = days_ago(3 * 365)
    swe_registration_number = factory.LazyAttributeSequence(
        lambda o, n: f"SW{100000 + n}" if o.role in SOCIAL_WORK_ROLES else "")
    swe_registration_checked_date = factory.LazyAttribute(
        lambda o: o.start_date if o.swe_registration_number else None)
    induction_completed_date = factory.LazyAttribute(lambda o: o.start_date)
    employment_gaps_explained = True


class StaffSupervisionFactory(DjangoModelFactory):
    """A supervision session a month ago, given by a registered manager."""

    class Meta:
        model = StaffSupervision

    staff_member = factory.SubFactory(StaffMemberFactory)
    kind = SupervisionKind.SUPERVISION
    date = days_ago(30)
    supervisor = factory.SubFactory(StaffMemberFactory, role=StaffRole.REGISTERED_MANAGER)
    notes = "Caseload reviewed; no concerns."
