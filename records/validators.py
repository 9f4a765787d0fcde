from django.core.exceptions import ValidationError
from django.utils import timezone


def validate_not_future(value):
    """Dates of things that have happened cannot be in the future."""
    if value and value > timezone.localdate():
        raise ValidationError("This date is in the future; enter the date it actually happened.")
