import datetime

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from config.forms import VersionedModelForm, check_date_order
from funding.models import (
    ActualCost,
    BudgetLine,
    CentreBudget,
    CostLine,
    CostModel,
    FinancingLine,
    FundingParty,
    FundingYear,
    PaymentClaim,
    RegionalSplit,
)
from funding.shares import Party, compute_shares
from projects.forms import LocalizedNumbersMixin
from projects.models import Implementer


class CostModelForm(LocalizedNumbersMixin, VersionedModelForm):
    class Meta:
        model = CostModel
        fields = ["flat_rate_percent", "salary_reporting"]


class CostLineForm(LocalizedNumbersMixin, VersionedModelForm):
    class Meta:
        model = CostLine
        fields = ["category", "year", "description", "amount"]


class FinancingLineForm(LocalizedNumbersMixin, VersionedModelForm):
    class Meta:
        model = FinancingLine
        fields = ["kind", "source", "amount"]


class RegionalSplitForm(LocalizedNumbersMixin, VersionedModelForm):
    class Meta:
        model = RegionalSplit
        fields = ["region", "amount"]


class ActualCostForm(LocalizedNumbersMixin, VersionedModelForm):
    class Meta:
        model = ActualCost
        fields = ["category", "as_of", "amount"]
        widgets = {"as_of": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class PaymentClaimForm(LocalizedNumbersMixin, VersionedModelForm):
    class Meta:
        model = PaymentClaim
        fields = ["period_start", "period_end", "claimed", "submitted_on"]
        widgets = {
            name: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            for name in ("period_start", "period_end", "submitted_on")
        }

    def clean(self):
        cleaned = super().clean()
        check_date_order(self, "period_start", "period_end")
        return cleaned


CostLineFormSet = inlineformset_factory(Implementer, CostLine, form=CostLineForm, extra=3, can_delete=True)
FinancingLineFormSet = inlineformset_factory(
    Implementer, FinancingLine, form=FinancingLineForm, extra=2, can_delete=True
)
RegionalSplitFormSet = inlineformset_factory(
    Implementer, RegionalSplit, form=RegionalSplitForm, extra=2, can_delete=True
)
ActualCostFormSet = inlineformset_factory(
    Implementer, ActualCost, form=ActualCostForm, extra=3, can_delete=True
)


class AsOfForm(forms.Form):
    as_of = forms.DateField(
        label=_("as of"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), required=False
    )

    def as_of_date(self) -> datetime.date:
        if self.is_valid() and self.cleaned_data["as_of"]:
            return self.cleaned_data["as_of"]
        return datetime.date.today()


PaymentClaimFormSet = inlineformset_factory(
    Implementer, PaymentClaim, form=PaymentClaimForm, extra=2, can_delete=True
)


class FundingYearForm(LocalizedNumbersMixin, VersionedModelForm):
    class Meta:
        model = FundingYear
        fields = ["centre", "year", "total", "key", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, centres, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = centres
        self.fields["year"].min_value = 1990
        self.fields["year"].max_value = 2100


class FundingPartyForm(LocalizedNumbersMixin, VersionedModelForm):
    class Meta:
        model = FundingParty
        fields = ["organisation", "label", "region", "population", "fixed_amount", "weight", "order"]


class BaseFundingPartyFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        """The key must be applicable to the parties as entered (a fixed key's amounts sum to the
        total, a population key has every population): said here, not found later on the page."""
        super().clean()
        if any(form.errors for form in self.forms) or self.instance.total is None or not self.instance.key:
            return
        parties = [
            Party(
                name=str(form.cleaned_data.get("label") or form.cleaned_data.get("organisation") or ""),
                population=form.cleaned_data.get("population"),
                fixed_amount=form.cleaned_data.get("fixed_amount"),
                weight=form.cleaned_data.get("weight"),
            )
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        compute_shares(self.instance.total, self.instance.key, parties)


FundingPartyFormSet = inlineformset_factory(
    FundingYear,
    FundingParty,
    form=FundingPartyForm,
    formset=BaseFundingPartyFormSet,
    extra=3,
    can_delete=True,
)


class CentreBudgetForm(LocalizedNumbersMixin, VersionedModelForm):
    class Meta:
        model = CentreBudget
        fields = ["centre", "year", "total", "state_grant_estimate"]

    def __init__(self, *args, centres, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = centres
        self.fields["year"].min_value = 1990
        self.fields["year"].max_value = 2100


class BudgetLineForm(LocalizedNumbersMixin, VersionedModelForm):
    class Meta:
        model = BudgetLine
        fields = ["label", "amount", "order"]


BudgetLineFormSet = inlineformset_factory(
    CentreBudget, BudgetLine, form=BudgetLineForm, extra=3, can_delete=True
)
