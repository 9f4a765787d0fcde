"""Two-step sign-in (django-otp): who must use it, enrolment, recovery codes, and resets.

Every staff role must sign in with a code from an authenticator app (a TOTPDevice); foster carers
may. Recovery codes are a StaticDevice's single-use tokens. A session has passed the second step
when django-otp's OTPMiddleware finds a device id in it (`request.user.is_verified()`).
"""

import re
from base64 import b32encode
from io import BytesIO

import django_otp
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user, user_has_device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role, User

APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"


def two_step_required(user) -> bool:
    """Everyone but foster carers must enrol: inspectors and panel members count as staff here."""
    return user.role != Role.FOSTER_CARER


def two_step_enrolled(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def two_step_needed(user) -> bool:
    """Whether this user's sign-in has a second step: staff always; a carer once they have a device."""
    return two_step_required(user) or user_has_device(user)


def totp_device_start(*, user: User) -> TOTPDevice:
    """The unconfirmed device the enrolment page shows (one per user, reused until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, token: str) -> bool:
    """Confirm `device` if `token` is its current code; it then replaces any earlier app device."""
    if not device.verify_token(token):
        return False
    device.confirmed = True
    device.save()
    TOTPDevice.objects.filter(user_id=device.user_id).exclude(pk=device.pk).delete()
    return True


@transaction.atomic
def recovery_codes_create(*, user: User) -> list[str]:
    """Replace the user's recovery codes with fresh single-use ones; returns them (shown once)."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE_NAME,
                                                    defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(settings.TWO_FACTOR_RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def token_verify(*, user, token: str):
    """The device that accepts `token` (an app code, else a recovery code, which is then used up), or None.

    Each device throttles its own failures (django-otp's ThrottlingMixin doubles the wait after each).
    """
    token = "".join(token.split()).lower()
    if not token:
        return None
    with transaction.atomic():
        for device in devices_for_user(user, for_verify=True):
            if device.verify_is_allowed()[0] and device.verify_token(token):
                return device
    return None


def seconds_to_wait(user) -> int:
    """How long until the user's app device accepts another try (django-otp doubles it after each failure)."""
    from django.utils import timezone

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return 0
    allowed, detail = device.verify_is_allowed()
    if allowed or not detail.get("locked_until"):
        return 0
    return max(0, int((detail["locked_until"] - timezone.now()).total_seconds()) + 1)


def two_step_login(request, device) -> None:
    """Mark this session as having passed the second step with `device` (a fresh session key too)."""
    request.session.cycle_key()
    django_otp.login(request, device)


@transaction.atomic
def two_step_reset(*, user: User) -> int:
    """Delete every device of `user` (app and recovery codes): they must enrol again. Returns how many."""
    count = 0
    for device in list(devices_for_user(user, confirmed=None)):
        device.delete()
        count += 1
    return count


def secret_text(device: TOTPDevice) -> str:
    """The key as people type it into an app: base32 in groups of four."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an inline SVG QR code (no image service, no inline style)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    out = BytesIO()
    image.save(out)
    svg = out.getvalue().decode()
    svg = svg[svg.index("<svg"):]  # drop the XML declaration: it is HTML here
    # A fixed on-screen size, set by attributes (the CSP forbids style attributes).
    sized = '<svg width="200" height="200" role="img" aria-label="QR code for your authenticator app"'
    return re.sub(r'<svg width="[^"]*" height="[^"]*"', sized, svg, count=1)


def demo_two_step_enrol(*, usernames) -> list[TOTPDevice]:
    """The demo's staff logins, enrolled with an app device; `manage.py demo_totp <username>` shows the code."""
    devices = []
    for user in User.objects.filter(username__in=usernames).exclude(role=Role.FOSTER_CARER):
        TOTPDevice.objects.filter(user=user).delete()
        devices.append(TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=True))
    return devices


def demo_code(user) -> str | None:
    """The code `user`'s app would show now, but only in the demo agency (no real people, no real phones),
    so the demo needs no phone. Anywhere else: None, always."""
    if settings.ENVIRONMENT != "demo":
        return None
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return None
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"
