from django.urls import path

from funding import imports, municipal, views

app_name = "funding"

urlpatterns = [
    path("projects/<int:pk>/budget/", views.budget, name="budget"),
    path("projects/<int:pk>/actuals/", views.actuals, name="actuals"),
    path("projects/<int:pk>/transfer/", imports.transfer, name="transfer"),
    path("projects/<int:pk>/import/<slug:kind>/", imports.import_preview, name="import"),
    path("projects/<int:pk>/import/<slug:kind>/confirm/", imports.import_confirm, name="import_confirm"),
    path("projects/<int:pk>/export/<slug:kind>.<slug:fmt>", imports.export, name="export"),
    path("implementers/<int:pk>/costs/", views.costs_edit, name="costs_edit"),
    path("implementers/<int:pk>/financing/", views.financing_edit, name="financing_edit"),
    path("implementers/<int:pk>/actuals/", views.actuals_edit, name="actuals_edit"),
    path("municipal/new/", municipal.funding_year_create, name="funding_year_create"),
    path("municipal/<int:pk>/", views.funding_year_detail, name="funding_year"),
    path("municipal/<int:pk>/edit/", municipal.funding_year_edit, name="funding_year_edit"),
    path("budgets/new/", municipal.budget_create, name="budget_create"),
    path("budgets/<int:pk>/edit/", municipal.budget_edit, name="budget_edit"),
    path("municipal/<int:pk>/pdf/", views.funding_year_pdf, name="funding_year_pdf"),
    path("municipal/<int:pk>/xlsx/", views.funding_year_xlsx, name="funding_year_xlsx"),
]
