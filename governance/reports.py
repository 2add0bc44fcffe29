"""Report sections governance offers to meeting reports: municipal funding shares, centre budget."""

from django import forms
from django.utils.translation import gettext_lazy as _

from config.sections import ReportSection, registry
from governance.models import CentreBudget, FundingYear
from governance.selectors import budget_vs_actual, funding_shares


class FundingSharesParams(forms.Form):
    funding_year = forms.ModelChoiceField(
        label=_("Funding year"), queryset=FundingYear.objects.select_related("centre")
    )

    def limit_choices_to_user(self, user) -> None:
        self.fields["funding_year"].queryset = FundingYear.objects.visible_to(user).select_related("centre")


def funding_shares_context(params, viewer) -> dict:
    return {"table": funding_shares(params["funding_year"])}


class CentreBudgetParams(forms.Form):
    budget = forms.ModelChoiceField(label=_("Budget"), queryset=CentreBudget.objects.select_related("centre"))
    as_of = forms.DateField(
        label=_("Actuals as of"), required=False, help_text=_("Leave empty to show the budget only.")
    )

    def limit_choices_to_user(self, user) -> None:
        self.fields["budget"].queryset = CentreBudget.objects.visible_to(user).select_related("centre")


def centre_budget_context(params, viewer) -> dict:
    return {"report": budget_vs_actual(params["budget"], params.get("as_of"))}


registry.register(
    ReportSection(
        key="governance.funding_shares",
        title=_("Municipal funding shares of a year"),
        template_name="governance/sections/funding_shares.html",
        params_form=FundingSharesParams,
        get_context=funding_shares_context,
    )
)
registry.register(
    ReportSection(
        key="governance.centre_budget",
        title=_("Competence centre budget (vs actual at a date)"),
        template_name="governance/sections/centre_budget.html",
        params_form=CentreBudgetParams,
        get_context=centre_budget_context,
    )
)
