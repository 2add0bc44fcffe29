"""Euros, shares and percentages: one rounding rule for the whole portal.

Every figure the portal rounds (euros to the cent, flat rates to whole euros, shares and
percentages, person-years, caseload ratios) is rounded here, half up, as Finnish accounting and
the funding authority's documents do: 0,125 → 0,13, never 0,12 (Python's default is half to even).
Euros are ``Decimal`` throughout; a float never enters.

>>> percent(Decimal("24800"), Decimal("80000"))
Decimal('31.00')
>>> euros(Decimal("0.125"))
Decimal('0.13')
"""

from decimal import ROUND_HALF_UP, Decimal

ROUNDING = ROUND_HALF_UP
ZERO = Decimal(0)
CENT = Decimal("0.01")
EURO = Decimal(1)
# Places for percentages: shares as a funding decision prints them (16,18 %), and the one-decimal
# figures of follow-up tables (realisation 32,5 %, caseload change +12,5 %).
SHARE_PLACES = CENT
ONE_DECIMAL = Decimal("0.1")


def round_to(value: Decimal | int | str, places: Decimal) -> Decimal:
    """``value`` rounded half up to ``places`` (``CENT``, ``EURO``, ``ONE_DECIMAL`` …).

    >>> round_to(Decimal("2.45"), ONE_DECIMAL), round_to(Decimal("-2.45"), ONE_DECIMAL)
    (Decimal('2.5'), Decimal('-2.5'))
    """
    return Decimal(value).quantize(places, rounding=ROUNDING)


def euros(value: Decimal | int | str) -> Decimal:
    """An amount to the cent."""
    return round_to(value, CENT)


def whole_euros(value: Decimal | int | str) -> Decimal:
    """An amount to the whole euro (the flat rate is computed so)."""
    return round_to(value, EURO)


def percent(part: Decimal | int, total: Decimal | int, places: Decimal = SHARE_PLACES) -> Decimal | None:
    """``part`` as a percentage of ``total``; None when the total is zero (nothing to divide by).

    >>> percent(1, 3), percent(97500, 300000, ONE_DECIMAL), percent(5, 0)
    (Decimal('33.33'), Decimal('32.5'), None)
    """
    if not total:
        return None
    return round_to(Decimal(part) * 100 / Decimal(total), places)


def of_percent(amount: Decimal | int, rate: Decimal | int, places: Decimal = CENT) -> Decimal:
    """``rate`` per cent of ``amount``: ``of_percent(52000, 24, EURO)`` is 12 480 €."""
    return round_to(Decimal(amount) * Decimal(rate) / 100, places)
