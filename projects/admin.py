from django.contrib import admin

from config.admin import PortalAdmin
from projects.models import (
    Call,
    Implementer,
    Indicator,
    IndicatorValue,
    Measure,
    ParticipantTarget,
    PriorityAxis,
    Programme,
    Project,
    SpecificObjective,
    StaffResource,
    StatusChange,
    WorkPackage,
)


class ImplementerInline(admin.TabularInline):
    model = Implementer
    extra = 0
    fields = ("organisation", "is_main", "start_date", "end_date")


@admin.register(Project)
class ProjectAdmin(PortalAdmin):
    list_display = ("name", "acronym", "status", "start_date", "end_date")
    list_filter = ("status",)
    search_fields = (
        "name",
        "acronym",
        "application_number",
        "register_number",
        "call__priority_axis__programme__name",
    )
    filter_horizontal = ("regions", "municipalities")
    inlines = [ImplementerInline]


@admin.register(Implementer)
class ImplementerAdmin(PortalAdmin):
    list_display = ("organisation", "project", "is_main", "start_date", "end_date")
    list_select_related = ("organisation", "project")


class MeasureInline(admin.TabularInline):
    model = Measure
    extra = 0


@admin.register(WorkPackage)
class WorkPackageAdmin(PortalAdmin):
    list_display = ("code", "name", "implementer")
    list_select_related = ("implementer__project", "implementer__organisation")
    inlines = [MeasureInline]


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(PortalAdmin):
    list_display = ("name", "kind", "unit", "target", "project")
    inlines = [IndicatorValueInline]


for model in (
    Programme,
    PriorityAxis,
    SpecificObjective,
    Call,
    ParticipantTarget,
    StaffResource,
    StatusChange,
):
    admin.site.register(model, PortalAdmin)
