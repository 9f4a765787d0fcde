"""Security headers on real responses: the Content Security Policy (django-csp, config/settings.py), no framing
by other sites, no MIME sniffing, a referrer policy; the evidence preview is the one page framed, by our own."""

import pytest
from django.urls import reverse

from tests.factories.evidence import EvidenceFactory


@pytest.fixture(autouse=True)
def tmp_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def directives(response) -> dict[str, list[str]]:
    """The Content-Security-Policy header as {directive: [sources]}."""
    policy = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        policy[name] = sources
    return policy


def test_a_page_carries_the_policy_and_the_security_headers(client_for, manager):
    response = client_for(manager).get(reverse("compliance:dashboard"))

    assert response.status_code == 200
    assert "Content-Security-Policy-Report-Only" not in response  # enforced, not merely reported
    policy = directives(response)
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    for name in ["default-src", "script-src", "style-src", "connect-src", "frame-src", "form-action", "base-uri"]:
        assert policy[name] == ["'self'"], name
    assert policy["object-src"] == policy["frame-ancestors"] == ["'none'"]  # no page may be framed...
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_the_sign_in_page_carries_them_too(client):
    response = client.get(reverse("accounts:login"))

    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_the_evidence_preview_may_be_framed_by_our_own_pages_only(client_for, manager, household):
    evidence = EvidenceFactory(carer=household.carers.get())

    response = client_for(manager).get(reverse("records:evidence_file", args=[evidence.pk]))

    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert directives(response)["frame-ancestors"] == ["'self'"]
