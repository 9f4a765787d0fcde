from datetime import timedelta

import factory
from factory.django import DjangoModelFactory

from records.choices import TrainingCourse
from records.models import TrainingRecord
from tests.factories._common import days_ago
from tests.factories.households import CarerFactory


class TrainingRecordFactory(DjangoModelFactory):
    """Safeguarding training by a new carer 60 days ago, refresher due in 3 years.

    For staff training pass `carer=None, staff_member=...`.
    """

    class Meta:
        model = TrainingRecord

    carer = factory.SubFactory(CarerFactory)
    staff_member = None
    course = TrainingCourse.SAFEGUARDING
    provider = "Agency in-house"
    completed_date = days_ago(60)
    expiry_date = factory.LazyAttribute(lambda o: o.completed_date + timedelta(days=3 * 365))
