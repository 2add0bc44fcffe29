from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.contrib.admin.utils import NotRelationField, get_fields_from_path
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _

# Every changelist (the portal's and the libraries' alike) counts its rows once, for the page shown,
# not a second time for "of N in all": at national scale each count reads a whole large table.
admin.ModelAdmin.show_full_result_count = False


def reads_no_table(model, list_filter) -> bool:
    """Whether a changelist filter offers its choices without a query: a field with choices, a yes/no
    or a date field, or a filter class of its own. A filter over a relation (the related table's
    rows) or over a plain field (its distinct values) reads a table on every changelist page,
    at national scale a large one; the search box finds the same rows."""
    if isinstance(list_filter, (list, tuple)):
        list_filter = list_filter[1] if issubclass(list_filter[1], admin.SimpleListFilter) else list_filter[0]
    if not isinstance(list_filter, str):
        return issubclass(list_filter, admin.SimpleListFilter)
    try:
        field = get_fields_from_path(model, list_filter)[-1]
    except (FieldDoesNotExist, NotRelationField):
        return False
    if field.is_relation:
        return False
    return bool(field.flatchoices) or isinstance(field, (models.BooleanField, models.DateField))


class ChangeListOfCheapFilters(ChangeList):
    """Every changelist, the portal's and the libraries' alike: only the filters that read no table
    (``reads_no_table``) and no date hierarchy (its links are the distinct dates of the table)."""

    def __init__(self, request, model, list_display, list_display_links, list_filter, date_hierarchy, *args):
        cheap = [f for f in list_filter if reads_no_table(model, f)]
        super().__init__(request, model, list_display, list_display_links, cheap, None, *args)


admin.ModelAdmin.get_changelist = lambda self, request, **kwargs: ChangeListOfCheapFilters


class PortalAdminSite(admin.AdminSite):
    """The administrators' site: branded, Finnish by default, models grouped by app."""

    site_header = _("Aftercare development portal – administration")
    site_title = _("Aftercare portal administration")
    index_title = _("Reference data and users")
    site_url = "/"

    def login(self, request, extra_context=None):
        # Everybody signs in through the portal's login page, which asks for the second factor.
        return secure_admin_login(super().login)(request, extra_context)
