"""The portal speaks the person's saved language, Finnish by default, never the browser's."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from notices.models import Profile

ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}


def language_of_page(response) -> str:
    return re.search(r'<html lang="(\w+)"', response.content.decode()).group(1)


@pytest.mark.django_db
def test_an_english_browser_gets_the_finnish_login_page():
    response = Client().get(reverse("account_login"), **ENGLISH_BROWSER)
    assert language_of_page(response) == "fi"
    assert "Kirjaudu sisään" in response.content.decode()


@pytest.mark.django_db
def test_the_language_switch_is_kept_before_signing_in(client):
    client.post(reverse("set_language"), {"language": "sv", "next": "/"})
    assert language_of_page(client.get(reverse("account_login"), **ENGLISH_BROWSER)) == "sv"


def test_a_person_reads_the_portal_in_their_saved_language(client, swedish_reader):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = (
        "fi"  # what the login page used does not outlast signing in
    )
    client.force_login(swedish_reader)
    assert language_of_page(client.get("/", **ENGLISH_BROWSER)) == "sv"


def test_a_person_without_a_choice_reads_finnish(client, reader):
    client.force_login(reader)
    assert language_of_page(client.get("/", **ENGLISH_BROWSER)) == "fi"


def test_the_language_buttons_save_the_choice_for_the_next_sign_in(client, reader):
    client.force_login(reader)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert language_of_page(client.get("/")) == "en"
    assert Profile.objects.get(user=reader).language == "en"
    elsewhere = Client()  # another browser, with no cookie of the first
    elsewhere.force_login(reader)
    assert language_of_page(elsewhere.get("/")) == "en"


def test_an_unknown_language_changes_nothing(client, reader):
    client.force_login(reader)
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    assert language_of_page(client.get("/")) == "fi"
    assert not Profile.objects.filter(user=reader).exists()
