"""Every object URL in the project, requested by the three outsiders, is refused (issue #8).

The walk reads the resolver, so a new URL is covered as soon as it exists: a route with a kwarg that
tests/security/isolation_routes.py cannot build an object for fails `test_every_object_route_has_a_builder`.

For each object route the object is built on the other side of the agency (`other_household`,
`other_ssw`'s caseload, an inspection the inspector is not granted) and requested, GET then POST
with an empty body, as:
  carer       the foster carer of `household`
  ssw         the supervising social worker allocated `household` only
  inspector   `granted_inspector`, whose grant sampled `household` only
Each answer must be a 403 or a 404 (a 405 for GET only when the POST is refused), and the POST must
write nothing but the access log and the session.
"""

import re
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from records.resources import BY_SLUG
from tests.factories.compliance import GapFactory
from tests.factories.inspection_access import SampledCaseFactory
from tests.factories.inspections import InspectionFactory
from tests.security.isolation_routes import (
    CARER, EXEMPT, INSPECTOR, NON_OBJECT_KWARGS, QUERY_ROUTES, RECORD_ACTIONS, RECORD_BUILDERS, RECORD_VARIANTS, ROLES,
    ROUTES, SSW, Route, Side, Target,
)

# Tables a refused request may still write: the session, the inspector's access log, the lock-out log.
WRITABLE_TABLES = {"django_session", "accounts_accesslog", "axes_accesslog", "axes_accessattempt"}
WRITE = re.compile(r'^\s*(INSERT INTO|UPDATE|DELETE FROM)\s+"?(\w+)"?', re.IGNORECASE)


def walk(patterns=None, prefix="", namespace="", captured=frozenset()):
    """(name, route, captured kwargs, default kwargs) for every URL pattern, through includes."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        kwargs = captured | set(pattern.pattern.regex.groupindex)
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace or ""]))
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner, kwargs)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield name, prefix + str(pattern.pattern), kwargs, pattern.default_args


def object_routes():
    """Every named route with a kwarg naming an object, except Django's admin (its own staff checks)."""
    routes = {}
    for name, route, captured, defaults in walk():
        if name is None and route.startswith("admin/") or (name or "").startswith("admin:"):
            continue
        if captured - NON_OBJECT_KWARGS:
            routes[name or route] = defaults
    return routes


OBJECT_ROUTES = object_routes()


def route_for(name) -> Route | None:
    """The registry entry for `name`; records resources come from RECORD_BUILDERS by model."""
    if name in ROUTES:
        return ROUTES[name]
    slug = OBJECT_ROUTES.get(name, {}).get("slug")
    namespace, _, page = name.partition(":")
    if namespace == "records" and slug in BY_SLUG and page.rsplit("_", 1)[-1] in RECORD_ACTIONS:
        model = BY_SLUG[slug].model
        if model in RECORD_BUILDERS:
            builds = [RECORD_BUILDERS[model], *RECORD_VARIANTS.get(model, ())]
            first, *more = [lambda side, build=build: Target({"pk": (obj := build(side)).pk}, obj) for build in builds]
            return Route(first, variants=tuple(more))
    return None


CHECKED = sorted(name for name in OBJECT_ROUTES if name not in EXEMPT)


def test_the_walk_finds_the_object_routes():
    assert len(CHECKED) > 100
    assert {"records:household_detail", "panels:item_detail", "inspections:pack_download"} <= set(CHECKED)


def test_every_object_route_has_a_builder():
    missing = [name for name in CHECKED if route_for(name) is None]
    assert not missing, (
        f"No isolation builder for {missing}: add one to ROUTES (or RECORD_BUILDERS for a records resource) "
        "in tests/security/isolation_routes.py, returning the kwargs of an object on the other side, "
        "or list the route in EXEMPT with the reason nothing per-household is behind it.")


def test_the_exemptions_are_still_routes():
    assert not set(EXEMPT) - set(OBJECT_ROUTES), "an exempt route no longer exists: drop it from EXEMPT"
    assert not set(ROUTES) - set(OBJECT_ROUTES), "a registered route no longer exists: drop it from ROUTES"


