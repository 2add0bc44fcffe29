"""The sections of published agendas and approved minutes are rendered once and cached, keyed by
the meeting's rows and by whether the reader opens its confidential attachments: a reader who may
not open one never gets its link from a rendering made for one who may, and a correction after
approval shows at once."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance import services
from tests.governance.factories import AgendaSectionFactory, MeetingFactory

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def approved(term):
    """Approved minutes with a public and a confidential attachment."""
    meeting = MeetingFactory(term=term, number=5, minutes_drafted=True)
    section = AgendaSectionFactory(meeting=meeting, number=50, title="Henkilöstö", decision="Hyväksyttiin.")
    for title, confidential in (("Julkinen liite", False), ("Salainen liite", True)):
        upload = SimpleUploadedFile(f"{title}.pdf", PDF_BYTES)
        services.attachment_add(section=section, title=title, confidential=confidential, upload=upload)
    services.approve_minutes(meeting=meeting)
    return meeting


def _page(client, user, meeting) -> str:
    client.force_login(user)
    response = client.get(reverse("governance:meeting", args=[meeting.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _confidential_url(meeting) -> str:
    return meeting.sections.get().attachments.get(confidential=True).get_absolute_url()


@pytest.mark.parametrize("member_first", [True, False])
def test_a_reader_who_may_not_open_a_confidential_attachment_never_gets_its_link_from_the_cache(
    client, member, administrator, approved, member_first
):
    """An administrator reads the minutes but does not open confidential attachments; whichever of
    the two reads first, each gets the rendering of their own class."""
    url = _confidential_url(approved)
    readers = [member, administrator] if member_first else [administrator, member]
    pages = {reader.pk: _page(client, reader, approved) for reader in readers}
    pages_again = {reader.pk: _page(client, reader, approved) for reader in reversed(readers)}
    for seen in (pages, pages_again):
        assert url in seen[member.pk] and "Salainen liite" in seen[member.pk]
        assert url not in seen[administrator.pk] and "Salainen liite" not in seen[administrator.pk]
        assert "Salassa pidettävä liite" in seen[administrator.pk]
        assert "Julkinen liite" in seen[administrator.pk]


def test_the_second_reader_of_the_same_class_is_served_from_the_cache(client, member, secretary, approved):
    _page(client, member, approved)
    client.force_login(secretary)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("governance:meeting", args=[approved.pk])).content.decode()
    assert "Henkilöstö" in page and _confidential_url(approved) in page
    read = [query["sql"] for query in queries.captured_queries]
    # Neither the sections nor their attachments were read.
    assert not [
        sql
        for sql in read
        if sql.startswith(('SELECT "governance_agendasection"', 'SELECT "governance_attachment"'))
    ]


def test_a_correction_after_approval_shows_at_once(client, member, coordinator, approved):
    assert "Hyväksyttiin." in _page(client, member, approved)
    section = approved.sections.get()
    services.minutes_correct(
        section=section,
        field="decision",
        corrected_text="Hyväksyttiin muutoksin.",
        reason="Kirjausvirhe",
        user=coordinator,
    )
    assert "Hyväksyttiin muutoksin." in _page(client, member, approved)


def test_a_published_agenda_that_its_preparer_may_change_is_rendered_live(
    client, coordinator, member, meeting
):
    """The preparer sees each section's edit buttons (with their forms); a member never does."""
    section = AgendaSectionFactory(meeting=meeting, number=21, title="Talous")
    edit = reverse("governance:section_edit", args=[section.pk])
    assert edit in _page(client, coordinator, meeting)
    assert edit not in _page(client, member, meeting)
    assert edit in _page(client, coordinator, meeting)
