"""Cost estimates, financing plans, regional split and actual costs of ESR project implementers."""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from config.models import PortalModel
from governance.models import Region
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
