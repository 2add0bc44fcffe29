"""Spreadsheet import and export of a project's own tables (indicators and their values, participant
targets, measures), made of the shared importers of ``projects.importing``."""

import itertools
import re
from decimal import Decimal

from django.utils.translation import gettext_lazy

from config.imports.importer import (
    HEADER_SEARCH_ROWS,
    Column,
)
from config.imports.reading import Sheet
from config.imports.values import column_letter, norm, parse_quarter, text_of
from projects.importing import (
    BIG,
    ID,
    IMPLEMENTER,
    WORK_PACKAGE,
    YEAR,
    ChildRowsImporter,
    OwnedRowsImporter,
    choice_synonyms,
)
from projects.models import (
    Indicator,
    IndicatorValue,
    Measure,
    ParticipantTarget,
    WorkPackage,
)

INDICATOR_KINDS = Column(
    "kind",
    gettext_lazy("kind"),
    ("tyyppi", "laji", "typ"),
    kind="choice",
    choices=choice_synonyms(
        Indicator.Kind,
        {
            "tuotos": "output",
            "tuotosindikaattori": "output",
            "tulos": "result",
            "tulosindikaattori": "result",
            "prestation": "output",
            "resultat": "result",
        },
    ),
)


class IndicatorImporter(OwnedRowsImporter):
    """Indicators of the whole project (no implementer) or, in a group project, of one
    implementer: a sub-implementer's coordinator imports their own."""

    kind = "projects.indicators"
    model = Indicator
    fields = ["kind", "name", "unit", "target"]
    unique = ("implementer_id", "name")
    shared_allowed = True
    columns = [
        ID,
        IMPLEMENTER,
        INDICATOR_KINDS,
        Column("name", gettext_lazy("name"), ("nimi", "indikaattori", "namn"), max_length=300),
        Column("unit", gettext_lazy("unit"), ("yksikkö", "enhet"), max_length=40),
        Column(
            "target",
            gettext_lazy("target"),
            ("tavoite", "mål"),
            kind="decimal",
            minimum=Decimal(0),
            maximum=BIG,
        ),
    ]

    def parent_label(self, parent) -> str:
        return str(parent.organisation.short_name or parent.organisation)


class WorkPackageRowsImporter(ChildRowsImporter):
    """Rows that belong to a work package of the project, found by its code."""

    def parent_queryset(self):
        return WorkPackage.objects.filter(implementer__project=self.project)

    def parent_code(self, parent) -> str:
        return parent.code


class ParticipantTargetImporter(WorkPackageRowsImporter):
    """Participant targets of the whole project or of one work package (a sub-project's)."""

    kind = "projects.participant-targets"
    model = ParticipantTarget
    parent = "work_package"
    parent_column = WORK_PACKAGE
    fields = ["year", "semester", "target", "actual"]
    unique = ("work_package_id", "year", "semester")
    shared_allowed = True
    columns = [
        ID,
        IMPLEMENTER,
        WORK_PACKAGE,
        YEAR,
        Column(
            "semester",
            gettext_lazy("semester"),
            ("lukukausi", "kausi", "termin"),
            kind="choice",
            choices=choice_synonyms(
                ParticipantTarget.Semester,
                {"kevät": "spring", "syksy": "autumn", "vår": "spring", "höst": "autumn", "kevat": "spring"},
            ),
        ),
        Column(
            "target",
            gettext_lazy("target"),
            ("tavoite", "mål"),
            kind="int",
            minimum=Decimal(0),
            maximum=Decimal(2**31 - 1),
        ),
        Column(
            "actual",
            gettext_lazy("actual"),
            ("toteuma", "utfall"),
            kind="int",
            minimum=Decimal(0),
            maximum=Decimal(2**31 - 1),
        ),
    ]


class MeasureImporter(WorkPackageRowsImporter):
    """Measures (toimenpiteet 1.1, 1.2 …) of the work packages."""

    kind = "projects.measures"
    model = Measure
    parent = "work_package"
    parent_column = WORK_PACKAGE
    fields = ["code", "name", "timing", "outputs"]
    unique = ("work_package_id", "code")
    columns = [
        ID,
        IMPLEMENTER,
        WORK_PACKAGE,
        Column("code", gettext_lazy("code"), ("tunnus", "toimenpide", "nro", "kod", "åtgärd"), max_length=10),
        Column("name", gettext_lazy("name"), ("nimi", "namn", "kuvaus"), max_length=300),
        Column("timing", gettext_lazy("timing"), ("ajoitus", "aikataulu", "tidsplan"), max_length=100),
        Column("outputs", gettext_lazy("outputs"), ("tuotokset", "tuotos", "prestationer"), max_length=5000),
    ]


