"""Files as client systems and Finnish Excel write them (issue 11), made here, not by hand."""

import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from aftercare.models import AreaReport
from config.models import ImportBatch
from tests.config.ods import ods_bytes

pytestmark = pytest.mark.django_db

# Another column order, the client system's own headers, a title row and an empty row above them.
TITLE = ["Jälkihuollon asiakkaat, raportti Lifecare 3.4.2024"]
HEADER = [
    "Mittari",
    "Ikäryhmä / työntekijä",
    "Ammattinimike",
    "Asiakkaat",
    "HTV täytetty",
    "HTV avoin",
    "Kausi",
]
ROWS = [
    ["Asiakkaat yhteensä", "", "", "1\u00a0210", "", "", "Q1/2024"],
    ["Uudet", "", "", "41", "", "", "Q1/2024"],
    ["Ikäryhmä", "18-20 v", "", "730", "", "", "Q1/2024"],
    ["Ikäryhmä", "21–25-vuotiaat", "", "480", "", "", "Q1/2024"],
    ["Henkilöstö", "", "Sosiaalityöntekijä", "", "18,5", "0,5", "Q1/2024"],
    ["Henkilöstö", "", "Ohjaaja", "", "37", "1", "Q1/2024"],
    ["Työntekijä", "a", "sosiaalityontekija", "48", "", "", "Q1/2024"],
    ["Työntekijä", "B", "Ohjaaja", "24", "", "", "Q1/2024"],
]


