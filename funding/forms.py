import datetime
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseFormSet, formset_factory, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from config.forms import VersionedModelForm, check_date_order
from config.models import ConcurrentEditError
from funding import calculations as calc
from funding.models import (
    MONEY,
    ActualCost,
    BudgetLine,
    CentreBudget,
    CostCategory,
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


class CostGridRowForm(forms.Form):
    """One row of the cost grid: a category (and an optional description) with an amount per year.

    Each amount cell carries the id of the cost line it shows, so a saved line is updated in place
    (its history continues) rather than replaced. A row with no amounts is ignored; clearing a saved
    figure deletes its line."""

    category = forms.ChoiceField(
        label=_("category"), choices=[("", _("– choose –")), *CostCategory.choices], required=False
    )
    description = forms.CharField(label=_("description"), max_length=200, required=False)

    def __init__(self, *args, years: list[int], project_years: range, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.years, self.project_years = years, project_years
        for year in years:
            field = forms.DecimalField(
                label=str(year), required=False, min_value=Decimal(0), localize=True, **MONEY
            )
            field.widget = forms.TextInput(
                attrs={"inputmode": "decimal", "class": "num-input", "data-year": year}
            )
            field.widget.is_localized = True
            self.fields[f"y{year}"] = field
            self.fields[f"id{year}"] = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def amount_fields(self) -> list:
        return [self[f"y{year}"] for year in self.years]

    def amounts(self) -> dict[int, Decimal]:
        """The typed amounts by year, read leniently so that a page with an error still shows the
        totals of what is valid."""
        if hasattr(self, "cleaned_data"):
            raw = {y: self.cleaned_data.get(f"y{y}") for y in self.years}
        else:
            raw = {}
            for year in self.years:
                name = f"y{year}"
                value = self[name].value()
                try:
                    raw[year] = self.fields[name].clean(value) if self.is_bound else value
                except ValidationError:
                    raw[year] = None
        result = {}
        for year, value in raw.items():
            try:
                if value not in (None, ""):
                    result[year] = Decimal(value)
            except (InvalidOperation, TypeError):
                continue
        return result

    def clean(self):
        cleaned = super().clean()
        amounts = {y: cleaned.get(f"y{y}") for y in self.years if cleaned.get(f"y{y}") is not None}
        if amounts and not cleaned.get("category"):
            self.add_error("category", _("Choose the cost category of this row."))
        first, last = self.project_years[0], self.project_years[-1]
        for year in amounts:
            if year not in self.project_years:
                self.add_error(
                    f"y{year}",
                    _("%(year)s is outside the project's years %(first)s–%(last)s: clear this figure.")
                    % {"year": year, "first": first, "last": last},
                )
        return cleaned


class BaseCostGridFormSet(BaseFormSet):
    """The cost grid of one implementer. ``stamp`` identifies the saved lines the page was built
    from: if anyone changed them since, the save is refused (optimistic locking for the whole grid)."""

    def __init__(self, *args, years: list[int], project_years: range, stamp: str, **kwargs) -> None:
        self.years, self.stamp = years, stamp
        kwargs["form_kwargs"] = {"years": years, "project_years": project_years}
        super().__init__(*args, **kwargs)

    @property
    def stamp_name(self) -> str:
        return f"{self.prefix}-STAMP"

    def clean(self) -> None:
        if self.data.get(self.stamp_name) != self.stamp:
            raise ValidationError(ConcurrentEditError.message, code="stale")

    def totals(self, flat_rate_percent: Decimal | None) -> dict:
        """Row, year and grand totals of what the grid holds (the computed flat rate included), for
        the page without script; the script recomputes the same as one types. Sets ``form.total``."""
        lines = []
        for form in self.forms:
            amounts = form.amounts()
            form.total = sum(amounts.values(), Decimal(0))
            category = form["category"].value()
            lines += [(category, year, amount) for year, amount in amounts.items() if category]
        estimate = calc.cost_estimate(lines, flat_rate_percent)
        return {
            "flat_rates": [estimate.flat_rates.get(year, Decimal(0)) for year in self.years],
            "years": [estimate.year_total(year) for year in self.years],
            "flat_rate": estimate.flat_rate_total,
            "total": estimate.total,
        }

    def cells(self) -> list[dict]:
        """The non-empty amounts as values for ``funding.services.cost_estimate_save``."""
        cells = []
        for form in self.forms:
            data = form.cleaned_data
            for year in self.years:
                if data.get(f"y{year}") is not None:
                    cells.append(
                        {
                            "category": data["category"],
                            "description": data.get("description") or "",
                            "year": year,
                            "amount": data[f"y{year}"],
                            "line_id": data.get(f"id{year}"),
                        }
                    )
        return cells


CostGridFormSet = formset_factory(CostGridRowForm, formset=BaseCostGridFormSet, extra=2)


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
