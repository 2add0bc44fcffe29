"""Issue 11, "done means": every project table, in files written the ways people and client systems
write them — Windows-1252 CSV with a title row, columns in another order and named in Finnish or
Swedish, labels as people write them, U+202F as the thousands separator, a total row, XLSX and ODS —
made here, not by hand. Each file imports; the same file with one bad cell is refused naming the
file's row, column letter and header, and nothing is written."""

import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from config.models import ImportBatch
from funding.models import ActualCost, CostLine, FinancingLine, PaymentClaim
from projects.models import (
    Indicator,
    IndicatorValue,
    Measure,
    ParticipantTarget,
    StaffResource,
    WorkPackage,
)
from tests.aftercare.test_import_finnish_excel import csv_bytes, xlsx_bytes
from tests.config.ods import ods_bytes
from tests.projects.factories import IndicatorFactory, WorkPackageFactory

pytestmark = pytest.mark.django_db

# kind: (model, header, rows, the bad cell (row, column) and its value). "{name}" is the
# sub-implementer; rows are as people write them (other order, Finnish and Swedish words).
TABLES = {
    "cost-lines": (
        CostLine,
        ["Kustannuslaji", "Vuosi", "Selite", "Summa", "Toteuttaja"],
        [
            ["Palkkakustannukset", "2021", "Projektipäällikkö", "52\u202f000,00", "{name}"],
            ["matkat", "2021", "Junaliput", "1\u202f500,50", "{name}"],
            ["Löner", "2022", "", "48 000", "{name}"],
        ],
        (1, 3, "tuhat"),
    ),
    "financing-lines": (
        FinancingLine,
        ["Genomförare", "Rahoituslaji", "Lähde", "Belopp"],
        [
            ["{name}", "EU- ja valtion rahoitus", "ESR", "348\u202f854"],
            ["{name}", "Kuntarahoitus", "Seinäjoki", "87\u202f214,00"],
        ],
        (0, 3, "paljon"),
    ),
    "staff": (
        StaffResource,
        ["Nimike", "Työaika %", "Alkaa", "Päättyy", "Toteuttaja"],
        [
            ["Projektipäällikkö", "100", "1.9.2020", "31.12.2022", "{name}"],
            ["Kehittämissuunnittelija", "50,0", "1.1.2021", "31.12.2022", "{name}"],
        ],
        (1, 2, "ensi vuonna"),
    ),
    "work-packages": (
        WorkPackage,
        ["Toteuttaja", "Tunnus", "Nimi", "Kuvaus"],
        [["{name}", "TP2", "Yhteiskehittäminen", ""], ["{name}", "TP3", "Levittäminen", "Seminaarit"]],
        (1, 0, "Tuntematon Oy"),
    ),
    "measures": (
        Measure,
        ["Työpaketti", "Toimenpide", "Nimi", "Ajoitus", "Tuotokset"],
        [["TP1", "1.1", "Kartoitus", "9/2020–6/2021", "Raportti"], ["tp1", "1.2", "Työpajat", "", ""]],
        (1, 0, "TP9"),
    ),
    "indicators": (
        Indicator,
        ["Tyyppi", "Indikaattori", "Yksikkö", "Tavoite", "Toteuttaja"],
        [
            ["Tuotosindikaattori", "Työpajat", "kpl", "24", "{name}"],
            ["tulos", "Kunnat", "kuntaa", "8", "{name}"],
        ],
        (0, 3, "kaksi"),
    ),
    "indicator-values": (
        IndicatorValue,
        ["Kausi", "Indikaattori", "Arvo"],
        [["2021", "Vertaisryhmät", "5"], ["2022", "vertaisryhmät", "7,5"]],
        (1, 1, "Tuntematon"),
    ),
    "participant-targets": (
        ParticipantTarget,
        ["Lukukausi", "Vuosi", "Tavoite", "Toteuma", "Työpaketti"],
        [["kevät", "2021", "20", "18", "TP1"], ["Höst", "2021", "25", "", "TP1"]],
        (0, 2, "paljon"),
    ),
    "actual-costs": (
        ActualCost,
        ["Toteuttaja", "Kustannuslaji", "Kirjattu", "Summa"],
        [["{name}", "Palkat", "30.4.2021", "12\u202f000,00"], ["{name}", "Resor", "30.4.2021", "800"]],
        (0, 2, "huhtikuussa"),
    ),
    "payment-claims": (
        PaymentClaim,
        ["Toteuttaja", "Kausi alkaa", "Kausi päättyy", "Haettu summa", "Jätetty"],
        [
            ["{name}", "1.9.2020", "31.12.2020", "12\u202f500,00", "15.2.2021"],
            ["{name}", "1.1.2021", "30.6.2021", "30 000", ""],
        ],
        (1, 3, "kolmekymmentä"),
    ),
}
AMOUNT_COLUMN = {"cost-lines": 3, "financing-lines": 3, "actual-costs": 3, "payment-claims": 3}


