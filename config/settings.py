"""The one settings module.

With no environment set, the product runs as the demo: SQLite under var/, Celery eager,
local media files, console email. Set DJANGO_ENV=production and the variables documented in
the README to run it for real; anything missing or malformed stops start-up with a message.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

ENVIRONMENT = env_str("DJANGO_ENV", "demo")
if ENVIRONMENT not in {"demo", "production", "test"}:
    raise ImproperlyConfigured(f"DJANGO_ENV={ENVIRONMENT!r}: use demo, production or test.")
PRODUCTION = ENVIRONMENT == "production"

if PRODUCTION:
    SECRET_KEY = env_str("SECRET_KEY", required=True)
    if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured("SECRET_KEY must be at least 50 random characters.")
    DEBUG = False
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must list the site's host names in production.")
else:
    # Demo/test only: a fixed key is fine because nothing real is stored.
    SECRET_KEY = env_str("SECRET_KEY", "demo-only-insecure-key-never-use-in-production-0123456789")
    DEBUG = env_bool("DEBUG", ENVIRONMENT == "demo")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "accounts",
    "compliance",
    "records",
    "panels",
    "inspections",
    "operations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): signed in with a second factor
    "accounts.middleware.IdleTimeoutMiddleware",  # signed out after SESSION_IDLE_TIMEOUT_MINUTES idle
    "accounts.middleware.TwoStepMiddleware",  # staff: every page waits for the code (or enrolment) first
    "django.contrib.messages.middleware.MessageMiddleware",
    "inspections.middleware.InspectorAccessMiddleware",  # inspectors: log every page, end access on time
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks: turns a lock-out into its page
]

if PRODUCTION:
    # Serves collected static files; in the demo and tests Django's own static serving does it.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.navigation",
            ],
        },
    },
]

# Database ------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL")
if PRODUCTION and not DATABASE_URL:
    raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL in production.")
if DATABASE_URL:
    try:
        DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is not a database URL: {exc}") from None
    if PRODUCTION and DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_URL must be a postgres:// URL in production.")
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "demo.sqlite3",
            "OPTIONS": {"timeout": 20},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Users and sign-in ---------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)  # the longest a sign-in lasts, however busy
# Signed out after this many minutes without a page being opened (background polling doesn't count).
SESSION_IDLE_TIMEOUT_MINUTES = env_int("SESSION_IDLE_TIMEOUT_MINUTES", 30)
# django-axes counts failed sign-ins first, then Django checks the password.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
# Lock-out: this many failures locks that username, and separately that address (against trying one
# password on many usernames), until the cool-off passes or a manager unlocks it. A successful sign-in
# clears the count, so a shared office address is not locked by a few colleagues' typos.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30) / 60  # hours, as django-axes reads a number
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# Behind a reverse proxy the client's address is in X-Forwarded-For; this many proxies are trusted.
AXES_IPWARE_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 1 if PRODUCTION else 0)
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if PRODUCTION else ["REMOTE_ADDR"]
# Two-factor sign-in (django-otp): every staff role must use an authenticator app; carers may.
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Fostering records")
TWO_FACTOR_RECOVERY_CODES = 10

# Internationalisation: the agency works in England, dates are UK style.
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# Static and media ----------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Installed by `npm ci` from package.json; served by WhiteNoise, never a CDN.
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", BASE_DIR / "node_modules" / "bootstrap-icons" / "font"),
]
# Uploaded files are private: MEDIA_ROOT is outside the web root and there is no MEDIA_URL
# route; files are only ever streamed by permission-checked views.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))

if env_str("AWS_STORAGE_BUCKET_NAME"):
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL"),
            "region_name": env_str("AWS_S3_REGION_NAME"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
            # Files read back (previews, packs, backups) spill to a temporary file above this size.
            "max_memory_size": 10 * 1024 * 1024,
        },
    }
else:
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Email ---------------------------------------------------------------------
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
elif PRODUCTION:
    raise ImproperlyConfigured("EMAIL_HOST must be set in production so notices reach people.")
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "records@fostering.example")

# Celery --------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if PRODUCTION and not REDIS_URL:
    raise ImproperlyConfigured("REDIS_URL must be set in production for the Celery broker.")
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", REDIS_URL)
# Demo: tasks run inline so nothing else needs starting.
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
# A task is acknowledged when it finishes, not when a worker takes it, so a worker that dies mid-task
# (a deploy, the machine restarting) leaves it to be delivered again. Every task is safe to run twice:
# a run or pack already finished is left alone, the nightly run is one a day, sent reminders are recorded.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # a long pack render doesn't hold other tasks behind it

# Security ------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
# Lax, not Strict: cookies stay off cross-site POSTs and subrequests, but a link in a reminder or notice email
# still opens the page signed in (Strict would show the sign-in page to someone already signed in).
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Other sites may not frame our pages (the evidence preview allows our own: records/views/evidence.py), nor
# keep a handle on a window they opened (COOP), nor learn our URLs (they carry record ids) from the referrer.
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# Content Security Policy (django-csp), in every environment so the tests see what production does:
# scripts, styles, fonts and images only from this site; nothing inline; no framing but our own.
from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],  # Bootstrap draws its form controls with data: SVGs
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],  # the evidence inbox previews PDFs in a frame
        "frame-ancestors": [NONE],  # as X-Frame-Options: DENY; the evidence preview alone allows our own pages
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# Forms ---------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Agency name shown in the header; the full agency record comes later.
AGENCY_NAME = env_str("AGENCY_NAME", "Riverside Fostering (demo)")
# The address people use to reach the product, for links in emails (sent without a request).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Invitation and password links (Django's password-reset tokens) work once and for this many days.
PASSWORD_RESET_TIMEOUT = env_int("CARER_INVITE_DAYS", 3) * 24 * 60 * 60
# Registration details printed in the inspection pack until the agency has a record of its own
# (blank prints "Not recorded"). The demo shows made-up ones.
AGENCY_URN = env_str("AGENCY_URN", "" if PRODUCTION else "SC999999")
AGENCY_REGISTERED_PROVIDER = env_str("AGENCY_REGISTERED_PROVIDER", "" if PRODUCTION else "Riverside Fostering Ltd (demo)")
AGENCY_ADDRESS = env_str("AGENCY_ADDRESS", "" if PRODUCTION else "1 Example Street, Exampleton EX1 1AA (demo)")

LOG_LEVEL = env_str("LOG_LEVEL", "INFO").upper()
if LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise ImproperlyConfigured(f"LOG_LEVEL={LOG_LEVEL!r}: use DEBUG, INFO, WARNING, ERROR or CRITICAL.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Django's logger has its own console handler; stop lines printing twice via root.
        "django": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        "django.db.backends": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},  # a line per page of every pack otherwise
    },
}

# Panels --------------------------------------------------------------------
# Reg 24 quorum (rule CR-PN-005) is LOW confidence in the reference (recalled, not read), so the
# numbers are settings: members needed, members for a joint panel, and the social worker's
# minimum years of post-qualifying experience. Panel adviser and minute taker never count.
PANEL_QUORUM_MIN_MEMBERS = env_int("PANEL_QUORUM_MIN_MEMBERS", 5)
PANEL_QUORUM_JOINT_MIN_MEMBERS = env_int("PANEL_QUORUM_JOINT_MIN_MEMBERS", 6)
PANEL_QUORUM_SW_MIN_PQE_YEARS = env_int("PANEL_QUORUM_SW_MIN_PQE_YEARS", 3)
PANEL_QUORUM_NON_MEMBER_ROLES = ["panel_adviser", "minute_taker"]
# Timescales in working days (England bank holidays excluded; see compliance/calendar.py).
PANEL_PAPERS_MIN_WORKING_DAYS = env_int("PANEL_PAPERS_MIN_WORKING_DAYS", 5)  # NMS 14.3
PANEL_DECISION_WORKING_DAYS = env_int("PANEL_DECISION_WORKING_DAYS", 7)  # NMS 14.9, from final minutes
PANEL_ORAL_NOTICE_WORKING_DAYS = env_int("PANEL_ORAL_NOTICE_WORKING_DAYS", 2)  # CR-ADM-002
PANEL_WRITTEN_NOTICE_WORKING_DAYS = env_int("PANEL_WRITTEN_NOTICE_WORKING_DAYS", 5)  # CR-ADM-002
PANEL_IRM_PAPERS_WORKING_DAYS = env_int("PANEL_IRM_PAPERS_WORKING_DAYS", 10)  # reg 29
# Calendar days from written notice of a qualifying determination for representations / an IRM application.
PANEL_REPRESENTATION_DAYS = env_int("PANEL_REPRESENTATION_DAYS", 28)  # regs 27, 28
# Central-list members' annual review (CR-PN-004, common practice, low confidence).
PANEL_MEMBER_REVIEW_DAYS = env_int("PANEL_MEMBER_REVIEW_DAYS", 365)
# Largest file any private upload may be (records/files.py), checked before anything is saved.
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 20 * 1024 * 1024)

# Compliance ----------------------------------------------------------------
# Edits to a household's records queue a recheck of that household once they commit; edits within
# this many seconds share one run (eager Celery, as in the demo, runs it at once instead).
COMPLIANCE_RECHECK_DELAY_SECONDS = env_int("COMPLIANCE_RECHECK_DELAY_SECONDS", 5)
COMPLIANCE_RECHECK_ON_SAVE = env_bool("COMPLIANCE_RECHECK_ON_SAVE", True)
# The daily reminder digest tells each person of an item once per window: when it falls due within
# each of these many days (the tightest window that applies), and again once it is overdue.
_reminder_windows = env_str("REMINDER_WINDOWS_DAYS", "30,7")
try:
    REMINDER_WINDOWS_DAYS = sorted({int(part) for part in _reminder_windows.split(",")}, reverse=True)
except ValueError:
    REMINDER_WINDOWS_DAYS = []
if not REMINDER_WINDOWS_DAYS or min(REMINDER_WINDOWS_DAYS) < 1:
    raise ImproperlyConfigured(f"REMINDER_WINDOWS_DAYS={_reminder_windows!r}: give whole numbers of days "
                               "above 0, separated by commas (e.g. 30,7).")

# Cache ---------------------------------------------------------------------
# Shared by every web and worker process through Redis (the recheck coalescing needs that); the
# demo, with no Redis, keeps it in memory.
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Inspections --------------------------------------------------------------
# Ofsted's notice before fieldwork starts: 2 working days is the reference's MEDIUM-confidence figure
# (ofsted_ifa_inspection.yaml), so it is a setting; each inspection keeps its own copy, editable.
INSPECTION_NOTICE_WORKING_DAYS = env_int("INSPECTION_NOTICE_WORKING_DAYS", 2)
# Hours after the notice that the records-upload window stays open by default (editable per inspection).
INSPECTION_UPLOAD_WINDOW_HOURS = env_int("INSPECTION_UPLOAD_WINDOW_HOURS", 6)
# The longest window a manager may grant an inspector's login in one go (agency practice, not a rule).
INSPECTOR_GRANT_MAX_DAYS = env_int("INSPECTOR_GRANT_MAX_DAYS", 14)
# The pack's Annex A sections are data (LOW confidence as to Ofsted's current template): point this at
# an agency's own YAML file to reorder or replace them. Blank: inspections/pack/sections.yaml.
INSPECTION_PACK_SECTIONS = env_str("INSPECTION_PACK_SECTIONS", "")
# "Since the last inspection" starts at the latest recorded Ofsted report; with none, this many years back.
INSPECTION_PACK_FALLBACK_YEARS = env_int("INSPECTION_PACK_FALLBACK_YEARS", 3)

# Imports -------------------------------------------------------------------
# Spreadsheet imports (records/imports): files larger than this are refused before they are read,
# and reading stops at this many rows, so a huge or hostile file cannot exhaust memory.
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 10 * 1024 * 1024)
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 50_000)

# Retention -----------------------------------------------------------------
# How long records are kept before a manager should review them (FSR 2011 reg 32; CR-AG-011). Nothing
# is deleted automatically: operations/retention.py lists what is past its period.
RETENTION_CARER_RECORDS_YEARS = env_int("RETENTION_CARER_RECORDS_YEARS", 10)  # after approval ends (high confidence)
RETENTION_WITHDRAWN_APPLICANT_YEARS = env_int("RETENTION_WITHDRAWN_APPLICANT_YEARS", 3)  # refused/withdrawn (high)
RETENTION_SCHEDULE2_YEARS = env_int("RETENTION_SCHEDULE2_YEARS", 15)  # register, staff, accidents (recollection)
RETENTION_CHILD_RECORDS_YEARS = env_int("RETENTION_CHILD_RECORDS_YEARS", 15)  # after the placement ends (recollection)
