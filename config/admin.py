"""Admin base class shared by every app: history and the portal's permission vocabulary."""

from rules.contrib.admin import ObjectPermissionsModelAdminMixin
from simple_history.admin import SimpleHistoryAdmin


class PortalAdmin(ObjectPermissionsModelAdminMixin, SimpleHistoryAdmin):
    """Asks the rules permissions (``<app>.<verb>_<model>``) per object and shows each record's history."""

    readonly_fields = ("created_at", "updated_at", "version")
    # A changelist of a national table (hundreds of thousands of rows) counts its rows once, for the
    # filtered page, not a second time for "of N in all".
    show_full_result_count = False
