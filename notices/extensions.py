"""What notices adds to the portal's own pages: the "Notices" link with the unread count in the
header (slot ``portal.header``)."""

from config.extensions import Part, extensions


def _header_context(obj, viewer) -> dict:
    from notices.selectors import unread_count

    return {"unread": unread_count(viewer)}


extensions.add_part(
    "portal.header",
    Part(key="notices", template_name="notices/extensions/header.html", get_context=_header_context),
)
