from datetime import timedelta

import factory
from factory.django import DjangoModelFactory

from records.choices import CheckKind, CheckOutcome
from records.models import Check
from tests.factories._common import days_ago
from tests.factories.households import CarerFactory


class CheckFactory(DjangoModelFactory):
    """A clear enhanced DBS on a new carer, completed 90 days ago, renewable in 3 years.

    To check someone else pass `carer=None` and `household_member=...` or `staff_member=...`.
    """

    class Meta:
        model = Check

    kind = CheckKind.ENHANCED_DBS
    carer = factory.SubFactory(CarerFactory)
    household_member = None
    staff_member = None
    requested_date = days_ago(100)
    completed_date = days_ago(90)
    outcome = CheckOutcome.CLEAR
    certificate_number = factory.Sequence(lambda n: f"00{n:010d}")
    barred_list_checked = True
    expiry_date = factory.LazyAttribute(lambda o: o.completed_date + timedelta(days=3 * 365))
