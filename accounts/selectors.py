"""Reads for accounts: the sign-in security overview a manager sees."""

from dataclasses import dataclass
from datetime import datetime

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Sum
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from accounts.two_factor import two_step_required


@dataclass(frozen=True)
class SignInRow:
    user: User
    two_step_set_up: bool
    two_step_required: bool
    failures: int  # failed sign-ins under this username within the cool-off
    locked_until: datetime | None  # set while the username is locked out

    @property
    def locked(self) -> bool:
        return self.locked_until is not None


@dataclass(frozen=True)
class LockedAddress:
    ip_address: str
    failures: int
    usernames: list[str]
    locked_until: datetime


def _recent_attempts():
    cool_off = get_cool_off()
    attempts = AccessAttempt.objects.all()
    if cool_off is not None:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    return attempts, cool_off


def locked_addresses() -> list[LockedAddress]:
    """Addresses locked out now. django-axes also counts failures per address, so one person's five mistakes
    lock everyone signing in from the same office address until the cool-off passes or this is cleared."""
    attempts, cool_off = _recent_attempts()
    locked = []
    for row in attempts.exclude(ip_address__isnull=True).values("ip_address").annotate(
            failures=Sum("failures_since_start"), last=Max("attempt_time")).order_by("ip_address"):
        if row["failures"] >= settings.AXES_FAILURE_LIMIT:
            usernames = sorted({name for name in attempts.filter(ip_address=row["ip_address"])
                               .values_list("username", flat=True) if name})
            locked.append(LockedAddress(ip_address=row["ip_address"], failures=row["failures"], usernames=usernames,
                                        locked_until=row["last"] + cool_off if cool_off is not None else datetime.max))
    return locked


def sign_in_overview() -> list[SignInRow]:
    """Every login with its role, whether two-step sign-in is set up and whether it is locked out now.

    A username is locked while its failures within the cool-off reach AXES_FAILURE_LIMIT, as django-axes
    counts them (the sum over the address and browser rows it keeps); it unlocks a cool-off after the last.
    Three queries, whatever the number of users.
    """
    attempts, cool_off = _recent_attempts()
    failures = {row["username"]: row for row in attempts.exclude(username__isnull=True).values("username").annotate(
        failures=Sum("failures_since_start"), last=Max("attempt_time"))}
    set_up = set(TOTPDevice.objects.filter(confirmed=True).values_list("user_id", flat=True))
    rows = []
    for user in User.objects.order_by("role", "last_name", "first_name", "username"):
        attempt = failures.get(user.username, {"failures": 0, "last": None})
        locked_until = None
        if attempt["failures"] >= settings.AXES_FAILURE_LIMIT:
            locked_until = attempt["last"] + cool_off if cool_off is not None else datetime.max
        rows.append(SignInRow(user=user, two_step_set_up=user.pk in set_up, two_step_required=two_step_required(user),
                              failures=attempt["failures"], locked_until=locked_until))
    return rows
