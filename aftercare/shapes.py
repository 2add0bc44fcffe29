"""The shapes of the aftercare sheet. The long shape the importers read (``COLUMNS``: a row per
figure) and how its labels are written (figure kinds, roles and age bands in Finnish, Swedish and
English); and readers of the shapes client systems print, each turning a sheet into the long
shape with ``Sheet.origins`` pointing back at the file's cells: ``wide_to_long`` (rows are
figures, columns are measures) and ``periods_to_long`` (a column per period). The importers are
``aftercare.resources``.
"""

from decimal import Decimal

from django.utils import translation

from aftercare.models import AgeBand, ReportingPeriod, Role
from config.imports.importer import HEADER_SEARCH_ROWS, Column
from config.imports.reading import Sheet
from config.imports.values import (
    TOTAL_WORDS,
    BadValue,
    column_letter,
    norm,
    parse_decimal,
    parse_quarter,
    text_of,
)

COLUMNS = ["alue", "kausi", "tieto", "tunniste", "rooli", "asiakkaita", "htv_taytetty", "htv_avoin"]
COLUMNS_SV = ["område", "period", "uppgift", "etikett", "roll", "klienter", "årsv besatta", "årsv vakanta"]
AGE_BAND, STAFFING, WORKER = "ikaryhma", "henkilosto", "tyontekija"
ROLE_CODES = {
    "sosiaalityontekija": Role.SOCIAL_WORKER,
    "ohjaaja": Role.COUNSELLOR,
    "erityissosiaaliohjaaja": Role.SPECIAL_COUNSELLOR,
}
ROLE_NAMES = {role: code for code, role in ROLE_CODES.items()}


def period_code(period: ReportingPeriod) -> str:
    """The period as the sheet names it: its Finnish label, whatever the user's language."""
    with translation.override("fi"):
        return str(period.label)


KIND_SYNONYMS = {
    "asiakkaat_yhteensa": (
        "asiakkaat yhteensä",
        "asiakkaita yhteensä",
        "clients total",
        "klienter totalt",
        "asiakasmäärä",
        "jälkihuollon asiakkaat",
    ),
    "uudet_asiakkaat": ("uudet", "new clients", "nya klienter"),
    "paattyneet_asiakkaat": ("päättyneet", "ended clients", "avslutade klienter"),
    "neet_asiakkaat": ("neet", "neet clients", "neet-klienter"),
    "eri_jarjestamisalue": ("toinen järjestämisalue", "other area", "annat område"),
    AGE_BAND: ("ikäryhmä", "age band", "åldersgrupp", "ikä"),
    STAFFING: ("henkilöstö", "staffing", "personal", "htv"),
    WORKER: ("työntekijä", "worker", "arbetstagare", "anställd"),
}
ROLE_SYNONYMS = {
    Role.SOCIAL_WORKER: ("sosiaalityöntekijä", "social worker", "socialarbetare", "sostt"),
    Role.COUNSELLOR: (
        "ohjaaja",
        "sosiaaliohjaaja",
        "counsellor",
        "counselor",
        "handledare",
        "socialhandledare",
    ),
    Role.SPECIAL_COUNSELLOR: (
        "erityissosiaaliohjaaja",
        "special counsellor",
        "specialsocialhandledare",
        "erityisohjaaja",
    ),
}
AGE_SUFFIXES = ("vuotiaat", "vuotias", "vuotta", "years", "year", "yrs", "ar", "v", "y")


