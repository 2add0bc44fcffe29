"""All-or-nothing imports with django-import-export.

``Resource.import_data`` rolls back on exceptions but keeps the valid rows of a file whose other
rows failed validation. The portal's rule is stricter: one bad row and nothing is saved.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from import_export.resources import Resource
from import_export.results import Result
from tablib import Dataset

MAX_UPLOAD_BYTES = 2 * 1024 * 1024

# What makes a spreadsheet run a cell as a formula (CSV injection); tab and CR hide such a start.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value, *, numeric: bool = False) -> bool:
    """Would a spreadsheet run this text as a formula? In a numeric column a leading minus is a sign."""
    if not isinstance(value, str):
        return False
    text = value.strip()
    return text.startswith(tuple(p for p in FORMULA_START if not (numeric and p == "-")))


def inert(value):
    """For export: numbers stay numbers; text a spreadsheet would run as a formula is shown as text."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class UnreadableFile(ValueError):
    """An upload that is not a table the portal can read; the message says why, in the user's language."""


def read_table(name: str, content: bytes) -> Dataset:
    """An uploaded CSV (comma or semicolon, UTF-8 with or without BOM) or XLSX file as a dataset.

    XLSX goes through tablib → openpyxl, which reads the workbook's XML through defusedxml (installed)
    and returns cell values only: formulas are never evaluated.
    """
    if len(content) > MAX_UPLOAD_BYTES:
        raise UnreadableFile(_("The file is too large (at most 2 MB)."))
    try:
        if name.lower().endswith(".xlsx"):
            return Dataset().load(content, format="xlsx")
        text = content.decode("utf-8-sig")
        first_line = text.split("\n", 1)[0]
        delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
        return Dataset().load(text, format="csv", delimiter=delimiter)
    except UnicodeDecodeError:
        raise UnreadableFile(
            _("The CSV file is not UTF-8 text. Save it as “CSV UTF-8” and upload it again.")
        ) from None
    except Exception:  # noqa: BLE001 - any parser failure means the same thing to the user
        raise UnreadableFile(
            _("The file could not be read. Use the template (XLSX or CSV) and upload it again.")
        ) from None


def import_all_or_nothing(resource: Resource, dataset: Dataset, *, dry_run: bool, **kwargs) -> Result:
    """Import ``dataset``; keep it only if this is no dry run and every row is valid."""
    with transaction.atomic():
        result = resource.import_data(dataset, dry_run=dry_run, raise_errors=False, **kwargs)
        if dry_run or result.has_errors() or result.has_validation_errors():
            transaction.set_rollback(True)
    return result


def describe_problems(result: Result, *, header_rows: int = 1) -> list[str]:
    """One line per problem, naming the spreadsheet row (counting the header) and the column."""
    problems = []
    for error in result.base_errors:
        problems.append(str(error.error))
    for row_number, errors in result.row_errors():
        for error in errors:
            problems.append(f"{row_number + header_rows}: {error.error}")
    for invalid in result.invalid_rows:
        for column, messages in invalid.error_dict.items():
            for message in messages:
                problems.append(f"{invalid.number + header_rows} / {column}: {message}")
    return problems
