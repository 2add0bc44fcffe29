from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import set_language

from config import views

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/", include("accounts.urls")),
    path("healthz/", views.healthz, name="healthz"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("projects/", include("projects.urls")),
    path("funding/", include("funding.urls")),
    path("aftercare/", include("aftercare.urls")),
    path("governance/", include("governance.urls")),
    path("notices/", include("notices.urls")),
    path("search/", include("search.urls")),
    path("api/", include("api.urls")),
    path("avoindata/", include("opendata.urls")),
]

# Addresses that moved (municipal funding from governance to funding, the plan PDF from funding to
# projects): old links and bookmarks keep working.
MOVED = [
    ("governance/funding/<int:pk>/", "funding:funding_year"),
    ("governance/funding/<int:pk>/pdf/", "funding:funding_year_pdf"),
    ("governance/funding/<int:pk>/xlsx/", "funding:funding_year_xlsx"),
    ("funding/projects/<int:pk>/plan.pdf", "projects:plan_pdf"),
]
urlpatterns += [path(old, RedirectView.as_view(pattern_name=new, permanent=True)) for old, new in MOVED]

handler500 = "config.views.server_error"