@pytest.fixture
def sides(household, other_household, ssw, other_ssw, carer_user, outsider_carer, granted_inspector):
    """(own, other): the outsiders' own side and the side they must not reach, as isolation_routes.Side."""
    own = Side(household, ssw, carer_user, granted_inspector.inspector_grants.get().inspection)
    other = Side(other_household, other_ssw, outsider_carer, InspectionFactory(lead_inspector="Someone Else"))
    # So that pages every role may read (an inspection, its readiness) have the other side's names to leak.
    SampledCaseFactory(inspection=other.inspection, household=other_household)
    GapFactory(household=other_household)
    own.neighbour, other.neighbour = other, own
    return own, other


@pytest.fixture
def outsiders(carer_user, ssw, granted_inspector):
    return {CARER: carer_user, SSW: ssw, INSPECTOR: granted_inspector}


def snapshot(obj):
    """The object's fields and its history length, to compare before and after a POST."""
    obj = type(obj)._default_manager.filter(pk=obj.pk).first()
    if obj is None:
        return None
    history = obj.history.count() if hasattr(obj, "history") else None
    return model_to_dict(obj), history


def writes(queries):
    """Tables written by `queries`, other than the ones any request may write."""
    tables = set()
    for query in queries:
        match = WRITE.match(query["sql"])
        if match and match.group(2).lower() not in WRITABLE_TABLES:
            tables.add(match.group(2))
    return tables


def refused(response):
    return response.status_code in (403, 404)


def describe(response):
    where = f" → {response.get('Location')}" if response.status_code in (301, 302) else ""
    return f"{response.status_code}{where}"


def attempt(client, url, target):
    """Problems with GET and POST of `url` by the signed-in outsider (an empty list when both are refused)."""
    problems = []
    got = client.get(url)
    before = snapshot(target.obj)
    with CaptureQueriesContext(connection) as queries:
        posted = client.post(url, {})
    written = writes(queries.captured_queries)
    get_ok = refused(got) or (got.status_code == 405 and refused(posted))
    post_ok = refused(posted) or (posted.status_code == 405 and refused(got))
    if not get_ok:
        problems.append(f"GET {describe(got)}")
    if not post_ok:
        problems.append(f"POST {describe(posted)}")
    if written:
        problems.append(f"POST wrote to {sorted(written)}")
    if snapshot(target.obj) != before:
        problems.append("POST changed the object")
    return problems


@pytest.mark.parametrize("name", CHECKED)
def test_outsiders_are_refused(client, sides, outsiders, manager, name):
    route = route_for(name)
    if route is None:
        pytest.fail(f"No isolation builder for {name}: see test_every_object_route_has_a_builder")
    _, other = sides
    failures = []
    for build in (route.build, *route.variants):
        target = build(other)
        url = reverse(name, kwargs=target.kwargs)
        # Someone may open it (the manager, or the object's owner): else the builder made a bad URL and
        # every refusal below would prove nothing.
        client.force_login(manager if route.reached_by == "manager" else getattr(other, route.reached_by))
        reached = client.get(url)
        assert reached.status_code in (200, 302, 405), f"{url} fails {route.reached_by} too: {describe(reached)}"
        for role in ROLES:
            client.force_login(outsiders[role])
            if role in route.open_to:  # the page is theirs to read, but it must not name the other household
                failures += [f"{role} {url}: {problem}" for problem in names_other_household(client, url, other)]
            else:
                failures += [f"{role} {url}: {problem}" for problem in attempt(client, url, target)]
    assert not failures, f"{name} reached another side's object: " + "; ".join(failures)


def names_other_household(client, url, other):
    response = client.get(url)
    if response.status_code == 200 and "html" in response.get("Content-Type", ""):
        if other.household.name in response.content.decode():
            return [f"GET shows “{other.household.name}”"]
    return []


