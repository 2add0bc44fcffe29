"""Reading from a replica (``DATABASE_REPLICA_URL``) without reading one's own writes stale.

The router sends reads to the replica and writes to the primary. A request that writes (any method
but GET/HEAD/OPTIONS, or any write the router routes) reads from the primary from then on, and so
does the same browser for ``REPLICA_LAG_SECONDS`` after it (a short cookie): what a person has just
saved is what they see next, even when the standby lags behind.
"""

from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse

PRIMARY, REPLICA = "default", "replica"
COOKIE = "portal_primary"
_pinned: ContextVar[bool] = ContextVar("portal_primary_pinned", default=False)
_wrote: ContextVar[bool] = ContextVar("portal_primary_wrote", default=False)


def pin_to_primary() -> None:
    _pinned.set(True)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints) -> str:
        if _pinned.get() or REPLICA not in settings.DATABASES:
            return PRIMARY
        return REPLICA

    def db_for_write(self, model, **hints) -> str:
        _pinned.set(True)
        _wrote.set(True)
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # one database, two copies

    def allow_migrate(self, db, app_label, **hints) -> bool:
        return db == PRIMARY


class PrimaryAfterWriteMiddleware:
    """Pins a request to the primary when it writes or when the browser wrote a moment ago."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if REPLICA not in settings.DATABASES:
            return self.get_response(request)
        pinned = _pinned.set(request.method not in ("GET", "HEAD", "OPTIONS") or COOKIE in request.COOKIES)
        wrote = _wrote.set(False)
        try:
            response = self.get_response(request)
            if _wrote.get() or request.method not in ("GET", "HEAD", "OPTIONS"):
                response.set_cookie(
                    COOKIE, "1", max_age=settings.REPLICA_LAG_SECONDS, httponly=True, samesite="Lax",
                    secure=not settings.DEBUG,
                )  # fmt: skip
            return response
        finally:
            _pinned.reset(pinned)
            _wrote.reset(wrote)
