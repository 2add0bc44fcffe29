from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The read API (/api/v1/) and personal API tokens. A top layer: reads the apps below it through
    their selectors and permission rules; nothing imports it."""

    name = "api"
    verbose_name = _("API")
