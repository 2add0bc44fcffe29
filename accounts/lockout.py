"""What a locked-out sign-in sees (django-axes): the login page's message and when to try again.

django-axes locks sign-in after ``AXES_FAILURE_LIMIT`` failures, per username and per address,
for ``AXES_COOLOFF_TIME``. allauth's own limit on failed logins is switched off in the settings,
so this is the one message a person gets about too many attempts.
"""

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone


def locked_out(request, *args, **kwargs):
    cooloff = settings.AXES_COOLOFF_TIME
    until = timezone.localtime(timezone.now() + cooloff)
    response = render(
        request,
        "account/locked_out.html",
        {"until": until, "minutes": int(cooloff.total_seconds() // 60)},
        status=429,
    )
    response["Retry-After"] = str(int(cooloff.total_seconds()))
    return response


def username(request, credentials) -> str | None:
    """The username a sign-in is counted under. allauth's form names the field ``login``
    (``AXES_USERNAME_FORM_FIELD``) but authenticates with ``username=``: take whichever is given,
    in lower case, so that "Kohde" and "kohde" share one counter."""
    value = (credentials or {}).get("username") or (credentials or {}).get("login")
    if not value and request is not None and request.method == "POST":
        value = request.POST.get("login")
    return value.strip().lower() if value else None
