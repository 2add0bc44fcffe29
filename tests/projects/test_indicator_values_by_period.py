"""Indicator values as reports print them: one row per indicator, one column per period. Each filled
cell is a value; a value the project already has for that indicator and period is changed, not
added twice; a bad cell is named by the file's own row, column letter and header."""

import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from config.models import ImportBatch
from projects.models import IndicatorValue
from projects.resources import period_header
from tests.aftercare.test_import_finnish_excel import csv_bytes, xlsx_bytes
from tests.projects.factories import IndicatorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicators(project):
    groups = IndicatorFactory(project=project, name="Vertaisryhmät")
    towns = IndicatorFactory(project=project, name="Mukana olevat kunnat")
    IndicatorValue.objects.create(indicator=groups, period="2021", value=Decimal(5))
    return groups, towns


def upload(client, project, name, content):
    url = reverse("funding:import", args=[project.pk, "indicator-values"])
    return client.post(url, {"file": SimpleUploadedFile(name, content)})


def confirm(client, project):
    batch = ImportBatch.objects.get()
    url = reverse("funding:import_confirm", args=[project.pk, "indicator-values"])
    return client.post(url, {"batch": batch.pk})


def values(project) -> dict:
    return {
        (v.indicator.name, v.period): v.value
        for v in IndicatorValue.objects.filter(indicator__project=project).select_related("indicator")
    }


def test_a_column_per_period_imports_each_filled_cell(client, coordinator, project, indicators):
    rows = [
        ["Hankkeen indikaattorit 2021–2023"],
        [],
        ["Indikaattori", "2021", "2022", "1–6/2023"],
        ["Vertaisryhmät", "6", "7,5", ""],
        ["mukana olevat kunnat", "", "8", "9"],
    ]
    client.force_login(coordinator)
    response = upload(client, project, "mittarit.csv", csv_bytes(rows))
    assert response.status_code == 200, re.findall(r"<li>(.*?)</li>", response.content.decode())[-3:]
    counts = ImportBatch.objects.get().preview["counts"]
    assert (counts["new"], counts["changed"]) == (3, 1)  # 2021 of the groups was 5: changed, not added

    assert confirm(client, project).status_code == 200
    assert values(project) == {
        ("Vertaisryhmät", "2021"): Decimal(6),
        ("Vertaisryhmät", "2022"): Decimal("7.5"),
        ("Mukana olevat kunnat", "2022"): Decimal(8),
        ("Mukana olevat kunnat", "1–6/2023"): Decimal(9),
    }


def test_a_workbook_with_years_as_numbers(client, coordinator, project, indicators):
    client.force_login(coordinator)
    content = xlsx_bytes([["Indikaattori", 2022, 2023], ["Vertaisryhmät", 3, 4]])
    assert upload(client, project, "mittarit.xlsx", content).status_code == 200
    confirm(client, project)
    assert values(project) == {
        ("Vertaisryhmät", "2021"): Decimal(5),
        ("Vertaisryhmät", "2022"): Decimal(3),
        ("Vertaisryhmät", "2023"): Decimal(4),
    }


def test_a_bad_cell_is_named_by_its_period_column_and_nothing_is_written(
    client, coordinator, project, indicators
):
    rows = [["Raportti"], ["Indikaattori", "2022", "2023"], ["Vertaisryhmät", "3", "paljon"]]
    client.force_login(coordinator)
    response = upload(client, project, "mittarit.csv", csv_bytes(rows))
    body = response.content.decode()
    assert response.status_code == 400
    assert "Rivi 3, sarake C (2023)" in body, re.findall(r"<li>(.*?)</li>", body)[-3:]
    assert values(project) == {("Vertaisryhmät", "2021"): Decimal(5)}
    assert not ImportBatch.objects.exists()


def test_an_unknown_indicator_is_named_in_its_own_column(client, coordinator, project, indicators):
    rows = [["Indikaattori", "2022"], ["Vertaisryhmät", "3"], ["Tuntematon mittari", "4"]]
    client.force_login(coordinator)
    body = upload(client, project, "mittarit.csv", csv_bytes(rows)).content.decode()
    assert "Rivi 3, sarake A (Indikaattori)" in body, re.findall(r"<li>(.*?)</li>", body)[-3:]
    assert values(project) == {("Vertaisryhmät", "2021"): Decimal(5)}


@pytest.mark.parametrize(
    ("cell", "period"),
    [
        ("2021", "2021"),
        (2021, "2021"),
        (2021.0, "2021"),
        (" 1 - 6 / 2021 ", "1–6/2021"),
        ("2024 Q1", "2024 Q1"),
        ("Arvo", ""),
        (21, ""),
        (2021.5, ""),
        (float("nan"), ""),
        (float("inf"), ""),
        ("", ""),
        (True, ""),
    ],
)
def test_period_headers(cell, period):
    assert period_header(cell) == period
