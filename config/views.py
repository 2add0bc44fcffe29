from datetime import date

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The front page: a card from each app (``config.extensions``, slot ``portal.home``)."""
    user = request.user
    return render(request, "home.html", {"is_administrator": user.is_active and user.is_superuser})


@login_not_required
@require_GET
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    """The accessibility statement (saavutettavuusseloste) that Act 306/2019 requires, in fi/sv/en."""
    return render(
        request,
        "accessibility.html",
        {
            "checked_on": date.fromisoformat(settings.ACCESSIBILITY_CHECKED_ON),
            "feedback_email": settings.ACCESSIBILITY_FEEDBACK_EMAIL,
        },
    )


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 handler. When the database is away, a friendly, translated 503 that asks to try again
    soon; the broken connections are closed, so the next request connects afresh (no restart)."""
    import contextlib
    import sys

    from django.db import DatabaseError, connections
    from django.template.loader import render_to_string
    from django.utils.translation import get_language

    error = sys.exc_info()[1]
    if isinstance(error, DatabaseError) and _database_is_away(error):
        for connection in connections.all(initialized_only=True):
            with contextlib.suppress(DatabaseError):  # already gone
                connection.close()
        # Rendered without the request: the page's usual context (the user, the menu) needs the database.
        body = render_to_string("503.html", {"LANGUAGE_CODE": get_language()})
        response = HttpResponse(body, status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponse(render_to_string("500.html", {"LANGUAGE_CODE": get_language()}), status=500)


def _database_is_away(error: Exception) -> bool:
    from django.db import InterfaceError, OperationalError

    return isinstance(error, OperationalError | InterfaceError)


@login_not_required
@require_GET
@transaction.non_atomic_requests
def healthz(request: HttpRequest) -> JsonResponse:
    """For the load balancer: 200 when the database and the file storage answer, 503 when either does
    not. No login, no session, nothing about the data; never cached."""
    checks = {"database": _database_answers(), "storage": _storage_answers()}
    response = JsonResponse(
        {name: "ok" if ok else "unavailable" for name, ok in checks.items()},
        status=200 if all(checks.values()) else 503,
    )
    response["Cache-Control"] = "no-store"
    return response


def _database_answers() -> bool:
    from django.db import DatabaseError, connection

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        connection.close()  # the next probe connects afresh
        return False


def _storage_answers() -> bool:
    from django.core.files.storage import default_storage

    try:
        default_storage.exists("healthz")  # a stat on disk, a HEAD request on object storage
    except Exception:  # noqa: BLE001 -- any failure of the storage backend means "not healthy"
        return False
    return True
