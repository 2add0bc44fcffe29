"""Sessions end when idle or too old; a person sees their sessions and ends the others."""

import time

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client

from accounts.middleware import SESSION_SEEN, SESSION_STARTED
from tests.conftest import PASSWORD


def _age(client, **seconds_ago) -> None:
    session = client.session
    now = time.time()
    for key, ago in seconds_ago.items():
        session[{"started": SESSION_STARTED, "seen": SESSION_SEEN}[key]] = now - ago
    session.save()


def test_the_idle_timeout_is_two_hours_by_default_and_the_cookie_lives_no_longer():
    assert settings.SESSION_IDLE_TIMEOUT == 2 * 3600
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_IDLE_TIMEOUT
    assert settings.SESSION_ABSOLUTE_LIMIT > settings.SESSION_IDLE_TIMEOUT


def test_a_session_idle_longer_than_the_timeout_ends(client, coordinator):
    client.force_login(coordinator)
    _age(client, seen=settings.SESSION_IDLE_TIMEOUT + 5)
    response = client.get("/projects/", follow=True)
    assert response.redirect_chain[0][0] == "/accounts/login/?next=/projects/"
    assert "Istuntosi päättyi" in response.content.decode()
    assert not Session.objects.filter(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value).exists()


def test_a_session_older_than_the_absolute_limit_ends_even_when_in_use(client, coordinator):
    client.force_login(coordinator)
    _age(client, started=settings.SESSION_ABSOLUTE_LIMIT + 5, seen=10)
    assert client.get("/projects/")["Location"] == "/accounts/login/?next=/projects/"


def test_activity_keeps_a_session_alive(client, coordinator):
    client.force_login(coordinator)
    _age(client, started=settings.SESSION_IDLE_TIMEOUT * 3, seen=settings.SESSION_IDLE_TIMEOUT - 60)
    assert client.get("/projects/").status_code == 200
    assert time.time() - client.session[SESSION_SEEN] < 5
    assert client.get("/projects/").status_code == 200


@pytest.mark.parametrize("minutes", [30])
def test_the_idle_timeout_comes_from_the_settings(client, coordinator, settings, minutes):
    settings.SESSION_IDLE_TIMEOUT = minutes * 60
    client.force_login(coordinator)
    _age(client, seen=minutes * 60 + 5)
    assert client.get("/projects/").status_code == 302


def test_a_person_sees_their_sessions_and_ends_the_others(coordinator):
    laptop, phone = Client(HTTP_USER_AGENT="Laptop browser"), Client(HTTP_USER_AGENT="Phone browser")
    for client in (laptop, phone):
        response = client.post("/accounts/login/", {"login": "coordinator", "password": PASSWORD})
        assert response.status_code == 302

    page = laptop.get("/accounts/sessions/").content.decode()
    assert "Laptop browser" in page
    assert "Phone browser" in page
    assert "2 laitteella" in laptop.get("/accounts/security/").content.decode()

    laptop.post("/accounts/sessions/")
    assert phone.get("/projects/")["Location"] == "/accounts/login/?next=/projects/"
    assert laptop.get("/projects/").status_code == 200
    assert "Phone browser" not in laptop.get("/accounts/sessions/").content.decode()


def test_another_persons_sessions_are_not_listed(coordinator, outsider):
    theirs = Client(HTTP_USER_AGENT="Outsider browser")
    theirs.post("/accounts/login/", {"login": "outsider", "password": PASSWORD})
    mine = Client(HTTP_USER_AGENT="Coordinator browser")
    mine.post("/accounts/login/", {"login": "coordinator", "password": PASSWORD})
    assert "Outsider browser" not in mine.get("/accounts/sessions/").content.decode()


def test_logging_out_ends_the_session_in_the_database(client, coordinator):
    client.post("/accounts/login/", {"login": "coordinator", "password": PASSWORD})
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    response = client.post("/accounts/logout/")
    assert response["Location"] == "/accounts/login/"
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get("/accounts/logout/").status_code == 405
