from django.contrib import admin
from import_export.admin import ImportExportMixin

from config.admin import PortalAdmin
from governance.models import (
    Affiliation,
    AreaManager,
    Municipality,
    Organisation,
    Person,
    Region,
    WellbeingArea,
)
from governance.resources import MunicipalityResource


@admin.register(Region)
class RegionAdmin(PortalAdmin):
    list_display = ["code", "name_fi", "name_sv"]
    search_fields = ["name_fi", "name_sv", "code"]


@admin.register(WellbeingArea)
class WellbeingAreaAdmin(PortalAdmin):
    list_display = ["name_fi", "short_name", "name_sv", "region"]
    list_select_related = ["region"]
    search_fields = ["name_fi", "name_sv", "short_name"]
    prepopulated_fields = {"slug": ["name_fi"]}


@admin.register(Municipality)
class MunicipalityAdmin(ImportExportMixin, PortalAdmin):
    """Imported from Statistics Finland's municipality classification (code, names, region, area)."""

    resource_classes = [MunicipalityResource]
    list_display = ["code", "name_fi", "name_sv", "region", "wellbeing_area"]
    list_select_related = ["region", "wellbeing_area"]
    list_filter = ["region"]
    search_fields = ["name_fi", "name_sv", "code"]


class AffiliationInline(admin.TabularInline):
    model = Affiliation
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "is_coordinator"]


@admin.register(Organisation)
class OrganisationAdmin(PortalAdmin):
    list_display = ["name", "short_name", "kind", "business_id", "region"]
    list_select_related = ["region"]
    list_filter = ["kind", "region"]
    search_fields = ["name", "short_name", "business_id"]
    autocomplete_fields = ["host", "wellbeing_area", "municipality"]
    inlines = [AffiliationInline]


@admin.register(Person)
class PersonAdmin(PortalAdmin):
    list_display = ["last_name", "first_name", "title", "organisation", "user"]
    list_select_related = ["organisation", "user"]
    search_fields = ["last_name", "first_name", "title"]
    autocomplete_fields = ["organisation", "user"]


@admin.register(AreaManager)
class AreaManagerAdmin(PortalAdmin):
    list_display = ["user", "wellbeing_area"]
    list_select_related = ["user", "wellbeing_area"]
    autocomplete_fields = ["user", "wellbeing_area"]
