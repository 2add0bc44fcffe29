"""The project's history lists every created, changed and deleted row under the project, with who
and when: also measures of work packages, indicator values, targets and money lines, and rows whose
parent has since been deleted."""

from decimal import Decimal

import pytest
from django.urls import reverse

from projects.models import IndicatorValue
from tests.funding.factories import CostLineFactory
from tests.projects.factories import (
    IndicatorFactory,
    MeasureFactory,
    ParticipantTargetFactory,
    WorkPackageFactory,
)

pytestmark = pytest.mark.django_db


def _history(client, user, project) -> str:
    client.force_login(user)
    return client.get(reverse("projects:history", args=[project.pk])).content.decode().replace("\xa0", " ")


def test_created_rows_appear_with_their_kind(client, coordinator, project):
    package = WorkPackageFactory(implementer=project.main_implementer, name="Työpaketti Alfa")
    MeasureFactory(work_package=package, name="Toimenpide Beeta")
    indicator = IndicatorFactory(project=project, name="Työpajat")
    IndicatorValue.objects.create(indicator=indicator, period="2021", value=7)
    ParticipantTargetFactory(project=project)
    CostLineFactory(implementer=project.main_implementer, amount=Decimal("1234.50"))
    body = _history(client, coordinator, project)
    for label in ("Työpaketti Alfa", "Toimenpide Beeta", "Työpajat"):
        assert label in body
    assert "Indikaattorin arvo" in body
    assert body.count("luotu") >= 6


def test_a_measure_deleted_with_its_work_package_stays_in_history(client, coordinator, project):
    package = WorkPackageFactory(implementer=project.main_implementer, name="Poistuva paketti")
    MeasureFactory(work_package=package, name="Poistuva toimenpide")
    package.delete()
    body = _history(client, coordinator, project)
    assert "Poistuva toimenpide" in body
    assert body.count("poistettu") >= 2


def test_another_projects_rows_do_not_appear(client, coordinator, project):
    from tests.projects.factories import ProjectFactory

    other = ProjectFactory()
    IndicatorFactory(project=other, name="Vieras indikaattori")
    assert "Vieras indikaattori" not in _history(client, coordinator, project)
