from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class ConfigConfig(AppConfig):
    """The shared plumbing: base models, PDF machinery, the registries (report sections, page
    extensions), admin branding."""

    default = True
    name = "config"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        from config import extensions, sections

        # Each app keeps its rules predicates in ``permissions.py`` (rules' own autodiscovery only
        # looks for ``rules.py``); load them all at start-up so ``has_perm`` knows every permission.
        autodiscover_modules("permissions")
        sections.autodiscover()
        extensions.autodiscover()


class PortalAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "config.admin_site.PortalAdminSite"
