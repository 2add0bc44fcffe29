"""Formatting shared by every page and PDF: euros, percentages and figures the Finnish way."""

from decimal import Decimal, InvalidOperation

from django import template
from django.template.defaultfilters import floatformat

register = template.Library()

NBSP = "\xa0"
MINUS = "\u2212"


def _minus(text: str) -> str:
    """Negative figures take the typographic minus sign (−1 860,50 €), not a hyphen."""
    return MINUS + text[1:] if text.startswith("-") else text


@register.filter
def eur(value, places: int = 2) -> str:
    """``Decimal('436068')`` → ``436 068,00 €`` (non-breaking spaces, decimal comma)."""
    if value is None or value == "":
        return ""
    try:
        Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    return f"{_minus(floatformat(value, f'{places}g'))}{NBSP}€"


@register.filter
def pct(value, places: int = 1) -> str:
    """``Decimal('80.0')`` → ``80,0 %``."""
    if value is None or value == "":
        return ""
    return f"{_minus(floatformat(value, f'{places}g'))}{NBSP}%"


@register.filter
def num(value, places: int = 0) -> str:
    """A figure with Finnish grouping: ``988216`` → ``988 216``; ``2.5`` with 1 → ``2,5``."""
    if value is None or value == "":
        return ""
    return _minus(floatformat(value, f"{places}g"))
