"""What governance adds to the portal's own pages (``config.extensions``)."""

from django.utils.translation import gettext_lazy as _

from config.extensions import Link, Part, extensions

extensions.add_link(
    "portal.nav", Link(key="governance", label=_("Steering groups"), url_name="governance:home", order=30)
)
extensions.add_link(
    "portal.nav",
    Link(
        key="people",
        label=_("People and roles"),
        url_name="governance:people",
        order=60,
        perm="governance.manage_people",
    ),
)
extensions.add_part(
    "portal.home", Part(key="governance", template_name="governance/extensions/home_card.html", order=30)
)


def _calendar_context(obj, viewer) -> dict:
    from django.conf import settings
    from django.urls import reverse

    from notices.services import calendar_token_for

    token = calendar_token_for(viewer).token
    return {"feed_url": settings.PORTAL_URL.rstrip("/") + reverse("governance:calendar_feed", args=[token])}


# The person's calendar address on their notice settings page.
extensions.add_part(
    "notices.preferences",
    Part(
        key="governance.calendar",
        template_name="governance/extensions/calendar.html",
        get_context=_calendar_context,
    ),
)
