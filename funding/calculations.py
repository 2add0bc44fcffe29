"""The funding arithmetic as plain functions: flat rate, cost totals, financing shares, warnings.

Nothing here touches the database or a request, so every rule is unit-tested on its own
(tests/funding/test_calculations.py). Euros are ``Decimal`` throughout.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from config import money
from config.money import ZERO
from funding.models import CostCategory, FinancingKind

# The categories in the order a cost estimate lists them; income is deducted.
CATEGORY_ORDER = [
    CostCategory.SALARIES,
    CostCategory.TRAVEL,
    CostCategory.OTHER,
    CostCategory.PURCHASED_SERVICES,
    CostCategory.LUMP_SUM,
    CostCategory.INCOME,
]
OWN_KINDS = {FinancingKind.OWN_MUNICIPAL, FinancingKind.OWN_OTHER_PUBLIC, FinancingKind.OWN_PRIVATE}
EXTERNAL_KINDS = {
    FinancingKind.EXTERNAL_MUNICIPAL,
    FinancingKind.EXTERNAL_OTHER_PUBLIC,
    FinancingKind.EXTERNAL_PRIVATE,
}


def flat_rate(salaries: Decimal, percent: Decimal) -> Decimal:
    """The flat-rate amount: ``percent`` of ``salaries``, rounded to whole euros (half up).

    >>> flat_rate(Decimal("52000"), Decimal("24"))
    Decimal('12480')
    """
    return money.of_percent(salaries, percent, money.EURO)


def share(part: Decimal, total: Decimal) -> Decimal | None:
    """``part`` as a percentage of ``total`` to two decimals; None when the total is zero."""
    return money.percent(part, total)


@dataclass
class CostEstimate:
    """The cost estimate of one implementer, or the sum of several (a group project)."""

    amounts: dict[tuple[str, int], Decimal] = field(default_factory=dict)
    flat_rates: dict[int, Decimal] = field(default_factory=dict)
    flat_rate_percent: Decimal | None = None

    @property
    def years(self) -> list[int]:
        return sorted({year for _, year in self.amounts} | set(self.flat_rates))

    def amount(self, category: str, year: int) -> Decimal:
        return self.amounts.get((category, year), ZERO)

    def category_total(self, category: str) -> Decimal:
        return sum((a for (c, _), a in self.amounts.items() if c == category), ZERO)

    @property
    def flat_rate_total(self) -> Decimal:
        return sum(self.flat_rates.values(), ZERO)

    def year_total(self, year: int) -> Decimal:
        total = self.flat_rates.get(year, ZERO)
        for (category, y), amount in self.amounts.items():
            if y == year:
                total += -amount if category == CostCategory.INCOME else amount
        return total

    @property
    def year_totals(self) -> list[Decimal]:
        return [self.year_total(year) for year in self.years]

    @property
    def total(self) -> Decimal:
        return sum(self.year_totals, ZERO)

    def rows(self) -> list[dict]:
        """Table rows: each category present (the flat rate right after salaries) with its yearly
        amounts and total; income shown as a negative figure."""
        rows = []
        for category in CATEGORY_ORDER:
            if any(c == category for c, _ in self.amounts):
                sign = -1 if category == CostCategory.INCOME else 1
                rows.append(
                    {
                        "key": str(category),
                        "label": category.label,
                        "values": [sign * self.amount(category, y) for y in self.years],
                        "total": sign * self.category_total(category),
                    }
                )
            if category == CostCategory.SALARIES and self.flat_rates:
                rows.append(
                    {
                        "key": "flat_rate",
                        "label": None,  # the template names it with the rate
                        "values": [self.flat_rates.get(y, ZERO) for y in self.years],
                        "total": self.flat_rate_total,
                    }
                )
        return rows


def cost_estimate(
    lines: Iterable[tuple[str, int, Decimal]], flat_rate_percent: Decimal | None
) -> CostEstimate:
    """One implementer's estimate from its lines ``(category, year, amount)``.

    The flat rate is computed per year from that year's salaries and rounded to whole euros.
    """
    amounts: dict[tuple[str, int], Decimal] = defaultdict(lambda: ZERO)
    for category, year, amount in lines:
        amounts[(str(category), int(year))] += Decimal(amount)
    percent = Decimal(flat_rate_percent or 0)
    flat_rates = {}
    if percent:
        salary_years = sorted({y for c, y in amounts if c == CostCategory.SALARIES})
        flat_rates = {y: flat_rate(amounts[(CostCategory.SALARIES, y)], percent) for y in salary_years}
    return CostEstimate(amounts=dict(amounts), flat_rates=flat_rates, flat_rate_percent=percent)


def group_estimate(estimates: Iterable[CostEstimate]) -> CostEstimate:
    """A group project's estimate: the sums of its sub-projects' (each flat rate rounded on its own)."""
    amounts: dict[tuple[str, int], Decimal] = defaultdict(lambda: ZERO)
    flat_rates: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for estimate in estimates:
        for key, amount in estimate.amounts.items():
            amounts[key] += amount
        for year, amount in estimate.flat_rates.items():
            flat_rates[year] += amount
    return CostEstimate(amounts=dict(amounts), flat_rates=dict(flat_rates))


@dataclass
class FinancingPlan:
    lines: list[tuple[str, Decimal]]
    cost_total: Decimal
    aid_rate: Decimal | None

    def by_kind(self, kind: str) -> Decimal:
        return sum((a for k, a in self.lines if k == kind), ZERO)

    @property
    def total(self) -> Decimal:
        return sum((a for _, a in self.lines), ZERO)

    @property
    def eu_state(self) -> Decimal:
        return self.by_kind(FinancingKind.EU_STATE)

    @property
    def own(self) -> Decimal:
        return sum((a for k, a in self.lines if k in OWN_KINDS), ZERO)

    @property
    def external(self) -> Decimal:
        return sum((a for k, a in self.lines if k in EXTERNAL_KINDS), ZERO)

    @property
    def difference(self) -> Decimal:
        """Financing total minus cost total: positive = over-financed, negative = a shortfall."""
        return self.total - self.cost_total

    @property
    def aid_share(self) -> Decimal | None:
        return share(self.eu_state, self.total)

    @property
    def aid_rate_differs(self) -> bool:
        """The EU and state share differs from the call's aid rate by more than rounding (0.05 points)."""
        if self.aid_rate is None or self.aid_share is None:
            return False
        return abs(self.aid_share - Decimal(self.aid_rate)) > Decimal("0.05")

    def rows(self) -> list[dict]:
        """One row per kind present, in the order of ``FinancingKind``, with its share of the total."""
        return [
            {
                "kind": kind,
                "label": kind.label,
                "amount": self.by_kind(kind),
                "share": share(self.by_kind(kind), self.total),
            }
            for kind in FinancingKind
            if any(k == kind for k, _ in self.lines)
        ]

    def warnings(self) -> list[str]:
        """Codes of what is wrong with the plan: ``mismatch`` (financing ≠ costs), ``aid_rate``."""
        found = []
        if self.difference:
            found.append("mismatch")
        if self.aid_rate_differs:
            found.append("aid_rate")
        return found


