"""Spreadsheet template, upload (preview, all-or-nothing) and export."""

import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from aftercare import selectors, shapes
from aftercare.models import AreaReport
from config.imports.writing import to_xlsx

pytestmark = pytest.mark.django_db

HEADER = "alue;kausi;tieto;tunniste;rooli;asiakkaita;htv_taytetty;htv_avoin"


def good_rows(area="varha", period="Q1/2024") -> list[str]:
    return [
        f"{area};{period};asiakkaat_yhteensa;;;910;;",
        f"{area};{period};uudet_asiakkaat;;;41;;",
        f"{area};{period};paattyneet_asiakkaat;;;31;;",
        f"{area};{period};neet_asiakkaat;;;200;;",
        f"{area};{period};eri_jarjestamisalue;;;3;;",
        f"{area};{period};ikaryhma;18–20;;430;;",
        f"{area};{period};ikaryhma;21–25;;480;;",
        f"{area};{period};henkilosto;;sosiaalityontekija;;18,5;0,5",
        f"{area};{period};henkilosto;;ohjaaja;;37,0;1,0",
        f"{area};{period};tyontekija;A;sosiaalityontekija;48;;",
        f"{area};{period};tyontekija;B;sosiaalityontekija;50;;",
        f"{area};{period};tyontekija;C;ohjaaja;24;;",
    ]


def csv_file(rows, *, bom=True) -> SimpleUploadedFile:
    text = "\n".join([HEADER, *rows]) + "\n"
    return SimpleUploadedFile("luvut.csv", (("\ufeff" if bom else "") + text).encode("utf-8"), "text/csv")


@pytest.fixture
def import_url(varha, open_period):
    return reverse("aftercare:import", args=[varha.slug, open_period.pk])


@pytest.fixture
def as_varha(client, varha_manager):
    client.force_login(varha_manager)
    return client


def _confirm(client, url, response, **extra):
    batch = re.search(r'name="batch" value="([^"]+)"', response.content.decode())[1]
    return client.post(url, {"batch": batch, **extra})


def _report(varha, open_period):
    return AreaReport.objects.for_page().filter(wellbeing_area=varha, period=open_period).first()


@pytest.mark.parametrize("bom", [True, False])
def test_a_good_finnish_csv_is_previewed_then_saves_every_row(as_varha, import_url, varha, open_period, bom):
    response = as_varha.post(import_url, {"file": csv_file(good_rows(), bom=bom)})
    assert response.status_code == 200
    assert _report(varha, open_period) is None  # the preview saves nothing
    assert _confirm(as_varha, import_url, response).status_code == 302
    report = _report(varha, open_period)
    assert (report.clients_total, report.new_clients, report.ended_clients) == (910, 41, 31)
    assert (report.neet_clients, report.other_area_clients) == (200, 3)
    assert {c.band.label: c.clients for c in report.age_counts.all()} == {"18–20": 430, "21–25": 480}
    assert {s.role: str(s.fte_filled) for s in report.staffing.all()} == {
        "social_worker": "18.50",
        "counsellor": "37.00",
    }
    assert [(w.label, w.role, w.clients) for w in report.workers.all()] == [
        ("A", "social_worker", 48),
        ("B", "social_worker", 50),
        ("C", "counsellor", 24),
    ]


def test_one_bad_row_among_many_saves_nothing_and_names_the_row(as_varha, import_url, varha, open_period):
    rows = good_rows()
    rows[8] = "varha;Q1/2024;henkilosto;;ohjaaja;;kolme;1,0"  # data row 9 = spreadsheet row 10
    response = as_varha.post(import_url, {"file": csv_file(rows)})
    html = response.content.decode()
    assert re.search(r"(Row|Rivi) 10, (column|sarake) G \(htv_taytetty\)", html)
    assert 'name="batch"' not in html
    assert _report(varha, open_period) is None


def test_an_upload_for_another_area_is_refused(as_varha, import_url, varha, open_period):
    rows = good_rows()
    rows[3] = "pohjois-pohjanmaa;Q1/2024;neet_asiakkaat;;;200;;"
    html = as_varha.post(import_url, {"file": csv_file(rows)}).content.decode()
    assert "pohjois-pohjanmaa" in html and ("Row 5" in html or "Rivi 5" in html)
    assert _report(varha, open_period) is None


def test_the_pohjois_pohjanmaa_manager_cannot_import_into_varha(
    client, pp_manager, import_url, varha, open_period
):
    client.force_login(pp_manager)
    assert client.post(import_url, {"file": csv_file(good_rows())}).status_code == 404
    assert _report(varha, open_period) is None


@pytest.mark.parametrize("cell", ["=1+2", "+41", "@SUM(A1)", "-cmd"])
def test_formula_text_is_refused(as_varha, import_url, varha, open_period, cell):
    rows = good_rows()
    rows[1] = f"varha;Q1/2024;uudet_asiakkaat;;;{cell};;"
    html = as_varha.post(import_url, {"file": csv_file(rows)}).content.decode()
    assert "Row 3" in html or "Rivi 3" in html
    assert _report(varha, open_period) is None


def test_hard_errors_of_the_whole_file_name_the_rows(as_varha, import_url, varha, open_period):
    rows = good_rows()
    rows[5] = "varha;Q1/2024;ikaryhma;18–20;;400;;"  # 400 + 480 ≠ 910
    html = as_varha.post(import_url, {"file": csv_file(rows)}).content.decode()
    assert "7, 8" in html  # the age-band rows
    assert _report(varha, open_period) is None


