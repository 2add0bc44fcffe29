"""What funding adds to the pages of the apps below it (``config.extensions``): the money tabs of
the project page, the cost and financing links of an implementer, the money parts of the project
plan PDF, and the municipal funding years on "My groups"."""

from django.utils.translation import gettext_lazy as _

from config.extensions import Link, Part, extensions
from funding import selectors
from funding.models import CentreBudget, FundingYear


def plan_context(project, viewer) -> dict:
    return {"finances": selectors.project_finances(project)}


def funding_years_context(obj, viewer) -> dict:
    if viewer is None:
        return {"funding_years": [], "budgets": []}
    return {
        "funding_years": list(FundingYear.objects.visible_to(viewer).select_related("centre")),
        "budgets": list(CentreBudget.objects.visible_to(viewer).select_related("centre")),
    }


for link in (
    Link(key="budget", label=_("Cost estimate and financing"), url_name="funding:budget", order=30),
    Link(key="actuals", label=_("Budget vs actual"), url_name="funding:actuals", order=40),
    Link(key="transfer", label=_("Import and export"), url_name="funding:transfer", order=50),
):
    extensions.add_link("projects.tabs", link)

for link in (
    Link(key="costs", label=_("Edit cost estimate"), url_name="funding:costs_edit", order=10),
    Link(key="financing", label=_("Edit financing plan"), url_name="funding:financing_edit", order=20),
):
    extensions.add_link("projects.implementer_actions", link)

extensions.add_part(
    "projects.plan_pdf.facts",
    Part(key="funding.totals", template_name="funding/extensions/plan_facts.html", get_context=plan_context),
)
extensions.add_part(
    "projects.plan_pdf.sections",
    Part(
        key="funding.finances",
        template_name="funding/extensions/plan_sections.html",
        get_context=plan_context,
    ),
)
extensions.add_part(
    "governance.home",
    Part(
        key="funding.funding_years",
        template_name="funding/extensions/funding_years.html",
        get_context=funding_years_context,
    ),
)