def write(way: str, rows: list[list]) -> tuple[str, bytes]:
    if way == "csv-windows-1252":  # Excel's "CSV (semicolon)" on Windows, with a title row
        rows = [["Hankkeen raportti 31.12.2021"], [], *rows]
        return "raportti.csv", csv_bytes([[str(c).replace("\u202f", "\xa0") for c in r] for r in rows])
    if way == "csv-utf8-comma":  # another spreadsheet's CSV: commas, quotes where a value has one
        out = io.StringIO()
        csv.writer(out).writerows(rows)
        return "raportti.csv", out.getvalue().encode("utf-8-sig")
    if way == "xlsx":
        return "raportti.xlsx", xlsx_bytes([["Raportti"], *rows])
    return "raportti.ods", ods_bytes(rows)


@pytest.fixture
def made(project, sub_implementer):
    """What the rows refer to: the sub-implementer's work package TP1 and indicator."""
    WorkPackageFactory(implementer=sub_implementer, code="TP1")
    IndicatorFactory(project=project, implementer=sub_implementer, name="Vertaisryhmät")
    return sub_implementer.organisation.short_name


def table(kind: str, name: str, *, total: bool = False, bad: bool = False) -> list[list]:
    _model, header, rows, (row, column, value) = TABLES[kind]
    rows = [[cell.replace("{name}", name) for cell in line] for line in rows]
    if bad:
        rows[row][column] = value
    if total and kind in AMOUNT_COLUMN:
        rows.append(["Yhteensä"] + [""] * (len(header) - 1))
    return [header, *rows]


@pytest.mark.parametrize("way", ["csv-windows-1252", "csv-utf8-comma", "xlsx", "ods"])
@pytest.mark.parametrize("kind", TABLES)
def test_every_table_imports_written_every_way(client, coordinator, project, made, kind, way):
    model = TABLES[kind][0]
    before = model.objects.count()
    client.force_login(coordinator)
    name, content = write(way, table(kind, made, total=True))
    url = reverse("funding:import", args=[project.pk, kind])
    response = client.post(url, {"file": SimpleUploadedFile(name, content)})
    body = response.content.decode()
    assert response.status_code == 200, re.findall(r"<li>(.*?)</li>", body)[-3:]
    batch = ImportBatch.objects.get()
    assert batch.preview["counts"]["new"] == len(TABLES[kind][2])
    response = client.post(reverse("funding:import_confirm", args=[project.pk, kind]), {"batch": batch.pk})
    assert response.status_code == 200
    assert model.objects.count() == before + len(TABLES[kind][2])


@pytest.mark.parametrize("way", ["csv-windows-1252", "xlsx"])
@pytest.mark.parametrize("kind", TABLES)
def test_one_bad_cell_is_named_and_nothing_is_written(client, coordinator, project, made, kind, way):
    model, header, _rows, (row, column, value) = TABLES[kind]
    before = model.objects.count()
    client.force_login(coordinator)
    name, content = write(way, table(kind, made, bad=True))
    response = client.post(
        reverse("funding:import", args=[project.pk, kind]), {"file": SimpleUploadedFile(name, content)}
    )
    body = response.content.decode()
    # The file's own row: below the title rows (two in the CSV, one in the XLSX) and the header.
    file_row = row + (4 if way.startswith("csv") else 3)
    letter = "ABCDE"[column]
    assert response.status_code == 400
    assert re.search(rf"Rivi {file_row}, sarake {letter} \({header[column]}\)", body), re.findall(
        r"<li>(.*?)</li>", body
    )[-3:]
    assert value[:10] in body
    assert model.objects.count() == before and not ImportBatch.objects.exists()


@pytest.mark.parametrize(
    ("kind", "column", "value"),
    [
        ("cost-lines", 0, "Henkilöstökulut"),
        ("financing-lines", 1, "Lahjoitus"),
        ("indicators", 0, "Vaikutus"),
    ],
)
def test_an_unknown_label_is_asked_naming_its_cell(client, coordinator, project, made, kind, column, value):
    """A label the portal does not know is no reason to refuse the file: the mapping page asks what
    it means, naming where it is."""
    _model, header, _rows, _bad = TABLES[kind]
    rows = table(kind, made)
    rows[2][column] = value
    client.force_login(coordinator)
    name, content = write("xlsx", rows)
    response = client.post(
        reverse("funding:import", args=[project.pk, kind]), {"file": SimpleUploadedFile(name, content)}
    )
    body = response.content.decode()
    assert response.status_code == 200 and 'name="label-0"' in body
    assert f"Rivi 4, sarake {'ABCDE'[column]} ({header[column]}): ”{value}”" in body
    assert ImportBatch.objects.get().state == ImportBatch.State.MAPPING
