"""More than one machine: two gunicorn servers on two ports and two task workers against one
PostgreSQL. A person signed in on one server is signed in on the other; an edit from a stale page is
refused whichever server saved first; an import confirmed on both at once is written once; queued
notices are e-mailed once each although two workers pick from the queue.

The servers run the real settings (``config.settings``, DEBUG on only so that static files need no
``collectstatic``), with the database cache and database sessions they use in production.
"""

import os
import socket
import subprocess
import sys
import threading
import time
from contextlib import ExitStack
from pathlib import Path

import pytest
import requests
from django.core.management import call_command
from django.db import connection

from config.models import ImportBatch
from funding.models import CostLine
from notices.models import Kind, Notice
from tests.conftest import PASSWORD
from tests.governance.factories import AffiliationFactory, OrganisationFactory, UserFactory
from tests.notices.smtp import smtp_sink  # noqa: F401 - fixture
from tests.projects.factories import ImplementerFactory, ProjectFactory

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db(transaction=True)


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _env(**extra) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "true",
        "SECRET_KEY": "two-servers-test-key",
        "DATABASE_URL": _database_url(),
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        **extra,
    }


@pytest.fixture
def servers(settings):
    if connection.vendor != "postgresql":
        pytest.skip("two servers share one PostgreSQL: run with DATABASE_URL=postgres://…")
    # The real settings' shared cache table (the test settings keep the cache in memory).
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "portal_cache"},
    }
    call_command("createcachetable", "--database", "default")
    ports = [_free_port(), _free_port()]
    with ExitStack() as stack:
        for port in ports:
            process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "config.wsgi", "-w", "1", "-b", f"127.0.0.1:{port}"],
                cwd=ROOT,
                env=_env(),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            stack.callback(process.wait, 10)
            stack.callback(process.terminate)
        urls = [f"http://127.0.0.1:{port}" for port in ports]
        deadline = time.monotonic() + 60
        for url in urls:
            while True:
                try:
                    if requests.get(f"{url}/healthz/", timeout=10).status_code == 200:
                        break
                except requests.RequestException:
                    pass
                assert time.monotonic() < deadline, "a server did not start"
                time.sleep(0.2)
        yield urls


def _csrf(session: requests.Session) -> str:
    return session.cookies["csrftoken"]


def test_two_servers_share_sessions_locks_imports_and_notices(servers, settings, smtp_sink):  # noqa: F811
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    a, b = servers
    coordinator = UserFactory(username="kaksi-palvelinta", email="k@example.fi")
    centre = OrganisationFactory(short_name="Keskus")
    AffiliationFactory(user=coordinator, organisation=centre, is_coordinator=True)
    project = ProjectFactory(name="Kahden palvelimen hanke")
    ImplementerFactory(project=project, organisation=centre, main=True)
    sub = ImplementerFactory(project=project)

    # A session made on server A is a session on server B.
    browser = requests.Session()
    page = browser.get(f"{a}/accounts/login/", timeout=30)
    assert page.status_code == 200
    login = browser.post(
        f"{a}/accounts/login/",
        {"login": coordinator.username, "password": PASSWORD, "csrfmiddlewaretoken": _csrf(browser)},
        allow_redirects=False,
        timeout=30,
    )
    assert login.status_code == 302, login.text[:500]
    on_b = browser.get(f"{b}/projects/", timeout=30)
    assert on_b.status_code == 200 and "Kahden palvelimen hanke" in on_b.text

    # Optimistic locking: A saves first, B's form (read at the same version) is refused.
    data = {
        "name": project.name,
        "acronym": project.acronym,
        "call": project.call_id,
        "start_date": project.start_date.isoformat(),
        "end_date": project.end_date.isoformat(),
        "scope": project.scope,
        "version": project.version,
        "csrfmiddlewaretoken": _csrf(browser),
    }
    edit = f"/projects/{project.pk}/edit/"
    saved = browser.post(f"{a}{edit}", data | {"goals": "Palvelin A"}, allow_redirects=False, timeout=30)
    assert saved.status_code == 302, saved.text[:500]
    stale = browser.post(f"{b}{edit}", data | {"goals": "Palvelin B"}, allow_redirects=False, timeout=30)
    assert stale.status_code == 200 and "errorlist" in stale.text
    project.refresh_from_db()
    assert project.goals == "Palvelin A"

    # An import previewed on A and confirmed on A and B at the same moment is written once.
    rows = "toteuttaja;kustannuslaji;vuosi;selite;summa\n"
    rows += f"{sub.organisation.short_name};matkakustannukset;2021;;100,00\n"
    preview = browser.post(
        f"{a}/funding/projects/{project.pk}/import/cost-lines/",
        {"csrfmiddlewaretoken": _csrf(browser)},
        files={"file": ("rivit.csv", ("\ufeff" + rows).encode(), "text/csv")},
        timeout=30,
    )
    assert preview.status_code == 200, preview.text[:500]
    batch = ImportBatch.objects.order_by("-pk").first()
    answers = []

    def confirm(server):
        answers.append(
            browser.post(
                f"{server}/funding/projects/{project.pk}/import/cost-lines/confirm/",
                {"batch": batch.pk, "csrfmiddlewaretoken": _csrf(browser)},
                timeout=30,
            ).status_code
        )

    threads = [threading.Thread(target=confirm, args=(server,)) for server in (a, b)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(status < 500 for status in answers), answers
    assert CostLine.objects.filter(implementer=sub).count() == 1

    # Notices queued once are e-mailed once, though two workers take from the queue together.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    from notices.services import notify

    readers = [UserFactory(username=f"lukija{n}", email=f"lukija{n}@example.fi") for n in range(8)]
    notify(
        kind=Kind.MINUTES_APPROVED,
        recipients=readers,
        title="Pöytäkirja hyväksytty",
        url="/governance/",
        key="two-servers",
    )
    workers = [
        subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--interval", "0.1"],
            cwd=ROOT,
            env=_env(EMAIL_URL=smtp_sink.url),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for worker in workers:
        assert worker.wait(60) == 0, worker.stderr.read()
    sent = sorted(to for recipients, _ in smtp_sink.messages for to in recipients)
    assert sent == sorted(reader.email for reader in readers)
    assert Notice.objects.filter(email=Notice.Email.SENT).count() == len(readers)