@pytest.mark.parametrize("name", sorted(QUERY_ROUTES))
def test_outsiders_are_refused_by_query_string(client, sides, outsiders, manager, name):
    _, other = sides
    failures = []
    for build in QUERY_ROUTES[name]:
        target = build(other)
        url = f"{reverse(name)}?{urlencode(target.kwargs)}"
        client.force_login(manager)
        reached = client.get(url)
        assert reached.status_code == 200, f"{url} fails the manager too: {describe(reached)}"
        for role in ROLES:
            client.force_login(outsiders[role])
            failures += [f"{role} {url}: {problem}" for problem in attempt(client, url, target)]
    assert not failures, f"{name} reached another side's object: " + "; ".join(failures)


# The outsiders' own side. Positive controls (200) show the walk does not pass merely because every
# page is broken; REFUSED rows are what the role may not have even of its own household.
REFUSED = "refused"
OWN_SIDE = {
    CARER: {
        "records:household_detail": 200, "records:carer_detail": 200, "records:placement_detail": 200,
        "records:resident_detail": 200, "records:journalentry_detail": 200, "records:evidence_detail": 200,
        "records:evidence_download": 200, "records:change_request_detail": 200,
        "records:portal_member_change": 200, "panels:decision_letter": 200,
        "records:allegation_detail": REFUSED, "records:household_update": REFUSED,
        "records:household_history": REFUSED, "records:unannouncedvisit_detail": REFUSED,
        "records:evidence_verify": REFUSED, "compliance:gap_detail": REFUSED, "panels:item_detail": REFUSED,
        "inspections:interview_list": REFUSED,
    },
    SSW: {
        "records:household_detail": 200, "records:household_update": 200, "records:check_detail": 200,
        "records:placement_update": 200, "records:complaint_detail": 200, "records:evidence_detail": 200,
        "records:change_request_detail": 200, "compliance:gap_detail": 200, "compliance:reminder_detail": 200,
        "panels:item_detail": 200, "panels:household_history": 200, "inspections:interview_detail": 200,
        "records:allegation_detail": REFUSED, "records:staffmember_detail": REFUSED,
        "records:staffsupervision_detail": REFUSED, "panels:decision_notices": REFUSED,
        "inspections:edit": REFUSED, "inspections:access_log": REFUSED, "inspections:interview_edit": REFUSED,
    },
    INSPECTOR: {
        "records:household_detail": 200, "records:carer_detail": 200, "records:resident_detail": 200,
        "records:supervisionvisit_detail": 200, "panels:item_detail": 200, "panels:household_history": 200,
        "inspections:pack_detail": 200, "inspections:access_cases": 200,
        "records:allegation_detail": REFUSED, "records:household_update": REFUSED,
        "records:staffmember_detail": REFUSED, "records:evidence_verify": REFUSED,
        "records:change_request_detail": REFUSED, "compliance:gap_detail": REFUSED,
        "compliance:reminder_detail": REFUSED, "panels:decision_notices": REFUSED, "inspections:edit": REFUSED,
        "inspections:access_grant": REFUSED, "inspections:access_log": REFUSED,
        "inspections:interview_detail": REFUSED,
    },
}


@pytest.mark.parametrize("role,name,expected", [
    (role, name, expected) for role, names in OWN_SIDE.items() for name, expected in names.items()])
def test_own_side(client, sides, outsiders, role, name, expected):
    own, _ = sides
    target = route_for(name).build(own)
    url = reverse(name, kwargs=target.kwargs)
    client.force_login(outsiders[role])
    if expected == REFUSED:
        problems = attempt(client, url, target)
        assert not problems, f"{role} {url}: " + "; ".join(problems)
    else:
        response = client.get(url)
        assert response.status_code == expected, f"{role} {url}: {describe(response)}"


@pytest.mark.parametrize("role", ROLES)
def test_outsiders_get_no_admin_page(client, sides, outsiders, role):
    own, _ = sides
    client.force_login(outsiders[role])
    for url in (reverse("admin:index"), reverse("admin:accounts_user_changelist"),
                reverse("admin:accounts_user_change", args=[own.ssw.pk])):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), f"{url}: {describe(response)}"
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("admin:login")), f"{url}: {describe(response)}"

