"""GET /healthz: for the load balancer and the service manager. Says only whether this web process
can reach the database and the cache; no data, no sign-in."""

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def health_view(request):
    checks = {"database": _database_ok(), "cache": _cache_ok()}
    healthy = all(checks.values())
    return JsonResponse({name: "ok" if ok else "unreachable" for name, ok in checks.items()},
                        status=200 if healthy else 503)


def _database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:
        return False


def _cache_ok():
    try:
        cache.set("healthz", 1, timeout=5)
        return cache.get("healthz") == 1
    except Exception:
        return False
