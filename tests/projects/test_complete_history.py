"""The project's and the meeting's history miss no kind of row: every model with a history that
hangs under a project (or a meeting) is read by its history page, and the project area's regions
and municipalities are recorded with who and when."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.urls import reverse

from funding.models import CostLine, FinancingLine
from governance.models import AgendaSection, Meeting
from governance.selectors import meeting_history_sources
from projects import services
from projects.models import Implementer, Project
from projects.selectors import _line_models
from tests.funding.factories import CostLineFactory, FinancingLineFactory, RegionalSplitFactory
from tests.governance.factories import MeetingFactory, MunicipalityFactory, RegionFactory
from tests.projects.test_views import project_data

pytestmark = pytest.mark.django_db


def _under(roots: set, depth: int = 3) -> set:
    """Every model with a history whose foreign keys lead to one of ``roots`` within ``depth`` steps."""
    found = set(roots)
    for _ in range(depth):
        for model in apps.get_models():
            if model in found or not hasattr(model._meta, "simple_history_manager_attribute"):
                continue
            if any(f.many_to_one and f.related_model in found for f in model._meta.fields):
                found.add(model)
    return found - set(roots)


def test_every_kind_of_row_under_a_project_is_in_its_history():
    read = {model for model, _key, _parent in _line_models()}
    missing = _under({Project, Implementer}) - read - {Implementer}
    assert not missing, f"not in the project's history: {sorted(m._meta.label for m in missing)}"
    labels = {m._meta.label for m in read}
    for label in (
        "funding.CostLine",
        "funding.FinancingLine",
        "funding.RegionalSplit",
        "projects.Measure",
        "projects.IndicatorValue",
        "projects.StaffResource",
        "projects.ParticipantTarget",
        "projects.PlanVersion",
    ):
        assert label in labels, label


def test_every_kind_of_row_under_a_meeting_is_in_its_history():
    meeting = MeetingFactory()
    read = {model for model, _records in meeting_history_sources(meeting)}
    missing = _under({Meeting, AgendaSection}) - read
    assert not missing, f"not in the meeting's history: {sorted(m._meta.label for m in missing)}"


def _history(client, user, project) -> str:
    client.force_login(user)
    return client.get(reverse("projects:history", args=[project.pk])).content.decode().replace("\xa0", " ")


def test_regions_and_municipalities_are_recorded_with_who(client, coordinator, project):
    ostrobothnia, kanta_hame = RegionFactory(name_fi="Pohjanmaa"), RegionFactory(name_fi="Kanta-Häme")
    riihimaki = MunicipalityFactory(name_fi="Riihimäki")
    client.force_login(coordinator)
    edit = reverse("projects:edit", args=[project.pk])
    data = project_data(project, regions=[ostrobothnia.pk, kanta_hame.pk], municipalities=[riihimaki.pk])
    assert client.post(edit, data).status_code == 302
    project.refresh_from_db()
    assert client.post(edit, project_data(project, regions=[kanta_hame.pk])).status_code == 302
    body = _history(client, coordinator, project)
    assert "Maakunnat" in body and "Kunnat" in body
    assert "Kanta-Häme, Pohjanmaa" in body and "Riihimäki" in body
    assert body.count(coordinator.get_full_name()) >= 3


def test_money_lines_created_changed_and_deleted_are_in_the_history(client, coordinator, project):
    main = project.main_implementer
    line = CostLineFactory(implementer=main, amount=Decimal("100.00"))
    FinancingLineFactory(implementer=main, amount=Decimal("80.00"))
    RegionalSplitFactory(implementer=main)
    line.amount = Decimal("250.00")
    line.save()
    FinancingLine.objects.get().delete()
    services.project_update(project=project, municipalities=[MunicipalityFactory(name_fi="Vaasa")])
    body = _history(client, coordinator, project)
    assert "250,00" in body and "100,00" in body
    for label in ("Kustannusrivi", "Rahoitusrivi", "Alueellinen jakauma"):
        assert label in body, label
    assert "poistettu" in body and "Vaasa" in body
    assert CostLine.objects.count() == 1
