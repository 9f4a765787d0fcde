"""Factories for inspector access; each builds a record that passes full_clean()."""

from datetime import timedelta

import factory
from django.utils import timezone

from accounts.models import Role
from inspections.models import InspectorGrant, SampledCase
from tests.factories.accounts import UserFactory
from tests.factories._common import CleanedFactory
from tests.factories.inspections import InspectionFactory


class InspectorGrantFactory(CleanedFactory):
    """Access that started an hour ago and ends in three days. `ended=True`: it ended an hour ago;
    `upcoming=True`: it starts tomorrow; `revoked=True`: withdrawn a minute ago."""

    class Meta:
        model = InspectorGrant

    class Params:
        ended = factory.Trait(
            starts_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=2)),
            ends_at=factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1)))
        upcoming = factory.Trait(
            starts_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=1)),
            ends_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=3)))
        revoked = factory.Trait(revoked_at=factory.LazyFunction(lambda: timezone.now() - timedelta(minutes=1)))

    inspection = factory.SubFactory(InspectionFactory)
    inspector = factory.SubFactory(UserFactory, role=Role.INSPECTOR)
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    ends_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=3))


class SampledCaseFactory(CleanedFactory):
    """A sampled household of a new inspection; pass `resident=...` (and `household=None`) for a child."""

    class Meta:
        model = SampledCase

    inspection = factory.SubFactory(InspectionFactory)
    household = factory.SubFactory("tests.factories.households.HouseholdFactory")
    resident = None
