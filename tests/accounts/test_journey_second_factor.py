"""An administrator's first login: the portal asks for an authenticator app before anything else."""

import os
import re

import pyotp
import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.governance.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("PORTAL_SHOTS")  # a folder: save screenshots there to look at the pages


def shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_a_new_administrator_sets_up_the_app_then_logs_in_with_its_code(page, live_server):
    UserFactory(username="uusi-yllapitaja", is_staff=True, is_superuser=True, second_factor=False)
    page.goto(f"{live_server.url}/admin/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    shot(page, "login")
    page.get_by_label("Käyttäjätunnus").fill("uusi-yllapitaja")
    page.get_by_label("Salasana").fill(PASSWORD)
    page.get_by_role("button", name="Kirjaudu sisään").click()

    # Before anything else: confirm the password, then the authenticator app.
    expect(page.get_by_role("status")).to_contain_text("Ylläpitäjiltä vaaditaan toinen tunnistustekijä")
    shot(page, "reauthenticate")
    page.get_by_label("Salasana").fill(PASSWORD)
    page.get_by_role("button").filter(has_text="Vahvista").click()
    secret = page.locator("#authenticator_secret").input_value()
    shot(page, "totp-activate")
    page.get_by_label("Tunnistinkoodi").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Aktivoi").click()
    shot(page, "after-activate")
    page.goto(f"{live_server.url}/admin/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Perustiedot ja käyttäjät")

    page.get_by_role("link", name="Näytä sivusto").click()
    page.get_by_role("button", name="Kirjaudu ulos").click()
    page.get_by_label("Käyttäjätunnus").fill("uusi-yllapitaja")
    page.get_by_label("Salasana").fill(PASSWORD)
    page.get_by_role("button", name="Kirjaudu sisään").click()
    shot(page, "totp-authenticate")
    page.get_by_label("Koodi").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button").filter(has_text="Kirjaudu").click()
    expect(page).to_have_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/accounts/security/")
    shot(page, "security")
    page.goto(f"{live_server.url}/accounts/sessions/")
    shot(page, "sessions")
