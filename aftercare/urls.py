from django.urls import path

from aftercare import imports, views

app_name = "aftercare"

urlpatterns = [
    path("", views.home, name="home"),
    path("overview/", views.overview, name="overview"),
    path("completeness/", views.completeness, name="completeness"),
    path("report/", views.report, name="report"),
    path("areas/<slug:slug>/", views.area_detail, name="area"),
    path("areas/<slug:slug>/export.<str:fmt>", imports.export_area, name="export"),
    path("backfill/", imports.backfill, name="backfill"),
    path("areas/<slug:slug>/<int:period>/", views.entry, name="entry"),
    path("areas/<slug:slug>/<int:period>/submit/", views.submit, name="submit"),
    path("areas/<slug:slug>/<int:period>/template.<str:fmt>", imports.template_download, name="template"),
    path("areas/<slug:slug>/<int:period>/import/", imports.upload, name="import"),
    path("reports/<int:pk>/reopen/", views.reopen, name="reopen"),
]
