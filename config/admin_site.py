from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

# Every changelist (the portal's and the libraries' alike) counts its rows once, for the page shown,
# not a second time for "of N in all": at national scale each count reads a whole large table.
admin.ModelAdmin.show_full_result_count = False


class PortalAdminSite(admin.AdminSite):
    """The administrators' site: branded, Finnish by default, models grouped by app."""

    site_header = _("Aftercare development portal – administration")
    site_title = _("Aftercare portal administration")
    index_title = _("Reference data and users")
    site_url = "/"

    def login(self, request, extra_context=None):
        # Everybody signs in through the portal's login page, which asks for the second factor.
        return secure_admin_login(super().login)(request, extra_context)
