from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from opendata.models import Release


@admin.register(Release)
class ReleaseAdmin(SimpleHistoryAdmin):
    """Read-only here: periods are released in the portal (/avoindata/julkaisut/), where the rule
    "closed periods only" is checked (opendata.services.release_create)."""

    list_display = ["period", "released_by", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