def test_an_xlsx_upload_works_and_the_template_round_trips(as_varha, import_url, varha, open_period):
    template = as_varha.get(reverse("aftercare:template", args=[varha.slug, open_period.pk, "xlsx"]))
    assert template.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(template.content))
    sheet = book.active
    assert sheet.title == "Jälkihuollon luvut" and "Q1/2024" in sheet["A1"].value  # the instruction row
    assert [c.value for c in sheet[2]] == shapes.COLUMNS
    previous = selectors.previous_report(varha, open_period)
    for row in sheet.iter_rows(min_row=3):
        if row[2].value == "asiakkaat_yhteensa":
            assert row[5].value == previous.clients_total  # filled in from the previous period
            row[5].value += 5
        if row[2].value == "ikaryhma" and row[3].value == "21–25":
            row[5].value += 5
    out = io.BytesIO()
    book.save(out)
    upload = SimpleUploadedFile("luvut.xlsx", out.getvalue())
    response = as_varha.post(import_url, {"file": upload})
    # The previous period's figures are above the norm: acknowledged as the manager would.
    confirmed = _confirm(as_varha, import_url, response, acknowledge="1", comment="Sama kuin viimeksi.")
    assert confirmed.status_code == 302
    assert _report(varha, open_period).clients_total == previous.clients_total + 5


def test_a_broken_xlsx_is_a_clear_message_not_a_500(as_varha, import_url):
    upload = SimpleUploadedFile("luvut.xlsx", b"PK\x03\x04 not really a workbook")
    response = as_varha.post(import_url, {"file": upload})
    assert response.status_code == 400
    assert 'name="batch"' not in response.content.decode()


def test_openpyxl_parses_with_defusedxml():
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True


def test_warnings_in_an_upload_must_be_acknowledged(as_varha, import_url, varha, open_period):
    rows = good_rows()
    rows[0] = "varha;Q1/2024;asiakkaat_yhteensa;;;1300;;"  # +44 % from 900
    rows[6] = "varha;Q1/2024;ikaryhma;21–25;;870;;"
    response = as_varha.post(import_url, {"file": csv_file(rows)})
    assert _confirm(as_varha, import_url, response).status_code == 200  # not acknowledged
    assert _report(varha, open_period) is None
    batch = re.search(r'name="batch" value="([^"]+)"', response.content.decode())[1]
    response = as_varha.post(import_url, {"batch": batch, "acknowledge": "1", "comment": "Alueliitos."})
    assert response.status_code == 302
    assert _report(varha, open_period).clients_total == 1300


def test_an_unknown_batch_is_refused(as_varha, import_url, varha, open_period):
    assert as_varha.post(import_url, {"batch": "999999"}).status_code == 302
    assert as_varha.post(import_url, {"batch": "forged"}).status_code == 302
    assert _report(varha, open_period) is None


def test_the_csv_template_is_finnish_csv(as_varha, varha, open_period):
    response = as_varha.get(reverse("aftercare:template", args=[varha.slug, open_period.pk, "csv"]))
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff") and text.splitlines()[1] == HEADER  # below the instruction row
    # The previous period's figures are filled in, every worker row included.
    previous = selectors.previous_report(varha, open_period)
    assert f"varha;Q1/2024;asiakkaat_yhteensa;;;{previous.clients_total};;" in text
    assert all(f";tyontekija;{w.label};" in text for w in previous.workers.all())


def test_a_swedish_reader_gets_swedish_headings_that_import_back(client, varha_manager, varha, open_period):
    client.force_login(varha_manager)
    session = client.session
    session["_portal_language"] = "sv"  # as the language buttons leave it
    session.save()
    url = reverse("aftercare:template", args=[varha.slug, open_period.pk, "xlsx"])
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(url).content)).active
    assert [c.value for c in sheet[2]] == shapes.COLUMNS_SV and sheet.title == "Eftervårdens siffror"
    out = io.BytesIO()
    sheet.parent.save(out)
    response = client.post(
        reverse("aftercare:import", args=[varha.slug, open_period.pk]),
        {"file": SimpleUploadedFile("eftervard.xlsx", out.getvalue())},
    )
    assert response.status_code == 200 and 'name="batch"' in response.content.decode()


def test_export_suppresses_small_counts_outside_the_area(client, pp_manager, varha_manager, varha):
    url = reverse("aftercare:export", args=[varha.slug, "csv"])
    client.force_login(pp_manager)
    text = client.get(url).content.decode("utf-8")
    assert "varha;Q4/2023;eri_jarjestamisalue;;;<5;;" in text
    assert "varha;Q4/2023;asiakkaat_yhteensa;;;900;;" in text
    client.force_login(varha_manager)
    assert "varha;Q4/2023;eri_jarjestamisalue;;;3;;" in client.get(url).content.decode("utf-8")


def test_export_keeps_numbers_as_numbers_and_neutralises_formulas():
    data = to_xlsx(shapes.COLUMNS, [["=cmd", "Q1/2024", "tyontekija", "@x", "", 12, None, None]])
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet["A2"].value == "'=cmd" and sheet["D2"].value == "'@x"
    assert sheet["F2"].value == 12


def test_an_unknown_format_is_404(as_varha, varha, open_period):
    assert (
        as_varha.get(reverse("aftercare:template", args=[varha.slug, open_period.pk, "pdf"])).status_code
        == 404
    )
