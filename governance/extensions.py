"""What governance adds to the portal's own pages (``config.extensions``)."""

from django.utils.translation import gettext_lazy as _

from config.extensions import Link, Part, extensions

extensions.add_link(
    "portal.nav", Link(key="governance", label=_("Steering groups"), url_name="governance:home", order=30)
)
extensions.add_part(
    "portal.home", Part(key="governance", template_name="governance/extensions/home_card.html", order=30)
)
