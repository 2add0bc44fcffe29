from django.contrib import admin

from aftercare.models import (
    AgeBand,
    AgeBandCount,
    AreaReport,
    CaseloadNorm,
    Reopening,
    ReportingPeriod,
    StaffingLine,
    WarningAcknowledgement,
    WorkerCaseload,
)
from config.admin import PortalAdmin


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(PortalAdmin):
    """The administrator opens periods for entry and says which frequency applies."""

    list_display = ["label", "frequency", "start", "end", "is_open"]
    list_filter = ["frequency", "is_open"]
    list_editable = ["is_open"]


@admin.register(AgeBand)
class AgeBandAdmin(PortalAdmin):
    list_display = ["label", "lower", "upper", "is_active"]


@admin.register(CaseloadNorm)
class CaseloadNormAdmin(PortalAdmin):
    list_display = ["wellbeing_area", "role", "target", "ideal", "valid_from"]
    list_filter = ["role", "wellbeing_area"]
    list_select_related = ["wellbeing_area"]


class AgeBandCountInline(admin.TabularInline):
    model = AgeBandCount
    extra = 0


class StaffingLineInline(admin.TabularInline):
    model = StaffingLine
    extra = 0


class WorkerCaseloadInline(admin.TabularInline):
    model = WorkerCaseload
    extra = 0


class ReopeningInline(admin.TabularInline):
    model = Reopening
    extra = 0
    readonly_fields = ["reopened_by", "reason", "created_at"]


class WarningAcknowledgementInline(admin.TabularInline):
    model = WarningAcknowledgement
    extra = 0
    readonly_fields = ["warnings", "comment", "acknowledged_by", "created_at"]


@admin.register(AreaReport)
class AreaReportAdmin(PortalAdmin):
    list_display = ["wellbeing_area", "period", "status", "clients_total", "submitted_at"]
    list_filter = ["status", "period", "wellbeing_area"]
    list_select_related = ["wellbeing_area", "period"]
    inlines = [
        AgeBandCountInline,
        StaffingLineInline,
        WorkerCaseloadInline,
        ReopeningInline,
        WarningAcknowledgementInline,
    ]
