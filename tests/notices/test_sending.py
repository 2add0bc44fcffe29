"""Sending: idempotent, retried with growing delays when the mail server is away, failures recorded."""

import datetime
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.tasks import task_backends
from django.utils import timezone

from notices.models import Kind, Notice
from notices.tasks import send_digest, send_notice_email
from tests.notices.factories import NoticeFactory

pytestmark = pytest.mark.django_db


class _DownBackend(BaseEmailBackend):
    """An e-mail backend whose server refuses every connection."""

    def send_messages(self, messages):
        raise smtplib.SMTPConnectError(421, "try again later")


@pytest.fixture
def mail_server_down(settings):
    settings.MAILERS = {"default": {"BACKEND": "tests.notices.test_sending._DownBackend"}}


@pytest.fixture
def deferring_backend(settings):
    """A backend that can schedule tasks for later (the dummy one records instead of running)."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    backend = task_backends["default"]
    backend.clear()
    yield backend
    backend.clear()


def test_running_the_task_twice_sends_once(reader):
    notice = NoticeFactory(recipient=reader, email=Notice.Email.PENDING)
    assert send_notice_email.call(notice.pk) == "sent"
    assert send_notice_email.call(notice.pk) == "skipped"
    assert len(mail.outbox) == 1


def test_a_server_that_is_away_is_tried_again_later(reader, mail_server_down, deferring_backend, settings):
    settings.NOTICES_RETRY_DELAYS = [60, 300]
    notice = NoticeFactory(recipient=reader, email=Notice.Email.PENDING)
    before = timezone.now()
    assert send_notice_email.call(notice.pk) == "retry"
    notice.refresh_from_db()
    assert notice.email == Notice.Email.PENDING
    assert notice.attempts == 1
    assert "try again later" in notice.last_error
    [retry] = deferring_backend.results
    assert retry.args == [notice.pk]
    minute = datetime.timedelta(seconds=60)
    assert before + minute <= retry.task.run_after <= timezone.now() + minute

    assert send_notice_email.call(notice.pk) == "retry"
    later = deferring_backend.results[1].task.run_after
    assert later - timezone.now() > datetime.timedelta(seconds=290)  # the second wait is longer

    # After the last delay the e-mail has failed, and says why.
    assert send_notice_email.call(notice.pk) == "retry"
    notice.refresh_from_db()
    assert notice.email == Notice.Email.FAILED
    assert notice.attempts == 3
    assert len(deferring_backend.results) == 2


def test_the_digest_gathers_waiting_notices_into_one_email(reader):
    NoticeFactory(recipient=reader, email=Notice.Email.DIGEST, title="Ensimmäinen")
    NoticeFactory(recipient=reader, email=Notice.Email.DIGEST, title="Toinen", kind=Kind.PERIOD_DUE)
    NoticeFactory(recipient=reader, email=Notice.Email.SENT, title="Jo lähetetty")
    assert send_digest.call(reader.pk) == "sent"
    assert send_digest.call(reader.pk) == "skipped"
    [message] = mail.outbox
    assert "Ensimmäinen" in message.body and "Toinen" in message.body
    assert "Jo lähetetty" not in message.body
    assert "2" in message.subject
    assert not Notice.objects.filter(email=Notice.Email.DIGEST).exists()