class IndicatorValueImporter(ChildRowsImporter):
    """What each indicator reached in a reporting period; an indicator is found by its name."""

    kind = "projects.indicator-values"
    model = IndicatorValue
    parent = "indicator"
    parent_column = Column(
        "indicator", gettext_lazy("indicator"), ("indikaattori", "mittari", "indikator"), max_length=300
    )
    fields = ["period", "value"]
    unique = ("indicator_id", "period")
    columns = [
        ID,
        IMPLEMENTER,
        parent_column,
        Column(
            "period",
            gettext_lazy("reporting period"),
            ("kausi", "raportointikausi", "ajanjakso", "vuosi", "period"),
            max_length=20,
        ),
        Column(
            "value",
            gettext_lazy("value"),
            ("arvo", "toteuma", "värde", "utfall"),
            kind="decimal",
            minimum=Decimal(0),
            maximum=BIG,
        ),
    ]

    def parent_queryset(self):
        return Indicator.objects.filter(project=self.project)

    def parent_code(self, parent) -> str:
        return parent.name

    def reshape(self, sheet: Sheet) -> Sheet:
        """A report with one column per period ("Indikaattori | 2021 | 2022 | 1–6/2023"), as the long
        shape: a row for each filled cell, the cell named in messages. A value the project already
        has for that indicator and period is changed, not added again."""
        found = self._periods_header(sheet)
        if found is None:
            return sheet
        at, cells, named, periods = found
        headers = [text_of(c) for c in cells]
        label_at = {key: i for i, key in named.items() if key in ("indicator", "implementer")}
        existing: dict[tuple, list[int]] = {}
        for pk, name, period in IndicatorValue.objects.filter(indicator__project=self.project).values_list(
            "pk", "indicator__name", "period"
        ):
            existing.setdefault((norm(name), norm(period)), []).append(pk)
        rows = [["id", *label_at, "period", "value"]]
        origins: list = [(at + 1, {})]
        for number, line in enumerate(itertools.islice(iter(sheet.rows), at + 1, None), start=at + 2):
            labels = {key: text_of(line[i]) if i < len(line) else "" for key, i in label_at.items()}
            if not labels["indicator"]:
                continue
            where = {key: (column_letter(i), headers[i]) for key, i in label_at.items()}
            for index, period in periods.items():
                value = line[index] if index < len(line) else None
                if not text_of(value):
                    continue
                found = existing.get((norm(labels["indicator"]), norm(period)), [])
                rows.append([found[0] if len(found) == 1 else None, *labels.values(), period, value])
                cell = (column_letter(index), headers[index])
                origins.append((number, where | {"period": cell, "value": cell}))
        return Sheet(rows=rows, format=sheet.format, encoding=sheet.encoding, origins=origins)

    def _periods_header(self, sheet: Sheet):
        """(index, cells, label columns, period columns) of a header row naming the indicator
        column and periods, not the long shape's period and value columns; None if there is none."""
        keys = self.column_keys(self.profile())
        for at, cells in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
            named = {i: keys.get(norm(c)) for i, c in enumerate(cells) if keys.get(norm(c))}
            periods = {i: period_header(c) for i, c in enumerate(cells) if i not in named}
            periods = {i: text for i, text in periods.items() if text}
            if "indicator" in named.values() and periods and not {"period", "value"} & set(named.values()):
                return at, cells, named, periods
        return None


_PERIOD = re.compile(r"(19|20)\d\d|\d{1,2}\s*[–-]\s*\d{1,2}\s*/\s*(19|20)\d\d")


def period_header(cell) -> str:
    """A column header naming a reporting period as reports print it ("2021", a workbook's 2021,
    "1–6/2021", "2024 Q1"), written as the portal writes periods; "" for anything else."""
    if isinstance(cell, (int, float, Decimal)) and not isinstance(cell, bool):
        return str(int(cell)) if 1900 <= cell <= 2099 and cell == int(cell) else ""
    text = " ".join(text_of(cell).split())
    if _PERIOD.fullmatch(text):
        return re.sub(r"\s*[–-]\s*", "–", text).replace(" ", "")
    return text if parse_quarter(text) else ""
