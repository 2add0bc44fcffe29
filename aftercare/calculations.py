"""The caseload arithmetic: plain functions on plain values, unit-tested without a request.

Norms are "target clients per full-time worker of a role". Each client of an area has (or should
have) a worker of each role, so a role's load is the area's clients over that role's filled FTE.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from config.money import CENT as TWO_DECIMALS
from config.money import ONE_DECIMAL, round_to

SUPPRESSION_LIMIT = 5


_q = round_to  # the portal's one rounding rule (half up)


def clients_per_fte(clients: int, fte: Decimal) -> Decimal | None:
    """Clients per full-time worker, to one decimal; None when nobody works in the role."""
    if fte is None or fte <= 0:
        return None
    return _q(Decimal(clients) / Decimal(fte), ONE_DECIMAL)


def fte_needed(clients: int, target: int | None) -> Decimal | None:
    """The FTE a role needs so that nobody carries more than ``target`` clients."""
    if not target:
        return None
    return _q(Decimal(clients) / Decimal(target), TWO_DECIMALS)


def fte_gap(needed: Decimal | None, filled: Decimal) -> Decimal | None:
    """Needed minus filled: positive means too few workers."""
    if needed is None:
        return None
    return _q(needed - Decimal(filled), TWO_DECIMALS)


def workers_above_norm(caseloads: Iterable[int], target: int | None) -> int:
    if not target:
        return 0
    return sum(1 for clients in caseloads if clients > target)


@dataclass(frozen=True)
class Spread:
    """How unevenly clients are shared among workers: lowest, highest, mean, (population) standard
    deviation and coefficient of variation (standard deviation / mean, in per cent)."""

    count: int
    lowest: int | None
    highest: int | None
    mean: Decimal | None
    stdev: Decimal | None
    cv_percent: Decimal | None


def spread(caseloads: Sequence[int]) -> Spread:
    values = list(caseloads)
    if not values:
        return Spread(0, None, None, None, None, None)
    n = Decimal(len(values))
    mean = sum(Decimal(v) for v in values) / n
    variance = sum((Decimal(v) - mean) ** 2 for v in values) / n
    stdev = variance.sqrt()
    cv = stdev / mean * 100 if mean else None
    return Spread(
        count=len(values),
        lowest=min(values),
        highest=max(values),
        mean=_q(mean, ONE_DECIMAL),
        stdev=_q(stdev, ONE_DECIMAL),
        cv_percent=_q(cv, ONE_DECIMAL) if cv is not None else None,
    )


def percent_change(previous: int | Decimal | None, current: int | Decimal | None) -> Decimal | None:
    """Change from ``previous`` to ``current`` in per cent, to one decimal; None if not comparable."""
    if previous is None or current is None or isinstance(previous, str) or isinstance(current, str):
        return None  # a suppressed count ("<5") is never compared: the change would give it away
    if previous == 0:
        return None
    return _q((Decimal(current) - Decimal(previous)) / Decimal(previous) * 100, ONE_DECIMAL)


def trend(points: Sequence[tuple[str, int | None]]) -> list[tuple[str, int | None, Decimal | None]]:
    """Each (label, value) with its change in per cent from the previous point that has a value."""
    result = []
    previous = None
    for label, value in points:
        result.append((label, value, percent_change(previous, value)))
        if value is not None:
            previous = value
    return result


def suppress(value: int | None, *, full: bool) -> int | str | None:
    """A count as shown to a viewer: counts under 5 read "<5" unless the viewer may see them in full."""
    if value is None or full or isinstance(value, str) or value >= SUPPRESSION_LIMIT:
        return value
    return f"<{SUPPRESSION_LIMIT}"


# --- one area's figures ------------------------------------------------------------------------


@dataclass
class Figures:
    """One area's figures for one period, as entered (form, upload) or read from the database."""

    clients_total: int | None = None
    new_clients: int | None = None
    ended_clients: int | None = None
    neet_clients: int | None = None
    other_area_clients: int | None = None
    age_bands: dict[str, int | None] = field(default_factory=dict)  # band label → clients
    staffing: dict[str, tuple[Decimal, Decimal]] = field(default_factory=dict)  # role → (filled, vacant)
    workers: list[tuple[str, str, int]] = field(default_factory=list)  # (label, role, clients)

    COUNT_FIELDS = ("clients_total", "new_clients", "ended_clients", "neet_clients", "other_area_clients")

    @classmethod
    def from_report(cls, report, *, age_bands=None, staffing=None, workers=None) -> "Figures":
        """From an AreaReport whose lines were prefetched (``AreaReport.objects.for_page()``), or
        with its lines given as values (``selectors.summaries`` reads them in one query)."""
        if age_bands is None:
            age_bands = {count.band.label: count.clients for count in report.age_counts.all()}
        if staffing is None:
            staffing = {line.role: (line.fte_filled, line.fte_vacant) for line in report.staffing.all()}
        if workers is None:
            workers = [(w.label, w.role, w.clients) for w in report.workers.all()]
        return cls(
            **{name: getattr(report, name) for name in cls.COUNT_FIELDS},
            age_bands=age_bands,
            staffing=staffing,
            workers=workers,
        )


@dataclass(frozen=True)
class RoleFigures:
    role: str
    fte_filled: Decimal
    fte_vacant: Decimal
    clients_per_fte: Decimal | None
    target: int | None
    ideal: int | None
    fte_needed: Decimal | None
    gap: Decimal | None
    fte_needed_ideal: Decimal | None
    workers: int
    workers_above_norm: int
    spread: Spread

    @property
    def above_norm(self) -> bool:
        return bool(self.target and self.clients_per_fte is not None and self.clients_per_fte > self.target)


def role_figures(figures: Figures, norms: dict[str, tuple[int, int | None]]) -> list[RoleFigures]:
    """Derived figures per role, for the roles that have staff, workers or a norm.

    ``norms`` maps role → (target, ideal).
    """
    from aftercare.models import Role

    clients = figures.clients_total or 0
    rows = []
    for role in Role.values:
        filled, vacant = figures.staffing.get(role, (Decimal(0), Decimal(0)))
        caseloads = [count for _label, worker_role, count in figures.workers if worker_role == role]
        target, ideal = norms.get(role, (None, None))
        if not (filled or vacant or caseloads or target):
            continue
        needed = fte_needed(clients, target)
        rows.append(
            RoleFigures(
                role=role,
                fte_filled=Decimal(filled),
                fte_vacant=Decimal(vacant),
                # A role without a norm (special counsellors) serves only some of the clients,
                # so the area's clients over its FTE would mislead.
                clients_per_fte=clients_per_fte(clients, filled) if target else None,
                target=target,
                ideal=ideal,
                fte_needed=needed,
                gap=fte_gap(needed, filled),
                fte_needed_ideal=fte_needed(clients, ideal),
                workers=len(caseloads),
                workers_above_norm=workers_above_norm(caseloads, target),
                spread=spread(caseloads),
            )
        )
    return rows
