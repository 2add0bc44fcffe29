"""Spreadsheet import and export of cost lines and financing lines (see projects.resources)."""

from import_export import fields, widgets

from funding.models import CostCategory, CostLine, FinancingKind, FinancingLine
from projects.resources import ChoiceWidget, FinnishDecimalWidget, ImplementerScopedResource

COMMON_ALIASES = {
    "toteuttaja": "implementer",
    "osatoteuttaja": "implementer",
    "summa": "amount",
    "euroa": "amount",
    "määrä": "amount",
}


class CostLineResource(ImplementerScopedResource):
    HEADER_ALIASES = {
        **COMMON_ALIASES,
        "kustannuslaji": "category",
        "laji": "category",
        "vuosi": "year",
        "selite": "description",
        "kuvaus": "description",
    }
    NUMERIC_COLUMNS = {"year", "amount", "id"}

    id = fields.Field(attribute="id", column_name="id", widget=widgets.IntegerWidget(coerce_to_string=False))
    implementer = fields.Field(attribute="implementer", column_name="implementer")
    category = fields.Field(
        attribute="category",
        column_name="category",
        widget=ChoiceWidget(
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
            },
        ),
    )
    year = fields.Field(
        attribute="year", column_name="year", widget=widgets.IntegerWidget(coerce_to_string=False)
    )
    description = fields.Field(
        attribute="description", column_name="description", widget=widgets.CharWidget(allow_blank=True)
    )
    amount = fields.Field(attribute="amount", column_name="amount", widget=FinnishDecimalWidget())

    class Meta:
        model = CostLine
        fields = ["id", "implementer", "category", "year", "description", "amount"]
        import_id_fields = ["id"]
        use_transactions = True
        skip_unchanged = True

    def get_queryset(self):
        return CostLine.objects.filter(implementer__project=self.project).select_related(
            "implementer__organisation"
        )


class FinancingLineResource(ImplementerScopedResource):
    HEADER_ALIASES = {
        **COMMON_ALIASES,
        "rahoituslaji": "kind",
        "laji": "kind",
        "lähde": "source",
        "rahoittaja": "source",
    }
    NUMERIC_COLUMNS = {"amount", "id"}

    id = fields.Field(attribute="id", column_name="id", widget=widgets.IntegerWidget(coerce_to_string=False))
    implementer = fields.Field(attribute="implementer", column_name="implementer")
    kind = fields.Field(
        attribute="kind",
        column_name="kind",
        widget=ChoiceWidget(
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
    )
    source = fields.Field(
        attribute="source", column_name="source", widget=widgets.CharWidget(allow_blank=True)
    )
    amount = fields.Field(attribute="amount", column_name="amount", widget=FinnishDecimalWidget())

    class Meta:
        model = FinancingLine
        fields = ["id", "implementer", "kind", "source", "amount"]
        import_id_fields = ["id"]
        use_transactions = True
        skip_unchanged = True

    def get_queryset(self):
        return FinancingLine.objects.filter(implementer__project=self.project).select_related(
            "implementer__organisation"
        )
