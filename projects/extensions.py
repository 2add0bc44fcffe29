"""The project page's own tabs; apps above projects add theirs to the same slot (``config.extensions``)."""

from django.utils.translation import gettext_lazy as _

from config.extensions import Data, Link, Part, extensions
from projects import versions

for link in (
    Link(key="overview", label=_("Overview and implementers"), url_name="projects:detail", order=10),
    Link(key="plan", label=_("Work packages, staff and targets"), url_name="projects:plan", order=20),
    Link(key="versions", label=_("Plan versions"), url_name="projects:versions", order=80),
    Link(key="history", label=_("History"), url_name="projects:history", order=90),
):
    extensions.add_link("projects.tabs", link)

extensions.add_link(
    "portal.nav", Link(key="projects", label=_("Projects"), url_name="projects:list", order=10)
)
extensions.add_link(
    "portal.nav",
    Link(
        key="programmes",
        label=_("Programmes and calls"),
        url_name="projects:programmes",
        order=70,
        perm="projects.manage_programmes",
    ),
)
extensions.add_part(
    "portal.home", Part(key="projects", template_name="projects/extensions/home_card.html", order=10)
)

# A frozen plan version holds these tables of the plan; funding adds the money tables between them
# (config.extensions), in the order the plan PDF shows its parts.
extensions.add_data(
    "projects.plan_version.tables", Data(key="projects.plan", get_data=versions.project_tables, order=10)
)
extensions.add_data(
    "projects.plan_version.tables", Data(key="projects.results", get_data=versions.results_tables, order=90)
)
