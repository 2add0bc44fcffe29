from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class ConfigConfig(AppConfig):
    """The shared plumbing: base models, PDF machinery, report-section registry, admin branding."""

    default = True
    name = "config"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from config import sections

        sections.autodiscover()


class PortalAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "config.admin_site.PortalAdminSite"
