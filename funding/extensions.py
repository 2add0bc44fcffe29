"""What funding adds to the pages of the apps below it (``config.extensions``): the money tabs of
the project page, the cost and financing links of an implementer, the money parts of the project
plan PDF, and the municipal funding years on "My groups"."""

from django.utils.translation import gettext_lazy as _

from config.extensions import Data, Link, Part, extensions
from config.templatetags.portal import eur, pct
from funding import selectors
from funding.models import CentreBudget, FundingYear
from projects.versions import table


def plan_context(project, viewer) -> dict:
    return {"finances": selectors.project_finances(project)}


def _cost_table(key: str, title: str, estimate) -> dict:
    rows = []
    for row in estimate.rows():
        if row["key"] == "flat_rate":
            label = (
                _("Flat rate %(rate)s of salaries (computed)") % {"rate": pct(estimate.flat_rate_percent)}
                if estimate.flat_rate_percent
                else _("Flat rate (computed per implementer)")
            )
        else:
            label = str(row["label"]).capitalize()
        rows.append((row["key"], [label, *(eur(v) for v in row["values"]), eur(row["total"])]))
    rows.append(("total", [_("Total costs"), *(eur(v) for v in estimate.year_totals), eur(estimate.total)]))
    columns = [_("Cost category"), *(str(year) for year in estimate.years), _("Total")]
    return table(key, "{}: {}".format(_("Cost estimate"), title), columns, rows)


def _financing_table(key: str, title: str, plan) -> dict:
    rows = [
        (str(row["kind"]), [str(row["label"]).capitalize(), eur(row["amount"]), pct(row["share"], 2)])
        for row in plan.rows()
    ]
    rows.append(("total", [_("Total financing"), eur(plan.total), pct(100, 2) if plan.total else ""]))
    rows.append(("cost_total", [_("Total costs"), eur(plan.cost_total), ""]))
    return table(
        key, "{}: {}".format(_("Financing plan"), title), [_("Financing"), _("Amount"), _("Share")], rows
    )


def plan_tables(project) -> list[dict]:
    """The money parts of a frozen plan version: cost estimate and financing plan of each implementer
    (and of the whole project, for a group project) and the regional split."""
    finances = selectors.project_finances(project)
    whole = str(_("Whole project"))
    tables = []
    if finances.is_group:
        tables.append(_cost_table("costs-project", whole, finances.estimate))
    for f in finances.implementers:
        organisation = f.implementer.organisation
        tables.append(_cost_table(f"costs-organisation-{organisation.pk}", organisation.name, f.estimate))
    if finances.is_group:
        summary = [
            (
                f"organisation-{f.implementer.organisation.pk}",
                [
                    f.implementer.organisation.name,
                    eur(f.estimate.total),
                    eur(f.plan.eu_state),
                    eur(f.plan.own),
                    eur(f.plan.external),
                ],
            )
            for f in finances.implementers
        ]
        summary.append(
            (
                "total",
                [
                    whole,
                    eur(finances.estimate.total),
                    eur(finances.plan.eu_state),
                    eur(finances.plan.own),
                    eur(finances.plan.external),
                ],
            )
        )
        columns = [
            _("Implementer"),
            _("Total costs"),
            _("EU and state funding"),
            _("Own funding"),
            _("External funding"),
        ]
        tables.append(table("financing-summary", _("Sub-projects and the whole project"), columns, summary))
        tables.append(_financing_table("financing-project", whole, finances.plan))
    for f in finances.implementers:
        organisation = f.implementer.organisation
        tables.append(
            _financing_table(f"financing-organisation-{organisation.pk}", organisation.name, f.plan)
        )
    split = [(region, [region, eur(amount)]) for region, amount in finances.region_totals()]
    if split:
        split.append(("total", [_("Allocated"), eur(finances.split_total)]))
    tables.append(
        table(
            "regional-split",
            _("Regional split of the EU and state funding"),
            [_("Region"), _("Amount")],
            split,
        )
    )
    return tables


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
extensions.add_data(
    "projects.plan_version.tables", Data(key="funding.finances", get_data=plan_tables, order=50)
)
extensions.add_part(
    "governance.home",
    Part(
        key="funding.funding_years",
        template_name="funding/extensions/funding_years.html",
        get_context=funding_years_context,
    ),
)
