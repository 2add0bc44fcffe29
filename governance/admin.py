from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.options import ActionLocation
from django.http import HttpResponseRedirect
from django.urls import reverse

from config.admin import PortalAdmin
from config.imports.admin import PipelineImportMixin
from governance.models import (
    Affiliation,
    AgendaSection,
    AreaManager,
    Attachment,
    Meeting,
    Membership,
    MinutesCorrection,
    MinutesLocked,
    Municipality,
    Organisation,
    Person,
    Region,
    SteeringGroup,
    Term,
    WellbeingArea,
)
from governance.resources import municipality_importer, organisation_importer


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
class MunicipalityAdmin(PipelineImportMixin, PortalAdmin):
    """Imported from Statistics Finland's municipality classification (code, names, region, area)."""

    importer_factory = staticmethod(municipality_importer)
    list_display = ["code", "name_fi", "name_sv", "region", "wellbeing_area"]
    list_select_related = ["region", "wellbeing_area"]
    search_fields = ["name_fi", "name_sv", "code", "region__name_fi", "wellbeing_area__name_fi"]


class AffiliationInline(admin.TabularInline):
    model = Affiliation
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "is_coordinator"]


@admin.register(Organisation)
class OrganisationAdmin(PipelineImportMixin, PortalAdmin):
    importer_factory = staticmethod(organisation_importer)
    list_display = ["name", "short_name", "kind", "business_id", "region"]
    list_select_related = ["region"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "business_id", "region__name_fi"]
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


# --- steering groups and meetings ----------------------------------------------------------------


class TermInline(admin.TabularInline):
    model = Term
    extra = 0
    fields = ["start_year", "end_year"]


@admin.register(SteeringGroup)
class SteeringGroupAdmin(PortalAdmin):
    list_display = ["name", "kind", "owner"]
    list_select_related = ["owner"]
    list_filter = ["kind"]
    search_fields = ["name"]
    autocomplete_fields = ["owner"]
    inlines = [TermInline]


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "term"
    extra = 0
    autocomplete_fields = ["person", "represents_organisation"]
    fields = ["person", "role", "deputy_of", "represents_organisation", "represents_region", "start", "end"]


@admin.register(Term)
class TermAdmin(PortalAdmin):
    list_display = ["__str__", "group"]
    list_select_related = ["group"]
    search_fields = ["group__name"]
    inlines = [MembershipInline]


def _delete_unlocked(modeladmin, request, queryset):
    """ "Delete selected", refusing the whole selection if it holds anything of locked minutes."""
    if modeladmin.locked_in(queryset):
        modeladmin.message_user(request, MinutesLocked().messages[0], messages.ERROR)
        return None
    return delete_selected(modeladmin, request, queryset)


_delete_unlocked.allowed_permissions = ("delete",)
_delete_unlocked.short_description = delete_selected.short_description


class MeetingRecordAdmin(PortalAdmin):
    """A meeting or a part of it: read-only once the minutes are locked, for superusers too (whose
    ``has_perm`` is always true). The model and its queryset refuse the same; this says it first."""

    def meeting_of(self, obj):
        return obj.meeting

    def is_locked(self, obj) -> bool:
        return obj is not None and not self.meeting_of(obj).accepts_edits

    def locked_in(self, queryset) -> bool:
        return queryset.exclude(meeting__status__in=Meeting.EDITABLE_STATUSES).exists()

    def has_change_permission(self, request, obj=None) -> bool:
        return not self.is_locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return not self.is_locked(obj) and super().has_delete_permission(request, obj)

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        if "delete_selected" in actions:
            actions["delete_selected"] = (
                _delete_unlocked,
                "delete_selected",
                _delete_unlocked.short_description,
            )
        return actions

    def _refusing_locked(self, request, view, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except MinutesLocked as error:  # locked while the form was open
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            opts = self.model._meta
            return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))

    def changeform_view(self, request, *args, **kwargs):
        return self._refusing_locked(request, super().changeform_view, *args, **kwargs)

    def delete_view(self, request, *args, **kwargs):
        return self._refusing_locked(request, super().delete_view, *args, **kwargs)


class LockedInline:
    """An inline of a meeting's record: no adding, changing or deleting once the parent is locked."""

    def _parent_locked(self, obj) -> bool:
        if obj is None:
            return False
        meeting = obj if isinstance(obj, Meeting) else obj.meeting
        return not meeting.accepts_edits

    def has_add_permission(self, request, obj=None) -> bool:
        return not self._parent_locked(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return not self._parent_locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return not self._parent_locked(obj) and super().has_delete_permission(request, obj)


class AgendaSectionInline(LockedInline, admin.StackedInline):
    model = AgendaSection
    extra = 0
    fields = ["number", "title", "presentation", "proposal", "decision", "decision_type"]


class AttachmentInline(LockedInline, admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["title", "confidential"]


@admin.register(AgendaSection)
class AgendaSectionAdmin(MeetingRecordAdmin):
    list_display = ["__str__", "meeting"]
    list_select_related = ["meeting__group"]
    search_fields = ["title"]
    inlines = [AttachmentInline]


@admin.register(Meeting)
class MeetingAdmin(MeetingRecordAdmin):
    list_display = ["__str__", "starts_at", "kind", "status"]
    list_select_related = ["group"]
    # No filter by group: at national scale a list of thousands of groups; search names the group.
    list_filter = ["status", "kind"]
    search_fields = ["group__name", "title"]
    readonly_fields = [*PortalAdmin.readonly_fields, "status", "approved_at"]
    inlines = [AgendaSectionInline]

    def meeting_of(self, obj):
        return obj

    def is_locked(self, obj) -> bool:
        return obj is not None and obj.is_locked

    def locked_in(self, queryset) -> bool:
        return queryset.filter(status__in=Meeting.LOCKED_STATUSES).exists()


@admin.register(MinutesCorrection)
class MinutesCorrectionAdmin(PortalAdmin):
    list_display = ["meeting", "section", "field", "created_at", "corrected_by"]
    list_select_related = ["meeting__group", "section", "corrected_by"]

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # a correction is a record: never edited afterwards

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
