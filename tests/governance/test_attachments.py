"""Attachments as files: type judged by content, at most 20 MB, kept through the storage API, served
only through a view that checks permissions; confidential ones only to members and preparers."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from governance import files, services
from governance.models import Attachment
from tests.conftest import pdf_text
from tests.governance.factories import AgendaSectionFactory, MeetingFactory

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def section(meeting):
    return AgendaSectionFactory(meeting=meeting, number=20, title="Talous")


@pytest.mark.parametrize(
    "name, data, expected",
    [
        ("a.pdf", PDF_BYTES, files.PDF),
        ("a.pdf", PNG_BYTES, files.PNG),  # the content decides, not the name
        ("a.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 16, files.JPEG),
        ("a.docx", _zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<w/>"}), files.DOCX),
        ("a.xlsx", _zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<w/>"}), files.XLSX),
        ("a.odt", _zip({"mimetype": files.ODT.encode(), "content.xml": b"<o/>"}), files.ODT),
        ("a.pdf", b"<html><script>alert(1)</script></html>", None),
        ("a.docx", _zip({"evil.exe": b"MZ"}), None),
        ("a.zip", b"PK\x03\x04 not really a zip", None),
    ],
)
def test_type_is_judged_by_content(name, data, expected):
    assert files.sniff(SimpleUploadedFile(name, data)) == expected


def test_coordinator_uploads_member_downloads(client, coordinator, member, section):
    client.force_login(coordinator)
    response = client.post(
        reverse("governance:attachment_create", args=[section.pk]),
        {"title": "Talousarvio 2020", "file": SimpleUploadedFile("budjetti.pdf", PDF_BYTES)},
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get(section=section)
    assert attachment.content_type == files.PDF and attachment.size == len(PDF_BYTES)
    assert "budjetti" not in attachment.file.name  # a random stored name

    client.force_login(member)
    assert attachment.get_absolute_url() in client.get(section.meeting.get_absolute_url()).content.decode()
    download = client.get(attachment.get_absolute_url())
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert download["Content-Type"] == files.PDF
    assert download["X-Content-Type-Options"] == "nosniff"


def test_upload_refuses_other_types_and_big_files(client, coordinator, section):
    client.force_login(coordinator)
    url = reverse("governance:attachment_create", args=[section.pk])
    html = client.post(url, {"title": "x", "file": SimpleUploadedFile("x.pdf", b"<html></html>")})
    assert html.status_code == 200 and "sisällöstä" in html.content.decode()
    big = SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * (files.MAX_SIZE - len(PDF_BYTES) + 1))
    response = client.post(url, {"title": "x", "file": big})
    assert response.status_code == 200 and "20 Mt" in response.content.decode()
    assert not Attachment.objects.exists()


@pytest.fixture
def confidential(section):
    upload = SimpleUploadedFile("salainen.pdf", PDF_BYTES)
    return services.attachment_add(section=section, title="Henkilöstöasia", confidential=True, upload=upload)


@pytest.mark.parametrize("who", ["other_member", "area_manager", "outsider", "plain_user"])
def test_confidential_attachment_is_404_to_non_members(client, request, confidential, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(confidential.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("who", ["member", "secretary", "coordinator"])
def test_confidential_attachment_opens_to_members_and_preparers(client, request, confidential, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(confidential.get_absolute_url()).status_code == 200


def test_pdf_names_a_confidential_attachment_only_as_such(client, member, confidential, tmp_path):
    client.force_login(member)
    meeting = confidential.section.meeting
    text = pdf_text(client.get(reverse("governance:meeting_pdf", args=[meeting.pk])).content, tmp_path)
    assert "Salassa pidettävä liite" in text
    assert "Henkilöstöasia" not in text


def test_attachments_of_approved_minutes_are_frozen(client, coordinator, term):
    meeting = MeetingFactory(term=term, number=8, minutes_drafted=True)
    section = AgendaSectionFactory(meeting=meeting, number=80)
    services.approve_minutes(meeting=meeting)
    client.force_login(coordinator)
    response = client.post(
        reverse("governance:attachment_create", args=[section.pk]),
        {"title": "Myöhässä", "file": SimpleUploadedFile("x.pdf", PDF_BYTES)},
        follow=True,
    )
    assert "Kokouksen pöytäkirja on hyväksytty ja lukittu." in response.content.decode()
    assert not Attachment.objects.exists()
