"""Municipal funding shares: a year's total split among the base-agreement parties by a key.

Plain functions, no database: the parts are rounded to the cent by the largest-remainder method,
so they always sum to the total exactly.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from config.money import CENT, euros


@dataclass(frozen=True)
class Party:
    name: str
    population: int | None = None
    fixed_amount: Decimal | None = None
    weight: Decimal | None = None


def largest_remainder(total: Decimal, weights: Sequence[Fraction | int | Decimal]) -> list[Decimal]:
    """Split ``total`` in proportion to ``weights``, in whole cents summing exactly to ``total``.

    Each part first gets its exact quota rounded down to the cent; the cents left over go one by one
    to the parts with the largest remainders (ties: the earlier party first).
    """
    cents = int((Decimal(total) / CENT).to_integral_value())
    if Decimal(cents) * CENT != Decimal(total):
        raise ValidationError(_("The total must be in whole cents."), code="total_cents")
    fractions = [Fraction(w) for w in weights]
    weight_sum = sum(fractions, Fraction(0))
    if weight_sum <= 0:
        raise ValidationError(
            _("The key gives every party zero: there is nothing to divide by."), code="no_weight"
        )
    quotas = [Fraction(cents) * w / weight_sum for w in fractions]
    floors = [q.numerator // q.denominator for q in quotas]
    left = cents - sum(floors)
    by_remainder = sorted(range(len(quotas)), key=lambda i: (-(quotas[i] - floors[i]), i))
    for i in by_remainder[:left]:
        floors[i] += 1
    return [Decimal(c) * CENT for c in floors]


def compute_shares(total: Decimal, key: str, parties: Sequence[Party]) -> list[Decimal]:
    """Each party's share of ``total`` under ``key`` (population, equal, fixed, weights)."""
    if not parties:
        return []
    if key == "equal":
        return largest_remainder(total, [1] * len(parties))
    if key == "population":
        missing = [p.name for p in parties if p.population is None]
        if missing:
            raise ValidationError(
                _("Population is missing for: %(names)s."),
                params={"names": ", ".join(missing)},
                code="missing",
            )
        return largest_remainder(total, [p.population for p in parties])
    if key == "weights":
        missing = [p.name for p in parties if p.weight is None]
        if missing:
            raise ValidationError(
                _("Weight is missing for: %(names)s."), params={"names": ", ".join(missing)}, code="missing"
            )
        return largest_remainder(total, [p.weight for p in parties])
    if key == "fixed":
        missing = [p.name for p in parties if p.fixed_amount is None]
        if missing:
            raise ValidationError(
                _("Fixed amount is missing for: %(names)s."),
                params={"names": ", ".join(missing)},
                code="missing",
            )
        amounts = [euros(p.fixed_amount) for p in parties]
        if sum(amounts) != Decimal(total):
            raise ValidationError(
                _("The fixed amounts sum to %(sum)s € but the total is %(total)s €."),
                params={"sum": sum(amounts), "total": Decimal(total)},
                code="fixed_sum",
            )
        return amounts
    raise ValidationError(_("Unknown key: %(key)s."), params={"key": key}, code="key")
