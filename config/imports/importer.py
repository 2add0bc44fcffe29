"""What an import is described in: an ``Importer`` subclass names its ``Column``s (with synonyms
in Finnish, Swedish and English), finds the ``Table`` in a sheet, converts its cells into ``Row``s
(a cell that does not convert is a ``Problem``), checks them and plans the ``Change``s it writes
(``Plan``). The flow that runs an importer is ``config.imports.pipeline``.
"""

import datetime
import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from config.imports.models import MappingProfile
from config.imports.reading import Sheet, UnreadableFile
from config.imports.safety import looks_like_formula
from config.imports.values import (
    TOTAL_WORDS,
    BadValue,
    column_letter,
    norm,
    parse_date,
    parse_decimal,
    parse_int,
    text_of,
)

HEADER_SEARCH_ROWS = 30
# The preview lists this many changes; an importer need not describe the rest field by field.
PREVIEW_CHANGES = 500
# How many distinct texts each column remembers converting (a national file repeats a few hundred).
MEMO_SIZE = 20_000
_CHOICES: dict[int, tuple] = {}


def _is_heading(cell: str) -> bool:
    """Text that could name a column: not blank, not a number."""
    text = text_of(cell)
    try:
        return bool(text) and parse_decimal(text) is None
    except BadValue:
        return True


@dataclass(frozen=True)
class Column:
    key: str
    label: Any  # lazy translated name, also the template's heading
    synonyms: tuple[str, ...] = ()
    kind: str = "text"  # text | int | decimal | date | choice
    required: bool = False  # the column must be in the file
    choices: dict[str, str] | None = None  # a label people write (any case/accents) → code
    max_length: int = 200
    minimum: Decimal | None = None
    maximum: Decimal | None = None

    def normalised_choices(self) -> dict[str, str]:
        """``choices`` keyed as people's labels are compared (worked out once per column)."""
        cached = _CHOICES.get(id(self))
        if cached is None or cached[0] is not self:
            cached = _CHOICES[id(self)] = (self, {norm(k): v for k, v in (self.choices or {}).items()})
        return cached[1]

    def names(self) -> set[str]:
        return {norm(self.key), norm(str(self.label)), *(norm(s) for s in self.synonyms)}


@dataclass
class Problem:
    message: str
    row: int | None = None  # the file's own row number (1 = the first line of the file)
    column: str = ""  # the file's own column letter
    header: str = ""
    # A label the importer does not know: (column key, the text as written). The user may say on
    # the mapping page what it means instead of correcting the file.
    label: tuple[str, str] | None = None

    def __str__(self) -> str:
        if self.row and self.column:
            return _("Row %(row)s, column %(column)s (%(header)s): %(message)s") % {
                "row": self.row,
                "column": self.column,
                "header": self.header,
                "message": self.message,
            }
        if self.row:
            return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        return self.message


@dataclass(slots=True)
class Row:
    number: int
    values: dict[str, Any]
    where: dict[str, tuple[str, str]]  # column key → (file column letter, file header)

    def problem(self, key: str, message: str, *, label: str | None = None) -> Problem:
        """A problem in this row's ``key`` cell; ``label``: the unknown text the user may map. A
        reshaped row may take a value from another row of the file: its ``where`` then names that
        row too (letter, header, row)."""
        letter, header, *own_row = self.where.get(key, ("", ""))
        number = own_row[0] if own_row else self.number
        return Problem(message, number, letter, header, (key, label) if label else None)


@dataclass
class Table:
    header_row: int = 0
    columns: dict[str, int] = field(default_factory=dict)  # column key → file column index
    headers: list[str] = field(default_factory=list)
    unknown: list[tuple[str, str]] = field(default_factory=list)  # (letter, header) not mapped
    rows: list[Row] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    where: dict[str, tuple[str, str]] = field(default_factory=dict)  # where every row's columns are


@dataclass
class Change:
    action: str  # new | changed | unchanged | deleted
    label: str
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # (heading, old, new)
    row: int | None = None


