"""The organisations' identity services as settings describe them (``OIDC_PROVIDERS``)."""

import logging
from urllib.parse import urlencode

import requests
from allauth.account.authentication import get_authentication_records
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.urls import reverse

logger = logging.getLogger(__name__)


def configured_apps() -> list[dict]:
    return settings.SOCIALACCOUNT_PROVIDERS.get("openid_connect", {}).get("APPS", [])


def provider_app(provider_id: str) -> dict | None:
    return next((app for app in configured_apps() if app["provider_id"] == provider_id), None)


def provider_name(provider_id: str) -> str:
    app = provider_app(provider_id)
    return app["name"] if app else provider_id


def signed_in_with(request: HttpRequest) -> str | None:
    """The identity service this session was signed in through, if it was."""
    for record in reversed(get_authentication_records(request, request.user)):
        if record.get("method") == "socialaccount":
            return record.get("provider")
    return None


def end_session_url(request: HttpRequest, provider_id: str) -> str | None:
    """Where to send the browser so that the organisation's service signs the person out too.

    OpenID Connect RP-initiated logout: the service's ``end_session_endpoint`` with our client id and
    the login page to come back to. ``None`` when the service offers none or cannot be reached.
    """
    app = provider_app(provider_id)
    if app is None:
        return None
    endpoint = _end_session_endpoint(app)
    if not endpoint:
        return None
    back = request.build_absolute_uri(reverse("login"))
    query = urlencode({"client_id": app["client_id"], "post_logout_redirect_uri": back})
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


def _end_session_endpoint(app: dict) -> str | None:
    server_url = app["settings"]["server_url"].rstrip("/")
    if "/.well-known/" not in server_url:
        server_url += "/.well-known/openid-configuration"
    key = f"oidc-end-session:{server_url}"
    endpoint = cache.get(key)
    if endpoint is None:
        try:
            response = requests.get(server_url, timeout=5)
            response.raise_for_status()
            endpoint = response.json().get("end_session_endpoint", "")
        except (requests.RequestException, ValueError) as exc:
            # Signing out of the portal must work even when the service is down.
            logger.warning("No end_session_endpoint from %s: %s", server_url, exc)
            return None
        cache.set(key, endpoint, 3600)
    return endpoint or None
