"""The aftercare spreadsheet: one area's figures for one period, one figure per row, read through
the one import pipeline (``config.imports``).

The sheet is "long" (a row per figure: totals, age bands, staffing per role, anonymous workers).
Headers and labels are matched as people write them ("18-20 v", "Sosiaalityöntekijä",
"socialarbetare"), in any column order, below any title rows; total rows are checked, not imported.
The sheet's columns and labels, and the readers of the shapes client systems print, are
``aftercare.shapes``; here are the importers and the sheet's rows as they are downloaded.

Columns::

    alue;kausi;tieto;tunniste;rooli;asiakkaita;htv_taytetty;htv_avoin
    varha;Q1/2024;asiakkaat_yhteensa;;;900;;
    varha;Q1/2024;ikaryhma;18–20;;420;;
    varha;Q1/2024;henkilosto;;sosiaalityontekija;;15,0;1,0
    varha;Q1/2024;tyontekija;A;sosiaalityontekija;62;;
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from aftercare.calculations import Figures
from aftercare.models import AgeBand, ReportingPeriod, Role
from aftercare.shapes import (
    AGE_BAND,
    COLUMN_SPECS,
    KIND_SYNONYMS,
    ROLE_CODES,
    ROLE_NAMES,
    STAFFING,
    WORKER,
    band_key,
    band_labels,
    period_code,
    periods_to_long,
    wide_to_long,
)
from aftercare.validation import hard_errors
from config.imports.batches import KeptChunks
from config.imports.importer import (
    PREVIEW_CHANGES,
    Change,
    Column,
    Importer,
    Plan,
    Problem,
    Row,
    show,
)
from config.imports.pipeline import chunk_done
from config.imports.reading import Sheet
from config.imports.values import norm

COUNT_KINDS = {
    "asiakkaat_yhteensa": "clients_total",
    "uudet_asiakkaat": "new_clients",
    "paattyneet_asiakkaat": "ended_clients",
    "neet_asiakkaat": "neet_clients",
    "eri_jarjestamisalue": "other_area_clients",
}
WORKER_LABEL = re.compile(r"^[A-ZÅÄÖ0-9]{1,3}$")
# The national backfill: reports whose rows may still come (a report ends when this many others
# have had rows since its last one), and reports kept (and checked against the database) a chunk
# at a time.
OPEN_REPORTS = 256
KEEP_CHUNK = 500


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


# --- reading ------------------------------------------------------------------------------------


class FigureRows:
    """The rows of one area's figures for one period, checked and gathered into ``figures`` one
    at a time (the national backfill keeps one of these per report, never the rows)."""

    __slots__ = ("bands", "figures", "problems", "rows_of", "seen")

    def __init__(self, bands: dict[str, str]) -> None:
        self.bands = bands  # band_labels()
        self.figures = Figures()
        self.seen: dict = {}
        self.rows_of: dict[str, list[int]] = {}
        self.problems: list[Problem] = []

    def add(self, row: Row, row_problems: list[Problem]) -> None:
        """Check ``row`` (``row_problems``: what the caller found wrong with it already)."""
        v, figures, rows_of = row.values, self.figures, self.rows_of
        kind, label, role = (
            v.get("tieto") or "",
            v.get("tunniste") or "",
            ROLE_CODES.get(v.get("rooli") or ""),
        )
        if not kind:
            row_problems.append(row.problem("tieto", _("which figure is this? The cell is empty.")))
        if kind in (STAFFING, WORKER) and role is None:
            row_problems.append(
                row.problem("rooli", _("give the role: %(choices)s.") % {"choices": ", ".join(ROLE_CODES)})
            )
        if kind == AGE_BAND:
            label = self.bands.get(band_key(label))
            if label is None:
                message = _("unknown age band “%(value)s”; use %(choices)s.")
                row_problems.append(
                    row.problem(
                        "tunniste",
                        message
                        % {"value": v.get("tunniste"), "choices": ", ".join(sorted(self.bands.values()))},
                        label=v.get("tunniste"),
                    )
                )
        if kind == WORKER:
            label = label.upper()
            if not WORKER_LABEL.match(label):
                row_problems.append(
                    row.problem(
                        "tunniste",
                        _("use an anonymous label of one to three capital letters or digits, never a name."),
                    )
                )
        key = (kind, label if kind in (AGE_BAND, WORKER) else "", role if kind == STAFFING else "")
        if kind and key in self.seen:
            row_problems.append(
                row.problem(
                    "tieto", _("the same figure is already on row %(row)s.") % {"row": self.seen[key]}
                )
            )
        self.seen.setdefault(key, row.number)
        if row_problems:
            self.problems += row_problems
            return
        clients = v.get("asiakkaita")
        if kind in COUNT_KINDS:
            setattr(figures, COUNT_KINDS[kind], clients)
            rows_of[COUNT_KINDS[kind]] = [row.number]
        elif kind == AGE_BAND:
            figures.age_bands[label] = clients
            rows_of.setdefault("age_bands", []).append(row.number)
        elif kind == STAFFING and (v.get("htv_taytetty") is not None or v.get("htv_avoin") is not None):
            figures.staffing[role] = (
                v.get("htv_taytetty") or Decimal(0),
                v.get("htv_avoin") or Decimal(0),
            )
            rows_of[f"staffing:{role}"] = [row.number]
        elif kind == WORKER and clients is not None:
            figures.workers.append((label, role, clients))
            rows_of.setdefault("workers", []).append(row.number)

    def finish(self) -> list[Problem]:
        """The problems of the rows, or else those of the figures they add up to."""
        problems = self.problems
        if not problems:
            for item in hard_errors(self.figures):
                numbers = self.rows_of.get(item.field)
                where = (
                    _("rows %(rows)s") % {"rows": ", ".join(map(str, numbers))} if numbers else _("the file")
                )
                problems.append(Problem(f"{where}: {item.message}"))
        self.seen = self.rows_of = None  # the checks are done; the figures are what stays
        return problems


def kind_names() -> dict[str, str]:
    return {
        "asiakkaat_yhteensa": _("Aftercare clients in total"),
        "uudet_asiakkaat": _("New clients"),
        "paattyneet_asiakkaat": _("Ended clients"),
        "neet_asiakkaat": _("NEET"),
        "eri_jarjestamisalue": _("Organised by another area"),
        AGE_BAND: _("Age band"),
        STAFFING: _("Staffing (FTE)"),
        WORKER: _("Worker"),
    }


class FiguresImporter(Importer):
    """One area's figures for one period (the manager's upload), in the long shape of the
    template or the wide shape of a client system's report."""

    kind = "aftercare.figures"
    columns = COLUMN_SPECS
    offers_mapping = True

    def __init__(self, *, user, area, period: ReportingPeriod, bands: list[AgeBand]) -> None:
        super().__init__(user=user, scope=f"area:{area.pk}:period:{period.pk}")
        self.area, self.period, self.bands = area, period, bands
        self.profile_owner = f"area:{area.pk}"
        self.figures = Figures()
        self.note, self.warnings_given, self.comment, self.report = "", [], "", None
        self.row_labels = False  # whether the file's rows are labelled as in a client system's report

    def reshape(self, sheet: Sheet) -> Sheet:
        labels = self.label_mapping().get("tieto")
        reshaped = wide_to_long(sheet, self.bands, labels)
        if reshaped is None:
            reshaped = periods_to_long(sheet, self.bands, [self.period], labels)
            if reshaped is not None:
                reshaped = self._this_period_only(reshaped)
        self.row_labels = reshaped is not None
        return reshaped or sheet

    def _this_period_only(self, sheet: Sheet) -> Sheet:
        """A report of several periods uploaded for one: its column of this period is imported, the
        others are named in a warning (and the file refused if none is this period)."""
        own = period_code(self.period)
        keep = [0] + [i for i, row in enumerate(sheet.rows) if i and row[1] == own]
        if len(keep) == 1:
            return sheet  # each value is refused as another period's, naming its cell
        skipped = dict.fromkeys(
            f"{origin[1]['kausi'][0]} ({origin[1]['kausi'][1]})"
            for row, origin in zip(sheet.rows[1:], sheet.origins[1:], strict=True)
            if row[1] != own
        )
        note = _("Columns of other periods were not imported: %(columns)s.")
        notes = [note % {"columns": ", ".join(skipped)}]
        return Sheet(
            rows=[sheet.rows[i] for i in keep],
            format=sheet.format,
            encoding=sheet.encoding,
            origins=[sheet.origins[i] for i in keep],
            notes=notes if skipped else [],
        )

    def label_choices(self, key: str) -> list[tuple[str, str]]:
        names = kind_names()
        kinds = [(code, names[code]) for code in KIND_SYNONYMS]
        bands = [(band.label, _("age %(band)s") % {"band": band.label}) for band in self.bands]
        roles = [(ROLE_NAMES[role], Role(role).label) for role in Role.values]
        if key == "tieto" and self.row_labels:  # a row of a client system's report: any of them
            return [item for item in kinds if item[0] in COUNT_KINDS] + bands + roles
        return {"tieto": kinds, "tunniste": bands, "rooli": roles}.get(key, [])

    def validate(self, rows: list[Row]) -> list[Problem]:
        area_keys = {
            norm(self.area.slug),
            norm(self.area.name_fi),
            norm(self.area.name_sv),
            norm(self.area.display_name),
        }
        with translation.override("fi"):
            period_keys = {norm(self.period.label)}
        period_keys.add(norm(self.period.label))
        collected = FigureRows(band_labels(self.bands))
        for row in rows:
            v = row.values
            row_problems = []
            if "alue" in row.where and v.get("alue") and norm(v["alue"]) not in area_keys:
                message = _(
                    "this row is for another area (%(other)s); you can upload figures only for %(own)s."
                )
                row_problems.append(
                    row.problem("alue", message % {"other": v["alue"], "own": self.area.slug})
                )
            if "kausi" in row.where and v.get("kausi") and norm(v["kausi"]) not in period_keys:
                message = _("this row is for the period “%(other)s”; this upload is for %(own)s.")
                row_problems.append(
                    row.problem("kausi", message % {"other": v["kausi"], "own": period_code(self.period)})
                )
            collected.add(row, row_problems)
        problems = collected.finish()
        self.figures = collected.figures
        return problems

    def plan(self, rows: list[Row]) -> Plan:
        old = Figures.from_report(self.report) if self.report else Figures()
        new = self.figures
        plan = Plan(payload=new)

        def add(label, before, after, decimals=None):
            if after is None and before is None:
                return
            action = "new" if before is None else "unchanged" if before == after else "changed"
            plan.changes.append(Change(action, label, [("", show(before, decimals), show(after, decimals))]))

        names = {name: kind_names()[kind] for kind, name in COUNT_KINDS.items()}
        for name in Figures.COUNT_FIELDS:
            add(names[name], getattr(old, name), getattr(new, name))
        for label, value in new.age_bands.items():
            add(label, old.age_bands.get(label), value)
        for role, (filled, vacant) in new.staffing.items():
            before = old.staffing.get(role)
            add(
                f"{Role(role).label} (htv)",
                f"{show(before[0], 1)} / {show(before[1], 1)}" if before else None,
                f"{show(filled, 1)} / {show(vacant, 1)}",
            )
        old_workers = {w[0]: w for w in old.workers}
        for label, role, clients in new.workers:
            before = old_workers.get(label)
            add(f"{label} ({Role(role).label})", before[2] if before else None, clients)
        return plan

    def write(self, plan: Plan) -> None:
        from aftercare import services

        services.report_save(
            area=self.area,
            period=self.period,
            figures=plan.payload,
            user=self.user,
            note=self.report.note if self.report else "",
            warnings=self.warnings_given,
            comment=self.comment,
        )


