"""allauth's authenticator list, with headings in the reader's language."""

from allauth.mfa import admin as mfa_admin
from allauth.mfa.models import Authenticator
from django.contrib import admin
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
