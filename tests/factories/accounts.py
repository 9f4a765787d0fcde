import factory
from django.contrib.auth.hashers import make_password
from factory.django import DjangoModelFactory

from accounts.models import Role, User
from tests.factories._common import first_name, last_name

TEST_PASSWORD = "test-password-1"


class UserFactory(DjangoModelFactory):
    """A user who can sign in with TEST_PASSWORD; pass `role=Role...` (default administrator)."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = first_name()
    last_name = last_name()
    email = factory.LazyAttribute(lambda o: f"{o.username}@fostering.example")
    role = Role.ADMINISTRATOR
    password = factory.LazyFunction(lambda: make_password(TEST_PASSWORD))