@dataclass(slots=True)
class ReportPart:
    """One report of a national backfill: its figures and the report they would change."""

    area: Any
    period: ReportingPeriod
    figures: Figures
    first_row: int
    report: Any = None


class BackfillImporter(Importer):
    """The national backfill (administrators): one file with many areas and periods, as THL would
    send years of figures. Each area and period is checked as the manager's upload would be; the
    whole file is written or nothing."""

    kind = "aftercare.backfill"
    streams = True
    columns = [
        Column(
            c.key,
            c.label,
            c.synonyms,
            kind=c.kind,
            required=c.required or c.key in ("alue", "kausi"),
            choices=c.choices,
            minimum=c.minimum,
            maximum=c.maximum,
        )
        for c in COLUMN_SPECS
    ]

    def __init__(self, *, user, bands: list[AgeBand]) -> None:
        super().__init__(user=user, scope="national")
        self.bands = bands
        self.codes: dict[int, str] = {}  # period pk → period_code()
        self._start()

    def _start(self) -> None:
        self.changes: list[Change] = []  # the first PREVIEW_CHANGES changes, for the preview
        self.totals = {"new": 0, "changed": 0, "unchanged": 0, "deleted": 0}
        self._kept = KeptChunks()
        self._finished: list = []  # reports checked and waiting for the next chunk
        self._problems: list[Problem] = []

    def reshape(self, sheet: Sheet) -> Sheet:
        """The long shape, or one column per period (rows: area, figure)."""
        return periods_to_long(sheet, self.bands, list(ReportingPeriod.objects.all())) or sheet

    def validate(self, rows: list[Row]) -> list[Problem]:
        return self.validate_stream(rows)

    def validate_stream(self, rows: Iterable[Row]) -> list[Problem]:
        """Each report's rows are checked as they come and its figures kept in chunks once its
        rows have ended: a report is open until OPEN_REPORTS others have had rows since its last
        one (a file in any order of its areas, periods and figures that keeps each report's rows
        near one another: sorted by area or period, or one column per period). What stays of the
        reports checked is their keys, for the rows that come too late."""
        from governance.models import WellbeingArea

        self._start()  # an importer checking a second file starts again
        areas = {}
        for area in WellbeingArea.objects.all():
            for name in (area.slug, area.name_fi, area.name_sv):
                if norm(name):
                    areas.setdefault(norm(name), area)
        periods, self.codes = {}, {}
        with translation.override("fi"):
            for period in ReportingPeriod.objects.all():
                self.codes[period.pk] = code = str(period.label)  # period_code(), once per period
                periods.setdefault(norm(code), period)
        bands = band_labels(self.bands)
        opened: dict[tuple, tuple] = {}  # (area, period) → (area, period, FigureRows, first row)
        closed: dict[tuple, int] = {}  # (area, period) → its first row
        last_key, group = None, None
        problems = []
        area_of, period_of = {}, {}  # each text as written → its area or period (or None)
        for row in rows:
            alue, kausi = row.values.get("alue"), row.values.get("kausi")
            try:
                area = area_of[alue]
            except KeyError:
                area = area_of[alue] = areas.get(norm(alue))
            try:
                period = period_of[kausi]
            except KeyError:
                period = period_of[kausi] = periods.get(norm(kausi))
            if area is None:
                message = _("unknown wellbeing area “%(value)s”.") % {"value": alue or ""}
                problems.append(row.problem("alue", message))
            if period is None:
                message = _("unknown reporting period “%(value)s”.") % {"value": kausi or ""}
                problems.append(row.problem("kausi", message))
            if area is None or period is None:
                continue
            key = (area.pk, period.pk)
            if key != last_key:
                group = opened.pop(key, None)
                if group is None:
                    if key in closed:
                        message = _(
                            "the rows of %(area)s %(period)s began on row %(first)s and more than "
                            "%(n)s other reports' rows came after them: keep each area's and period's "
                            "rows together (sort the file by area and period)."
                        )
                        where = {"area": area.slug, "period": self.codes[period.pk]}
                        problems.append(
                            row.problem("kausi", message % {**where, "first": closed[key], "n": OPEN_REPORTS})
                        )
                        continue
                    group = (area, period, FigureRows(bands), row.number)
                    if len(opened) >= OPEN_REPORTS:  # the report whose rows were longest ago ends
                        oldest = next(iter(opened))
                        closed[oldest] = self._finish(opened.pop(oldest))
                opened[key] = group  # the most recent last
                last_key = key
            group[2].add(row, [])
        for group in opened.values():
            self._finish(group)
        self._flush()
        return problems + self._problems

    def _finish(self, group: tuple) -> int:
        """A report whose rows have ended: checked, and kept with the next chunk."""
        area, period, collected, first_row = group
        self._finished.append((area, period, collected.finish(), collected.figures, first_row))
        if len(self._finished) >= KEEP_CHUNK:
            self._flush()
        return first_row

    def _flush(self) -> None:
        """The reports finished so far: checked against the reports they would change, counted,
        the first changes listed for the preview, their figures kept as one chunk."""
        groups, self._finished = self._finished, []
        if not groups:
            return
        parts, problems = self._gather(groups)
        self._problems += problems
        self._count(parts, listed=True)
        self._kept.add(
            [
                [
                    part.area.pk,
                    part.period.pk,
                    part.first_row,
                    [getattr(part.figures, name) for name in Figures.COUNT_FIELDS],
                    list(part.figures.age_bands.items()),
                    [
                        [role, str(filled), str(vacant)]
                        for role, (filled, vacant) in part.figures.staffing.items()
                    ],
                    part.figures.workers,
                ]
                for part in parts
            ]
        )
        del groups, parts  # the reports read for the check, freed with whatever cycles they are in
        chunk_done()

    def _count(self, parts: list, *, listed: bool = False) -> None:
        for part in parts:
            action = "new" if part.report is None else "changed"
            if part.report is not None and Figures.from_report(part.report) == part.figures:
                action = "unchanged"
            self.totals[action] += 1
            if listed and action != "unchanged" and len(self.changes) < PREVIEW_CHANGES:
                label = f"{part.area.slug} {self.codes[part.period.pk]}"
                self.changes.append(Change(action, label, [("", "", show(part.figures.clients_total))]))

    def _gather(self, groups: list) -> tuple[list, list[Problem]]:
        """The parts of (area, period, problems, figures, first row) of reports, with the report
        each would change, if any: submitted ones refuse the file."""
        from aftercare.models import AreaReport

        reports = {
            (r.wellbeing_area_id, r.period_id): r
            for r in AreaReport.objects.for_page().filter(
                wellbeing_area__in={g[0] for g in groups}, period__in={g[1] for g in groups}
            )
        }
        parts, problems = [], []
        for area, period, found, figures, first_row in groups:
            part = ReportPart(area, period, figures, first_row)
            report = reports.get((area.pk, period.pk))
            if report is not None and report.is_submitted:
                locked = _("%(area)s %(period)s: the report is submitted and locked; reopen it first.")
                where = {"area": area.slug, "period": self.codes[period.pk]}
                found.append(Problem(locked % where, first_row))
            if found:
                code = self.codes[period.pk]
                problems += [Problem(f"{area.slug} {code}: {p}") if not p.row else p for p in found]
            part.report = report
            parts.append(part)
        return parts, problems

    def keep(self) -> bytes:
        """Each report's figures in chunks, as plain JSON: [area, period, first row, counts, age
        bands, staffing, workers]."""
        return self._kept.finish()

    def plan(self, rows: list[Row]) -> Plan:
        return Plan(changes=self.changes, totals=dict(self.totals))

    def write_kept(self, chunks) -> tuple[dict, list[Problem]]:
        """Each chunk checked against the database as it is now (its areas and periods still
        exist, no report submitted since the preview) and written; after a problem the rest is
        only checked, and the caller rolls back what was written."""
        from aftercare import services
        from governance.models import WellbeingArea

        self._start()
        areas = WellbeingArea.objects.in_bulk()
        periods: dict[int, ReportingPeriod] = {}
        problems: list[Problem] = []
        for chunk in chunks:
            wanted = {item[1] for item in chunk} - periods.keys()
            if wanted:
                periods |= ReportingPeriod.objects.in_bulk(wanted)
                with translation.override("fi"):
                    self.codes |= {pk: str(periods[pk].label) for pk in wanted if pk in periods}
            groups = []
            for area_pk, period_pk, first_row, counts, bands, staffing, workers in chunk:
                area, period = areas.get(area_pk), periods.get(period_pk)
                if area is None or period is None:
                    problems.append(
                        Problem(_("the wellbeing area or period of this row no longer exists."), first_row)
                    )
                    continue
                figures = Figures(
                    **dict(zip(Figures.COUNT_FIELDS, counts, strict=True)),
                    age_bands=dict(bands),
                    staffing={role: (Decimal(filled), Decimal(vacant)) for role, filled, vacant in staffing},
                    workers=[tuple(worker) for worker in workers],
                )
                groups.append((area, period, [], figures, first_row))
            parts, found = self._gather(groups)
            problems += found
            if problems:
                continue  # nothing more is written; the rest is still checked
            self._count(parts)
            services.reports_save_many(
                items=[(part.area, part.period, part.figures) for part in parts], user=self.user
            )
            groups = parts = None  # the reports read for the check, freed with their cycles
            chunk_done()
        return ({}, problems) if problems else (dict(self.totals), [])
