from datetime import timedelta

import factory
from factory.django import DjangoModelFactory

from records.choices import LegalStatus, PlacementType
from records.demo.names import PLACING_AUTHORITIES
from records.models import JournalEntry, Placement, Resident
from tests.factories._common import birth_date, days_ago, first_name, last_name
from tests.factories.households import HouseholdFactory


class ResidentFactory(DjangoModelFactory):
    """A child of about 9 on a care order from a fictional placing authority."""

    class Meta:
        model = Resident

    reference = factory.Sequence(lambda n: f"C-T{n:04d}")
    first_name = first_name()
    last_name = last_name()
    date_of_birth = birth_date(years=9)
    legal_status = LegalStatus.CARE_ORDER
    placing_authority = factory.Sequence(lambda n: PLACING_AUTHORITIES[n % len(PLACING_AUTHORITIES)])
    social_worker_name = "Dana Whitlock"
    social_worker_email = "dana.whitlock@northshire.example"
    gp_registered = True
    last_health_assessment_date = days_ago(100)
    views_last_recorded_date = days_ago(40)


class PlacementFactory(DjangoModelFactory):
    """A current long-term placement that started 200 days ago, with its plans received on time."""

    class Meta:
        model = Placement

    resident = factory.SubFactory(ResidentFactory)
    household = factory.SubFactory(HouseholdFactory)
    placement_type = PlacementType.LONG_TERM
    start_date = days_ago(200)
    placement_plan_received_date = factory.LazyAttribute(lambda o: o.start_date + timedelta(days=3))
    delegated_authority_recorded_date = factory.SelfAttribute("placement_plan_received_date")
    care_plan_received_date = factory.LazyAttribute(lambda o: o.start_date + timedelta(days=7))
    childrens_guide_given_date = factory.SelfAttribute("start_date")


class JournalEntryFactory(DjangoModelFactory):
    """A journal entry written the day after the placement started."""

    class Meta:
        model = JournalEntry

    placement = factory.SubFactory(PlacementFactory)
    entry_date = factory.LazyAttribute(lambda o: o.placement.start_date + timedelta(days=1))
    author = None
    text = "Settled well; ate tea with the family and went to bed on time."
