from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


def history_user(instance, request=None, **kwargs):
    """Who a history row is attributed to: the signed-in user, else whoever the record was stamped with.

    Commands and Celery tasks have no request, so without this their changes would be anonymous.
    """
    if request is not None and request.user.is_authenticated:
        return request.user
    return getattr(instance, "updated_by", None)


class TrackedModel(models.Model):
    """Every record: timestamps, who created and last changed it, and its full change history."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False,
        on_delete=models.SET_NULL, related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False,
        on_delete=models.SET_NULL, related_name="+",
    )
    history = HistoricalRecords(inherit=True, get_user=history_user)

    # Fields every record has that evidence nothing by themselves (see compliance/checks.py).
    BOOKKEEPING_FIELDS = {"id", "created_at", "updated_at", "created_by", "updated_by"}

    class Meta:
        abstract = True

    def stamp(self, user):
        """Record who is saving; call before save() from services and views."""
        if user is not None and user.is_authenticated:
            if self._state.adding:
                self.created_by = user
            self.updated_by = user
