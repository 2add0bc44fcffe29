"""Signing in with the organisation's own account, against a real OpenID Connect provider."""

import pytest
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from governance.models import Organisation
from tests.accounts.conftest import PROVIDER_ACCOUNTS, configure, sign_in_at_provider
from tests.accounts.test_journey_second_factor import shot
from tests.governance.factories import UserFactory
from tests.projects.factories import ImplementerFactory, ProjectFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KAISA_EMAIL = PROVIDER_ACCOUNTS["kaisa"]["email"]
BUTTON = "Kirjaudu organisaation tunnuksella (SONet BOTNIA)"


@pytest.fixture
def kaisa(demo):
    """The demo coordinator, whose address the organisation's service vouches for."""
    user = get_user_model().objects.get(username="koordinaattori")
    user.email = KAISA_EMAIL.upper()  # addresses match whatever their case
    user.save()
    return user


def test_coordinator_signs_in_with_the_organisation_account_sees_her_projects_and_signs_out(
    kaisa, oidc_provider, settings, page, live_server
):
    configure(settings, oidc_provider)
    other = ProjectFactory(acronym="Muiden hanke")
    ImplementerFactory(project=other, organisation=Organisation.objects.get(short_name="ISO"))
    UserFactory(username="someone-else", email="someone@sonetbotnia.example")

    page.goto(f"{live_server.url}/projects/")
    shot(page, "login-with-organisation")
    page.get_by_role("button", name=BUTTON).click()
    sign_in_at_provider(page, "kaisa")

    page.wait_for_url(f"{live_server.url}/projects/")
    expect(page.locator(".user-name")).to_have_text("Kaisa Koordinaattori")
    expect(page.get_by_role("link", name="Elämässä eteenpäin")).to_be_visible()
    expect(page.get_by_role("link", name="Muiden hanke")).to_have_count(0)
    account = SocialAccount.objects.get(provider="sonet")
    assert account.user == kaisa
    assert not kaisa.affiliations.exclude(organisation__short_name="SONet BOTNIA").exists()

    page.get_by_role("button", name="Kirjaudu ulos").click()
    page.get_by_role("button", name="Yes, sign me out").click()  # the provider's own sign-out page
    page.wait_for_url(f"{live_server.url}/accounts/login/")
    page.goto(f"{live_server.url}/projects/")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/projects/")
    # The provider's session ended too: signing in again asks for the login.
    page.get_by_role("button", name=BUTTON).click()
    expect(page.locator("input[name=login]")).to_be_visible()


def test_a_person_unknown_to_the_portal_is_refused_with_a_clear_message(
    kaisa, oidc_provider, settings, page, live_server
):
    configure(settings, oidc_provider)
    users_before = get_user_model().objects.count()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("button", name=BUTTON).click()
    sign_in_at_provider(page, "stranger")

    page.wait_for_url(f"{live_server.url}/accounts/login/")
    shot(page, "unknown-email")
    expect(page.get_by_role("status")).to_contain_text(
        "Portaalissa ei ole käyttäjää, jonka sähköpostiosoite on stranger@elsewhere.example"
    )
    assert get_user_model().objects.count() == users_before
    assert not SocialAccount.objects.exists()


def test_an_unverified_address_does_not_match_a_user(kaisa, oidc_provider, settings, page, live_server):
    configure(settings, oidc_provider)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("button", name=BUTTON).click()
    sign_in_at_provider(page, "unverified")

    page.wait_for_url(f"{live_server.url}/accounts/login/")
    expect(page.get_by_role("status")).to_contain_text("ei antanut vahvistettua sähköpostiosoitetta")
    assert not SocialAccount.objects.exists()


def test_a_tampered_id_token_is_refused(kaisa, tampering_provider, settings, page, live_server):
    configure(settings, tampering_provider)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("button", name="Kirjaudu organisaation tunnuksella (Tampered)").click()
    sign_in_at_provider(page, "kaisa")

    page.wait_for_url(f"{live_server.url}/accounts/login/")
    expect(page.get_by_role("status")).to_contain_text("kirjautumispalvelun vastausta ei voitu varmentaa")
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/")
    assert not SocialAccount.objects.exists()


def test_a_provider_that_is_down_gives_a_clear_message_and_passwords_still_work(
    kaisa, settings, page, live_server, login
):
    configure(
        settings,
        {
            "provider_id": "down",
            "name": "THL",
            "client_id": "x",
            "secret": "y",
            "settings": {"server_url": "http://127.0.0.1:9"},  # nothing listens on the discard port
        },
    )
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("button", name="Kirjaudu organisaation tunnuksella (THL)").click()

    page.wait_for_url(f"{live_server.url}/accounts/login/")
    expect(page.get_by_role("status")).to_contain_text("Kirjautumispalvelu THL ei vastaa juuri nyt")
    login("koordinaattori")
    expect(page.locator(".user-name")).to_have_text("Kaisa Koordinaattori")


def test_an_administrator_signed_in_by_the_organisation_is_not_asked_for_the_portals_second_factor(
    oidc_provider, settings, page, live_server
):
    """The organisation's service answers for its own strong authentication; a password does not."""
    configure(settings, oidc_provider)
    UserFactory(
        username="yllapitaja", email=KAISA_EMAIL, is_staff=True, is_superuser=True, second_factor=False
    )
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("button", name=BUTTON).click()
    sign_in_at_provider(page, "kaisa")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/admin/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Perustiedot ja käyttäjät")
