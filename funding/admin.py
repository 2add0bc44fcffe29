from django.contrib import admin

from config.admin import PortalAdmin
from funding.models import ActualCost, CostLine, CostModel, FinancingLine, PaymentClaim, RegionalSplit


@admin.register(CostLine)
class CostLineAdmin(PortalAdmin):
    list_display = ("implementer", "category", "year", "amount")
    list_filter = ("category", "year")
    list_select_related = ("implementer__organisation", "implementer__project")


@admin.register(FinancingLine)
class FinancingLineAdmin(PortalAdmin):
    list_display = ("implementer", "kind", "amount")
    list_select_related = ("implementer__organisation", "implementer__project")


for model in (CostModel, RegionalSplit, ActualCost, PaymentClaim):
    admin.site.register(model, PortalAdmin)
