"""What search adds to the portal's own pages: the search box in the header (slot ``portal.header``)."""

from config.extensions import Part, extensions

extensions.add_part(
    "portal.header", Part(key="search", template_name="search/extensions/header.html", order=-10)
)
