"""allauth's authenticator list, with headings in the reader's language."""

from allauth.mfa import admin as mfa_admin
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin  # registers User and Group, unregistered below
from django.contrib.auth.models import Group, User
from django.utils.translation import gettext_lazy as _


class AuthenticatorTypeFilter(admin.SimpleListFilter):
    title = _("type")
    parameter_name = "type"

    def lookups(self, request, model_admin):
        return Authenticator.Type.choices

    def queryset(self, request, queryset):
        return queryset.filter(type=self.value()) if self.value() else queryset


admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class AuthenticatorAdmin(mfa_admin.AuthenticatorAdmin):
    list_display = ("user", "kind", "created_at", "last_used_at")
    list_filter = (AuthenticatorTypeFilter, "created_at", "last_used_at")

    @admin.display(description=_("type"), ordering="type")
    def kind(self, authenticator: Authenticator) -> str:
        return authenticator.get_type_display()


# Roles come from the portal (governance's people-and-roles page and its rules): Django's groups and
# per-model permissions have no effect here, so the admin does not offer them.
admin.site.unregister(Group)
admin.site.unregister(User)


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    list_display = ("username", "email", "first_name", "last_name", "is_superuser", "is_active")
    list_filter = ("is_superuser", "is_active")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
