"""The national backfill: administrators import many areas and periods in one file, all or nothing."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from aftercare.models import AreaReport, ReportingPeriod

pytestmark = pytest.mark.django_db

HEADER = "alue;kausi;tieto;tunniste;rooli;asiakkaita;htv_taytetty;htv_avoin"


def rows(area: str, period: str, total: int) -> list[str]:
    return [
        f"{area};{period};asiakkaat_yhteensa;;;{total};;",
        f"{area};{period};ikaryhma;18-20 v;;{total - 10};;",
        f"{area};{period};ikaryhma;21–25;;10;;",
        f"{area};{period};henkilosto;;Sosiaalityöntekijä;;3,0;0",
    ]


def upload(lines) -> SimpleUploadedFile:
    return SimpleUploadedFile("thl.csv", "\n".join([HEADER, *lines]).encode("cp1252"))


@pytest.fixture
def periods(demo):
    """Two quarters of 2001, before any demo figures: history a national file would bring."""
    return [
        ReportingPeriod.objects.create(frequency="quarter", start=date(2001, 1, 1), end=date(2001, 3, 31)),
        ReportingPeriod.objects.create(frequency="quarter", start=date(2001, 4, 1), end=date(2001, 6, 30)),
    ]


def test_an_administrator_backfills_many_areas_and_periods_at_once(client, administrator, periods):
    labels = [str(p.label) for p in periods]
    lines = rows("varha", labels[0], 100) + rows("Satakunnan hyvinvointialue", labels[0], 50)
    lines += rows("varha", labels[1], 120)
    client.force_login(administrator)
    response = client.post(reverse("aftercare:backfill"), {"file": upload(lines)})
    assert response.status_code == 200, response.content.decode()[-2000:]
    assert not AreaReport.objects.filter(period__in=periods, clients_total__in=[100, 50, 120]).exists()
    batch = response.context["batch"]
    response = client.post(reverse("aftercare:backfill"), {"batch": batch.pk})
    assert response.status_code == 200
    saved = AreaReport.objects.filter(period__in=periods, clients_total__in=[100, 50, 120])
    assert sorted(saved.values_list("clients_total", flat=True)) == [50, 100, 120]


def test_one_bad_row_saves_no_area_and_no_period(client, administrator, periods):
    label = str(periods[0].label)
    lines = rows("varha", label, 100) + rows("atlantis", label, 50)
    client.force_login(administrator)
    response = client.post(reverse("aftercare:backfill"), {"file": upload(lines)})
    assert response.status_code == 400
    assert "atlantis" in response.content.decode()
    assert not AreaReport.objects.filter(period=periods[0], clients_total=100).exists()


def test_only_administrators_backfill(client, varha_manager):
    client.force_login(varha_manager)
    assert client.get(reverse("aftercare:backfill")).status_code == 404
