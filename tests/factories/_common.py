"""Helpers shared by the factories: dates relative to today and unique fictional names."""

from datetime import date, timedelta

import factory
from django.utils import timezone

from records.demo.names import FIRST_NAMES, LAST_NAMES


def days_ago(days: int):
    """A lazy date `days` before today, so records stay 'current' whenever the suite runs."""
    return factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=days))


def first_name():
    return factory.Sequence(lambda n: FIRST_NAMES[n % len(FIRST_NAMES)])


def last_name():
    # Walks the surnames more slowly than the first names so name pairs repeat rarely.
    return factory.Sequence(lambda n: LAST_NAMES[(n * 7 + n // len(LAST_NAMES)) % len(LAST_NAMES)])


def birth_date(*, years: int):
    """A date of birth about `years` ago, a day different per record so no two people are twins."""
    def born(n):
        today = timezone.localdate()
        return date(today.year - years, 1, 1) + timedelta(days=n % 360)
    return factory.Sequence(born)


class CleanedFactory(factory.django.DjangoModelFactory):
    """Saves only what passes full_clean(), so a factory can never build a record the forms would refuse."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        obj = model_class(*args, **kwargs)
        obj.full_clean()
        obj.save()
        return obj
