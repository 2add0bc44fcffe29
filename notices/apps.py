from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    """Notices to people, in the portal and by e-mail, and the reminders that make them. The bottom
    of the import graph beside config: the domain apps call ``notices.services.notify``."""

    name = "notices"
    verbose_name = _("Notices")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from notices.middleware import on_sign_in

        user_logged_in.connect(on_sign_in, dispatch_uid="notices.language_on_sign_in")
