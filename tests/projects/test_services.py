"""Writes to projects take values, never forms: each validated, in one transaction."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from config.models import ConcurrentEditError
from projects import services
from projects.models import Implementer, Project
from tests.governance.factories import MunicipalityFactory, OrganisationFactory, RegionFactory
from tests.projects.factories import CallFactory, ImplementerFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_a_new_project_has_its_main_implementer_over_the_projects_period():
    organisation = OrganisationFactory()
    project = services.project_create(
        main_organisation=organisation,
        name="Uusi hanke",
        call=CallFactory(),
        start_date=datetime.date(2025, 1, 1),
        end_date=datetime.date(2026, 12, 31),
        scope="regional",
    )
    main = project.main_implementer
    assert (main.organisation, main.is_main) == (organisation, True)
    assert (main.start_date, main.end_date) == (project.start_date, project.end_date)


def test_a_project_ending_before_it_starts_is_refused_and_nothing_is_saved():
    with pytest.raises(ValidationError):
        services.project_create(
            main_organisation=OrganisationFactory(),
            name="Takaperoinen",
            call=CallFactory(),
            start_date=datetime.date(2026, 1, 1),
            end_date=datetime.date(2025, 1, 1),
            scope="regional",
        )
    assert not Project.objects.filter(name="Takaperoinen").exists()
    assert not Implementer.objects.exists()


def test_updating_a_project_sets_its_fields_and_area():
    project = ProjectFactory()
    region, municipality = RegionFactory(), MunicipalityFactory()
    services.project_update(
        project=project,
        version=project.version,
        goals="Uudet tavoitteet",
        regions=[region],
        municipalities=[municipality],
    )
    project.refresh_from_db()
    assert project.goals == "Uudet tavoitteet"
    assert list(project.regions.all()) == [region] and list(project.municipalities.all()) == [municipality]


def test_updating_from_a_stale_page_is_refused():
    project = ProjectFactory()
    opened = project.version
    Project.objects.get(pk=project.pk).save()  # someone else saves meanwhile
    with pytest.raises(ConcurrentEditError):
        services.project_update(project=project, version=opened, goals="Vanhalta sivulta")
    project.refresh_from_db()
    assert project.goals != "Vanhalta sivulta"


def test_a_sub_implementer_is_never_the_main_one_and_keeps_its_organisation():
    project = ProjectFactory()
    ImplementerFactory(project=project, main=True)
    organisation = OrganisationFactory()
    sub = services.implementer_add(
        project=project,
        organisation=organisation,
        start_date=project.start_date,
        end_date=project.end_date,
        description="Osatoteutus",
    )
    assert (sub.is_main, sub.organisation) == (False, organisation)
    services.implementer_update(
        implementer=sub, version=sub.version, organisation=OrganisationFactory(), description="Muutettu"
    )
    sub.refresh_from_db()
    assert (sub.organisation, sub.description) == (organisation, "Muutettu")
