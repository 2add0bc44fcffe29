from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Registry and governance")

    def ready(self) -> None:
        # rules' AutodiscoverRulesConfig only imports modules named ``rules``; the portal keeps its
        # permissions in ``permissions.py``, so load ours here (otherwise they exist only once some
        # URLconf has happened to import them).
        from governance import permissions  # noqa: F401
