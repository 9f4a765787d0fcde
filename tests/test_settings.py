"""config/settings.py and config/env.py: the demo needs no environment, production fails loudly.

Settings are read once per process, so each case starts Python in a subprocess that sees only
the variables the case names (like `env -i`): never the developer's or the CI's environment.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

# Prints the settings a case asserts on, as JSON. Reading settings needs no django.setup().
PRINT_SETTINGS = """
import json
from django.conf import settings as s
print(json.dumps({
    "DEBUG": s.DEBUG,
    "ALLOWED_HOSTS": s.ALLOWED_HOSTS,
    "DB_ENGINE": s.DATABASES["default"]["ENGINE"],
    "DB_NAME": str(s.DATABASES["default"]["NAME"]),
    "MEDIA_ROOT": str(s.MEDIA_ROOT),
    "DEFAULT_STORAGE": s.STORAGES["default"],
    "STATIC_STORAGE": s.STORAGES["staticfiles"]["BACKEND"],
    "EMAIL_BACKEND": s.EMAIL_BACKEND,
    "CELERY_TASK_ALWAYS_EAGER": s.CELERY_TASK_ALWAYS_EAGER,
    "CELERY_BROKER_URL": s.CELERY_BROKER_URL,
    "SESSION_COOKIE_SECURE": s.SESSION_COOKIE_SECURE,
    "CSRF_COOKIE_SECURE": s.CSRF_COOKIE_SECURE,
    "SECURE_SSL_REDIRECT": s.SECURE_SSL_REDIRECT,
    "PASSWORD_HASHERS": s.PASSWORD_HASHERS,
    "SECURE_HSTS_SECONDS": s.SECURE_HSTS_SECONDS,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": s.SECURE_HSTS_INCLUDE_SUBDOMAINS,
    "SECURE_HSTS_PRELOAD": s.SECURE_HSTS_PRELOAD,
    "SECURE_PROXY_SSL_HEADER": s.SECURE_PROXY_SSL_HEADER,
    "SESSION_COOKIE_HTTPONLY": s.SESSION_COOKIE_HTTPONLY,
    "CSRF_COOKIE_HTTPONLY": s.CSRF_COOKIE_HTTPONLY,
    "SESSION_COOKIE_SAMESITE": s.SESSION_COOKIE_SAMESITE,
    "CSRF_COOKIE_SAMESITE": s.CSRF_COOKIE_SAMESITE,
    "X_FRAME_OPTIONS": s.X_FRAME_OPTIONS,
    "SECURE_CONTENT_TYPE_NOSNIFF": s.SECURE_CONTENT_TYPE_NOSNIFF,
    "SECURE_REFERRER_POLICY": s.SECURE_REFERRER_POLICY,
    "SECURE_CROSS_ORIGIN_OPENER_POLICY": s.SECURE_CROSS_ORIGIN_OPENER_POLICY,
    "CSP_MIDDLEWARE": "csp.middleware.CSPMiddleware" in s.MIDDLEWARE,
    "CSP": s.CONTENT_SECURITY_POLICY,
}, default=str))
"""


def run(args, env, settings_module="config.settings"):
    """Run `python <args>` in the project with only PATH, the settings module and `env`."""
    venv_bin = str(Path(sys.executable).parent)
    clean_env = {
        "PATH": venv_bin + os.pathsep + os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": settings_module,
        **env,
    }
    return subprocess.run(
        [sys.executable, *args], cwd=BASE_DIR, env=clean_env,
        capture_output=True, text=True, timeout=120, check=False,
    )


def read_settings(env, settings_module="config.settings"):
    result = run(["-c", PRINT_SETTINGS], env, settings_module)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def start_up_error(env):
    """Start the app as an operator would and return what it printed on failing."""
    result = run(["manage.py", "check"], env)
    assert result.returncode != 0, f"start-up should have failed:\n{result.stdout}"
    return result.stderr


@pytest.fixture
def production_env(tmp_path):
    """Everything the README lists as required in production, with valid values."""
    return {
        "DJANGO_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "records.example.org",
        "CSRF_TRUSTED_ORIGINS": "https://records.example.org",
        "DATABASE_URL": "postgres://fostering:pw@db.internal:5432/fostering",
        "REDIS_URL": "redis://redis.internal:6379/0",
        "EMAIL_HOST": "smtp.example.org",
        "VAR_DIR": str(tmp_path / "var"),
    }


# The demo ---------------------------------------------------------------------------------

def test_demo_runs_on_sqlite_with_eager_celery_and_console_email(tmp_path):
    var_dir = tmp_path / "somewhere" / "var"

    s = read_settings({"VAR_DIR": str(var_dir)})

    assert s["DB_ENGINE"] == "django.db.backends.sqlite3"
    assert s["DB_NAME"] == str(var_dir / "demo.sqlite3")
    assert var_dir.is_dir(), "settings create VAR_DIR so SQLite can write there"
    assert s["MEDIA_ROOT"] == str(var_dir / "media")
    assert s["DEFAULT_STORAGE"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert s["CELERY_TASK_ALWAYS_EAGER"] is True
    assert s["CELERY_BROKER_URL"] == "memory://"
    assert s["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert s["DEBUG"] is True


def test_demo_database_lives_under_var_by_default():
    s = read_settings({})

    assert s["DB_NAME"] == str(BASE_DIR / "var" / "demo.sqlite3")


def test_test_settings_use_postgresql_and_fast_hashing(tmp_path):
    s = read_settings({"VAR_DIR": str(tmp_path)}, settings_module="config.settings_test")

    assert s["DB_ENGINE"] == "django.db.backends.postgresql"
    assert s["DB_NAME"] == "fostering"
    assert s["DEBUG"] is False
    assert s["CELERY_TASK_ALWAYS_EAGER"] is True
    assert s["PASSWORD_HASHERS"] == ["django.contrib.auth.hashers.MD5PasswordHasher"]


# Bad values stop start-up with a message ----------------------------------------------------

@pytest.mark.parametrize(("name", "value", "message"), [
    ("DEBUG", "maybe", "DEBUG='maybe' is not a yes/no value (use true or false)."),
    ("SESSION_COOKIE_AGE", "8h", "SESSION_COOKIE_AGE='8h' is not a whole number."),
    ("DJANGO_ENV", "staging", "DJANGO_ENV='staging': use demo, production or test."),
    ("LOG_LEVEL", "verbose", "LOG_LEVEL='VERBOSE': use DEBUG, INFO, WARNING, ERROR or CRITICAL."),
])
def test_malformed_value_fails_at_start_up(tmp_path, name, value, message):
    stderr = start_up_error({"VAR_DIR": str(tmp_path), name: value})

    assert f"ImproperlyConfigured: {message}" in stderr


# Production -------------------------------------------------------------------------------

def test_production_settings_are_locked_down(production_env):
    s = read_settings({**production_env, "DEBUG": "true"})

    assert s["DEBUG"] is False, "DEBUG cannot be switched on in production"
    assert s["ALLOWED_HOSTS"] == ["records.example.org"]
    assert s["DB_ENGINE"] == "django.db.backends.postgresql"
    assert s["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert s["CELERY_TASK_ALWAYS_EAGER"] is False
    assert s["CELERY_BROKER_URL"] == "redis://redis.internal:6379/0"
    assert s["SESSION_COOKIE_SECURE"] and s["CSRF_COOKIE_SECURE"] and s["SECURE_SSL_REDIRECT"]
    assert s["STATIC_STORAGE"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_production_sends_cookies_and_headers_only_over_https(production_env):
    s = read_settings(production_env)

    assert s["SESSION_COOKIE_SECURE"] is True and s["CSRF_COOKIE_SECURE"] is True
    assert s["SESSION_COOKIE_HTTPONLY"] is True and s["CSRF_COOKIE_HTTPONLY"] is True
    assert s["SESSION_COOKIE_SAMESITE"] == "Lax" and s["CSRF_COOKIE_SAMESITE"] == "Lax"
    assert s["SECURE_SSL_REDIRECT"] is True
    assert s["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert s["SECURE_HSTS_SECONDS"] >= 31536000  # a year: what browsers' preload lists ask for
    assert s["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True and s["SECURE_HSTS_PRELOAD"] is True
    assert s["X_FRAME_OPTIONS"] == "DENY"
    assert s["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert s["SECURE_REFERRER_POLICY"] == "same-origin"
    assert s["SECURE_CROSS_ORIGIN_OPENER_POLICY"] == "same-origin"


def test_the_content_security_policy_is_the_same_everywhere_and_allows_nothing_inline(production_env, tmp_path):
    production = read_settings(production_env)
    demo = read_settings({"VAR_DIR": str(tmp_path)})
    test = read_settings({"VAR_DIR": str(tmp_path)}, settings_module="config.settings_test")

    assert production["CSP_MIDDLEWARE"] and demo["CSP_MIDDLEWARE"] and test["CSP_MIDDLEWARE"]
    assert production["CSP"] == demo["CSP"] == test["CSP"]
    directives = production["CSP"]["DIRECTIVES"]
    sources = [source for values in directives.values() for source in values]
    assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources
    assert directives["script-src"] == ["'self'"] and directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"] and directives["base-uri"] == ["'self'"]


def test_production_keeps_evidence_files_private_in_s3(production_env):
    s = read_settings({**production_env, "AWS_STORAGE_BUCKET_NAME": "agency-evidence"})

    storage = s["DEFAULT_STORAGE"]
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "agency-evidence"
    assert storage["OPTIONS"]["default_acl"] == "private"
    assert storage["OPTIONS"]["querystring_auth"] is True


@pytest.mark.parametrize(("name", "value", "message"), [
    ("SECRET_KEY", None, "Environment variable SECRET_KEY must be set in production."),
    ("SECRET_KEY", "too-short", "SECRET_KEY must be at least 50 random characters."),
    ("SECRET_KEY", "a" * 60, "SECRET_KEY must be at least 50 random characters."),
    ("ALLOWED_HOSTS", None, "ALLOWED_HOSTS must list the site's host names in production."),
    ("ALLOWED_HOSTS", " , ", "ALLOWED_HOSTS must list the site's host names in production."),
    ("DATABASE_URL", None, "DATABASE_URL must point at PostgreSQL in production."),
    ("DATABASE_URL", "sqlite:///var/demo.sqlite3", "DATABASE_URL must be a postgres:// URL in production."),
    ("DATABASE_URL", "db.internal/fostering", "DATABASE_URL is not a database URL"),
    ("REDIS_URL", None, "REDIS_URL must be set in production for the Celery broker."),
    ("EMAIL_HOST", None, "EMAIL_HOST must be set in production so notices reach people."),
    ("SECURE_SSL_REDIRECT", "perhaps", "SECURE_SSL_REDIRECT='perhaps' is not a yes/no value"),
], ids=lambda v: "missing" if v is None else str(v)[:20])
def test_production_fails_at_start_up_without_a_valid(production_env, name, value, message):
    env = dict(production_env)
    if value is None:
        del env[name]
    else:
        env[name] = value

    stderr = start_up_error(env)

    assert f"ImproperlyConfigured: {message}" in stderr


def test_production_environment_passes_the_deploy_checks(production_env):
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env)

    assert result.returncode == 0, result.stdout + result.stderr


# config/env.py ----------------------------------------------------------------------------

def test_env_str_returns_the_value_or_the_default(monkeypatch):
    monkeypatch.setenv("AGENCY_NAME", "Riverside Fostering")
    monkeypatch.setenv("EMPTY", "")
    monkeypatch.delenv("MISSING", raising=False)

    assert env_str("AGENCY_NAME", "x") == "Riverside Fostering"
    assert env_str("EMPTY", "fallback") == "fallback"
    assert env_str("MISSING") is None


def test_env_str_required_names_the_missing_variable(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "")

    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY must be set in production"):
        env_str("SECRET_KEY", required=True)


@pytest.mark.parametrize("raw", ["1", "true", "True", " YES ", "on"])
def test_env_bool_reads_yes_words(monkeypatch, raw):
    monkeypatch.setenv("FLAG", raw)

    assert env_bool("FLAG", False) is True


@pytest.mark.parametrize("raw", ["0", "false", "No", "OFF", ""])
def test_env_bool_reads_no_words(monkeypatch, raw):
    monkeypatch.setenv("FLAG", raw)

    assert env_bool("FLAG", True) is False


def test_env_bool_uses_the_default_when_unset(monkeypatch):
    monkeypatch.delenv("FLAG", raising=False)

    assert env_bool("FLAG", True) is True
    assert env_bool("FLAG") is False


def test_env_bool_rejects_anything_else(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")

    with pytest.raises(ImproperlyConfigured, match=r"DEBUG='maybe' is not a yes/no value"):
        env_bool("DEBUG")


def test_env_int_reads_whole_numbers(monkeypatch):
    monkeypatch.setenv("PORT", "587")
    monkeypatch.setenv("EMPTY", "")
    monkeypatch.delenv("MISSING", raising=False)

    assert env_int("PORT", 25) == 587
    assert env_int("EMPTY", 25) == 25
    assert env_int("MISSING", 25) == 25


def test_env_int_rejects_other_text(monkeypatch):
    monkeypatch.setenv("SECURE_HSTS_SECONDS", "1 year")

    with pytest.raises(ImproperlyConfigured, match=r"SECURE_HSTS_SECONDS='1 year' is not a whole number"):
        env_int("SECURE_HSTS_SECONDS", 0)


def test_env_list_splits_on_commas_and_drops_blanks(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", " records.example.org, ,www.example.org,")
    monkeypatch.setenv("EMPTY", "")
    monkeypatch.delenv("MISSING", raising=False)

    assert env_list("ALLOWED_HOSTS") == ["records.example.org", "www.example.org"]
    assert env_list("EMPTY", ["default"]) == []
    assert env_list("MISSING", ("localhost",)) == ["localhost"]
