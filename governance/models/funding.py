"""Municipal funding shares of a competence centre and the centre's budget."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from config.models import PortalModel
from governance.models.registry import Organisation, Region


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
        return reverse("governance:funding_year", kwargs={"pk": self.pk})


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
