"""manage.py demo_totp <username>: the code a demo user's authenticator app would show now (demo only)."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.two_factor import demo_code


class Command(BaseCommand):
    help = "Print the current two-step sign-in code of a demo user (refuses unless DJANGO_ENV is demo)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *, username, **options):
        if settings.ENVIRONMENT != "demo":
            raise CommandError(f"demo_totp only runs in the demo (DJANGO_ENV=demo, not {settings.ENVIRONMENT}): "
                               "anywhere else it would let anyone with a shell skip the second step.")
        device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
        if device is None:
            raise CommandError(f"{username!r} has no authenticator device. seed_demo (./scripts/demo) enrols the "
                               "demo staff; foster carers sign in with their password alone unless they turn "
                               "two-step sign-in on.")
        seconds_left = device.step - int(time.time() - device.t0) % device.step
        self.stdout.write(demo_code(device.user))
        plural = "s" if seconds_left != 1 else ""
        self.stderr.write(f"Code for {username}, valid for {seconds_left} more second{plural} "
                          "(and about 30 after, as an app's would be).")
