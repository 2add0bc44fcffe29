"""Session limits and the administrators' second factor."""

import time
from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.providers import signed_in_with

SESSION_STARTED = "portal_session_started"
SESSION_SEEN = "portal_session_seen"
# Note activity at most once a minute: a write per request would buy nothing.
SEEN_RESOLUTION = 60


class SessionLimitsMiddleware:
    """Ends a session idle longer than SESSION_IDLE_TIMEOUT or older than SESSION_ABSOLUTE_LIMIT.

    Marking activity changes the session, so Django also renews its expiry (SESSION_COOKIE_AGE is the
    idle timeout): an abandoned session dies in the database even if nobody comes back to it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            started = request.session.setdefault(SESSION_STARTED, now)
            seen = request.session.get(SESSION_SEEN, started)
            if now - seen > settings.SESSION_IDLE_TIMEOUT or now - started > settings.SESSION_ABSOLUTE_LIMIT:
                logout(request)
                messages.info(request, _("Your session ended because it was idle or too long. Log in again."))
            elif now - seen > SEEN_RESOLUTION:
                request.session[SESSION_SEEN] = now
        return self.get_response(request)


SECOND_FACTORS = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]


def needs_second_factor(request: HttpRequest) -> bool:
    """An administrator who did not sign in through an organisation and has no second factor yet."""
    user = request.user
    if not (user.is_authenticated and (user.is_staff or user.is_superuser)):
        return False
    if signed_in_with(request):
        # The organisation's identity service is responsible for its own strong authentication.
        return False
    return not Authenticator.objects.filter(user=user, type__in=SECOND_FACTORS).exists()


class SecondFactorRequiredMiddleware:
    """Sends an administrator without a second factor to set one up before anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if needs_second_factor(request) and not self._allowed(request.path_info):
            messages.warning(
                request,
                _("Administrators need a second factor. Set up an authenticator app before you continue."),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _allowed(path: str) -> bool:
        # Setting the factor up, proving who you are for it, leaving, switching language, static files.
        allowed = (
            reverse("mfa_index"),
            reverse("account_reauthenticate"),
            reverse("logout"),
            reverse("set_language"),
            settings.STATIC_URL if settings.STATIC_URL.startswith("/") else f"/{settings.STATIC_URL}",
        )
        return path.startswith(allowed)