def csv_bytes(rows, encoding="cp1252", delimiter=";") -> bytes:
    lines = [delimiter.join(str(c) for c in row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def xlsx_bytes(rows) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def import_url(varha, open_period):
    return reverse("aftercare:import", args=[varha.slug, open_period.pk])


@pytest.fixture
def as_varha(client, varha_manager):
    client.force_login(varha_manager)
    return client


def _confirm(client, url, response):
    batch = re.search(r'name="batch" value="([^"]+)"', response.content.decode())[1]
    return client.post(url, {"batch": batch, "acknowledge": "1", "comment": "Uusi järjestelmä."})


def _report(varha, open_period):
    return AreaReport.objects.for_page().filter(wellbeing_area=varha, period=open_period).first()


def test_a_windows_1252_csv_with_labels_as_people_write_them_imports(
    as_varha, import_url, varha, open_period
):
    rows = [TITLE, [], HEADER, *ROWS, ["Yhteensä", "", "", "1 210", "", "", ""]]
    upload = SimpleUploadedFile("lifecare.csv", csv_bytes(rows))
    response = as_varha.post(import_url, {"file": upload})
    html = response.content.decode()
    assert response.status_code == 200, re.findall(r"<li>(.*?)</li>", html)[:5]
    assert "Windows-1252" in html
    batch = ImportBatch.objects.get()
    assert batch.preview["header_row"] == 3 and batch.encoding == "Windows-1252"
    assert _confirm(as_varha, import_url, response).status_code == 302
    report = _report(varha, open_period)
    assert (report.clients_total, report.new_clients) == (1210, 41)
    assert {c.band.label: c.clients for c in report.age_counts.all()} == {"18–20": 730, "21–25": 480}
    assert sorted((w.label, w.role, w.clients) for w in report.workers.all()) == [
        ("A", "social_worker", 48),
        ("B", "counsellor", 24),
    ]


def test_a_narrow_no_break_space_in_an_xlsx_is_a_thousands_separator(
    as_varha, import_url, varha, open_period
):
    rows = [HEADER, *ROWS]
    rows[1] = ["Asiakkaat yhteensä", "", "", "1\u202f210", "", "", "Q1/2024"]
    response = as_varha.post(import_url, {"file": SimpleUploadedFile("a.xlsx", xlsx_bytes(rows))})
    assert response.status_code == 200
    assert _confirm(as_varha, import_url, response).status_code == 302
    assert _report(varha, open_period).clients_total == 1210


def test_an_ods_file_imports(as_varha, import_url, varha, open_period):
    response = as_varha.post(import_url, {"file": SimpleUploadedFile("a.ods", ods_bytes([HEADER, *ROWS]))})
    assert response.status_code == 200
    assert _confirm(as_varha, import_url, response).status_code == 302
    assert _report(varha, open_period).clients_total == 1210


def test_a_total_row_that_disagrees_is_reported_not_imported(as_varha, import_url):
    rows = [HEADER, *ROWS, ["Yhteensä", "", "", "9 999", "", "", ""]]
    response = as_varha.post(import_url, {"file": SimpleUploadedFile("a.csv", csv_bytes(rows))})
    assert response.status_code == 200
    (warning,) = ImportBatch.objects.get().preview["warnings"]
    assert "10" in warning and "9" in warning  # row 10, the figure it states


def test_an_error_names_the_files_own_row_column_and_header(as_varha, import_url, varha, open_period):
    rows = [TITLE, HEADER, *ROWS]
    rows[4] = ["Ikäryhmä", "18-20 v", "", "seitsemän", "", "", "Q1/2024"]
    response = as_varha.post(import_url, {"file": SimpleUploadedFile("a.csv", csv_bytes(rows))})
    assert response.status_code == 400
    assert re.search(r"(Row|Rivi) 5, (column|sarake) D \(Asiakkaat\)", response.content.decode())
    assert _report(varha, open_period) is None and not ImportBatch.objects.exists()


def test_a_file_without_a_header_row_says_what_it_needs(as_varha, import_url):
    upload = SimpleUploadedFile("a.csv", csv_bytes([["1", "2"], ["3", "4"]]))
    response = as_varha.post(import_url, {"file": upload})
    assert response.status_code == 400
    assert "tieto" in response.content.decode()


def test_a_saved_batch_is_confirmed_once(as_varha, import_url, varha, open_period):
    response = as_varha.post(import_url, {"file": SimpleUploadedFile("a.csv", csv_bytes([HEADER, *ROWS]))})
    assert _confirm(as_varha, import_url, response).status_code == 302
    report = _report(varha, open_period)
    version = report.version
    assert _confirm(as_varha, import_url, response).status_code == 302  # "already saved"
    assert _report(varha, open_period).version == version


def test_unknown_headers_are_mapped_once_and_remembered(as_varha, import_url, varha, open_period):
    """The user maps the report's own headers; with the mapping saved, the same report imports
    without questions the next time."""
    header = ["Luku", "Ryhmä", "Tehtävänimike", "Lukumäärä", "Täytetyt", "Avoimet", "Kausi"]
    content = csv_bytes([header, *ROWS])
    response = as_varha.post(import_url, {"file": SimpleUploadedFile("effica.csv", content)})
    html = response.content.decode()
    assert 'name="mapping"' in html and 'name="batch"' not in html
    batch = ImportBatch.objects.get()
    chosen = {"C": "rooli", "D": "asiakkaita", "E": "htv_taytetty", "F": "htv_avoin"}
    data = {"mapping": batch.pk, "save": "1"} | {f"map-{letter}": key for letter, key in chosen.items()}
    response = as_varha.post(import_url, data)
    assert response.status_code == 200 and 'name="batch"' in response.content.decode()
    assert _confirm(as_varha, import_url, response).status_code == 302
    assert _report(varha, open_period).clients_total == 1210

    response = as_varha.post(import_url, {"file": SimpleUploadedFile("effica.csv", content)})
    assert 'name="batch"' in response.content.decode()  # straight to the preview


# The wide shape a client system prints: a row per age band, role or figure, a column per measure.
WIDE = [
    ["Pegasos: jälkihuolto 1.1.–31.3.2024"],
    [],
    ["", "Asiakkaat", "HTV täytetty", "HTV avoin"],
    ["18–20-vuotiaat", "730", "", ""],
    ["21-25 v", "480", "", ""],
    ["Uudet asiakkaat", "41", "", ""],
    ["Sosiaalityöntekijä", "", "18,5", "0,5"],
    ["ohjaaja", "", "37", "1"],
    ["Yhteensä", "1 210", "", ""],
]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_wide_shape_of_a_client_system_imports(as_varha, import_url, varha, open_period, fmt):
    content = csv_bytes(WIDE) if fmt == "csv" else xlsx_bytes(WIDE)
    response = as_varha.post(import_url, {"file": SimpleUploadedFile(f"pegasos.{fmt}", content)})
    assert response.status_code == 200, re.findall(r"<li>(.*?)</li>", response.content.decode())[:5]
    assert _confirm(as_varha, import_url, response).status_code == 302
    report = _report(varha, open_period)
    assert (report.clients_total, report.new_clients) == (1210, 41)
    assert {c.band.label: c.clients for c in report.age_counts.all()} == {"18–20": 730, "21–25": 480}
    assert {s.role: (s.fte_filled, s.fte_vacant) for s in report.staffing.all()} == {
        "social_worker": (Decimal("18.5"), Decimal("0.5")),
        "counsellor": (Decimal(37), Decimal(1)),
    }


def test_an_error_in_the_wide_shape_names_the_files_own_cell(as_varha, import_url, varha, open_period):
    rows = [list(row) for row in WIDE]
    rows[4][1] = "neljäsataa"
    rows[6][0] = "Sosionomi"
    response = as_varha.post(import_url, {"file": SimpleUploadedFile("a.csv", csv_bytes(rows))})
    body = response.content.decode()
    assert response.status_code == 400
    assert re.search(r"(Row|Rivi) 5, (column|sarake) B \(Asiakkaat\)", body)
    assert re.search(r"(Row|Rivi) 7, (column|sarake) A", body) and "Sosionomi" in body
    assert (
        "rivillä 3"
        in as_varha.post(import_url, {"file": SimpleUploadedFile("a.csv", csv_bytes(WIDE))}).content.decode()
    )
    assert _report(varha, open_period) is None
