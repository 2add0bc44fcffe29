"""The municipal funding statement of a year as an XLSX workbook (numbers stay numbers)."""

from decimal import Decimal
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from config.imports import inert
from funding.selectors import SharesTable

EUR_FORMAT = '#,##0.00 "€"'


def safe_text(value: object) -> str:
    """Text that a spreadsheet will not run as a formula (names come from user input)."""
    return inert(str(value))


def funding_statement_xlsx(table: SharesTable) -> bytes:
    year = table.funding_year
    book = Workbook()
    sheet = book.active
    sheet.title = str(year.year)
    sheet.append(
        [safe_text(_("Municipal funding %(year)s: %(centre)s") % {"year": year.year, "centre": year.centre})]
    )
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([_("Key"), safe_text(year.get_key_display())])
    sheet.append([])
    sheet.append([_("Party"), _("Region"), _("Population"), _("Share (€)"), _("Share (%)")])
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for row in table.rows:
        party = row.party
        sheet.append(
            [safe_text(party), safe_text(party.region or ""), party.population, row.share, row.percent]
        )
        sheet.cell(sheet.max_row, 4).number_format = EUR_FORMAT
    sheet.append([_("Total"), "", None, table.total, Decimal(100) if table.rows else None])
    sheet.cell(sheet.max_row, 4).number_format = EUR_FORMAT
    sheet.cell(sheet.max_row, 1).font = Font(bold=True)
    if table.error:
        sheet.append([safe_text(table.error)])
    for column, width in zip("ABCDE", (44, 24, 12, 16, 10), strict=True):
        sheet.column_dimensions[column].width = width
    out = BytesIO()
    book.save(out)
    return out.getvalue()
