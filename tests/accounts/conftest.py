"""A real OpenID Connect provider (node ``oidc-provider``, tests/oidc) on 127.0.0.1 for the sign-in tests."""

import json
import shutil
import socket
import subprocess
from pathlib import Path

import pytest

OIDC_DIR = Path(__file__).resolve().parents[1] / "oidc"
CLIENT_ID = "portal-test"
CLIENT_SECRET = "portal-test-secret-of-a-test-provider"
# The people the provider knows: its login → the claims it vouches for.
PROVIDER_ACCOUNTS = {
    "kaisa": {
        "email": "kaisa.koordinaattori@sonetbotnia.example",
        "email_verified": True,
        "given_name": "Kaisa",
        "family_name": "Koordinaattori",
    },
    "stranger": {"email": "stranger@elsewhere.example", "email_verified": True},
    "unverified": {"email": "kaisa.koordinaattori@sonetbotnia.example", "email_verified": False},
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Provider:
    """One running provider: ``issuer`` and the allauth app settings that point the portal at it."""

    def __init__(self, process: subprocess.Popen, issuer: str, provider_id: str, name: str) -> None:
        self.process, self.issuer, self.provider_id, self.name = process, issuer, provider_id, name

    def app(self) -> dict:
        return {
            "provider_id": self.provider_id,
            "name": self.name,
            "client_id": CLIENT_ID,
            "secret": CLIENT_SECRET,
            "settings": {"server_url": self.issuer, "scopes": ["openid", "profile", "email"]},
        }


def _start(tmp_path_factory, live_server, provider_id: str, name: str, *, tamper: bool = False) -> Provider:
    node = shutil.which("node")
    if node is None or not (OIDC_DIR / "node_modules" / "oidc-provider").exists():
        pytest.fail("The test OpenID Connect provider is not installed: run `make test-deps` (npm ci).")
    port = _free_port()
    config = tmp_path_factory.mktemp("oidc") / "config.json"
    config.write_text(
        json.dumps(
            {
                "port": port,
                "client": {
                    "client_id": CLIENT_ID,
                    "client_secret": CLIENT_SECRET,
                    "redirect_uris": [f"{live_server.url}/accounts/oidc/{provider_id}/login/callback/"],
                    "post_logout_redirect_uris": [f"{live_server.url}/accounts/login/"],
                },
                "accounts": PROVIDER_ACCOUNTS,
                "tamper_id_token": tamper,
            }
        )
    )
    process = subprocess.Popen(  # noqa: S603
        [node, str(OIDC_DIR / "provider.js"), str(config)],
        cwd=OIDC_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    line = process.stdout.readline()
    if not line.startswith("READY "):
        process.kill()
        pytest.fail(f"The test OpenID Connect provider did not start: {line!r}")
    return Provider(process, line.split()[1], provider_id, name)


def _stop(provider: Provider) -> None:
    provider.process.terminate()
    provider.process.wait(timeout=10)


@pytest.fixture(scope="session")
def oidc_provider(live_server, tmp_path_factory):
    provider = _start(tmp_path_factory, live_server, "sonet", "SONet BOTNIA")
    yield provider
    _stop(provider)


@pytest.fixture(scope="session")
def tampering_provider(live_server, tmp_path_factory):
    """A provider whose ID tokens are changed after signing, as a man in the middle would."""
    provider = _start(tmp_path_factory, live_server, "tampered", "Tampered", tamper=True)
    yield provider
    _stop(provider)


def configure(settings, *providers) -> None:
    """Point the portal at these identity services, as OIDC_PROVIDERS would."""
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            **settings.SOCIALACCOUNT_PROVIDERS["openid_connect"],
            "APPS": [provider if isinstance(provider, dict) else provider.app() for provider in providers],
        }
    }


def sign_in_at_provider(page, login: str) -> None:
    """The provider's own pages (its development interactions): any password, then consent."""
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill("any-password")
    page.get_by_role("button", name="Sign-in").click()
    page.get_by_role("button", name="Continue").click()
