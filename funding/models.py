"""All money: cost estimates, financing plans, regional split and actual costs of ESR project
implementers; the municipal funding shares of a competence centre and the centre's own budget."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from config.models import PortalModel
from governance.models import Organisation, Region
from projects.models import Implementer

MONEY = {"max_digits": 12, "decimal_places": 2}


class CostCategory(models.TextChoices):
    SALARIES = "salaries", _("salaries")
    TRAVEL = "travel", _("travel")
    OTHER = "other", _("other costs")
    PURCHASED_SERVICES = "purchased_services", _("purchased services")
    LUMP_SUM = "lump_sum", _("lump sum")
    INCOME = "income", _("income (deducted)")


class CostModel(PortalModel):
    """How an implementer's costs are reckoned: the flat rate and how salaries are reported."""

    class SalaryReporting(models.TextChoices):
        ACTUAL = "actual", _("actual costs")
        UNIT_COST = "unit_cost", _("unit costs")

    implementer = models.OneToOneField(Implementer, on_delete=models.CASCADE, related_name="cost_model")
    flat_rate_percent = models.DecimalField(
        _("flat rate (percent of salaries)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        help_text=_("e.g. 24 or 40; the flat-rate amount is computed from the salary costs."),
    )
    salary_reporting = models.CharField(
        _("salary reporting"), max_length=12, choices=SalaryReporting.choices, default=SalaryReporting.ACTUAL
    )

    class Meta:
        verbose_name = _("cost model")
        verbose_name_plural = _("cost models")
        constraints = [
            models.CheckConstraint(
                condition=Q(flat_rate_percent__gte=0, flat_rate_percent__lte=100),
                name="cost_model_flat_rate_percent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.flat_rate_percent} % / {self.get_salary_reporting_display()}"


class CostLine(PortalModel):
    """A line of the cost estimate: an implementer's costs of one category in one year."""

    implementer = models.ForeignKey(Implementer, on_delete=models.CASCADE, related_name="cost_lines")
    category = models.CharField(_("category"), max_length=20, choices=CostCategory.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    description = models.CharField(_("description"), max_length=200, blank=True)
    amount = models.DecimalField(_("amount (€)"), **MONEY)

    class Meta:
        ordering = ["year", "category", "pk"]
        verbose_name = _("cost line")
        verbose_name_plural = _("cost lines")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="cost_line_amount_not_negative"),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="cost_line_year_range"),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.year}"

    def clean(self) -> None:
        super().clean()
        # A form's line carries its implementer; an import checks the years of the whole file at
        # once (``CostLineImporter.validate_rows``) instead of fetching each line's project.
        if not self.implementer_id or not self._meta.get_field("implementer").is_cached(self):
            return
        if not self.implementer._meta.get_field("project").is_cached(self.implementer):
            return
        years = self.implementer.project.years
        if years and self.year is not None and self.year not in years:
            raise ValidationError(
                {
                    "year": _("%(year)s is outside the project's years %(first)s–%(last)s.")
                    % {"year": self.year, "first": years[0], "last": years[-1]}
                }
            )


class FinancingKind(models.TextChoices):
    EU_STATE = "eu_state", _("EU and state funding")
    OWN_MUNICIPAL = "own_municipal", _("own funding: municipal")
    OWN_OTHER_PUBLIC = "own_other_public", _("own funding: other public")
    OWN_PRIVATE = "own_private", _("own funding: private")
    EXTERNAL_MUNICIPAL = "external_municipal", _("external funding: municipal")
    EXTERNAL_OTHER_PUBLIC = "external_other_public", _("external funding: other public")
    EXTERNAL_PRIVATE = "external_private", _("external funding: private")


class FinancingLine(PortalModel):
    """A line of an implementer's financing plan."""

    implementer = models.ForeignKey(Implementer, on_delete=models.CASCADE, related_name="financing_lines")
    kind = models.CharField(_("kind"), max_length=24, choices=FinancingKind.choices)
    source = models.CharField(_("source"), max_length=200, blank=True, help_text=_("e.g. the municipality"))
    amount = models.DecimalField(_("amount (€)"), **MONEY)

    class Meta:
        ordering = ["kind", "pk"]
        verbose_name = _("financing line")
        verbose_name_plural = _("financing lines")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="financing_line_amount_not_negative"),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class RegionalSplit(PortalModel):
    """The part of an implementer's EU and state funding allocated to one region."""

    implementer = models.ForeignKey(Implementer, on_delete=models.CASCADE, related_name="regional_splits")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("region"))
    amount = models.DecimalField(_("amount (€)"), **MONEY)

    class Meta:
        ordering = ["region__code"]
        verbose_name = _("regional split")
        verbose_name_plural = _("regional splits")
        constraints = [
            models.UniqueConstraint(fields=["implementer", "region"], name="regional_split_unique_region"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="regional_split_amount_not_negative"),
        ]


class ActualCost(PortalModel):
    """Costs booked by an implementer in one category during the period ending ``as_of``.

    The realised cost at a date is the sum of the rows up to that date.
    """

    implementer = models.ForeignKey(Implementer, on_delete=models.CASCADE, related_name="actual_costs")
    category = models.CharField(_("category"), max_length=20, choices=CostCategory.choices)
    as_of = models.DateField(_("booked up to"))
    amount = models.DecimalField(_("amount (€)"), **MONEY)

    class Meta:
        ordering = ["as_of", "category"]
        verbose_name = _("actual cost")
        verbose_name_plural = _("actual costs")
        constraints = [
            models.UniqueConstraint(
                fields=["implementer", "category", "as_of"], name="actual_cost_unique_category_date"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="actual_cost_amount_not_negative"),
        ]


