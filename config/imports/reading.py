"""Step 1 of every import: read an uploaded CSV, XLSX or ODS file into rows of cells.

CSV: UTF-8 (with or without BOM), else Windows-1252 or ISO-8859-15 (told apart by
charset-normalizer), separated by semicolons, commas or tabs. XLSX and ODS go through
python-calamine, which returns cell values only and never evaluates a formula. Before calamine
unpacks anything the zip directory is checked, so a decompression bomb is refused in milliseconds;
then rows, columns and cells are capped while reading.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_ROWS = 200_000
MAX_COLUMNS = 60
MAX_CELLS = 4_000_000
# An XLSX/ODS file whose parts unpack to more than this, or compress better than this ratio,
# is refused before it is unpacked (real reports compress about 5–15 fold).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 150
FORMATS = ("csv", "xlsx", "ods")
SPREADSHEET_ENCODINGS = ("cp1252", "iso8859_15")


class UnreadableFile(ValueError):
    """An upload that is not a table the portal can read; the message says why, in the user's language."""


@dataclass
class Sheet:
    """The cells of a file's first sheet: str, int, float, Decimal or None. Row 1 is rows[0]."""

    rows: list[list]
    format: str
    encoding: str = ""  # CSV only: "UTF-8", "Windows-1252", "ISO-8859-15"
    notes: list[str] = field(default_factory=list)
    # A sheet reshaped from the file's wide shape: for each row, the file's row number and where
    # each value was in the file (column key → (letter, header)), so messages name the file's cells.
    origins: list | None = None


def file_format(name: str) -> str:
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in FORMATS:
        raise UnreadableFile(_("Upload a CSV, XLSX or ODS file."))
    return suffix


def read_upload(upload) -> Sheet:
    """The uploaded file (a Django ``UploadedFile``) as a sheet, or ``UnreadableFile``."""
    content = upload.read(MAX_UPLOAD_BYTES + 1)
    return read_bytes(upload.name, content)


def read_bytes(name: str, content: bytes) -> Sheet:
    fmt = file_format(name)
    if len(content) > MAX_UPLOAD_BYTES:
        raise UnreadableFile(
            _("The file is too large (at most %(mb)s MB).") % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    if not content.strip():
        raise UnreadableFile(_("The file is empty."))
    sheet = _read_csv(content) if fmt == "csv" else _read_workbook(content, fmt)
    if any("\x00" in cell for row in sheet.rows for cell in row if isinstance(cell, str)):
        # No report holds a NUL character, and no database text column can keep one.
        raise UnreadableFile(_("The file contains binary data (NUL characters): it is not a report."))
    return sheet


# --- CSV ------------------------------------------------------------------------------------------


def decode(content: bytes) -> tuple[str, str]:
    """(text, encoding name shown to the user)."""
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8", errors="strict"), "UTF-8"
    try:
        return content.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in content:
        raise UnreadableFile(_("The file is not a text file: save it as CSV, XLSX or ODS."))
    from charset_normalizer import from_bytes

    best = from_bytes(content[:200_000], cp_isolation=list(SPREADSHEET_ENCODINGS)).best()
    # The two differ in eight characters (€ Š š Ž ž Œ œ Ÿ); Excel on Windows writes cp1252.
    encoding = best.encoding if best is not None else "cp1252"
    try:
        text = content.decode(encoding)
    except UnicodeDecodeError:
        text = content.decode("iso8859_15")
        encoding = "iso8859_15"
    return text, {"cp1252": "Windows-1252", "iso8859_15": "ISO-8859-15"}.get(encoding, encoding)


def sniff_delimiter(text: str) -> str:
    """The separator that splits the first lines most consistently into more than one cell."""
    lines = [line for line in text.splitlines()[:30] if line.strip()]
    best, best_score = ";", -1
    for delimiter in (";", "\t", ","):
        counts = [line.count(delimiter) for line in lines]
        if not counts or max(counts) == 0:
            continue
        commonest = max(set(counts), key=counts.count)
        score = counts.count(commonest) * 100 + commonest
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_csv(content: bytes) -> Sheet:
    try:
        text, encoding = decode(content)
    except UnicodeDecodeError:
        raise UnreadableFile(
            _("The file is not readable text in UTF-8, Windows-1252 or ISO-8859-15.")
        ) from None
    delimiter = sniff_delimiter(text)
    rows: list[list] = []
    cells = 0
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            _check_caps(len(rows) + 1, len(row), cells := cells + len(row))
            rows.append([cell if cell.strip() else None for cell in row])
    except csv.Error:
        raise UnreadableFile(_("The CSV file could not be read: check its quotation marks.")) from None
    return Sheet(rows=rows, format="csv", encoding=encoding)


def _check_caps(row_count: int, width: int, cells: int) -> None:
    if row_count > MAX_ROWS:
        raise UnreadableFile(
            _("The file has more than %(n)s rows.") % {"n": f"{MAX_ROWS:,}".replace(",", " ")}
        )
    if width > MAX_COLUMNS:
        raise UnreadableFile(_("The file has more than %(n)s columns.") % {"n": MAX_COLUMNS})
    if cells > MAX_CELLS:
        raise UnreadableFile(_("The file has too many cells."))


# --- XLSX and ODS ---------------------------------------------------------------------------------


def _check_zip(content: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise UnreadableFile(_("The file is not a valid spreadsheet (XLSX or ODS).")) from None
    unpacked = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos) or 1
    if len(infos) > 2000 or unpacked > MAX_UNPACKED_BYTES or unpacked / packed > MAX_COMPRESSION_RATIO:
        raise UnreadableFile(_("The spreadsheet unpacks to far more data than a report holds: refused."))


def _cell(value):
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        return value if value.strip() else None
    if value == "":
        return None
    return value


def _read_workbook(content: bytes, fmt: str) -> Sheet:
    _check_zip(content)
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
        if not workbook.sheet_names:
            raise UnreadableFile(_("The spreadsheet has no sheets."))
        sheet = workbook.get_sheet_by_index(0)
        _check_caps(sheet.total_height, sheet.total_width, sheet.total_height * sheet.total_width)
        rows, cells = [], 0
        for row in sheet.iter_rows():
            _check_caps(len(rows) + 1, len(row), cells := cells + len(row))
            rows.append([_cell(value) for value in row])
    except UnreadableFile:
        raise
    except Exception:  # noqa: BLE001 - whatever calamine objects to means the same to the user
        raise UnreadableFile(_("The file is not a valid spreadsheet (XLSX or ODS).")) from None
    return Sheet(rows=rows, format=fmt)
