"""What aftercare adds to the portal's own pages (``config.extensions``)."""

from django.utils.translation import gettext_lazy as _

from config.extensions import Link, Part, extensions
from governance.permissions import is_area_manager


def home_card_context(obj, viewer) -> dict:
    return {"is_area_manager": viewer is not None and is_area_manager(viewer)}


extensions.add_link(
    "portal.nav",
    Link(
        key="aftercare",
        label=_("Aftercare figures"),
        url_name="aftercare:home",
        order=20,
        perm="aftercare.view_overview",
    ),
)
extensions.add_part(
    "portal.home",
    Part(
        key="aftercare",
        template_name="aftercare/extensions/home_card.html",
        get_context=home_card_context,
        order=20,
        perm="aftercare.view_overview",
    ),
)