def _choices(mapping: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {code: code for code in mapping} | {s: code for code, names in mapping.items() for s in names}


COLUMN_SPECS = [
    Column("alue", "alue", ("hyvinvointialue", "area", "wellbeing area", "område", "välfärdsområde", "hva")),
    Column("kausi", "kausi", ("raportointikausi", "period", "ajanjakso", "neljännes", "quarter")),
    Column(
        "tieto",
        "tieto",
        ("mittari", "figure", "uppgift", "measure", "luku"),
        required=True,
        kind="choice",
        choices=_choices(KIND_SYNONYMS),
    ),
    Column("tunniste", "tunniste", ("ikäryhmä / työntekijä", "label", "etikett", "ryhmä")),
    Column(
        "rooli",
        "rooli",
        ("ammattinimike", "nimike", "role", "roll", "tehtävä"),
        kind="choice",
        choices=_choices({ROLE_NAMES[r]: (r, *names) for r, names in ROLE_SYNONYMS.items()}),
    ),
    Column(
        "asiakkaita",
        "asiakkaita",
        ("asiakkaat", "asiakasmäärä", "clients", "klienter", "lkm", "määrä"),
        kind="int",
        minimum=Decimal(0),
        maximum=Decimal(10**7),
    ),
    Column(
        "htv_taytetty",
        "htv_taytetty",
        ("htv täytetty", "täytetyt htv", "fte filled", "årsv besatta"),
        kind="decimal",
        minimum=Decimal(0),
        maximum=Decimal(10**5),
    ),
    Column(
        "htv_avoin",
        "htv_avoin",
        ("htv avoin", "avoimet htv", "fte vacant", "årsv vakanta"),
        kind="decimal",
        minimum=Decimal(0),
        maximum=Decimal(10**5),
    ),
]


def band_key(text: str) -> str:
    key = norm(text)
    for suffix in AGE_SUFFIXES:
        if key.endswith(suffix) and key[: -len(suffix)][-1:].isdigit():
            return key[: -len(suffix)]
    return key


MEASURES = ("asiakkaita", "htv_taytetty", "htv_avoin")
AGE_PREFIXES = ("ikaryhma", "aldersgrupp", "ageband", "agegroup", "ika")
VACANT_WORDS = ("avoimet", "avoin", "vakanta", "vacant", "avoinhtv")
FILLED_WORDS = ("taytetyt", "taytetty", "besatta", "filled", "htv", "arsv", "fte")


class RowLabels:
    """What the label of a row in a client system's report means: a total, an age band, a role (FTE
    filled or, "… avoin", vacant) or a figure; labels the user mapped are read as what they chose."""

    def __init__(self, bands: list[AgeBand], mapped: dict[str, str] | None = None) -> None:
        self.kinds = {norm(k): v for k, v in COLUMN_SPECS[2].choices.items()}
        self.roles = {norm(k): v for k, v in COLUMN_SPECS[4].choices.items()}
        self.band_keys = {band_key(b.label) for b in bands}
        self.mapped = mapped or {}

    def read(self, label: str) -> tuple[str, str, str, str]:
        """(tieto, tunniste, rooli, the measure a lone value is) of a row label."""
        label = self.mapped.get(norm(label), label)
        key = norm(label)
        if key in TOTAL_WORDS:
            return "asiakkaat_yhteensa", "", "", "asiakkaita"
        if band_key(label) in self.band_keys:
            return AGE_BAND, label, "", "asiakkaita"
        for prefix in AGE_PREFIXES:  # "Ikäryhmä 18–20", "Åldersgrupp 18-20 år"
            if key.startswith(prefix) and band_key(key[len(prefix) :]) in self.band_keys:
                return AGE_BAND, key[len(prefix) :], "", "asiakkaita"
        if key in self.roles:
            return STAFFING, "", label, "htv_taytetty"
        for words, measure in ((VACANT_WORDS, "htv_avoin"), (FILLED_WORDS, "htv_taytetty")):
            for word in words:
                if key.endswith(word) and key[: -len(word)] in self.roles:
                    return STAFFING, "", key[: -len(word)], measure
        return self.kinds.get(key, label), "", "", "asiakkaita"


def wide_to_long(sheet: Sheet, bands: list[AgeBand], labels: dict | None = None) -> Sheet | None:
    """The wide shape client systems print, as the long shape: rows are age bands, roles or
    figures (label in the first filled column), columns are measures (clients, FTE filled, FTE
    vacant); a total row gives the clients in total. None when the file is not in that shape."""
    names = {key: c.key for c in COLUMN_SPECS if c.key in MEASURES for key in c.names()}
    reader = RowLabels(bands, labels)
    long_only = {name for c in COLUMN_SPECS if c.key in ("alue", "kausi", "tieto") for name in c.names()}
    index, measures = None, {}
    for at, cells in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        normed = [norm(c) if isinstance(c, str) else "" for c in cells]
        if long_only.intersection(normed):
            return None  # the long shape (a tieto column, or alue and kausi on every row)
        measures = {names[n]: i for i, n in enumerate(normed) if n in names}
        if measures:
            index = at
            break
    if index is None:
        return None
    cells = sheet.rows[index]
    headers = [text_of(c) for c in cells]
    label_at = next((i for i, c in enumerate(cells) if i not in measures.values()), 0)
    label_where = (column_letter(label_at), headers[label_at])
    rows, origins = [list(COLUMNS)], [(index + 1, {})]
    for number, cells in enumerate(sheet.rows[index + 1 :], start=index + 2):
        label = text_of(cells[label_at]) if label_at < len(cells) else ""
        if not label:
            continue
        value = {m: cells[i] if i < len(cells) else None for m, i in measures.items()}
        kind, tag, role, _measure = reader.read(label)
        rows.append(
            [
                "",
                "",
                kind,
                tag,
                role,
                value.get("asiakkaita"),
                value.get("htv_taytetty"),
                value.get("htv_avoin"),
            ]
        )
        where = {"tieto": label_where, "tunniste": label_where, "rooli": label_where}
        where |= {m: (column_letter(i), headers[i]) for m, i in measures.items()}
        origins.append((number, where))
    return Sheet(rows=rows, format=sheet.format, encoding=sheet.encoding, origins=origins)


def band_labels(bands: list[AgeBand]) -> dict[str, str]:
    return {band_key(b.label): b.label for b in bands}


def period_columns(cells: list, periods: list[ReportingPeriod]) -> dict[int, str]:
    """Column index → the period a header names ("2024 Q1", "I/2024", "Q1/2024" …): the period's
    code when the portal has that period, else the header as written (refused later, by cell)."""
    by_label, by_part = {}, {}
    for period in periods:
        for language in ("fi", "sv", "en"):
            with translation.override(language):
                by_label.setdefault(norm(period.label), period)
        months = {"quarter": 3, "half_year": 6}.get(period.frequency)
        if months:
            by_part[(period.frequency, period.start.year, (period.start.month - 1) // months + 1)] = period
    found = {}
    for index, cell in enumerate(cells):
        text = text_of(cell) if isinstance(cell, str) else ""
        part = parse_quarter(text)
        if text and (norm(text) in by_label or part):
            period = by_label.get(norm(text)) or by_part.get(part)
            found[index] = period_code(period) if period else text
    return found


def _is_number(cell) -> bool:
    try:
        return not isinstance(cell, str) or parse_decimal(cell) is not None
    except BadValue:
        return False


def _period_header(sheet: Sheet, periods):
    """(index, cells, period columns, label columns) of the header row naming periods, or None."""
    period_names = {n for c in COLUMN_SPECS if c.key == "kausi" for n in c.names()}
    for at, cells in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        texts = {i: text_of(c) for i, c in enumerate(cells) if text_of(c)}
        if period_names.intersection(norm(t) for t in texts.values()):
            return None  # the long shape: a column of periods
        columns = period_columns(cells, periods)
        others = [i for i in texts if i not in columns]
        # Periods to the right of the label columns (whose headers may be blank), which are words.
        words = not any(_is_number(cells[i]) for i in others)
        if columns and min(columns) > max(others, default=0) and words:
            return at, cells, columns, others
    return None


def periods_to_long(sheet: Sheet, bands: list[AgeBand], periods, labels: dict | None = None):
    """The shape with one column per period, as the long shape: rows are figures, age bands or
    roles (a label column, and an area column in a national file), columns are periods ("2024 Q1",
    "1/2024", "I/2024" …). Each value keeps its own cell for messages. None for another shape."""
    found = _period_header(sheet, periods)
    if found is None:
        return None
    at, cells, columns, others = found
    area_names = {n for c in COLUMN_SPECS if c.key == "alue" for n in c.names()}
    reader = RowLabels(bands, labels)
    headers = [text_of(c) for c in cells]
    area_at = next((i for i in others if norm(headers[i]) in area_names), None)
    label_at = next((i for i in others if i != area_at), 0)
    label_where = (column_letter(label_at), headers[label_at])
    rows, origins = [list(COLUMNS)], [(at + 1, {})]
    staffing = {}  # (area, period, role) → its long row: FTE filled and vacant may be two rows
    for number, cells in enumerate(sheet.rows[at + 1 :], start=at + 2):
        label = text_of(cells[label_at]) if label_at < len(cells) else ""
        if not label:
            continue
        kind, tag, role, measure = reader.read(label)
        area = cells[area_at] if area_at is not None and area_at < len(cells) else ""
        for index, period in columns.items():
            value = cells[index] if index < len(cells) else None
            if not text_of(value):
                continue
            cell = (column_letter(index), headers[index])
            same = staffing.get((norm(area), period, norm(role))) if kind == STAFFING else None
            if same is not None and rows[same][5 + MEASURES.index(measure)] is None:
                rows[same][5 + MEASURES.index(measure)] = value
                origins[same][1][measure] = (*cell, number)  # its own row, for messages
                continue
            values = dict.fromkeys(MEASURES) | {measure: value}
            rows.append([area, period, kind, tag, role, *values.values()])
            where = {"tieto": label_where, "tunniste": label_where, "rooli": label_where}
            where |= {"kausi": cell, measure: cell}
            if area_at is not None:
                where["alue"] = (column_letter(area_at), headers[area_at])
            origins.append((number, where))
            if kind == STAFFING:
                staffing[(norm(area), period, norm(role))] = len(rows) - 1
    return Sheet(rows=rows, format=sheet.format, encoding=sheet.encoding, origins=origins)
