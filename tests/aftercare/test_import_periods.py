"""Issue 11 (4): the shape with one column per period that client systems and THL print ("2024 Q1",
"1/2024", "I/2024" …), for a manager's upload of one period and for the national backfill. Every
value keeps its own cell: a message names the file's row, column letter and header."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from aftercare.models import AreaReport, ReportingPeriod
from config.imports.values import parse_quarter
from config.models import ImportBatch
from tests.aftercare.test_import_finnish_excel import _confirm, _report, csv_bytes, xlsx_bytes
from tests.aftercare.test_import_finnish_excel import as_varha as as_varha  # noqa: PLC0414
from tests.aftercare.test_import_finnish_excel import import_url as import_url  # noqa: PLC0414
from tests.config.ods import ods_bytes

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "header", ["2024 Q1", "Q1 2024", "1/2024", "2024/1", "I/2024", "2024 K1", "Q1/2024", "q1-2024"]
)
def test_the_ways_client_systems_name_a_quarter(header):
    assert parse_quarter(header) == ("quarter", 2024, 1)


@pytest.mark.parametrize("header", ["12/2024", "Q5/2024", "kausi", "2024", "Asiakkaat", "1/1900"])
def test_what_is_not_a_quarter(header):
    assert parse_quarter(header) is None


# A year of a client system's report: one column per quarter; the open period is Q1/2024.
PERIODS = [
    ["Lifecare: jälkihuollon asiakkaat 2023–2024"],
    [],
    ["", "IV/2023", "I/2024", "II/2024"],
    ["Asiakkaat yhteensä", "1 100", "1\u00a0210", ""],
    ["Uudet asiakkaat", "30", "41", ""],
    ["18–20-vuotiaat", "650", "730", ""],
    ["21-25 v", "450", "480", ""],
    ["Sosiaalityöntekijä", "18", "18,5", ""],
    ["Sosiaalityöntekijä avoin", "1", "0,5", ""],
    ["Ohjaaja", "36", "37", ""],
]


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "ods"])
def test_the_column_of_the_uploaded_period_is_imported(as_varha, import_url, varha, open_period, fmt):
    content = {"csv": csv_bytes, "xlsx": xlsx_bytes, "ods": ods_bytes}[fmt](PERIODS)
    response = as_varha.post(import_url, {"file": SimpleUploadedFile(f"lifecare.{fmt}", content)})
    assert response.status_code == 200, re.findall(r"<li>(.*?)</li>", response.content.decode())[-5:]
    (warning,) = ImportBatch.objects.get().preview["warnings"]
    assert "B (IV/2023)" in warning and "D" not in warning.split(":")[1]  # D is empty
    assert _confirm(as_varha, import_url, response).status_code == 302
    report = _report(varha, open_period)
    assert (report.clients_total, report.new_clients) == (1210, 41)
    assert {c.band.label: c.clients for c in report.age_counts.all()} == {"18–20": 730, "21–25": 480}
    assert {s.role: (s.fte_filled, s.fte_vacant) for s in report.staffing.all()} == {
        "social_worker": (Decimal("18.5"), Decimal("0.5")),
        "counsellor": (Decimal(37), Decimal(0)),
    }


def test_an_error_names_the_files_own_row_and_period_column(as_varha, import_url, varha, open_period):
    rows = [list(row) for row in PERIODS]
    rows[5][2] = "seitsemänsataa"
    rows[8][2] = "-1"
    response = as_varha.post(import_url, {"file": SimpleUploadedFile("a.csv", csv_bytes(rows))})
    body = response.content.decode()
    assert response.status_code == 400
    assert re.search(r"Rivi 6, sarake C \(I/2024\)", body) and "seitsemänsataa" in body
    assert re.search(r"Rivi 9, sarake C \(I/2024\)", body)  # the vacant FTE's own row
    assert _report(varha, open_period) is None and not ImportBatch.objects.exists()


def test_a_report_without_the_uploaded_period_is_refused_by_cell(as_varha, import_url, open_period):
    rows = [[cell for i, cell in enumerate(row) if i != 2] for row in PERIODS]
    response = as_varha.post(import_url, {"file": SimpleUploadedFile("a.csv", csv_bytes(rows))})
    assert response.status_code == 400
    assert re.search(r"Rivi 4, sarake B \(IV/2023\)", response.content.decode())


@pytest.fixture
def periods(caseload):
    """Two quarters of 2001, before any figures: history a national file would bring."""
    return [
        ReportingPeriod.objects.create(frequency="quarter", start=date(2001, 1, 1), end=date(2001, 3, 31)),
        ReportingPeriod.objects.create(frequency="quarter", start=date(2001, 4, 1), end=date(2001, 6, 30)),
    ]


NATIONAL = [
    ["THL: jälkihuolto 2001"],
    ["Hyvinvointialue", "Tieto", "2001 Q1", "2001 Q2"],
    ["varha", "Asiakkaat yhteensä", 100, 120],
    ["varha", "18–20", 90, 100],
    ["varha", "21–25", 10, 20],
    ["varha", "Sosiaalityöntekijä htv", "3,0", "3,5"],
    ["varha", "Sosiaalityöntekijä avoin", "0,5", "0"],
    ["Satakunnan hyvinvointialue", "Asiakkaat yhteensä", 50, 55],
    ["Satakunnan hyvinvointialue", "Ikäryhmä 18–20", 40, 45],
    ["Satakunnan hyvinvointialue", "21-25 v", 10, 10],
]


def backfill(client, rows, name="thl.xlsx"):
    content = xlsx_bytes(rows) if name.endswith("xlsx") else csv_bytes(rows)
    return client.post(reverse("aftercare:backfill"), {"file": SimpleUploadedFile(name, content)})


def test_the_national_backfill_reads_one_column_per_period(client, administrator, periods):
    client.force_login(administrator)
    response = backfill(client, NATIONAL)
    assert response.status_code == 200, re.findall(r"<li>(.*?)</li>", response.content.decode())[-5:]
    batch = ImportBatch.objects.get()
    assert batch.preview["counts"]["new"] == 4
    response = client.post(reverse("aftercare:backfill"), {"batch": batch.pk})
    assert response.status_code == 200
    reports = AreaReport.objects.filter(period__in=periods).order_by("wellbeing_area__slug", "period__start")
    assert [(r.wellbeing_area.slug, r.period.start.month, r.clients_total) for r in reports] == [
        ("satakunta", 1, 50),
        ("satakunta", 4, 55),
        ("varha", 1, 100),
        ("varha", 4, 120),
    ]
    varha_q2 = reports[3]
    assert [(s.role, s.fte_filled, s.fte_vacant) for s in varha_q2.staffing.all()] == [
        ("social_worker", Decimal("3.5"), Decimal(0))
    ]


def test_a_period_or_area_the_portal_does_not_have_is_refused_by_cell(client, administrator, periods):
    rows = [list(row) for row in NATIONAL]
    rows[1][3] = "2099 Q2"
    rows[7][0] = "Ahvenanmaa"
    client.force_login(administrator)
    response = backfill(client, rows, "thl.csv")
    body = response.content.decode()
    assert response.status_code == 400
    assert re.search(r"Rivi 3, sarake D \(2099 Q2\)", body)
    assert re.search(r"Rivi 8, sarake A \(Hyvinvointialue\)", body) and "Ahvenanmaa" in body
    assert not AreaReport.objects.filter(period__in=periods).exists()
