"""gunicorn's settings for the web tier: `gunicorn -c config/gunicorn.conf.py config.wsgi`.

Each value can be set from the environment, so one file serves every machine. See docs/deployment.md.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")  # the reverse proxy connects here
# Sync workers: pages are short database reads; slow work (packs, runs, emails) is Celery's.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))  # an evidence file or pack ZIP streams within this
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak in any library can't grow without bound.
max_requests = 1000
max_requests_jitter = 100
# Only the proxy on this machine may say which scheme and client address a request came from.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None  # empty: no access log (the load test)
errorlog = "-"
