"""The project plan PDF and the report sections embedded in meeting reports."""

import pytest
from django.urls import reverse

from config.sections import registry
from projects.models import Project
from tests.conftest import pdf_text

pytestmark = pytest.mark.django_db


def test_plan_pdf_of_the_demo_project_has_the_documents_figures(client, demo, tmp_path):
    from django.contrib.auth import get_user_model

    project = Project.objects.get(acronym="Elämässä eteenpäin")
    client.force_login(get_user_model().objects.get(username="koordinaattori"))
    response = client.get(reverse("projects:plan_pdf", args=[project.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    for figure in ("436 068,00 €", "348 854,00 €", "87 214,00 €", "988 216,00 €", "80,00 %", "20,00 %"):
        assert figure in text, figure
    for words in (
        "Pohjanmaan maakuntien sosiaalialan osaamiskeskus",
        "TP1",
        "1.1",
        "Riihimäki",
        "1.9.2020",
        "1 / ",
    ):
        assert words in text, words


def test_plan_pdf_outsider_404_and_post_405(client, outsider, coordinator, project):
    client.force_login(outsider)
    assert client.get(reverse("projects:plan_pdf", args=[project.pk])).status_code == 404
    client.force_login(coordinator)
    assert client.post(reverse("projects:plan_pdf", args=[project.pk])).status_code == 405


def test_the_plan_pdfs_old_address_redirects_permanently(client, coordinator, project):
    client.force_login(coordinator)
    response = client.get(f"/funding/projects/{project.pk}/plan.pdf")
    assert response.status_code == 301 and response["Location"] == reverse(
        "projects:plan_pdf", args=[project.pk]
    )


def test_project_status_section_renders_for_web_and_pdf(demo):
    project = Project.objects.get(acronym="Elämässä eteenpäin")
    for media in ("web", "pdf"):
        html = registry.render("projects.status", {"project": project.pk}, viewer=None, media=media)
        assert "<section" in html and "Elämässä eteenpäin" in html
        assert "THL" in html and "SONet BOTNIA" in html


def test_budget_vs_actual_section_shows_realisation_at_the_date(demo):
    project = Project.objects.get(acronym="Elämässä eteenpäin")
    html = registry.render(
        "funding.budget_vs_actual", {"project": project.pk, "as_of": "2020-12-31"}, viewer=None, media="pdf"
    ).replace("\xa0", " ")
    assert "<svg" in html
    assert "41 200,00 €" in html  # SONet BOTNIA salaries booked by 31.12.2020
    assert "31.12.2020" in html
    assert "Flat rate 24,0 % palkoista" in html and "None" not in html


def test_sections_refuse_bad_params(demo):
    html = registry.render("funding.budget_vs_actual", {"project": "999999", "as_of": "x"}, viewer=None)
    assert "section-error" in html
