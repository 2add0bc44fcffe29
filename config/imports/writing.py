"""Files for people to fill in and import back: Finnish CSV (semicolons, decimal commas, BOM for
Excel) and XLSX with a named sheet. Text a spreadsheet would run as a formula is made inert."""

import csv
import io
from decimal import Decimal

from django.http import Http404, HttpResponse

from config.imports.safety import inert

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def to_csv(headers: list[str], rows: list[list], *, intro: str = "") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    if intro:
        writer.writerow([inert(intro)])  # above the headers: the importer looks for them below it
    writer.writerow(headers)
    for row in rows:
        writer.writerow(
            [
                "" if v is None else str(v).replace(".", ",") if isinstance(v, Decimal) else inert(v)
                for v in row
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(
    headers: list[str], rows: list[list], *, sheet: str = "", notes: list[str] | None = None, intro: str = ""
) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=False)
    worksheet = workbook.active
    worksheet.title = (sheet or "Taulukko")[:31].translate(str.maketrans("", "", "[]:*?/\\"))
    if intro:
        worksheet.append([inert(intro)])
        worksheet["A1"].font = Font(italic=True)
    worksheet.append(headers)
    for cell in worksheet[2 if intro else 1]:
        cell.font = Font(bold=True)
    for row in rows:
        worksheet.append([inert(v) for v in row])
    for note in notes or []:
        worksheet.append([])
        worksheet.append([inert(note)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def download(
    headers, rows, fmt: str, filename: str, *, sheet: str = "", notes=None, intro: str = ""
) -> HttpResponse:
    """``intro``: a short instruction row above the headers, which the importer skips."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    if fmt == "csv":
        body = to_csv(headers, rows, intro=intro)
    else:
        body = to_xlsx(headers, rows, sheet=sheet, notes=notes, intro=intro)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
