import factory
from factory.django import DjangoModelFactory

from records.choices import ApprovalCategory, CarerRole, HouseholdStatus, MemberRelationship, PlacementType
from records.demo.names import STREETS, TOWNS
from records.models import Carer, Household, HouseholdMember
from tests.factories._common import birth_date, days_ago, first_name, last_name
from tests.factories.staff import StaffMemberFactory

NOT_APPROVED = dict(
    application_date=None, panel_date=None, approval_date=None, foster_care_agreement_date=None,
    approved_places=None, age_range_min=None, age_range_max=None, placement_types=factory.LazyFunction(list),
)


class HouseholdFactory(DjangoModelFactory):
    """An approved mainstream household (applied 3 years ago, approved 2.5 years ago) with an SSW.

    Other stages via traits: `enquiry=True`, `assessment=True`, `on_hold=True`, `resigned=True`,
    `deregistered=True`. `carers=N` adds N carers after creation.
    """

    class Meta:
        model = Household
        skip_postgeneration_save = True

    class Params:
        enquiry = factory.Trait(status=HouseholdStatus.ENQUIRY, **NOT_APPROVED)
        assessment = factory.Trait(
            status=HouseholdStatus.ASSESSMENT, **{**NOT_APPROVED, "application_date": days_ago(90)})
        on_hold = factory.Trait(status=HouseholdStatus.ON_HOLD)
        resigned = factory.Trait(status=HouseholdStatus.RESIGNED)
        deregistered = factory.Trait(status=HouseholdStatus.DEREGISTERED, deregistration_date=days_ago(20))
        surname = last_name()

    reference = factory.Sequence(lambda n: f"HH-T{n:04d}")
    name = factory.LazyAttribute(lambda o: f"{o.surname} household")
    status = HouseholdStatus.APPROVED
    approval_category = ApprovalCategory.MAINSTREAM
    enquiry_date = days_ago(3 * 365 + 60)
    application_date = days_ago(3 * 365)
    panel_date = days_ago(int(2.5 * 365) + 7)
    approval_date = days_ago(int(2.5 * 365))
    foster_care_agreement_date = factory.SelfAttribute("approval_date")
    approved_places = 2
    age_range_min = 0
    age_range_max = 18
    placement_types = factory.LazyFunction(lambda: [PlacementType.SHORT_TERM.value, PlacementType.LONG_TERM.value])
    supervising_social_worker = factory.SubFactory(StaffMemberFactory)
    address_line_1 = factory.Sequence(lambda n: f"{n % 90 + 1} {STREETS[n % len(STREETS)]}")
    town = factory.Sequence(lambda n: TOWNS[n % len(TOWNS)][0])
    postcode = factory.Sequence(lambda n: f"{TOWNS[n % len(TOWNS)][1]}{n % 9 + 1} {n % 10}XZ")

    @factory.post_generation
    def carers(household, create, extracted, **kwargs):
        for _ in range(extracted or 0):
            CarerFactory(household=household, **kwargs)


class CarerFactory(DjangoModelFactory):
    """A main carer, about 45, in a new approved household; inducted, TSD not yet complete."""

    class Meta:
        model = Carer

    household = factory.SubFactory(HouseholdFactory)
    user = None
    first_name = first_name()
    last_name = last_name()
    date_of_birth = birth_date(years=45)
    carer_role = CarerRole.MAIN
    email = factory.LazyAttributeSequence(lambda o, n: f"carer{n}@example.org")
    phone = "01632 960000"  # Ofcom's drama range: never a real number.
    induction_completed_date = factory.LazyAttribute(
        lambda o: o.household.approval_date or None)
    tsd_standards_completed = 3


class HouseholdMemberFactory(DjangoModelFactory):
    """A carer's own child of about 10 who has always lived in the household."""

    class Meta:
        model = HouseholdMember

    household = factory.SubFactory(HouseholdFactory)
    first_name = first_name()
    last_name = last_name()
    date_of_birth = birth_date(years=10)
    relationship = MemberRelationship.CARERS_CHILD
    moved_in_date = factory.SelfAttribute("date_of_birth")
