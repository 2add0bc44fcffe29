"""Report sections funding offers to steering-group meeting reports: budget vs actual of a project,
municipal funding shares of a year, a competence centre's budget."""

import datetime
from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from config.charts import hbar_chart
from config.sections import ReportSection, registry
from config.templatetags.portal import eur, pct
from funding import selectors
from funding.models import CentreBudget, FundingYear
from projects.models import Project


class BudgetVsActualParams(forms.Form):
    project = forms.ModelChoiceField(label=_("project"), queryset=Project.objects.all())
    as_of = forms.DateField(label=_("as of"), initial=datetime.date.today)

    def limit_choices_to_user(self, user) -> None:
        self.fields["project"].queryset = Project.objects.visible_to(user)


def budget_vs_actual_context(params: Mapping[str, Any], viewer) -> dict:
    project = Project.objects.for_page().get(pk=params["project"].pk)
    tables = selectors.budget_vs_actual(selectors.project_finances(project), params["as_of"])
    bars = [
        (str(table.implementer.organisation), table.total.realisation)
        for table in tables
        if table.total.realisation is not None
    ]
    chart = None
    if bars:
        chart = hbar_chart(
            gettext("Realisation of the budget by implementer"), bars, maximum=100, value_text=pct
        )
    return {"project": project, "as_of": params["as_of"], "tables": tables, "chart": chart}


registry.register(
    ReportSection(
        key="funding.budget_vs_actual",
        title=_("Budget vs actual"),
        template_name="funding/sections/budget_vs_actual.html",
        params_form=BudgetVsActualParams,
        get_context=budget_vs_actual_context,
    )
)


class FundingSharesParams(forms.Form):
    funding_year = forms.ModelChoiceField(
        label=_("Funding year"), queryset=FundingYear.objects.select_related("centre")
    )

    def limit_choices_to_user(self, user) -> None:
        self.fields["funding_year"].queryset = FundingYear.objects.visible_to(user).select_related("centre")


def shares_chart(table: selectors.SharesTable) -> SafeString | None:
    """Each party's share as a bar, with its euros and per cent written beside it."""
    if table.error or not table.rows:
        return None
    bars = [(str(row.party), row.share) for row in table.rows]
    percents = {row.share: row.percent for row in table.rows}
    return hbar_chart(
        gettext("Municipal funding by party"),
        bars,
        value_text=lambda share: f"{eur(share)} ({pct(percents[share], 2)})",
    )


def funding_shares_context(params, viewer) -> dict:
    table = selectors.funding_shares(params["funding_year"])
    return {"table": table, "chart": shares_chart(table)}


class CentreBudgetParams(forms.Form):
    budget = forms.ModelChoiceField(label=_("Budget"), queryset=CentreBudget.objects.select_related("centre"))
    as_of = forms.DateField(
        label=_("Actuals as of"), required=False, help_text=_("Leave empty to show the budget only.")
    )

    def limit_choices_to_user(self, user) -> None:
        self.fields["budget"].queryset = CentreBudget.objects.visible_to(user).select_related("centre")


def centre_budget_context(params, viewer) -> dict:
    return {"report": selectors.centre_budget_vs_actual(params["budget"], params.get("as_of"))}


registry.register(
    ReportSection(
        key="funding.shares",
        title=_("Municipal funding shares of a year"),
        template_name="funding/sections/shares.html",
        params_form=FundingSharesParams,
        get_context=funding_shares_context,
    )
)
registry.register(
    ReportSection(
        key="funding.centre_budget",
        title=_("Competence centre budget (vs actual at a date)"),
        template_name="funding/sections/centre_budget.html",
        params_form=CentreBudgetParams,
        get_context=centre_budget_context,
    )
)
