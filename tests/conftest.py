"""Shared fixtures: personas, the demo data, and a real headless Chromium for browser tests."""

import shutil
import subprocess

import pytest
from django.core.cache import cache
from django.core.management import call_command

from tests.governance.factories import (
    AffiliationFactory,
    AreaManagerFactory,
    OrganisationFactory,
    UserFactory,
    WellbeingAreaFactory,
)

PASSWORD = "test-password-1"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


# --- personas -------------------------------------------------------------------------------


@pytest.fixture
def coordinator(db):
    """A coordinator at a competence centre."""
    user = UserFactory(username="coordinator")
    AffiliationFactory(user=user, organisation=OrganisationFactory(short_name="Centre"), is_coordinator=True)
    return user


@pytest.fixture
def outsider(db):
    """A coordinator of an organisation that takes part in nothing the other personas do."""
    user = UserFactory(username="outsider")
    AffiliationFactory(
        user=user, organisation=OrganisationFactory(short_name="Elsewhere"), is_coordinator=True
    )
    return user


@pytest.fixture
def area_manager(db):
    """The aftercare manager of one wellbeing area."""
    user = UserFactory(username="area-manager")
    AreaManagerFactory(user=user, wellbeing_area=WellbeingAreaFactory())
    return user


@pytest.fixture
def plain_user(db):
    """Logged in, but with no organisation and no role."""
    return UserFactory(username="plain")


@pytest.fixture
def administrator(db):
    return UserFactory(username="administrator", is_staff=True, is_superuser=True)


@pytest.fixture
def demo(db):
    """The demo data of the documents, with the demo users (password ``PASSWORD``)."""
    call_command("load_demo", demo=True, stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture(autouse=True)
def _demo_password(settings):
    settings.DEMO_PASSWORD = PASSWORD


@pytest.fixture(autouse=True)
def _empty_cache():
    """allauth keeps login rate limits and used authenticator codes in the cache: each test starts
    without another test's (the same code of the same secret may come round within 30 seconds)."""
    cache.clear()


# --- browser ----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Playwright drives the machine's Chromium; it cannot download a browser of its own here."""
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    return {**browser_type_launch_args, "executable_path": executable, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "fi-FI", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def login(live_server, page):
    """Log in through the real login form: ``login(user)`` → the page, on the front page."""

    def _login(user, password: str = PASSWORD):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Käyttäjätunnus").fill(user.username if hasattr(user, "username") else user)
        page.get_by_label("Salasana").fill(password)
        page.get_by_role("button", name="Kirjaudu sisään").click()
        page.wait_for_url(f"{live_server.url}/")
        return page

    return _login


def pdf_text(pdf: bytes, tmp_path) -> str:
    """The text of a PDF as pdftotext sees it, non-breaking spaces as plain spaces."""
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True)
    return out.stdout.replace("\xa0", " ").replace("\u202f", " ")
