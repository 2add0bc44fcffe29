"""Reads for funding pages: a project's figures gathered in a fixed number of queries and handed to
the plain functions of ``funding.calculations``; a centre's municipal funding shares and budget."""

import datetime
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Sum

from config.money import ZERO, percent
from funding import calculations as calc
from funding.models import (
    ActualCost,
    BudgetActual,
    CentreBudget,
    CostCategory,
    CostLine,
    CostModel,
    FinancingLine,
    FundingYear,
    PaymentClaim,
    RegionalSplit,
)
from funding.shares import Party, compute_shares
from projects.models import Implementer, Project


@dataclass
class ImplementerFinances:
    implementer: Implementer
    estimate: calc.CostEstimate
    plan: calc.FinancingPlan
    splits: list[RegionalSplit] = field(default_factory=list)
    salary_reporting: str = ""

    @property
    def split_total(self) -> Decimal:
        return sum((s.amount for s in self.splits), Decimal(0))

    @property
    def split_difference(self) -> Decimal:
        return calc.regional_split_difference((s.amount for s in self.splits), self.plan.eu_state)


@dataclass
class ProjectFinances:
    project: Project
    implementers: list[ImplementerFinances]
    estimate: calc.CostEstimate
    plan: calc.FinancingPlan

    @property
    def is_group(self) -> bool:
        return len(self.implementers) > 1

    @property
    def split_total(self) -> Decimal:
        return sum((i.split_total for i in self.implementers), Decimal(0))

    @property
    def split_difference(self) -> Decimal:
        return sum((i.split_difference for i in self.implementers if i.splits), Decimal(0))

    def region_totals(self) -> list[tuple[str, Decimal]]:
        totals: dict[str, Decimal] = defaultdict(Decimal)
        for finances in self.implementers:
            for split in finances.splits:
                totals[str(split.region)] += split.amount
        return sorted(totals.items())


def project_finances(project: Project) -> ProjectFinances:
    """Cost estimate, financing plan and regional split of every implementer and of the whole
    project. ``project`` should come with its implementers prefetched (``Project.objects.for_tab``)."""
    implementers = list(project.implementers.all())
    lines = defaultdict(list)
    for implementer_id, category, year, amount in CostLine.objects.filter(
        implementer__project=project
    ).values_list("implementer_id", "category", "year", "amount"):
        lines[implementer_id].append((category, year, amount))
    models = {m.implementer_id: m for m in CostModel.objects.filter(implementer__project=project)}
    financing = defaultdict(list)
    for implementer_id, kind, amount in FinancingLine.objects.filter(
        implementer__project=project
    ).values_list("implementer_id", "kind", "amount"):
        financing[implementer_id].append((kind, amount))
    splits = defaultdict(list)
    for split in RegionalSplit.objects.filter(implementer__project=project).select_related("region"):
        splits[split.implementer_id].append(split)

    aid_rate = project.call.aid_rate
    result = []
    for implementer in implementers:
        model = models.get(implementer.pk)
        estimate = calc.cost_estimate(lines[implementer.pk], model.flat_rate_percent if model else None)
        plan = calc.financing_plan(financing[implementer.pk], cost_total=estimate.total, aid_rate=aid_rate)
        result.append(
            ImplementerFinances(
                implementer=implementer,
                estimate=estimate,
                plan=plan,
                splits=splits[implementer.pk],
                salary_reporting=model.get_salary_reporting_display() if model else "",
            )
        )
    estimate = calc.group_estimate(f.estimate for f in result)
    plan = calc.financing_plan(
        [line for f in result for line in f.plan.lines], cost_total=estimate.total, aid_rate=aid_rate
    )
    return ProjectFinances(project=project, implementers=result, estimate=estimate, plan=plan)


@dataclass
class ClaimRow:
    claim: PaymentClaim
    cumulative: Decimal
    share_of_budget: Decimal | None


@dataclass
class ImplementerActuals:
    """An implementer's budget vs actual (``calculations.budget_vs_actual``) and payment claims."""

    implementer: Implementer
    comparison: calc.BudgetVsActual
    claims: list[ClaimRow] = field(default_factory=list)
    flat_rate_percent: Decimal | None = None

    @property
    def rows(self) -> list[calc.BudgetRow]:
        return self.comparison.rows

    @property
    def total(self) -> calc.BudgetRow:
        return self.comparison.total


