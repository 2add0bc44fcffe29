"""All-or-nothing imports with django-import-export.

``Resource.import_data`` rolls back on exceptions but keeps the valid rows of a file whose other
rows failed validation. The portal's rule is stricter: one bad row and nothing is saved.
"""

from django.db import transaction
from import_export.resources import Resource
from import_export.results import Result
from tablib import Dataset


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
