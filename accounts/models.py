from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    REGISTERED_MANAGER = "registered_manager", "Registered manager"
    RESPONSIBLE_INDIVIDUAL = "responsible_individual", "Responsible individual"
    SUPERVISING_SOCIAL_WORKER = "supervising_social_worker", "Supervising social worker"
    ADMINISTRATOR = "administrator", "Administrator"
    PANEL_MEMBER = "panel_member", "Panel member"
    DECISION_MAKER = "decision_maker", "Agency decision maker"
    FOSTER_CARER = "foster_carer", "Foster carer"
    INSPECTOR = "inspector", "Inspector (read only)"


# Role groups used by the permission choke point (records/permissions.py).
MANAGER_ROLES = {Role.REGISTERED_MANAGER, Role.RESPONSIBLE_INDIVIDUAL}
OFFICE_ROLES = MANAGER_ROLES | {Role.ADMINISTRATOR}
# Inspectors are not here: they read only their sampled cases, during a grant (inspections/permissions.py).
READ_ALL_ROLES = OFFICE_ROLES | {Role.DECISION_MAKER}


class User(AbstractUser):
    """Staff and foster carers sign in with the same model; the role decides what they see."""

    role = models.CharField(max_length=32, choices=Role.choices)

    class Meta:
        ordering = ["last_name", "first_name", "username"]

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def is_manager(self):
        return self.role in MANAGER_ROLES

    @property
    def is_carer(self):
        return self.role == Role.FOSTER_CARER

    @property
    def is_read_only(self):
        return self.role == Role.INSPECTOR


class AccessLog(models.Model):
    """Who viewed, downloaded or exported something sensitive. Written by code, never edited from the UI."""

    class Action(models.TextChoices):
        VIEW = "view", "Viewed"
        DOWNLOAD = "download", "Downloaded"
        EXPORT = "export", "Exported"
        RESET_2FA = "reset-2fa", "Reset two-factor sign-in of"
        UNLOCK = "unlock", "Unlocked sign-in of"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="access_log")
    action = models.CharField(max_length=10, choices=Action.choices)
    object_kind = models.CharField(max_length=60, help_text="The model label, e.g. records.resident.")
    object_id = models.CharField(max_length=40, blank=True)
    label = models.CharField(max_length=200, blank=True, help_text="What it was, as shown at the time.")
    path = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["object_kind", "object_id"]), models.Index(fields=["user", "-at"])]

    def __str__(self):
        return f"{self.user} {self.get_action_display().lower()} {self.label or self.object_kind}"
