"""Spreadsheet import and export of cost lines and financing lines (see projects.resources).

Every row, new or existing, passes the same permission as the form (``funding.change_finances``
on the implementer) on the row's current owner and on the owner the file names: a coordinator of
a sub-implementer can neither change, nor take over, nor hand over the main implementer's lines.
"""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config.imports.pipeline import Column, Problem, Row, show
from config.imports.values import norm
from config.money import euros
from funding.models import ActualCost, CostCategory, CostLine, FinancingKind, FinancingLine
from projects.models import Implementer, StaffResource, WorkPackage
from projects.resources import BIG, ID, YEAR, ProjectRowsImporter, choice_synonyms

IMPLEMENTER = Column(
    "implementer", gettext_lazy("implementer"), ("toteuttaja", "osatoteuttaja", "genomförare", "organisaatio")
)
AMOUNT = Column(
    "amount",
    gettext_lazy("amount"),
    ("summa", "euroa", "määrä", "belopp", "€", "eur"),
    kind="decimal",
    minimum=Decimal(0),
    maximum=BIG,
)


class ImplementerLinesImporter(ProjectRowsImporter):
    """Lines that belong to one implementer of the project."""

    def queryset(self):
        return self.model.objects.filter(implementer__project=self.project).select_related(
            "implementer__organisation"
        )

    def new_instance(self, row: Row):
        return self.model()

    def required_for_new(self) -> list[str]:
        return [f for f in super().required_for_new() if f != "implementer"]

    def validate_rows(self, rows, existing) -> list[Problem]:
        implementers = list(Implementer.objects.filter(project=self.project).select_related("organisation"))
        editable = set(
            Implementer.objects.filter(project=self.project)
            .editable_by(self.user)
            .values_list("pk", flat=True)
        )
        by_name = {}
        for implementer in implementers:
            organisation = implementer.organisation
            for name in (organisation.short_name, organisation.name, organisation.business_id):
                if norm(name):
                    by_name.setdefault(norm(name), implementer)
        problems = []
        for row in rows:
            current = existing.get(row.values.get("id"))
            text = row.values.get("implementer") or ""
            named = by_name.get(norm(text)) if text else None
            if text and named is None:
                problems.append(
                    row.problem(
                        "implementer", _("“%(value)s” does not implement this project.") % {"value": text}
                    )
                )
                continue
            if current is not None and current.implementer_id not in editable:
                problems.append(
                    row.problem(
                        "id" if "id" in row.where else "implementer",
                        _("You may not edit the figures of %(name)s.")
                        % {"name": current.implementer.organisation},
                    )
                )
                continue
            target = named or (current.implementer if current else None)
            if target is None:
                problems.append(
                    row.problem("implementer", _("Name the implementer of a new row."))
                    if "implementer" in row.where
                    else Problem(
                        _("A new row needs the column %(column)s.") % {"column": IMPLEMENTER.label},
                        row.number,
                    )
                )
            elif target.pk not in editable:
                problems.append(
                    row.problem(
                        "implementer",
                        _("You may not edit the figures of %(name)s.") % {"name": target.organisation},
                    )
                )
            else:
                row.values["_implementer"] = target.pk
            if row.values.get("amount") is not None:
                row.values["amount"] = euros(row.values["amount"])
        return problems

    def final_values(self, row: Row, obj) -> dict:
        values = super().final_values(row, obj)
        values.pop("implementer", None)
        values["implementer_id"] = row.values["_implementer"]
        return values

    def label_of(self, key: str) -> str:
        return str(IMPLEMENTER.label) if key == "implementer_id" else super().label_of(key)

    def plan(self, rows):
        self.__dict__.pop("_in_file", None)
        # The preview shows implementers by name, not by the id the plan compares.
        names = {
            show(i.pk): str(i.organisation.short_name or i.organisation)
            for i in Implementer.objects.filter(project=self.project).select_related("organisation")
        }
        heading = str(IMPLEMENTER.label)
        plan = super().plan(rows)
        for change in plan.changes:
            change.fields = [
                (h, names.get(o, o), names.get(n, n)) if h == heading else (h, o, n)
                for h, o, n in change.fields
            ]
        return plan

    def replaces(self, obj, rows) -> bool:
        """Replace mode deletes only lines of the implementers the file is about: a
        sub-implementer's coordinator replaces their own part and no one else's."""
        if not hasattr(self, "_in_file"):
            self._in_file = {row.values.get("_implementer") for row in rows}
        return obj.implementer_id in self._in_file

    def export_rows(self):
        """The lines of the implementers the user may edit (their own part), or all the lines for a
        reader who may edit none."""
        headers = [c.key for c in self.columns]
        rows = []
        editable = set(
            Implementer.objects.filter(project=self.project)
            .editable_by(self.user)
            .values_list("pk", flat=True)
        )
        queryset = self.queryset().filter(implementer__in=editable) if editable else self.queryset()
        for obj in queryset:
            rows.append(
                [
                    obj.pk,
                    str(obj.implementer.organisation.short_name or obj.implementer.organisation),
                    *[getattr(obj, c.key) for c in self.columns[2:]],
                ]
            )
        return headers, rows