@dataclass
class Plan:
    changes: list[Change] = field(default_factory=list)
    payload: Any = None  # whatever the importer's write needs
    # An importer that streams counts its changes as they go and lists only the first ones.
    totals: dict[str, int] | None = None

    def counts(self) -> dict[str, int]:
        if self.totals is not None:
            return dict(self.totals)
        counts = {"new": 0, "changed": 0, "unchanged": 0, "deleted": 0}
        for change in self.changes:
            counts[change.action] += 1
        return counts


def show(value, decimals: int | None = None) -> str:
    """A value in the active language's format: "54 150,00", "" for None."""
    if value is None or value == "":
        return ""
    if isinstance(value, Decimal):
        return number_format(value, decimal_pos=2 if decimals is None else decimals, force_grouping=True)
    if isinstance(value, int) and not isinstance(value, bool):
        return number_format(value, force_grouping=True)
    if isinstance(value, datetime.date):
        return f"{value.day}.{value.month}.{value.year}"
    return str(value)


class Importer:
    """Subclass per import. ``scope`` says what the upload is for (checked at confirm too)."""

    kind = ""
    columns: list[Column] = []
    profile_owner = ""  # e.g. "area:3": mappings saved for this owner apply to its uploads
    offers_mapping = False  # the view has a mapping page for files with unknown headers
    # True: ``validate_stream`` reads the rows once, as the file is read, and keeps only what
    # ``plan`` and ``write`` need, so a national file's rows are never held at once (``plan`` and
    # ``warnings`` then get no rows); the batch stores what ``keep`` returns instead of the rows,
    # and confirming it calls ``resume``. False: the rows are gathered and given to ``validate``.
    streams = False

    def __init__(self, *, user, scope: str) -> None:
        self.user = user
        self.scope = scope
        # Labels the user mapped on the mapping page and not (yet) saved: column key → label → code.
        self.pending_labels: dict[str, dict[str, str]] = {}

    # --- to override -----------------------------------------------------------------------------

    def validate(self, rows: list[Row]) -> list[Problem]:
        """Cross-row and permission checks; may add resolved objects to ``row.values``."""
        return []

    def validate_stream(self, rows: Iterable[Row]) -> list[Problem]:
        """``validate`` for an importer that ``streams``: ``rows`` can be iterated once."""
        return self.validate(list(rows))

    def keep(self) -> Any:
        """An importer that streams: what ``plan`` and ``write`` need after ``validate_stream``,
        as JSON (the batch stores it compressed instead of the rows), or as bytes already made
        with ``KeptChunks`` as the file was read (stored as they are)."""
        raise NotImplementedError

    def resume(self, kept: Any) -> list[Problem]:
        """An importer that streams: take back what ``keep`` returned when the file was checked,
        checking against the database as it is now whatever the rows could not settle (that the
        records referred to still exist, that none is locked, the user's rights); problems mean
        nothing is written. The rows themselves were checked when the file was, and the batch
        is the user's own, unchanged and unconfirmed."""
        raise NotImplementedError

    def write_kept(self, chunks: Iterable) -> tuple[dict, list[Problem]]:
        """An importer that streams, at confirm: check and write what ``keep`` returned, given back
        a chunk (a JSON list) at a time; (counts, problems), problems mean nothing is written (the
        caller rolls back whatever was). By default the chunks are joined and given to ``resume``,
        then ``plan`` and ``write``; an importer may instead write each chunk as it comes."""
        problems = self.resume([item for chunk in chunks for item in chunk])
        if problems:
            return {}, problems
        plan = self.plan([])
        self.write(plan)
        return plan.counts(), []

    def reshape(self, sheet: Sheet) -> Sheet:
        """A file in another shape (e.g. the wide shape client systems print) as the long shape of
        ``columns``, with ``Sheet.origins`` pointing back at the file's cells; else ``sheet``."""
        return sheet

    def plan(self, rows: list[Row]) -> Plan:
        raise NotImplementedError

    def write(self, plan: Plan) -> None:
        raise NotImplementedError

    def warnings(self, rows: list[Row]) -> list[str]:
        return []

    def label_choices(self, key: str) -> list[tuple[str, str]]:
        """What an unknown label of the column ``key`` may be mapped to: (code, name shown). By
        default the codes of a choice column; an importer names them, or offers more (age bands)."""
        column = next((c for c in self.columns if c.key == key), None)
        if column is None or not column.choices:
            return []
        return [(code, code) for code in dict.fromkeys(column.choices.values())]

    # --- the shared steps ------------------------------------------------------------------------

    def profile(self) -> MappingProfile | None:
        if not self.profile_owner:
            return None
        if getattr(self, "_profile", (None,))[0] != self.profile_owner:
            found = MappingProfile.objects.filter(kind=self.kind, owner=self.profile_owner).first()
            self._profile = (self.profile_owner, found)
        return self._profile[1]

    def label_mapping(self) -> dict[str, dict[str, str]]:
        """Column key → normalised label → code: the owner's saved labels and the pending ones."""
        profile = self.profile()
        saved = profile.labels if profile else {}
        if not self.pending_labels:
            return saved
        return {
            key: {**saved.get(key, {}), **self.pending_labels.get(key, {})}
            for key in saved.keys() | self.pending_labels.keys()
        }

    def column_keys(self, profile: MappingProfile | None) -> dict[str, str]:
        keys = {}
        for column in self.columns:
            for key in column.names():
                keys.setdefault(key, column.key)
        if profile is not None:
            keys.update(profile.headers)
        return keys

    def find_table(
        self, sheet: Sheet, *, mapping: dict[str, str] | None = None
    ) -> tuple[Table, list[Problem]]:
        profile = self.profile()
        keys = self.column_keys(profile) | (mapping or {})
        best_index, best_hits = None, 0
        for index, cells in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
            hits = len({keys[norm(c)] for c in cells if norm(c) in keys})
            if hits > best_hits:
                best_index, best_hits = index, hits
        if best_index is None:
            # No header is known: offer the first row naming at least two columns for mapping.
            best_index = next(
                (
                    i
                    for i, cells in enumerate(sheet.rows[:HEADER_SEARCH_ROWS])
                    if sum(1 for c in cells if isinstance(c, str) and _is_heading(c)) >= 2
                ),
                None,
            )
        if best_index is None or best_hits == 0 and not mapping:
            names = ", ".join(str(c.label) for c in self.columns if c.required)
            table = Table()
            if best_index is not None:
                table.header_row = best_index + 1
                table.headers = [text_of(c) for c in sheet.rows[best_index]]
                table.unknown = [(column_letter(i), h) for i, h in enumerate(table.headers) if h]
            return table, [
                Problem(
                    _(
                        "No header row was found in the first %(n)s rows: the file must have a row naming "
                        "its columns (%(names)s)."
                    )
                    % {"n": HEADER_SEARCH_ROWS, "names": names}
                )
            ]
        table = Table(header_row=best_index + 1, headers=[text_of(c) for c in sheet.rows[best_index]])
        problems = []
        for index, header in enumerate(table.headers):
            if not header:
                continue
            key = keys.get(norm(header))
            if key is None:
                table.unknown.append((column_letter(index), header))
            elif key in table.columns:
                problems.append(
                    Problem(
                        _("the column %(header)s appears twice (also column %(other)s).")
                        % {"header": header, "other": column_letter(table.columns[key])},
                        table.header_row,
                        column_letter(index),
                        header,
                    )
                )
            else:
                table.columns[key] = index
        missing = [str(c.label) for c in self.columns if c.required and c.key not in table.columns]
        if missing:
            problems.append(
                Problem(
                    _("The header row (row %(row)s) lacks the columns: %(columns)s.")
                    % {"row": table.header_row, "columns": ", ".join(missing)}
                )
            )
        return table, problems

    def read_rows(self, sheet: Sheet, table: Table) -> list[Problem]:
        problems: list[Problem] = []
        table.rows.extend(self.iter_rows(sheet, table, problems))
        return problems

    def iter_rows(self, sheet: Sheet, table: Table, problems: list[Problem]) -> Iterator[Row]:
        """The rows below the header, converted, one at a time as the file is read; a cell that
        does not convert adds to ``problems`` (its row comes without that value), total rows are
        checked against the rows above and left out (``table.warnings``)."""
        labels = self.label_mapping()
        by_key = {c.key: c for c in self.columns}
        table.where = {key: (column_letter(i), table.headers[i]) for key, i in table.columns.items()}
        columns = [
            (key, index, self.converter(by_key[key], labels.get(key, {})))
            for key, index in table.columns.items()
        ]
        numeric = [
            (key, index) for key, index in table.columns.items() if by_key[key].kind in ("int", "decimal")
        ]
        return self._converted(sheet, table, problems, columns, numeric, by_key)

    def _converted(self, sheet, table, problems, columns, numeric, by_key) -> Iterator[Row]:
        where, origins = table.where, sheet.origins
        sums: dict[str, Any] = {}
        totals: dict[str, bool] = {}  # cell text → names a total row
        count = 0
        try:
            for offset, cells in enumerate(itertools.islice(iter(sheet.rows), table.header_row, None)):
                if not any(cells) and not any(text_of(c) for c in cells):
                    continue
                number, row_where = table.header_row + offset + 1, where
                if origins:
                    number, row_where = origins[table.header_row + offset]
                if self._is_total(cells, totals):
                    table.warnings += self._check_total(number, cells, table, sums)
                    continue
                values = {}
                for key, index, convert in columns:
                    raw = cells[index] if index < len(cells) else None
                    try:
                        values[key] = convert(raw)
                    except BadValue as error:
                        message = self.bad_value_message(by_key[key], raw, error.code)
                        label = text_of(raw) if error.code == "choice" else None
                        problems.append(Row(number, {}, row_where).problem(key, message, label=label))
                for key, _index in numeric:
                    value = values.get(key)
                    if value is not None and not isinstance(value, bool):
                        sums[key] = sums.get(key, 0) + value
                count += 1
                yield Row(number, values, row_where)
        except UnreadableFile as error:  # a fault deep in a file read as it streams
            problems.append(Problem(str(error)))
            return
        if not count and not problems:
            problems.append(Problem(_("The file has a header row but no rows below it.")))

    @staticmethod
    def _is_total(cells: list, known: dict[str, bool]) -> bool:
        for cell in cells:
            if cell.__class__ is str:
                total = known.get(cell)
                if total is None:
                    total = known[cell] = len(cell) < 30 and norm(cell) in TOTAL_WORDS
                if total:
                    return True
        return False

    def converter(self, column: Column, labels: dict[str, str]) -> Callable[[Any], Any]:
        """``convert`` for one column, remembering what each distinct text became: a national file
        repeats the same labels and numbers thousands of times. Cells that are not text (a
        workbook's numbers and dates) are converted each time, as 1, 1.0 and True are equal keys."""
        memo: dict = {}
        convert = self.convert

        def run(raw):
            if raw is not None and raw.__class__ is not str:
                return convert(column, raw, labels)
            try:
                return memo[raw]
            except KeyError:
                value = convert(column, raw, labels)  # BadValue is raised, never remembered
                if len(memo) < MEMO_SIZE:
                    memo[raw] = value
                return value

        return run

    def _check_total(self, number, cells, table, sums) -> list[str]:
        warnings = []
        for key, index in table.columns.items():
            try:
                stated = parse_decimal(cells[index]) if index < len(cells) else None
            except BadValue:
                continue
            if stated is not None and key in sums and stated != sums[key]:
                warnings.append(
                    _(
                        "Row %(row)s is a total row: %(header)s says %(stated)s, the rows above add up to "
                        "%(sum)s. It was not imported."
                    )
                    % {
                        "row": number,
                        "header": table.headers[index],
                        "stated": show(stated),
                        "sum": show(sums[key]),
                    }
                )
        return warnings

    def convert(self, column: Column, raw, labels: dict[str, str]):
        if column.kind == "int":
            value = parse_int(raw)
        elif column.kind == "decimal":
            value = parse_decimal(raw)
        elif column.kind == "date":
            return parse_date(raw)
        else:
            text = text_of(raw)
            if looks_like_formula(text):
                raise BadValue("formula")
            if len(text) > column.max_length:
                raise BadValue("length")
            mapped = labels.get(norm(text)) if text and labels else None
            if column.kind == "choice" and text:
                choices = column.normalised_choices()
                if mapped is not None and mapped in choices.values():
                    return mapped
                found = choices.get(norm(text))
                if found is None:
                    raise BadValue("choice")
                return found
            if mapped is not None:
                return mapped  # a label the user mapped, e.g. "Nuoret 18-20" → "18–20"
            return text
        if value is not None and column.minimum is not None and value < column.minimum:
            raise BadValue("minimum")
        if value is not None and column.maximum is not None and value > column.maximum:
            raise BadValue("maximum")
        return value

    def bad_value_message(self, column: Column, raw, code: str) -> str:
        value = text_of(raw)[:40]
        if code == "formula":
            return _("text starting with =, +, - or @ is not accepted (a spreadsheet formula).")
        if code == "integer":
            return _("“%(value)s” is not a whole number.") % {"value": value}
        if code == "length":
            return _("the text is longer than %(n)s characters.") % {"n": column.max_length}
        if code == "choice":
            allowed = ", ".join(sorted({str(k) for k in (column.choices or {})})[:12])
            return _("“%(value)s” is not one of: %(allowed)s.") % {"value": value, "allowed": allowed}
        if code == "date":
            return _("“%(value)s” is not a date (write 29.3.2023).") % {"value": value}
        if code == "minimum":
            return _("%(value)s is below the smallest allowed value %(min)s.") % {
                "value": value,
                "min": show(column.minimum),
            }
        if code == "maximum":
            return _("%(value)s is above the largest allowed value %(max)s.") % {
                "value": value,
                "max": show(column.maximum),
            }
        return _("“%(value)s” is not a number.") % {"value": value}

    # --- rows as stored in the batch ---------------------------------------------------------------

    def dump_rows(self, table: Table) -> list:
        """Each row as [number, values]; where the columns are is the same for every row and is
        kept once, in the batch's preview (``where``)."""

        def plain(value):
            if isinstance(value, datetime.date):
                return value.isoformat()
            return str(value) if isinstance(value, Decimal) else value

        shared = table.rows[0].where if table.rows else {}
        return [
            [row.number, {k: plain(v) for k, v in row.values.items()}]
            + ([] if row.where is shared else [row.where])  # a reshaped file's own cells
            for row in table.rows
        ]

    def load_rows(self, stored: list, where: dict | None = None) -> list[Row]:
        decimals = {c.key for c in self.columns if c.kind == "decimal"}
        dates = {c.key for c in self.columns if c.kind == "date"}
        shared = {k: tuple(w) for k, w in (where or {}).items()}
        rows = []
        for item in stored:
            number, values = (item["n"], item["v"]) if isinstance(item, dict) else item[:2]
            for key in decimals.intersection(values):
                if values[key] is not None:
                    values[key] = Decimal(values[key])
            for key in dates.intersection(values):
                if values[key] is not None:
                    values[key] = datetime.date.fromisoformat(values[key])
            if isinstance(item, dict) or len(item) > 2:
                own = {k: tuple(w) for k, w in (item["w"] if isinstance(item, dict) else item[2]).items()}
            else:
                own = shared
            rows.append(Row(number, values, own))
        return rows
