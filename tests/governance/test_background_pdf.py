"""A heavy meeting PDF is made by a task: the PDF link leads to a page that starts the job, the job
page shows progress and then the file, which only its requester can fetch."""

import pytest
from django.urls import reverse

from notices.models import Job
from tests.governance.factories import AgendaSectionFactory, SectionEmbedFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def heavy_meeting(meeting, settings, tmp_path):
    settings.MEETING_PDF_BACKGROUND_EMBEDS = 2
    settings.MEDIA_ROOT = tmp_path
    section = AgendaSectionFactory(meeting=meeting, title="Talousarvio")
    SectionEmbedFactory.create_batch(2, section=section)
    return meeting


def test_a_light_meeting_pdf_comes_at_once(client, meeting, member, settings):
    settings.MEETING_PDF_BACKGROUND_EMBEDS = 2
    AgendaSectionFactory(meeting=meeting)
    client.force_login(member)
    response = client.get(reverse("governance:meeting_pdf", args=[meeting.pk]))
    assert response["Content-Type"] == "application/pdf"


def test_a_heavy_meeting_pdf_is_made_in_the_background(client, heavy_meeting, member, other_member):
    client.force_login(member)
    page = client.get(reverse("governance:meeting_pdf", args=[heavy_meeting.pk]))
    assert page["Content-Type"].startswith("text/html")
    assert reverse("governance:meeting_pdf_job", args=[heavy_meeting.pk]) in page.content.decode()

    response = client.post(reverse("governance:meeting_pdf_job", args=[heavy_meeting.pk]))
    job = Job.objects.get()
    assert response["Location"] == reverse("notices:job", args=[job.pk])
    # The immediate backend ran it already; a worker would have updated the same row.
    assert job.status == Job.Status.DONE and job.progress == 100
    html = client.get(response["Location"]).content.decode()
    assert reverse("notices:job_file", args=[job.pk]) in html
    assert 'http-equiv="refresh"' not in html
    pdf = client.get(reverse("notices:job_file", args=[job.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")

    client.force_login(other_member)
    assert client.get(reverse("notices:job", args=[job.pk])).status_code == 404
    assert client.get(reverse("notices:job_file", args=[job.pk])).status_code == 404
    assert client.post(reverse("governance:meeting_pdf_job", args=[heavy_meeting.pk])).status_code == 404


def test_a_job_in_progress_reloads_and_a_failed_one_says_so(client, heavy_meeting, member):
    job = Job.objects.create(user=member, title="PDF", renderer="x.y", language="fi", progress=10)
    client.force_login(member)
    html = client.get(reverse("notices:job", args=[job.pk])).content.decode()
    assert 'http-equiv="refresh"' in html and 'value="10"' in html
    job.status = Job.Status.FAILED
    job.save()
    html = client.get(reverse("notices:job", args=[job.pk])).content.decode()
    assert "epäonnistui" in html and 'http-equiv="refresh"' not in html
