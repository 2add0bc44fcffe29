"""Step 1 of every import: read an uploaded CSV, XLSX or ODS file into rows of cells.

CSV: UTF-8 (with or without BOM), else Windows-1252 or ISO-8859-15 (told apart by
charset-normalizer), separated by semicolons, commas or tabs. XLSX and ODS go through
python-calamine, which returns cell values only and never evaluates a formula. Before calamine
unpacks anything the zip directory is checked, so a decompression bomb is refused in milliseconds;
then rows, columns and cells are capped while reading.
"""

import codecs
import csv
import io
import zipfile
from collections.abc import Callable, Iterator, Sequence
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


class LazyRows(Sequence):
    """The rows of a file read as they are needed, so a national file is never held whole.

    Iterating reads the file again from its start; indexing and slicing from the start read only
    as far as they reach (the header search looks at the first 30 rows); anything else (a negative
    index, ``len``) reads every row once and keeps them. ``UnreadableFile`` (too many rows, broken
    quotation) is raised where the reading reaches the fault.
    """

    def __init__(self, produce: Callable[[], Iterator[list]]) -> None:
        self._produce = produce
        self._head: list[list] = []
        self._complete = False

    def _fill(self, count: int | None) -> list[list]:
        if self._complete or (count is not None and len(self._head) >= count):
            return self._head
        head = []
        for row in self._produce():
            head.append(row)
            if count is not None and len(head) >= count:
                break
        else:
            self._complete = True
        self._head = head
        return head

    def __iter__(self) -> Iterator[list]:
        return iter(self._head) if self._complete else self._produce()

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.start or 0, index.stop, index.step or 1
            if start >= 0 and step > 0 and stop is not None and stop >= 0:
                return self._fill(stop)[index]
            return self._fill(None)[index]
        if index >= 0:
            return self._fill(index + 1)[index]
        return self._fill(None)[index]

    def __len__(self) -> int:
        return len(self._fill(None))

    def __bool__(self) -> bool:
        return bool(self._fill(1))

    def __eq__(self, other) -> bool:
        return list(self) == list(other)


@dataclass
class Sheet:
    """The cells of a file's first sheet: str, int, float, Decimal or None. Row 1 is rows[0].

    ``rows`` is a list, or for a file read with ``lazy=True`` a ``LazyRows`` read as it is needed.
    """

    rows: Sequence[list]
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


def read_bytes(name: str, content: bytes, *, lazy: bool = False) -> Sheet:
    """``content`` as a sheet, or ``UnreadableFile``. With ``lazy`` the rows are read as they are
    iterated (``LazyRows``): the import pipeline streams a national file through its checks
    without holding its cells, and faults deep in the file are raised where iteration meets them."""
    fmt = file_format(name)
    if len(content) > MAX_UPLOAD_BYTES:
        raise UnreadableFile(
            _("The file is too large (at most %(mb)s MB).") % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    if not content.strip():
        raise UnreadableFile(_("The file is empty."))
    sheet = _read_csv(content) if fmt == "csv" else _read_workbook(content, fmt)
    if not lazy and not isinstance(sheet.rows, list):
        sheet.rows = list(sheet.rows)
    return sheet


def _binary_data() -> UnreadableFile:
    # No report holds a NUL character, and no database text column can keep one.
    return UnreadableFile(_("The file contains binary data (NUL characters): it is not a report."))


# --- CSV ------------------------------------------------------------------------------------------


def decode(content: bytes) -> tuple[str, str]:
    """(text, encoding name shown to the user)."""
    codec, shown = detect_encoding(content)
    return content.decode(codec), shown


def detect_encoding(content: bytes) -> tuple[str, str]:
    """(Python codec, encoding name shown to the user), checked over the whole file without
    decoding it into one string."""
    if content.startswith(b"\xef\xbb\xbf"):
        _check_utf8(content)
        return "utf-8-sig", "UTF-8"
    try:
        _check_utf8(content)
        return "utf-8", "UTF-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in content:
        raise UnreadableFile(_("The file is not a text file: save it as CSV, XLSX or ODS."))
    from charset_normalizer import from_bytes

    best = from_bytes(content[:200_000], cp_isolation=list(SPREADSHEET_ENCODINGS)).best()
    # The two differ in eight characters (€ Š š Ž ž Œ œ Ÿ); Excel on Windows writes cp1252.
    encoding = best.encoding if best is not None else "cp1252"
    try:
        _check_decodes(content, encoding)
    except UnicodeDecodeError:
        encoding = "iso8859_15"
    return encoding, {"cp1252": "Windows-1252", "iso8859_15": "ISO-8859-15"}.get(encoding, encoding)


CHUNK = 1 << 20


def _check_decodes(content: bytes, encoding: str) -> None:
    decoder = codecs.getincrementaldecoder(encoding)()
    view = memoryview(content)
    for start in range(0, len(content), CHUNK):
        decoder.decode(view[start : start + CHUNK])
    decoder.decode(b"", final=True)


def _check_utf8(content: bytes) -> None:
    _check_decodes(content, "utf-8")


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
        codec, encoding = detect_encoding(content)
    except UnicodeDecodeError:
        raise UnreadableFile(
            _("The file is not readable text in UTF-8, Windows-1252 or ISO-8859-15.")
        ) from None
    if b"\x00" in content:  # in these encodings a NUL byte is a NUL character and nothing else
        raise _binary_data()
    delimiter = sniff_delimiter(content[:65536].decode(codec, errors="ignore"))

    def produce() -> Iterator[list]:
        text = io.TextIOWrapper(io.BytesIO(content), encoding=codec, newline="")
        count = cells = 0
        try:
            for row in csv.reader(text, delimiter=delimiter):
                count += 1
                cells += len(row)
                _check_caps(count, len(row), cells)
                yield [cell if cell.strip() else None for cell in row]
        except csv.Error:
            raise UnreadableFile(_("The CSV file could not be read: check its quotation marks.")) from None

    return Sheet(rows=LazyRows(produce), format="csv", encoding=encoding)


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
        if "\x00" in value:
            raise _binary_data()
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
    except UnreadableFile:
        raise
    except Exception:  # noqa: BLE001 - whatever calamine objects to means the same to the user
        raise UnreadableFile(_("The file is not a valid spreadsheet (XLSX or ODS).")) from None

    def produce() -> Iterator[list]:
        count = cells = 0
        try:
            for row in sheet.iter_rows():
                count += 1
                cells += len(row)
                _check_caps(count, len(row), cells)
                yield [_cell(value) for value in row]
        except UnreadableFile:
            raise
        except Exception:  # noqa: BLE001 - as above
            raise UnreadableFile(_("The file is not a valid spreadsheet (XLSX or ODS).")) from None

    return Sheet(rows=LazyRows(produce), format=fmt)
