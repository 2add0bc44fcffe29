"""The real worker process (``manage.py db_worker``) picks a queued e-mail from the database queue
and delivers it to an SMTP server; running the queue again sends nothing twice."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.tasks import task_backends
from django_tasks_db.models import DBTaskResult

from notices.models import Kind, Notice
from notices.services import notify

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def database_queue(settings):
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("the worker process needs a database it can open: run with DATABASE_URL=postgres://…")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    yield task_backends["default"]


def _worker(smtp_sink) -> subprocess.CompletedProcess:
    database = connection.settings_dict
    if connection.vendor == "postgresql":
        url = "postgres://{USER}@{HOST}:{PORT}/{NAME}".format(**{k: database[k] or "" for k in database})
        if database.get("PASSWORD"):
            url = url.replace("@", f":{database['PASSWORD']}@", 1)
    else:
        url = f"sqlite:///{database['NAME']}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.test_settings",
        "DATABASE_URL": url,
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "EMAIL_URL": smtp_sink.url,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--interval", "0.1"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.django_db(transaction=True)
def test_the_worker_process_sends_a_queued_notice(database_queue, smtp_sink, reader):
    from django.utils.translation import gettext_lazy as _

    [notice] = notify(
        kind=Kind.MINUTES_APPROVED,
        recipients=[reader],
        title=_("Minutes approved: %(meeting)s"),
        params={"meeting": "Johtoryhmä 2/2020"},
        url="/governance/",
        key="worker-test",
    )
    assert DBTaskResult.objects.ready().count() == 1
    notice.refresh_from_db()
    assert notice.email == Notice.Email.PENDING

    run = _worker(smtp_sink)
    assert run.returncode == 0, run.stderr
    notice.refresh_from_db()
    assert notice.email == Notice.Email.SENT
    assert [(to, message["Subject"]) for to, message in smtp_sink.messages] == [
        (["reader@example.fi"], "Pöytäkirja hyväksytty: Johtoryhmä 2/2020")
    ]
    assert DBTaskResult.objects.successful().count() == 1

    # The same task queued again (a duplicate) is picked and does nothing.
    from notices.tasks import send_notice_email

    send_notice_email.enqueue(notice.pk)
    assert _worker(smtp_sink).returncode == 0
    assert len(smtp_sink.messages) == 1
