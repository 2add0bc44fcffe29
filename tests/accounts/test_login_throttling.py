"""Login throttling and passwords (issue 10, hardening)."""

import gzip
from pathlib import Path

import django.contrib.auth.password_validation as pv
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.governance.factories import UserFactory

pytestmark = pytest.mark.django_db


def _login(client, username, password, address="192.0.2.10"):
    return client.post(reverse("login"), {"login": username, "password": password}, REMOTE_ADDR=address)


def _logged_in(client) -> bool:
    return client.get(reverse("home")).status_code == 200


def test_fifty_wrong_passwords_then_the_right_one_is_refused_within_the_cool_off(client):
    UserFactory(username="kohde")
    statuses = {_login(client, "kohde", f"vaara-salasana-{n}").status_code for n in range(50)}
    assert statuses <= {200, 429}  # the form again, then the lockout page: never a 500
    response = _login(client, "kohde", PASSWORD)
    assert response.status_code == 429
    assert not _logged_in(client)
    body = response.content.decode()
    assert "15" in body and 'role="alert"' in body  # locked for 15 minutes, until hh.mm
    assert int(response["Retry-After"]) == 15 * 60


def test_the_lock_holds_for_the_username_from_another_address(client):
    UserFactory(username="kohde")
    for n in range(10):
        _login(client, "kohde", f"vaara-{n}", address="192.0.2.10")
    assert _login(client, "kohde", PASSWORD, address="198.51.100.7").status_code == 429


def test_the_lock_holds_for_the_address_with_other_usernames(client):
    UserFactory(username="toinen")
    for n in range(10):
        _login(client, f"arvaus{n}", "vaara-salasana", address="192.0.2.10")
    assert _login(client, "toinen", PASSWORD, address="192.0.2.10").status_code == 429
    assert _login(client, "toinen", PASSWORD, address="198.51.100.7").status_code == 302


def test_a_few_mistakes_do_not_lock_and_success_resets_the_count(client):
    UserFactory(username="kohde")
    for n in range(5):
        _login(client, "kohde", f"vaara-{n}")
    assert _login(client, "kohde", PASSWORD).status_code == 302
    assert _logged_in(client)


def test_passwords_need_twelve_characters_and_may_not_be_common():
    with pytest.raises(ValidationError):
        pv.validate_password("Lyhyt-sana1")  # 11 characters
    common = Path(pv.CommonPasswordValidator().DEFAULT_PASSWORD_LIST_PATH)
    with gzip.open(common, "rt") as words:
        long_common = next(w.strip() for w in words if len(w.strip()) >= 12)
    with pytest.raises(ValidationError):
        pv.validate_password(long_common)
    pv.validate_password("Kuusi-sammakkoa-ja-lumihanki")


def test_demo_users_lose_the_demo_password_outside_demo_mode(settings):
    call_command("load_demo", demo=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="koordinaattori")
    assert user.check_password(settings.DEMO_PASSWORD)
    settings.DEBUG = False
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    user.refresh_from_db()
    assert not user.has_usable_password()
