from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Signing in: the organisations' OpenID Connect services, the second factor, session limits.

    The glue around django-allauth. It names no other app of the portal: roles stay in governance.
    """

    name = "accounts"
    verbose_name = _("Sign-in")

    def ready(self) -> None:
        from accounts import signals  # noqa: F401
