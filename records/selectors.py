"""Permission-scoped reads shared by views (and later the compliance engine)."""

from records import models as m


def carer_household(user):
    """The household a foster carer user belongs to, or None."""
    carer = m.Carer.objects.select_related("household").filter(user=user).first()
    return carer.household if carer else None
