"""GET /healthz: what the load balancer polls."""

from django.db import OperationalError


def test_healthz_says_ok_without_signing_in_and_gives_nothing_away(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


class Unreachable:
    def cursor(self):
        raise OperationalError("could not connect to server")


def test_healthz_is_503_when_the_database_is_unreachable(client, db, monkeypatch):
    monkeypatch.setattr("config.health.connection", Unreachable())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_healthz_only_answers_get(client, db):
    assert client.post("/healthz").status_code == 405