class CostLineImporter(ImplementerLinesImporter):
    kind = "funding.cost-lines"
    model = CostLine
    fields = ["implementer", "category", "year", "description", "amount"]
    columns = [
        ID,
        IMPLEMENTER,
        Column(
            "category",
            gettext_lazy("category"),
            ("kustannuslaji", "laji", "kostnadsslag"),
            kind="choice",
            choices=choice_synonyms(
                CostCategory,
                {
                    "palkat": "salaries",
                    "palkkakustannukset": "salaries",
                    "matkat": "travel",
                    "matkakustannukset": "travel",
                    "muut": "other",
                    "muut kustannukset": "other",
                    "ostopalvelut": "purchased_services",
                    "tulot": "income",
                    "kertakorvaus": "lump_sum",
                    "löner": "salaries",
                    "resor": "travel",
                },
            ),
        ),
        YEAR,
        Column(
            "description", gettext_lazy("description"), ("selite", "kuvaus", "beskrivning"), max_length=200
        ),
        AMOUNT,
    ]

    def validate_rows(self, rows, existing):
        problems = super().validate_rows(rows, existing)
        years = self.project.years
        for row in rows:
            current = existing.get(row.values.get("id"))
            year = row.values.get("year") or (current.year if current else None)
            if year is not None and year not in years:
                problems.append(
                    row.problem(
                        "year" if "year" in row.where else "id",
                        _("%(year)s is outside the project's years %(first)s–%(last)s.")
                        % {"year": year, "first": years[0], "last": years[-1]},
                    )
                )
        return problems


class FinancingLineImporter(ImplementerLinesImporter):
    kind = "funding.financing-lines"
    model = FinancingLine
    fields = ["implementer", "kind", "source", "amount"]
    columns = [
        ID,
        IMPLEMENTER,
        Column(
            "kind",
            gettext_lazy("kind"),
            ("rahoituslaji", "laji", "finansieringsslag"),
            kind="choice",
            choices=choice_synonyms(
                FinancingKind,
                {
                    "esr": "eu_state",
                    "eu- ja valtion rahoitus": "eu_state",
                    "eu ja valtio": "eu_state",
                    "kuntarahoitus": "own_municipal",
                    "omarahoitus": "own_other_public",
                    "muu julkinen": "own_other_public",
                    "yksityinen": "own_private",
                },
            ),
        ),
        Column("source", gettext_lazy("source"), ("lähde", "rahoittaja", "källa"), max_length=200),
        AMOUNT,
    ]


class ActualCostImporter(ImplementerLinesImporter):
    kind = "funding.actual-costs"
    model = ActualCost
    fields = ["implementer", "category", "as_of", "amount"]
    columns = [
        ID,
        IMPLEMENTER,
        CostLineImporter.columns[2],
        Column(
            "as_of",
            gettext_lazy("booked up to"),
            ("kirjattu", "päivämäärä", "pvm", "bokfört till"),
            kind="date",
        ),
        AMOUNT,
    ]


class StaffImporter(ImplementerLinesImporter):
    kind = "projects.staff"
    model = StaffResource
    fields = ["implementer", "role_title", "fte_percent", "start_date", "end_date"]
    columns = [
        ID,
        IMPLEMENTER,
        Column(
            "role_title", gettext_lazy("role title"), ("nimike", "tehtävänimike", "titel"), max_length=200
        ),
        Column(
            "fte_percent",
            gettext_lazy("FTE %"),
            ("työaika", "työaika %", "htv %", "arbetstid"),
            kind="decimal",
            minimum=Decimal("0.01"),
            maximum=Decimal(100),
        ),
        Column("start_date", gettext_lazy("start date"), ("alkaa", "alkupäivä", "börjar"), kind="date"),
        Column("end_date", gettext_lazy("end date"), ("päättyy", "loppupäivä", "slutar"), kind="date"),
    ]

    def validate_rows(self, rows, existing):
        problems = super().validate_rows(rows, existing)
        for row in rows:
            values = (
                self.final_values(row, existing.get(row.values.get("id")))
                if "_implementer" in row.values
                else {}
            )
            if (
                values.get("start_date")
                and values.get("end_date")
                and values["end_date"] < values["start_date"]
            ):
                problems.append(row.problem("end_date", _("The end date cannot be before the start date.")))
        return problems


class WorkPackageImporter(ImplementerLinesImporter):
    kind = "projects.work-packages"
    model = WorkPackage
    fields = ["implementer", "code", "name", "description"]
    unique = ("implementer_id", "code")
    columns = [
        ID,
        IMPLEMENTER,
        Column("code", gettext_lazy("code"), ("tunnus", "työpaketti", "kod"), max_length=10),
        Column("name", gettext_lazy("name"), ("nimi", "namn"), max_length=300),
        Column("description", gettext_lazy("description"), ("kuvaus", "beskrivning"), max_length=5000),
    ]
