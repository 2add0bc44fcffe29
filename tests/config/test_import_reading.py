"""Reading files as client systems and Finnish Excel write them (config.imports, no database)."""

import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.utils import translation

from config.imports.reading import UnreadableFile, read_bytes, sniff_delimiter
from config.imports.values import BadValue, column_letter, norm, parse_decimal, parse_int


def xlsx(rows) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("encoding", ["cp1252", "iso8859_15", "utf-8", "utf-8-sig"])
def test_finnish_text_is_read_in_every_encoding_excel_writes(encoding):
    text = "Ikäryhmä;Asiakkaita\r\n18–20-vuotiaat;420\r\nYhteensä;€ 5\r\n"
    if encoding == "iso8859_15":
        text = text.replace("–", "-")  # ISO-8859-15 has no en dash
    sheet = read_bytes("a.csv", text.encode(encoding))
    assert sheet.rows[0] == ["Ikäryhmä", "Asiakkaita"]
    assert sheet.rows[2][0] == "Yhteensä"
    assert sheet.encoding == {"utf-8-sig": "UTF-8", "utf-8": "UTF-8"}.get(encoding, sheet.encoding)


def test_windows_1252_is_named_in_the_preview():
    sheet = read_bytes("a.csv", "Sosiaalityöntekijä;Määrä\nä;ö\n".encode("cp1252"))
    assert sheet.encoding in ("Windows-1252", "ISO-8859-15")
    assert sheet.rows[0][0] == "Sosiaalityöntekijä"


@pytest.mark.parametrize(
    ("text", "delimiter"), [("a;b;c\n1;2,5;3\n", ";"), ("a,b\n1,2\n", ","), ("a\tb\n1\t2\n", "\t")]
)
def test_the_separator_is_sniffed(text, delimiter):
    assert sniff_delimiter(text) == delimiter


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("54 150,00", Decimal("54150.00")),
        ("54\u00a0150,00", Decimal("54150.00")),
        ("54\u202f150,00", Decimal("54150.00")),  # narrow no-break space, as Excel writes Finnish numbers
        ("\u22121 500,5", Decimal("-1500.5")),  # minus sign
        ("-1500.5", Decimal("-1500.5")),
        ("1.500,50", Decimal("1500.50")),
        ("1 500,50 €", Decimal("1500.50")),
        (348854, Decimal(348854)),
        (87214.5, Decimal("87214.5")),
        ("", None),
        (None, None),
    ],
)
def test_numbers_as_finnish_excel_writes_them(cell, expected):
    assert parse_decimal(cell) == expected


@pytest.mark.parametrize(
    "cell", ["tuhat", "1,2,3", "=1+2", "@SUM(A1)", "1e400", "NaN", "Infinity", True, "9" * 40]
)
def test_what_is_not_a_number_is_refused(cell):
    with pytest.raises(BadValue):
        parse_decimal(cell)


def test_a_whole_number_must_be_whole():
    assert parse_int("1 200") == 1200
    with pytest.raises(BadValue):
        parse_int("12,5")


def test_labels_match_case_accent_and_punctuation_free():
    assert norm("Sosiaalityöntekijä") == norm("sosiaalityontekija") == "sosiaalityontekija"
    assert norm("18–20 v") == norm("18-20 V") == "1820v"


def test_column_letters():
    assert [column_letter(i) for i in (0, 6, 25, 26, 27)] == ["A", "G", "Z", "AA", "AB"]


def test_xlsx_cells_come_back_as_numbers_and_text():
    sheet = read_bytes("a.xlsx", xlsx([["Raportti 2024"], [], ["tieto", "asiakkaita"], ["asiakkaat", 910.0]]))
    assert sheet.rows[0][0] == "Raportti 2024"
    assert sheet.rows[3] == ["asiakkaat", 910]


def test_ods_is_read():
    from tests.config.ods import ods_bytes

    sheet = read_bytes("a.ods", ods_bytes([["tieto", "asiakkaita"], ["asiakkaat", "910"]]))
    assert sheet.rows[1][0] == "asiakkaat"


def test_a_decompression_bomb_is_refused_before_it_is_unpacked(monkeypatch):
    """Refused from the zip's directory alone: the workbook reader is never asked to unpack it."""
    import python_calamine

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        row = "<row><c><v>1</v></c></row>"
        archive.writestr("xl/worksheets/sheet1.xml", "<sheetData>" + row * 4_000_000 + "</sheetData>")
    content = out.getvalue()
    assert len(content) < 2 * 1024 * 1024

    class Unpacked:
        @staticmethod
        def from_filelike(*args, **kwargs):
            raise AssertionError("the bomb reached the workbook reader")

    monkeypatch.setattr(python_calamine, "CalamineWorkbook", Unpacked)
    with translation.override("en"), pytest.raises(UnreadableFile, match="unpacks to far more data"):
        read_bytes("pommi.xlsx", content)


def test_too_many_rows_are_refused():
    from config.imports import reading

    text = "a;b\n" + "1;2\n" * (reading.MAX_ROWS + 1)
    with pytest.raises(UnreadableFile):
        read_bytes("a.csv", text.encode())


@pytest.mark.parametrize("content", [b"", b"   \n", b"PK\x03\x04junk", b"\x00\x01\x02\xff" * 10])
def test_broken_files_are_unreadable_not_errors(content):
    name = "a.xlsx" if content.startswith(b"PK") else "a.csv"
    with pytest.raises(UnreadableFile):
        read_bytes(name, content)


@pytest.mark.parametrize("content", [b"tieto;asiakkaita\nasiakkaat;9\x001\n", b"a;b\n\x00;1\n"])
def test_a_file_with_nul_characters_is_refused(content):
    """No report holds one, and PostgreSQL cannot keep one in a text or JSON column."""
    with translation.override("en"), pytest.raises(UnreadableFile, match="NUL characters"):
        read_bytes("raportti.csv", content)
