from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

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

    list_display = ["label", "frequency", "start", "end", "due_date", "is_open"]
    list_filter = ["frequency", "is_open"]
    # Opening and closing are actions rather than list_editable checkboxes: those have no label a
    # screen reader could announce (WCAG 1.3.1, 4.1.2), and an action says what it does.
    actions = ["open_for_entry", "close_for_entry"]

    @admin.action(description=_("Open the selected periods for entry"))
    def open_for_entry(self, request, queryset):
        self._set_open(request, queryset, is_open=True)

    @admin.action(description=_("Close the selected periods for entry"))
    def close_for_entry(self, request, queryset):
        self._set_open(request, queryset, is_open=False)

    def _set_open(self, request, queryset, *, is_open: bool) -> None:
        changed = 0
        for period in queryset.exclude(is_open=is_open):
            period.is_open = is_open
            period.save()  # one by one, so each change is in the period's history with who made it
            changed += 1
        message = ngettext("%(count)s period changed.", "%(count)s periods changed.", changed)
        self.message_user(request, message % {"count": changed})


@admin.register(AgeBand)
class AgeBandAdmin(PortalAdmin):
    list_display = ["label", "lower", "upper", "is_active"]


@admin.register(CaseloadNorm)
class CaseloadNormAdmin(PortalAdmin):
    list_display = ["wellbeing_area", "role", "target", "ideal", "valid_from"]
    list_filter = ["role"]  # the area through the search box: a filter over it reads its table
    list_select_related = ["wellbeing_area"]
    search_fields = ["wellbeing_area__name_fi", "wellbeing_area__name_sv"]


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
    # Filters that need no query of their own (a national table); search names the area.
    list_filter = ["status"]
    search_fields = ["wellbeing_area__name_fi", "wellbeing_area__slug"]
    list_select_related = ["wellbeing_area", "period"]
    inlines = [
        AgeBandCountInline,
        StaffingLineInline,
        WorkerCaseloadInline,
        ReopeningInline,
        WarningAcknowledgementInline,
    ]
