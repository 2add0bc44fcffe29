from django.contrib import admin

from api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "hint", "created_at", "expires_at", "revoked_at", "last_used_at"]
    list_filter = ["revoked_at"]
    search_fields = ["name", "user__username"]
    readonly_fields = ["user", "name", "hint", "scope", "created_at", "expires_at", "last_used_at"]

    def has_add_permission(self, request) -> bool:
        return False  # tokens are made by their owner, who alone ever sees them
