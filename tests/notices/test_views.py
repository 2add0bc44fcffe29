"""The notices page, the unread count in the header, and the settings page."""

import pytest
from django.urls import reverse

from notices.models import Kind, NoticePreference, Profile
from tests.notices.factories import NoticeFactory

pytestmark = pytest.mark.django_db


def test_the_header_counts_unread_notices(client, reader):
    NoticeFactory.create_batch(3, recipient=reader)
    NoticeFactory(recipient=reader, read_at="2026-11-30T10:00:00+02:00")
    NoticeFactory()  # someone else's
    client.force_login(reader)
    html = client.get(reverse("home")).content.decode()
    assert 'href="/notices/"' in html
    assert '<span class="badge warn">3<span class="visually-hidden">' in html


def test_opening_a_notice_marks_it_read_and_follows_its_link(client, reader):
    notice = NoticeFactory(recipient=reader, url="/governance/")
    client.force_login(reader)
    response = client.get(reverse("notices:open", args=[notice.pk]))
    assert response.status_code == 302 and response["Location"] == "/governance/"
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_someone_elses_notice_does_not_exist(client, reader):
    notice = NoticeFactory()
    client.force_login(reader)
    assert client.get(reverse("notices:open", args=[notice.pk])).status_code == 404
    assert notice.title not in client.get(reverse("notices:list")).content.decode()


def test_mark_all_read(client, reader):
    NoticeFactory.create_batch(2, recipient=reader)
    client.force_login(reader)
    client.post(reverse("notices:mark_read"))
    assert not reader.notices.filter(read_at__isnull=True).exists()


def test_settings_save_language_and_choices(client, reader):
    client.force_login(reader)
    data = {"language": "sv", **dict.fromkeys(Kind.values, "immediately")}
    data[Kind.PERIOD_DUE] = "daily"
    data[Kind.AGENDA_PUBLISHED] = "never"
    response = client.post(reverse("notices:preferences"), data)
    assert response.status_code == 302
    assert Profile.objects.get(user=reader).language == "sv"
    assert response.cookies["django_language"].value == "sv"  # the portal follows the choice
    assert "Meddelandeinställningar" in client.get(response["Location"]).content.decode()
    choices = dict(NoticePreference.objects.filter(user=reader).values_list("kind", "delivery"))
    assert choices[Kind.PERIOD_DUE] == "daily" and choices[Kind.AGENDA_PUBLISHED] == "never"


def test_an_unknown_choice_is_refused(client, reader):
    client.force_login(reader)
    data = {"language": "de", **dict.fromkeys(Kind.values, "sometimes")}
    response = client.post(reverse("notices:preferences"), data)
    assert response.status_code == 200
    assert not NoticePreference.objects.exists()
