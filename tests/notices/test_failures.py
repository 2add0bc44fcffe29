"""Failures are visible to administrators: failed e-mails in the admin with their error, a daily
failure notice (once a day), and the tasks of the database queue in the admin."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from notices.models import Kind, Notice
from tests.notices.factories import NoticeFactory

pytestmark = pytest.mark.django_db


def test_failed_emails_are_listed_in_the_admin(client, administrator, reader):
    NoticeFactory(recipient=reader, email=Notice.Email.FAILED, title="Epäonnistunut", last_error="SMTP 421")
    client.force_login(administrator)
    response = client.get(reverse("admin:notices_notice_changelist") + "?email__exact=failed")
    assert response.status_code == 200
    assert "Epäonnistunut" in response.content.decode()
    assert client.get(reverse("admin:django_tasks_database_dbtaskresult_changelist")).status_code == 200


def test_administrators_are_told_of_failures_once_a_day(administrator, reader):
    administrator.email = "admin@example.fi"
    administrator.save()
    NoticeFactory(recipient=reader, email=Notice.Email.FAILED)
    call_command("send_reminders", stdout=StringIO())
    call_command("send_reminders", stdout=StringIO())
    [notice] = Notice.objects.filter(kind=Kind.FAILURES)
    assert notice.recipient == administrator
    assert notice.title.startswith("Virheitä portaalissa: 1 sähköpostia lähettämättä")
    # A digest kind: it waits for the digest, which the same command queued and sent.
    assert notice.email == Notice.Email.SENT


def test_no_failures_no_notice(administrator):
    call_command("send_reminders", stdout=StringIO())
    assert not Notice.objects.filter(kind=Kind.FAILURES).exists()


def test_an_administrator_sends_a_failed_email_again(client, administrator, reader):
    from django.core import mail

    notice = NoticeFactory(recipient=reader, email=Notice.Email.FAILED, attempts=5)
    client.force_login(administrator)
    client.post(
        reverse("admin:notices_notice_changelist"),
        {"action": "send_again", "_selected_action": [notice.pk]},
    )
    notice.refresh_from_db()
    assert notice.email == Notice.Email.SENT
    assert mail.outbox[0].to == ["reader@example.fi"]
