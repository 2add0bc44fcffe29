from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    """Open data (/avoindata/): released periods' caseload figures of every area, suppressed as for
    outsiders, as CSV and JSON under CC BY 4.0 with DCAT metadata. A top layer: reads aftercare;
    nothing imports it."""

    name = "opendata"
    verbose_name = _("Open data")
