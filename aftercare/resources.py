"""The aftercare spreadsheet: one area's figures for one period, one figure per row.

The sheet is "long" (a row per figure: totals, age bands, staffing per role, anonymous workers), so
it spans several models and a django-import-export ``ModelResource`` (one row = one model
instance) does not fit. Reading and writing still go through tablib, the library under
django-import-export: CSV (comma or semicolon, UTF-8 with or without BOM, decimal comma) and XLSX
(openpyxl, which parses the workbook's XML through defusedxml when it is installed, as here).

Columns::

    alue;kausi;tieto;tunniste;rooli;asiakkaita;htv_taytetty;htv_avoin
    varha;Q1/2024;asiakkaat_yhteensa;;;900;;
    varha;Q1/2024;ikaryhma;18–20;;420;;
    varha;Q1/2024;henkilosto;;sosiaalityontekija;;15,0;1,0
    varha;Q1/2024;tyontekija;A;sosiaalityontekija;62;;
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import tablib
from django.utils import translation
from django.utils.translation import gettext as _

from aftercare.calculations import Figures
from aftercare.models import AgeBand, ReportingPeriod, Role
from aftercare.validation import hard_errors
from config.imports import MAX_UPLOAD_BYTES, UnreadableFile, inert, looks_like_formula, read_table

COLUMNS = ["alue", "kausi", "tieto", "tunniste", "rooli", "asiakkaita", "htv_taytetty", "htv_avoin"]
COUNT_KINDS = {
    "asiakkaat_yhteensa": "clients_total",
    "uudet_asiakkaat": "new_clients",
    "paattyneet_asiakkaat": "ended_clients",
    "neet_asiakkaat": "neet_clients",
    "eri_jarjestamisalue": "other_area_clients",
}
AGE_BAND, STAFFING, WORKER = "ikaryhma", "henkilosto", "tyontekija"
ROLE_CODES = {"sosiaalityontekija": Role.SOCIAL_WORKER, "ohjaaja": Role.COUNSELLOR,
              "erityissosiaaliohjaaja": Role.SPECIAL_COUNSELLOR}  # fmt: skip
ROLE_NAMES = {role: code for code, role in ROLE_CODES.items()}
WORKER_LABEL = re.compile(r"^[A-ZÅÄÖ0-9]{1,3}$")


def period_code(period: ReportingPeriod) -> str:
    """The period as the sheet names it: its Finnish label, whatever the user's language."""
    with translation.override("fi"):
        return str(period.label)


def _col(name: str) -> str:
    return f"{name} ({chr(ord('A') + COLUMNS.index(name))})"


@dataclass
class ParseResult:
    figures: Figures
    errors: list[str] = field(default_factory=list)
    rows: int = 0


# --- writing ------------------------------------------------------------------------------------


def figure_rows(area_slug: str, period: ReportingPeriod, figures: Figures | None, bands: list[AgeBand]):
    """The sheet rows of one area and period; blank values where nothing is known yet."""
    code = period_code(period)
    f = figures or Figures()
    rows = []
    for kind, name in COUNT_KINDS.items():
        rows.append([area_slug, code, kind, "", "", getattr(f, name), None, None])
    for band in bands:
        rows.append([area_slug, code, AGE_BAND, band.label, "", f.age_bands.get(band.label), None, None])
    for role in Role.values:
        filled, vacant = f.staffing.get(role, (None, None))
        rows.append([area_slug, code, STAFFING, "", ROLE_NAMES[role], None, filled, vacant])
    for label, role, clients in f.workers or (
        [("A", Role.SOCIAL_WORKER, None), ("B", Role.COUNSELLOR, None)] if figures is None else []
    ):
        rows.append([area_slug, code, WORKER, label, ROLE_NAMES[role], clients, None, None])
    return rows


def dataset(rows) -> tablib.Dataset:
    data = tablib.Dataset(headers=COLUMNS)
    for row in rows:
        data.append([inert(value) for value in row])
    return data


def to_csv(data: tablib.Dataset) -> bytes:
    """Finnish CSV: semicolons, decimal commas, UTF-8 with a BOM so that Excel reads it right."""
    out = tablib.Dataset(headers=data.headers)
    for row in data:
        out.append(
            ["" if v is None else str(v).replace(".", ",") if isinstance(v, Decimal) else v for v in row]
        )
    return ("\ufeff" + out.export("csv", delimiter=";")).encode("utf-8")


def to_xlsx(data: tablib.Dataset) -> bytes:
    return data.export("xlsx")


# --- reading ------------------------------------------------------------------------------------


