"""The second factor: an authenticator app (TOTP), required of administrators, optional for others."""

import pyotp
import pytest
from allauth.mfa.models import Authenticator

from tests.conftest import PASSWORD
from tests.governance.factories import TOTP_SECRET, UserFactory


@pytest.fixture
def new_administrator(db):
    """An administrator who has not set up a second factor yet."""
    return UserFactory(username="new-admin", is_staff=True, is_superuser=True, second_factor=False)


def log_in_with_password(client, username: str):
    return client.post("/accounts/login/", {"login": username, "password": PASSWORD})


def confirm_password(client):
    """allauth asks for the password again before a second factor is added or removed."""
    assert client.post("/accounts/reauthenticate/", {"password": PASSWORD}).status_code == 302


def test_an_administrator_without_a_second_factor_is_sent_to_set_one_up_before_anything_else(
    client, new_administrator
):
    response = log_in_with_password(client, "new-admin")
    assert response.status_code == 302
    for path in ("/", "/admin/", "/projects/", "/accounts/security/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == "/accounts/2fa/totp/activate/", path


def test_the_administrator_sets_up_the_authenticator_app_and_then_gets_in(client, new_administrator):
    log_in_with_password(client, "new-admin")
    told = client.get("/admin/", follow=True)
    assert "Ylläpitäjiltä vaaditaan toinen tunnistustekijä" in told.content.decode()
    assert told.redirect_chain[-1][0].startswith("/accounts/reauthenticate/")
    confirm_password(client)
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = page.context["form"].secret
    response = client.post("/accounts/2fa/totp/activate/", {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=new_administrator, type=Authenticator.Type.TOTP).exists()
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_does_not_set_up_the_app(client, new_administrator):
    log_in_with_password(client, "new-admin")
    confirm_password(client)
    client.get("/accounts/2fa/totp/activate/")
    response = client.post("/accounts/2fa/totp/activate/", {"code": "000000"})
    assert response.status_code == 200
    assert not Authenticator.objects.filter(user=new_administrator).exists()
    assert client.get("/admin/")["Location"] == "/accounts/2fa/totp/activate/"


def test_others_may_go_without_a_second_factor(client, coordinator):
    log_in_with_password(client, "coordinator")
    assert client.get("/projects/").status_code == 200


def test_logging_in_with_a_password_asks_for_the_authenticator_code(client, administrator):
    response = log_in_with_password(client, "administrator")
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/projects/")["Location"].startswith("/accounts/login/")  # not logged in yet

    wrong = client.post("/accounts/2fa/authenticate/", {"code": "123456"})
    assert wrong.status_code == 200
    assert client.get("/projects/")["Location"].startswith("/accounts/login/")

    response = client.post("/accounts/2fa/authenticate/", {"code": pyotp.TOTP(TOTP_SECRET).now()})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_coordinator_may_turn_the_second_factor_on_and_is_then_asked_for_it(client, coordinator):
    log_in_with_password(client, "coordinator")
    confirm_password(client)
    page = client.get("/accounts/2fa/totp/activate/")
    secret = page.context["form"].secret
    client.post("/accounts/2fa/totp/activate/", {"code": pyotp.TOTP(secret).now()})
    assert Authenticator.objects.filter(user=coordinator, type=Authenticator.Type.TOTP).exists()
    client.post("/accounts/logout/")

    response = log_in_with_password(client, "coordinator")
    assert response["Location"] == "/accounts/2fa/authenticate/"


def test_recovery_codes_come_with_the_app_and_each_logs_in_once(client, new_administrator):
    log_in_with_password(client, "new-admin")
    confirm_password(client)
    secret = client.get("/accounts/2fa/totp/activate/").context["form"].secret
    client.post("/accounts/2fa/totp/activate/", {"code": pyotp.TOTP(secret).now()})
    codes_page = client.get("/accounts/2fa/recovery-codes/")
    code = codes_page.context["unused_codes"][0]
    assert code in codes_page.content.decode()
    client.post("/accounts/logout/")

    log_in_with_password(client, "new-admin")
    assert client.post("/accounts/2fa/authenticate/", {"code": code}).status_code == 302
    assert client.get("/admin/").status_code == 200
    client.post("/accounts/logout/")
    log_in_with_password(client, "new-admin")
    assert client.post("/accounts/2fa/authenticate/", {"code": code}).status_code == 200  # used up


def test_the_admin_login_page_sends_everybody_to_the_portal_login(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    # Its form cannot be used to step around the second factor either.
    response = client.post("/admin/login/", {"username": "administrator", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
