"""Spreadsheet import and export of cost lines and financing lines (see projects.importing).

Every row, new or existing, passes the same permission as the form (``funding.change_finances``
on the implementer) on the row's current owner and on the owner the file names: a coordinator of
a sub-implementer can neither change, nor take over, nor hand over the main implementer's lines.
"""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config.imports.importer import Column, Problem
from config.money import euros
from funding.models import ActualCost, CostCategory, CostLine, FinancingKind, FinancingLine, PaymentClaim
from projects.importing import BIG, ID, IMPLEMENTER, YEAR, OwnedRowsImporter, choice_synonyms
from projects.models import StaffResource, WorkPackage

AMOUNT = Column(
    "amount",
    gettext_lazy("amount"),
    ("summa", "euroa", "määrä", "belopp", "€", "eur"),
    kind="decimal",
    minimum=Decimal(0),
    maximum=BIG,
)


class ImplementerLinesImporter(OwnedRowsImporter):
    """Lines that belong to one implementer of the project; amounts in whole cents."""

    def validate_rows(self, rows, existing) -> list[Problem]:
        for row in rows:
            if row.values.get("amount") is not None:
                row.values["amount"] = euros(row.values["amount"])
        return super().validate_rows(rows, existing)

    def parent_label(self, parent) -> str:
        return str(parent.organisation.short_name or parent.organisation)


class CostLineImporter(ImplementerLinesImporter):
    kind = "funding.cost-lines"
    model = CostLine
    fields = ["category", "year", "description", "amount"]
    # ``CostLine.clean`` checks the year against the project's years, as ``validate_rows`` does.
    plain_new_rows = True
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
    fields = ["kind", "source", "amount"]
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
    fields = ["category", "as_of", "amount"]
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
    fields = ["role_title", "fte_percent", "start_date", "end_date"]
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
                self.final_values(row, existing.get(row.values.get("id"))) if "_parent" in row.values else {}
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
    fields = ["code", "name", "description"]
    unique = ("implementer_id", "code")
    columns = [
        ID,
        IMPLEMENTER,
        Column("code", gettext_lazy("code"), ("tunnus", "työpaketti", "kod"), max_length=10),
        Column("name", gettext_lazy("name"), ("nimi", "namn"), max_length=300),
        Column("description", gettext_lazy("description"), ("kuvaus", "beskrivning"), max_length=5000),
    ]


class PaymentClaimImporter(ImplementerLinesImporter):
    kind = "funding.payment-claims"
    model = PaymentClaim
    fields = ["period_start", "period_end", "claimed", "submitted_on"]
    unique = ("implementer_id", "period_start")
    columns = [
        ID,
        IMPLEMENTER,
        Column(
            "period_start",
            gettext_lazy("period start"),
            ("kausi alkaa", "alkaa", "alkupäivä", "period börjar"),
            kind="date",
        ),
        Column(
            "period_end",
            gettext_lazy("period end"),
            ("kausi päättyy", "päättyy", "loppupäivä", "period slutar"),
            kind="date",
        ),
        Column(
            "claimed",
            gettext_lazy("claimed (€)"),
            ("haettu", "haettu summa", "summa", "sökt belopp", "amount"),
            kind="decimal",
            minimum=Decimal(0),
            maximum=BIG,
        ),
        Column(
            "submitted_on",
            gettext_lazy("submitted on"),
            ("jätetty", "lähetetty", "inlämnad"),
            kind="date",
        ),
    ]

    def validate_rows(self, rows, existing):
        for row in rows:
            if row.values.get("claimed") is not None:
                row.values["claimed"] = euros(row.values["claimed"])
        problems = super().validate_rows(rows, existing)
        for row in rows:
            if "_parent" not in row.values:
                continue
            values = self.final_values(row, existing.get(row.values.get("id")))
            if (
                values.get("period_start")
                and values.get("period_end")
                and values["period_end"] < values["period_start"]
            ):
                problems.append(row.problem("period_end", _("The period cannot end before it starts.")))
        return problems