def financing_plan(
    lines: Iterable[tuple[str, Decimal]], *, cost_total: Decimal, aid_rate: Decimal | None
) -> FinancingPlan:
    return FinancingPlan(
        lines=[(str(k), Decimal(a)) for k, a in lines], cost_total=Decimal(cost_total), aid_rate=aid_rate
    )


def regional_split_difference(amounts: Iterable[Decimal], eu_state_total: Decimal) -> Decimal:
    """Allocated minus the EU and state total: zero when the split adds up."""
    return sum((Decimal(a) for a in amounts), ZERO) - Decimal(eu_state_total)


def realisation(budget: Decimal, actual: Decimal) -> tuple[Decimal | None, Decimal]:
    """Realisation % of the budget (one decimal) and what remains (budget − actual)."""
    return money.percent(actual, budget, money.ONE_DECIMAL), Decimal(budget) - Decimal(actual)


@dataclass(frozen=True)
class BudgetRow:
    """A line of a budget vs actual: what was budgeted and what it had come to (None: not reported)."""

    label: str | None
    budget: Decimal
    actual: Decimal | None = None

    @property
    def realisation(self) -> Decimal | None:
        """The actual as a percentage of the budget, to one decimal."""
        return None if self.actual is None else realisation(self.budget, self.actual)[0]

    @property
    def remaining(self) -> Decimal | None:
        return None if self.actual is None else realisation(self.budget, self.actual)[1]


@dataclass(frozen=True)
class BudgetVsActual:
    rows: list[BudgetRow]

    @property
    def total(self) -> BudgetRow:
        """The sums; the actual is None only when no line has one."""
        actuals = [row.actual for row in self.rows if row.actual is not None]
        return BudgetRow(
            label=None,
            budget=sum((row.budget for row in self.rows), ZERO),
            actual=sum(actuals, ZERO) if actuals else None,
        )


def budget_vs_actual(lines: Iterable[tuple[str | None, Decimal, Decimal | None]]) -> BudgetVsActual:
    """Budget vs actual over ``(label, budget, actual)`` lines: each line's realisation and what
    remains, and the totals. The one comparison behind a project's actuals (per implementer and
    cost category) and a competence centre's budget (per budget line at a date).

    >>> lines = [("Palkat", Decimal(300000), Decimal(97500)), ("Muut", Decimal(65000), None)]
    >>> report = budget_vs_actual(lines)
    >>> [row.realisation for row in report.rows], report.total.budget, report.total.actual
    ([Decimal('32.5'), None], Decimal('365000'), Decimal('97500'))
    """
    return BudgetVsActual(
        [
            BudgetRow(label, Decimal(budget), None if actual is None else Decimal(actual))
            for label, budget, actual in lines
        ]
    )


def cumulative(amounts: Iterable[Decimal]) -> list[Decimal]:
    """Running totals: [10, 20, 5] → [10, 30, 35]."""
    totals, running = [], ZERO
    for amount in amounts:
        running += Decimal(amount)
        totals.append(running)
    return totals
