"""Accounts and addresses for the load test, on a database holding the large demo agency.

    python loadtest/prepare.py OUTPUT.json

Gives 10 registered managers, 10 supervising social workers (each linked to a demo social worker
with a caseload) and 30 foster carers (each linked to a main carer of a different household) a
sign-in with one password and an authenticator device, and writes them with the pages each should
use to OUTPUT.json for locustfile.py. Load-test accounts are named loadtest-*; running it again
replaces them. Never run it against an agency's real database: it adds sign-ins.
"""

import json
from collections import Counter
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import transaction  # noqa: E402
from django.urls import reverse  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from accounts.models import Role, User  # noqa: E402
from records.choices import CarerRole, HouseholdStatus, StaffRole  # noqa: E402
from records.models import Carer, Household, StaffMember  # noqa: E402

PASSWORD = "loadtest-Password-2026"
MANAGERS, SOCIAL_WORKERS, CARERS = 10, 10, 30


def _user(username, role, password_hash, *, first_name, last_name):
    user = User.objects.create(username=username, role=role, password=password_hash, first_name=first_name,
                               last_name=last_name, email=f"{username}@loadtest.example")
    device = TOTPDevice.objects.create(user=user, name="Load test", confirmed=True)
    return {"username": username, "role": role, "totp_key": device.key}


@transaction.atomic
def prepare():
    User.objects.filter(username__startswith="loadtest-").delete()
    password_hash = make_password(PASSWORD)  # hashed once: the slow hasher costs ~0.5 s a call
    accounts = []
    for number in range(1, MANAGERS + 1):
        accounts.append(_user(f"loadtest-manager-{number}", Role.REGISTERED_MANAGER, password_hash,
                              first_name="Load", last_name=f"Manager {number}"))

    workers = (StaffMember.objects.filter(role=StaffRole.SUPERVISING_SOCIAL_WORKER, user__isnull=True,
                                          end_date__isnull=True, allocated_households__isnull=False)
               .distinct().order_by("pk")[:SOCIAL_WORKERS])
    for number, staff in enumerate(workers, start=1):
        account = _user(f"loadtest-ssw-{number}", Role.SUPERVISING_SOCIAL_WORKER, password_hash,
                        first_name=staff.first_name, last_name=staff.last_name)
        staff.user = User.objects.get(username=account["username"])
        staff.save(update_fields=["user"])
        account["households"] = list(staff.allocated_households.values_list("pk", flat=True)[:20])
        accounts.append(account)

    carers = (Carer.objects.filter(user__isnull=True, carer_role=CarerRole.MAIN,
                                   household__status=HouseholdStatus.APPROVED)
              .order_by("household_id")[:CARERS])
    for number, carer in enumerate(carers, start=1):
        account = _user(f"loadtest-carer-{number}", Role.FOSTER_CARER, password_hash,
                        first_name=carer.first_name, last_name=carer.last_name)
        carer.user = User.objects.get(username=account["username"])
        carer.save(update_fields=["user"])
        account["carer"] = carer.pk
        accounts.append(account)

    households = list(Household.objects.order_by("?").values_list("pk", flat=True)[:200])
    return {
        "password": PASSWORD,
        "accounts": accounts,
        "households": households,
        "paths": {
            "login": reverse("accounts:login"),
            "home": reverse("home"),
            "gaps": reverse("compliance:gap_list"),
            "households": reverse("records:household_list"),
            "children": reverse("records:resident_list"),
            "household": reverse("records:household_detail", args=[0]).replace("/0/", "/{}/"),
            "evidence_inbox": reverse("records:evidence_inbox"),
            "evidence_upload": reverse("records:evidence_upload"),
        },
    }


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    plan = prepare()
    Path(sys.argv[1]).write_text(json.dumps(plan, indent=1))
    roles = Counter(Role(account["role"]).label for account in plan["accounts"])
    print(f"Load-test accounts: {', '.join(f'{n} {label}' for label, n in roles.items())}; written to {sys.argv[1]}")
