"""Every page of the portal but the login page asks an anonymous visitor to log in.

The URL patterns are enumerated from the resolver, so a URL is covered the moment it is added.
"""

import re
import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter, PathConverter, SlugConverter, StringConverter, UUIDConverter

# Reachable without logging in, by design.
PUBLIC = {"login", "account_login", "set_language", "static", "serve", "accessibility", "healthz"}
# The organisations' sign-in services send the browser back without a portal session; the views
# refuse anything that is not a sign-in they started (tests/accounts/test_journey_organisation_sign_in.py).
PUBLIC |= {"openid_connect_login", "openid_connect_callback"}
# Steps of logging in before the session is a portal user's: the second factor after the password,
# and the notice that the account is inactive.
PUBLIC |= {"mfa_authenticate", "account_inactive"}
# Logging out (POST only) ends whatever session there is, even one halfway through logging in.
PUBLIC |= {"logout", "account_logout"}
# Calendar programs cannot log in: the feed's secret address is its key; an unknown one is 404
# (tests/governance/test_calendar.py).
PUBLIC |= {"calendar_feed"}
# The invitation link sets a password before its owner can sign in (one-time token in the URL).
PUBLIC |= {"governance:invitation"}
# Open data is published for everyone (tests/opendata); its release page is the administrators'.
PUBLIC |= {"opendata:index", "opendata:csv", "opendata:json", "opendata:dcat"}
# The API answers for itself: 401 with a JSON body to a request without a token or session, as a
# program cannot follow a redirect to a login form (tests/api/test_api.py); its schema and docs are
# public, like any published API's.
PUBLIC |= {
    f"api:{name}"
    for name in (
        *("api-root", "project-list", "project-detail", "group-list", "group-detail", "meeting-list"),
        *("meeting-detail", "decision-list", "decision-detail", "figures-list", "schema", "docs", "redoc"),
    )
}
SAMPLE = {
    IntConverter: "1",
    SlugConverter: "x",
    StringConverter: "x",
    PathConverter: "x/y",
    UUIDConverter: str(uuid.uuid4()),
}


def _walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, prefix + _sample(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name or ''}", prefix + _sample(entry.pattern)


def _sample(pattern) -> str:
    """A concrete path for a route such as ``projects/<int:pk>/edit/``; regex (admin) routes get
    their literal prefix only (the admin's catch-all answers anything below it)."""
    route = getattr(pattern, "_route", None)
    if route is None:
        return pattern.regex.pattern.lstrip("^").split("(")[0].replace("\\", "").rstrip("$")

    def value(match: re.Match) -> str:
        converter = pattern.converters.get(match["name"])
        # Any well-formed value will do: the login check answers before the view looks anything up.
        return next((sample for kind, sample in SAMPLE.items() if isinstance(converter, kind)), "1")

    return re.sub(r"<(?:\w+:)?(?P<name>\w+)>", value, route)


def portal_urls():
    return sorted(
        {
            (name, "/" + path)
            for name, path in _walk(get_resolver().url_patterns)
            if name not in PUBLIC and name.split(":")[-1] not in PUBLIC
        }
    )


def test_the_enumeration_sees_every_app():
    names = {name.split(":")[0] for name, _ in portal_urls() if ":" in name}
    assert {"admin"} <= names
    assert len(portal_urls()) > 10


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "path"), portal_urls())
def test_anonymous_visitor_is_sent_to_login(client, name, path):
    response = client.get(path)
    if name.startswith("admin:"):
        # The admin has its own login page; it must not show anything else.
        assert response.status_code == 302, path
        assert "/login/" in response["Location"], (path, response["Location"])
        return
    assert response.status_code == 302, (name, path, response.status_code)
    assert response["Location"].startswith("/accounts/login/?next="), (name, path, response["Location"])


@pytest.mark.django_db
def test_login_page_is_public(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    # allauth's login form: the username goes in the field "login".
    assert 'name="login"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading"),
    [("fi", "Saavutettavuusseloste"), ("sv", "Tillgänglighetsutlåtande"), ("en", "Accessibility statement")],
)
def test_accessibility_statement_is_public_in_each_language(client, settings, language, heading):
    settings.ACCESSIBILITY_CHECKED_ON = "2026-11-30"
    settings.ACCESSIBILITY_FEEDBACK_EMAIL = "palaute@example.fi"
    client.cookies["django_language"] = language
    body = client.get("/accessibility/").content.decode()
    assert f"<h1>{heading}</h1>" in body
    assert "30.11.2026" in body
    assert 'href="mailto:palaute@example.fi"' in body


@pytest.mark.django_db
def test_every_page_links_to_the_accessibility_statement(client):
    assert 'href="/accessibility/"' in client.get("/accounts/login/").content.decode()