class PaymentClaim(PortalModel):
    """Maksatushakemus: the costs an implementer claims from the funding authority for one period."""

    implementer = models.ForeignKey(Implementer, on_delete=models.CASCADE, related_name="payment_claims")
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    claimed = models.DecimalField(_("claimed (€)"), **MONEY)
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)

    class Meta:
        ordering = ["period_start"]
        verbose_name = _("payment claim")
        verbose_name_plural = _("payment claims")
        constraints = [
            models.UniqueConstraint(
                fields=["implementer", "period_start"], name="payment_claim_unique_period"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="payment_claim_period_ordered"
            ),
            models.CheckConstraint(condition=Q(claimed__gte=0), name="payment_claim_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.period_start}–{self.period_end}"


# --- municipal funding shares and the centre's budget ----------------------------------------------


class CentreScopedQuerySet(models.QuerySet):
    """Records of a competence centre (funding years, budgets)."""

    def visible_to(self, user) -> "CentreScopedQuerySet":
        """Administrators; coordinators of the centre; members of the centre's groups."""
        from governance.permissions import member_group_ids

        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        from governance.permissions import coordinated_organisation_ids

        return self.filter(
            Q(centre_id__in=coordinated_organisation_ids(user))
            | Q(centre__steering_groups__in=member_group_ids(user))
        ).distinct()


class FundingYear(PortalModel):
    """The municipal funding of a competence centre for one year, split among the base-agreement parties."""

    class Key(models.TextChoices):
        POPULATION = "population", _("by population")
        EQUAL = "equal", _("equal parts")
        FIXED = "fixed", _("fixed amounts")
        WEIGHTS = "weights", _("custom weights")

    centre = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="funding_years",
        verbose_name=_("competence centre"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    total = models.DecimalField(_("total municipal funding"), max_digits=12, decimal_places=2)
    key = models.CharField(_("key"), max_length=16, choices=Key.choices)
    note = models.TextField(_("note"), blank=True)

    objects = CentreScopedQuerySet.as_manager()

    class Meta:
        ordering = ["centre", "-year"]
        verbose_name = _("municipal funding year")
        verbose_name_plural = _("municipal funding years")
        constraints = [
            models.UniqueConstraint(fields=["centre", "year"], name="fundingyear_unique_centre_year"),
            models.CheckConstraint(condition=Q(total__gte=0), name="fundingyear_total_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.centre} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("funding:funding_year", kwargs={"pk": self.pk})


class FundingParty(PortalModel):
    """A party to the base agreement in one funding year, with the figures the keys use."""

    funding_year = models.ForeignKey(FundingYear, on_delete=models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("party")
    )
    label = models.CharField(
        _("label"), max_length=200, blank=True, help_text=_("E.g. Seinäjoki / Etelä-Pohjanmaa.")
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("region")
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    fixed_amount = models.DecimalField(
        _("fixed amount"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    weight = models.DecimalField(_("weight"), max_digits=12, decimal_places=4, null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["funding_year", "order", "pk"]
        verbose_name = _("funding party")
        verbose_name_plural = _("funding parties")
        constraints = [
            models.UniqueConstraint(
                fields=["funding_year", "organisation"], name="fundingparty_unique_organisation"
            ),
            models.CheckConstraint(
                condition=Q(fixed_amount__isnull=True) | Q(fixed_amount__gte=0),
                name="fundingparty_fixed_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(weight__isnull=True) | Q(weight__gte=0), name="fundingparty_weight_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.label or str(self.organisation)


class CentreBudget(PortalModel):
    """A competence centre's annual budget, with its lines and their actuals at dates."""

    centre = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="budgets")
    year = models.PositiveSmallIntegerField(_("year"))
    total = models.DecimalField(_("total budget"), max_digits=12, decimal_places=2)
    state_grant_estimate = models.DecimalField(
        _("state grant estimate"), max_digits=12, decimal_places=2, default=0
    )

    objects = CentreScopedQuerySet.as_manager()

    class Meta:
        ordering = ["centre", "-year"]
        verbose_name = _("centre budget")
        verbose_name_plural = _("centre budgets")
        constraints = [
            models.UniqueConstraint(fields=["centre", "year"], name="centrebudget_unique_centre_year"),
            models.CheckConstraint(
                condition=Q(state_grant_estimate__lte=F("total")), name="centrebudget_grant_within_total"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.centre} {self.year}"


class BudgetLine(PortalModel):
    budget = models.ForeignKey(CentreBudget, on_delete=models.CASCADE, related_name="lines")
    label = models.CharField(_("line"), max_length=200)
    amount = models.DecimalField(_("budgeted"), max_digits=12, decimal_places=2)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["budget", "order", "pk"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self) -> str:
        return self.label


class BudgetActual(PortalModel):
    """What a budget line had come to at a date (budget vs actual)."""

    line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="actuals")
    as_of = models.DateField(_("as of"))
    amount = models.DecimalField(_("actual"), max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["line", "as_of"]
        verbose_name = _("actual")
        verbose_name_plural = _("actuals")
        constraints = [
            models.UniqueConstraint(fields=["line", "as_of"], name="budgetactual_unique_line_date"),
        ]

    def __str__(self) -> str:
        return f"{self.line} {self.as_of}"
