from django.urls import path

from opendata import views

app_name = "opendata"
urlpatterns = [
    path("", views.index, name="index"),
    path("jalkihuolto.csv", views.as_csv, name="csv"),
    path("jalkihuolto.json", views.as_json, name="json"),
    path("dcat.jsonld", views.dcat, name="dcat"),
    path("julkaisut/", views.releases, name="releases"),
]
