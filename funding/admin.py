from django.contrib import admin

from config.admin import PortalAdmin
from funding.models import (
    ActualCost,
    BudgetActual,
    BudgetLine,
    CentreBudget,
    CostLine,
    CostModel,
    FinancingLine,
    FundingParty,
    FundingYear,
    PaymentClaim,
    RegionalSplit,
)


@admin.register(CostLine)
class CostLineAdmin(PortalAdmin):
    list_display = ("implementer", "category", "year", "amount")
    # No filter by year: it would read the distinct years of every cost line of the country per page.
    list_filter = ("category",)
    search_fields = ("implementer__organisation__name", "implementer__project__name")
    list_select_related = ("implementer__organisation", "implementer__project")


@admin.register(FinancingLine)
class FinancingLineAdmin(PortalAdmin):
    list_display = ("implementer", "kind", "amount")
    list_select_related = ("implementer__organisation", "implementer__project")


for model in (CostModel, RegionalSplit, ActualCost, PaymentClaim):
    admin.site.register(model, PortalAdmin)


# --- municipal funding and the centre's budget ------------------------------------------------------


class FundingPartyInline(admin.TabularInline):
    model = FundingParty
    extra = 0
    autocomplete_fields = ["organisation"]
    fields = ["order", "organisation", "label", "region", "population", "fixed_amount", "weight"]


@admin.register(FundingYear)
class FundingYearAdmin(PortalAdmin):
    list_display = ["centre", "year", "total", "key"]
    list_select_related = ["centre"]
    autocomplete_fields = ["centre"]
    inlines = [FundingPartyInline]


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    extra = 0
    fields = ["order", "label", "amount"]


@admin.register(CentreBudget)
class CentreBudgetAdmin(PortalAdmin):
    list_display = ["centre", "year", "total", "state_grant_estimate"]
    list_select_related = ["centre"]
    autocomplete_fields = ["centre"]
    inlines = [BudgetLineInline]


@admin.register(BudgetActual)
class BudgetActualAdmin(PortalAdmin):
    list_display = ["line", "as_of", "amount"]
    list_select_related = ["line__budget__centre"]
    list_filter = ["as_of"]