def read_upload(upload) -> tuple[tablib.Dataset | None, str | None]:
    """The uploaded sheet as a tablib Dataset, or a message saying why it cannot be read."""
    try:
        return read_table(upload.name, upload.read(MAX_UPLOAD_BYTES + 1)), None
    except UnreadableFile as error:
        return None, str(error)


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _number(value, *, decimal: bool):
    """(number or None, problem or None); blank cells are None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, bool):
        return None, "number"
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
    elif looks_like_formula(value, numeric=True):
        return None, "formula"
    else:
        text = value.strip().replace("\xa0", "").replace(" ", "").replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None, "formula" if looks_like_formula(value) else "number"
        if not number.is_finite():
            return None, "number"
    if decimal:
        return number, None
    if number != number.to_integral_value():
        return None, "integer"
    return int(number), None


def parse(
    data: tablib.Dataset, *, area_slug: str, period: ReportingPeriod, bands: list[AgeBand]
) -> ParseResult:
    """Check every row and cell; gather every problem with its row and column. Nothing is saved."""
    result = ParseResult(figures=Figures())
    errors = result.errors
    headers = [_text(h).lower() for h in (data.headers or [])]
    missing = [c for c in COLUMNS if c not in headers]
    if missing:
        errors.append(_("The file lacks the columns: %(columns)s.") % {"columns": ", ".join(missing)})
        return result
    code, band_labels = period_code(period), {b.label for b in bands}
    figures, seen, rows_of = result.figures, {}, {}
    for index, raw in enumerate(data, start=2):
        cells = dict(zip(headers, raw, strict=False))
        if all(_text(v) == "" for v in cells.values()):
            continue
        result.rows += 1
        row_errors: list[str] = []

        def problem(column: str, message: str, row=index, sink=row_errors) -> None:
            sink.append(
                _("Row %(row)s, column %(column)s: %(message)s")
                % {"row": row, "column": _col(column), "message": message}
            )

        text = {}
        for column in ("alue", "kausi", "tieto", "tunniste", "rooli"):
            text[column] = _text(cells.get(column))
            if looks_like_formula(text[column]):
                problem(column, _("text starting with =, +, - or @ is not accepted."))
        numbers = {}
        for column, is_decimal in (("asiakkaita", False), ("htv_taytetty", True), ("htv_avoin", True)):
            numbers[column], issue = _number(cells.get(column), decimal=is_decimal)
            if issue == "formula":
                problem(column, _("text starting with =, +, - or @ is not accepted."))
            elif issue:
                message = (
                    _("“%(value)s” is not a number.")
                    if is_decimal
                    else _("“%(value)s” is not a whole number.")
                )
                problem(column, message % {"value": cells.get(column)})
            elif numbers[column] is not None and numbers[column] < 0:
                problem(column, _("the number cannot be negative."))
        if text["alue"] and text["alue"] != area_slug:
            message = _("this row is for another area (%(other)s); you can upload figures only for %(own)s.")
            problem("alue", message % {"other": text["alue"], "own": area_slug})
        elif not text["alue"]:
            problem("alue", _("the area is missing."))
        if text["kausi"] != code:
            message = _("this row is for the period “%(other)s”; this upload is for %(own)s.")
            problem("kausi", message % {"other": text["kausi"], "own": code})
        kind, label = text["tieto"], text["tunniste"]
        role = ROLE_CODES.get(text["rooli"])
        key = (kind, label if kind in (AGE_BAND, WORKER) else "", role if kind == STAFFING else "")
        if kind in (STAFFING, WORKER) and role is None:
            message = _("unknown role “%(value)s”; use %(choices)s.")
            problem("rooli", message % {"value": text["rooli"], "choices": ", ".join(ROLE_CODES)})
        if kind not in (*COUNT_KINDS, AGE_BAND, STAFFING, WORKER):
            problem("tieto", _("unknown figure “%(value)s”.") % {"value": kind})
        elif key in seen:
            problem("tieto", _("the same figure is already on row %(row)s.") % {"row": seen[key]})
        elif kind == AGE_BAND and label.replace("-", "–") not in band_labels:
            message = _("unknown age band “%(value)s”; use %(choices)s.")
            problem("tunniste", message % {"value": label, "choices": ", ".join(sorted(band_labels))})
        elif kind == WORKER and not WORKER_LABEL.match(label):
            problem(
                "tunniste",
                _("use an anonymous label of one to three capital letters or digits, never a name."),
            )
        seen.setdefault(key, index)
        errors.extend(row_errors)
        if row_errors:
            continue
        clients = numbers["asiakkaita"]
        if kind in COUNT_KINDS:
            setattr(figures, COUNT_KINDS[kind], clients)
            rows_of[COUNT_KINDS[kind]] = [index]
        elif kind == AGE_BAND:
            figures.age_bands[label.replace("-", "–")] = clients
            rows_of.setdefault("age_bands", []).append(index)
        elif kind == STAFFING and (numbers["htv_taytetty"] is not None or numbers["htv_avoin"] is not None):
            figures.staffing[role] = (
                numbers["htv_taytetty"] or Decimal(0),
                numbers["htv_avoin"] or Decimal(0),
            )
            rows_of[f"staffing:{role}"] = [index]
        elif kind == WORKER and clients is not None:
            figures.workers.append((label, role, clients))
            rows_of.setdefault("workers", []).append(index)
    if not errors:
        for item in hard_errors(figures):
            rows = rows_of.get(item.field)
            where = _("rows %(rows)s") % {"rows": ", ".join(map(str, rows))} if rows else _("the file")
            errors.append(f"{where}: {item.message}")
    return result


def figures_to_payload(figures: Figures) -> dict:
    return {
        **{name: getattr(figures, name) for name in Figures.COUNT_FIELDS},
        "age_bands": figures.age_bands,
        "staffing": {role: [str(f), str(v)] for role, (f, v) in figures.staffing.items()},
        "workers": [list(w) for w in figures.workers],
    }


def figures_from_payload(payload: dict) -> Figures:
    return Figures(
        **{name: payload.get(name) for name in Figures.COUNT_FIELDS},
        age_bands=dict(payload["age_bands"]),
        staffing={role: (Decimal(f), Decimal(v)) for role, (f, v) in payload["staffing"].items()},
        workers=[tuple(w) for w in payload["workers"]],
    )