def budget_vs_actual(finances: ProjectFinances, as_of: datetime.date) -> list[ImplementerActuals]:
    """Per implementer and category: the budget, the actual costs booked up to ``as_of`` (the flat
    rate realised from the actual salaries), realisation % and what remains. Income is deducted."""
    actual = defaultdict(Decimal)
    for implementer_id, category, amount in (
        ActualCost.objects.filter(implementer__project=finances.project, as_of__lte=as_of)
        .values("implementer_id", "category")
        .annotate(amount=Sum("amount"))
        .values_list("implementer_id", "category", "amount")
    ):
        actual[(implementer_id, category)] = amount
    claims = defaultdict(list)
    for claim in PaymentClaim.objects.filter(implementer__project=finances.project, period_start__lte=as_of):
        claims[claim.implementer_id].append(claim)
    result = []
    for f in finances.implementers:
        pk, estimate = f.implementer.pk, f.estimate
        lines = []
        for row in estimate.rows():
            if row["key"] == "flat_rate":
                realised = calc.flat_rate(
                    actual[(pk, CostCategory.SALARIES)], estimate.flat_rate_percent or 0
                )
                label = None
            else:
                realised = actual[(pk, row["key"])]
                label = row["label"]
                if row["key"] == CostCategory.INCOME:
                    realised = -realised
            lines.append((label, row["total"], realised))
        own_claims = claims[pk]
        claim_rows = [
            ClaimRow(claim=claim, cumulative=running, share_of_budget=calc.share(running, estimate.total))
            for claim, running in zip(own_claims, calc.cumulative(c.claimed for c in own_claims), strict=True)
        ]
        result.append(
            ImplementerActuals(
                implementer=f.implementer,
                comparison=calc.budget_vs_actual(lines),
                claims=claim_rows,
                flat_rate_percent=estimate.flat_rate_percent,
            )
        )
    return result


def implementer_finances(implementer: Implementer) -> ImplementerFinances:
    """One implementer's saved cost estimate and financing plan, as its project's page shows them."""
    project = Project.objects.for_page().get(pk=implementer.project_id)
    return next(f for f in project_finances(project).implementers if f.implementer.pk == implementer.pk)


# --- municipal funding shares and the centre's budget ----------------------------------------------


@dataclass(frozen=True)
class ShareRow:
    party: object
    share: Decimal
    percent: Decimal


@dataclass(frozen=True)
class SharesTable:
    funding_year: FundingYear
    rows: list[ShareRow]
    total: Decimal
    error: str = ""


def funding_shares(funding_year: FundingYear) -> SharesTable:
    """The year's parties with their computed shares (and the reason, if the key cannot be applied)."""
    parties = list(funding_year.parties.select_related("organisation", "region"))
    inputs = [
        Party(name=str(p), population=p.population, fixed_amount=p.fixed_amount, weight=p.weight)
        for p in parties
    ]
    try:
        shares = compute_shares(funding_year.total, funding_year.key, inputs)
    except ValidationError as error:
        return SharesTable(funding_year, [], funding_year.total, error=" ".join(error.messages))
    rows = [
        ShareRow(p, s, percent(s, funding_year.total) or ZERO) for p, s in zip(parties, shares, strict=True)
    ]
    return SharesTable(funding_year, rows, sum(shares, Decimal(0)))


@dataclass(frozen=True)
class CentreBudgetReport:
    """A centre budget compared with what its lines had come to at ``as_of`` (None: budget only)."""

    budget: CentreBudget
    as_of: datetime.date | None
    comparison: calc.BudgetVsActual

    @property
    def rows(self) -> list[calc.BudgetRow]:
        return self.comparison.rows

    @property
    def total(self) -> calc.BudgetRow:
        return self.comparison.total


def centre_budget_vs_actual(budget: CentreBudget, as_of: datetime.date | None = None) -> CentreBudgetReport:
    """A centre budget's lines with, if ``as_of`` is given, what each had come to by that date."""
    actuals = {}
    if as_of is not None:
        actuals = dict(
            BudgetActual.objects.filter(line__budget=budget, as_of=as_of).values_list("line_id", "amount")
        )
    lines = [(line.label, line.amount, actuals.get(line.pk)) for line in budget.lines.all()]
    return CentreBudgetReport(budget, as_of, calc.budget_vs_actual(lines))


# --- the cost estimate as a grid ----------------------------------------------------------------


def cost_lines_stamp(lines) -> str:
    """A fingerprint of saved cost lines (ids and versions): changes whenever any line is added,
    changed or deleted, so a grid built from older lines is refused on save."""
    text = ",".join(f"{line.pk}:{line.version}" for line in sorted(lines, key=lambda line: line.pk))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class CostGrid:
    """What the cost grid of one implementer starts from: its year columns (the project's years,
    and any year a saved line has outside them, so such a figure is seen and can be cleared), the
    rows as the grid's initial data, and the stamp of the saved lines."""

    years: list[int]
    project_years: range
    initial: list[dict]
    stamp: str


def cost_grid(implementer: Implementer) -> CostGrid:
    """One row per category and description, a cell per year; a second line for the same category,
    description and year goes on a row of its own so that no saved line is merged away."""
    lines = list(CostLine.objects.filter(implementer=implementer))
    project_years = implementer.project.years
    years = sorted(set(project_years) | {line.year for line in lines})
    order = {category: n for n, category in enumerate(calc.CATEGORY_ORDER)}
    rows: list[dict] = []
    for line in sorted(lines, key=lambda x: (order.get(x.category, 99), x.description, x.pk)):
        row = next(
            (
                r
                for r in rows
                if (r["category"], r["description"]) == (line.category, line.description)
                and f"y{line.year}" not in r
            ),
            None,
        )
        if row is None:
            row = {"category": line.category, "description": line.description}
            rows.append(row)
        row[f"y{line.year}"], row[f"id{line.year}"] = line.amount, line.pk
    if not rows:  # a new estimate starts with the usual categories, like the authority's form
        rows = [{"category": c, "description": ""} for c in calc.CATEGORY_ORDER[:4]]
    return CostGrid(years=years, project_years=project_years, initial=rows, stamp=cost_lines_stamp(lines))
