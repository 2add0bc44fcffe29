"""Whoever prepares a meeting can embed only figures they could open themselves.

Members read what the preparer embedded; so the preparer's own permissions limit the choices.
"""

import pytest
from django.urls import reverse

from governance.models import SectionEmbed
from tests.funding.factories import FundingYearFactory
from tests.governance.factories import AgendaSectionFactory, OrganisationFactory
from tests.projects.factories import ImplementerFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def section(meeting):
    return AgendaSectionFactory(meeting=meeting, number=6, title="Hankkeet")


@pytest.fixture
def own_project(coordinator):
    project = ProjectFactory(name="Oma hanke", acronym="Oma hanke")
    ImplementerFactory(project=project, organisation=coordinator.affiliations.get().organisation, main=True)
    return project


@pytest.fixture
def foreign_project(db):
    project = ProjectFactory(name="Vieras hanke", acronym="Vieras hanke")
    ImplementerFactory(project=project, main=True)
    return project


@pytest.mark.parametrize("key", ["projects.status", "funding.budget_vs_actual"])
def test_only_projects_the_preparer_may_see_are_offered(
    client, coordinator, section, own_project, foreign_project, key
):
    client.force_login(coordinator)
    page = client.get(
        reverse("governance:embed_create", args=[section.pk]), {"section_key": key}
    ).content.decode()
    assert "Oma hanke" in page
    assert "Vieras hanke" not in page


@pytest.mark.parametrize("key", ["projects.status", "funding.budget_vs_actual"])
def test_a_project_the_preparer_may_not_see_is_refused(client, coordinator, section, foreign_project, key):
    client.force_login(coordinator)
    response = client.post(
        reverse("governance:embed_create", args=[section.pk]),
        {"section_key": key, "params-project": foreign_project.pk, "params-as_of": "30.4.2020"},
    )
    assert response.status_code == 200
    assert not SectionEmbed.objects.exists()


def test_a_project_the_preparer_may_see_is_embedded(client, coordinator, section, own_project):
    client.force_login(coordinator)
    response = client.post(
        reverse("governance:embed_create", args=[section.pk]),
        {"section_key": "projects.status", "params-project": own_project.pk},
    )
    assert response.status_code == 302
    assert SectionEmbed.objects.get().params == {"project": str(own_project.pk)}


def test_another_centres_funding_year_is_not_offered(client, coordinator, board, section):
    own = FundingYearFactory(centre=board.owner, year=2021)
    foreign = FundingYearFactory(centre=OrganisationFactory(name="Toinen osaamiskeskus"), year=2021)
    client.force_login(coordinator)
    response = client.post(
        reverse("governance:embed_create", args=[section.pk]),
        {"section_key": "funding.shares", "params-funding_year": foreign.pk},
    )
    assert response.status_code == 200 and not SectionEmbed.objects.exists()
    response = client.post(
        reverse("governance:embed_create", args=[section.pk]),
        {"section_key": "funding.shares", "params-funding_year": own.pk},
    )
    assert response.status_code == 302
