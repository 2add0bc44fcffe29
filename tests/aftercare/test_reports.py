"""The caseload report: the meeting-report section, the web page and the PDF."""

import pytest
from django.urls import reverse

from aftercare.models import ReportingPeriod
from config.sections import registry
from tests.conftest import pdf_text
from tests.governance.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_section_is_registered_with_areas_and_periods(varha, pp):
    section = registry.get("aftercare.caseload")
    assert section is not None
    form = section.validate(
        {"areas": [varha.pk, pp.pk], "periods": list(ReportingPeriod.objects.values_list("pk", flat=True))}
    )
    assert form.is_valid(), form.errors


def test_the_section_suppresses_small_counts_for_a_meeting_reader(varha, q4):
    reader = UserFactory(username="jasen")  # a board member: no area of their own
    html = registry.render(
        "aftercare.caseload", {"areas": [varha.pk], "periods": [q4.pk]}, viewer=reader, media="pdf"
    )
    html = html.replace("\xa0", " ")
    assert ">900<" in html and "&lt;5" in html and "<svg" in html
    assert "<section" in html


def test_the_section_shows_the_own_manager_everything(varha, q4, varha_manager):
    html = registry.render(
        "aftercare.caseload", {"areas": [varha.pk], "periods": [q4.pk]}, viewer=varha_manager
    )
    assert "&lt;5" not in html


def test_the_report_page_and_its_pdf(client, coordinator_user, varha, pp, tmp_path):
    client.force_login(coordinator_user)
    periods = list(ReportingPeriod.objects.filter(start__year=2023).values_list("pk", flat=True))
    params = {"areas": [varha.pk, pp.pk], "periods": periods}
    page = client.get(reverse("aftercare:report"), params)
    assert page.status_code == 200 and page.content.decode().count("<svg") >= 5
    response = client.get(reverse("aftercare:report"), {**params, "format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    assert "Varsinais-Suomen hyvinvointialue (Varha)" in text
    assert "Pohjois-Pohjanmaan hyvinvointialue" in text
    assert "66,7" in text and "900" in text and "<5" in text
    assert "1 / " in text  # page numbers


def test_the_report_without_choices_asks_for_them(client, coordinator_user):
    client.force_login(coordinator_user)
    response = client.get(reverse("aftercare:report"), {"areas": ""})
    assert response.status_code == 200
