"""notify(): one notice per person and event, in the person's language, e-mailed as they chose."""

import pytest
from django.core import mail
from django.utils.translation import gettext_lazy as _

from notices.models import Kind, Notice
from notices.services import notify, preferences_save
from tests.governance.factories import UserFactory

pytestmark = pytest.mark.django_db


def _notify(recipients, key="event:1", **kwargs):
    return notify(
        kind=Kind.MINUTES_APPROVED,
        recipients=recipients,
        title=_("Minutes approved: %(meeting)s"),
        params={"meeting": "Johtoryhmä 2/2020"},
        url="/governance/meetings/1/",
        key=key,
        **kwargs,
    )


def test_a_notice_is_made_and_emailed_at_once(reader):
    made = _notify([reader])
    assert [n.recipient for n in made] == [reader]
    notice = Notice.objects.get()
    assert notice.title == "Pöytäkirja hyväksytty: Johtoryhmä 2/2020"
    assert notice.email == Notice.Email.SENT and notice.sent_at is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["reader@example.fi"]
    assert message.subject == notice.title
    assert "http://testserver/governance/meetings/1/" in message.body
    # Every e-mail says where the settings are.
    assert "http://testserver/notices/settings/" in message.body


def test_the_same_event_notifies_once(reader):
    _notify([reader])
    again = _notify([reader, reader])
    assert again == []
    assert Notice.objects.count() == 1
    assert len(mail.outbox) == 1


def test_each_recipient_reads_their_own_language(reader, swedish_reader):
    _notify([reader, swedish_reader])
    titles = dict(Notice.objects.values_list("recipient__username", "title"))
    assert titles == {
        "reader": "Pöytäkirja hyväksytty: Johtoryhmä 2/2020",
        "lasare": "Protokollet godkänt: Johtoryhmä 2/2020",
    }
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert "Öppna i portalen" in bodies["lasare@example.fi"]
    assert "Avaa portaalissa" in bodies["reader@example.fi"]


def test_never_and_no_address_mean_portal_only(reader):
    preferences_save(user=reader, deliveries={Kind.MINUTES_APPROVED: "never"})
    no_address = UserFactory(username="no-address", email="")
    _notify([reader, no_address])
    assert set(Notice.objects.values_list("email", flat=True)) == {Notice.Email.NONE}
    assert mail.outbox == []


def test_inactive_people_are_not_notified(reader):
    reader.is_active = False
    reader.save()
    assert _notify([reader]) == []
