"""The load test's users (locust): managers, supervising social workers and foster carers.

Run by ./scripts/loadtest, which prepares the accounts (prepare.py) and points LOADTEST_PLAN at
them. Each simulated person signs in once with their own account (password, then the code from
their authenticator device) and then works: managers on the dashboard, the gaps and the lists;
social workers on their households and the evidence inbox; carers on their portal, sometimes
uploading a document. Sign-in requests are named "sign-in ..." so they can be reported apart.
"""

import itertools
import json
import os
import random
import re
import threading

from locust import HttpUser, between, events, task

from codes import totp_code  # locust puts this folder on the import path

PLAN = json.loads(open(os.environ["LOADTEST_PLAN"]).read())
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# The second step's code field, whatever the form calls it.
CODE_FIELD = re.compile(r'<input[^>]+name="(otp_token|token|code)"')
# A tiny valid PDF, as a carer's scanned certificate would be (type is checked by content).
PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
       b"trailer<</Root 1 0 R>>\n%%EOF\n")

# Every request's time once all users have started, for loadtest/report.py (locust's own CSV can't
# give percentiles without the sign-ins mixed in).
SAMPLES_PATH = os.environ.get("LOADTEST_SAMPLES")
_samples, _measuring = [], threading.Event()


@events.spawning_complete.add_listener
def _start_measuring(user_count, **kwargs):
    _measuring.set()


@events.request.add_listener
def _record(name, response_time, exception, **kwargs):
    if _measuring.is_set():
        _samples.append((name, round(response_time, 1), exception is not None))


@events.quitting.add_listener
def _save(environment, **kwargs):
    if SAMPLES_PATH:
        with open(SAMPLES_PATH, "w") as file:
            json.dump(_samples, file)


_lock = threading.Lock()
_accounts = {role: itertools.cycle([a for a in PLAN["accounts"] if a["role"] == role])
             for role in {a["role"] for a in PLAN["accounts"]}}


def _next_account(role):
    with _lock:
        return next(_accounts[role])


def _csrf(response):
    found = CSRF.search(response.text)
    return found.group(1) if found else ""


class Person(HttpUser):
    abstract = True
    role = ""
    wait_time = between(1, 3)  # reading the page before the next click

    def on_start(self):
        self.account = _next_account(self.role)
        paths = PLAN["paths"]
        page = self.client.get(paths["login"], name="sign-in page")
        with self.client.post(paths["login"], name="sign-in password", catch_response=True, data={
            "csrfmiddlewaretoken": _csrf(page), "username": self.account["username"], "password": PLAN["password"],
        }, headers={"Referer": self.host + paths["login"]}) as response:
            field = CODE_FIELD.search(response.text)
            if not field and "Sign out" not in response.text:
                response.failure(f"{self.account['username']} was not signed in (ended at {response.url})")
        if not field:
            return
        # The two-step page: the code from this account's authenticator device.
        code = totp_code(self.account["totp_key"])
        with self.client.post(response.url, name="sign-in code", catch_response=True, data={
            "csrfmiddlewaretoken": _csrf(response), field.group(1): code,
        }, headers={"Referer": response.url}) as signed_in:
            if "Sign out" not in signed_in.text:
                signed_in.failure(f"{self.account['username']} was not signed in (ended at {signed_in.url})")

    def get(self, path, name):
        self.client.get(path, name=name)


class Manager(Person):
    role = "registered_manager"
    weight = 10

    @task(3)
    def dashboard(self):
        self.get(PLAN["paths"]["home"], "manager dashboard")

    @task(2)
    def gaps(self):
        self.get(PLAN["paths"]["gaps"], "gaps list")

    @task(2)
    def households(self):
        self.get(PLAN["paths"]["households"], "households list")

    @task(1)
    def children(self):
        self.get(PLAN["paths"]["children"], "children list")

    @task(2)
    def household(self):
        self.get(PLAN["paths"]["household"].format(random.choice(PLAN["households"])), "household page")


class SocialWorker(Person):
    role = "supervising_social_worker"
    weight = 10

    @task(2)
    def home(self):
        self.get(PLAN["paths"]["home"], "social worker home")

    @task(2)
    def households(self):
        self.get(PLAN["paths"]["households"], "households list")

    @task(3)
    def household(self):
        self.get(PLAN["paths"]["household"].format(random.choice(self.account["households"])), "household page")

    @task(1)
    def inbox(self):
        self.get(PLAN["paths"]["evidence_inbox"], "evidence inbox")


class Carer(Person):
    role = "foster_carer"
    weight = 30

    @task(5)
    def portal(self):
        self.get(PLAN["paths"]["home"], "carer portal")

    @task(1)
    def upload(self):
        path = f"{PLAN['paths']['evidence_upload']}?carer={self.account['carer']}&kind=other"
        form = self.client.get(path, name="upload form")
        self.client.post(path, name="upload document", data={
            "csrfmiddlewaretoken": _csrf(form), "kind": "other", "title": "Load test document",
        }, files={"file": ("certificate.pdf", PDF, "application/pdf")}, headers={"Referer": self.host + path})
