"""One rounding rule for the portal: half up, to the cent, the euro or a percentage's places."""

import re
from decimal import Decimal

import pytest
from django.template import Context, Template

from config import money


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0.125", "0.13"),  # half to even would give 0.12
        ("0.135", "0.14"),
        ("2.675", "2.68"),
        ("0.124", "0.12"),
        ("-0.125", "-0.13"),  # away from zero, symmetrically
        ("436068", "436068.00"),
    ],
)
def test_euros_round_half_up_to_the_cent(value, expected):
    assert money.euros(Decimal(value)) == Decimal(expected)
    assert str(money.euros(Decimal(value))) == expected


def test_whole_euros_and_per_cent_of_an_amount():
    assert money.whole_euros(Decimal("12480.5")) == Decimal(12481)
    assert money.whole_euros(Decimal("12479.5")) == Decimal(12480)  # half to even would stay at 12480
    assert money.of_percent(Decimal(52000), Decimal(24), money.EURO) == Decimal(12480)
    assert money.of_percent(Decimal("10.50"), Decimal(25)) == Decimal("2.63")  # 2.625


def test_percent_of_a_total():
    # Municipal funding 2021: Seinäjoki / Etelä-Pohjanmaa 24 800 € and Keski-Pohjanmaa 28 968 € of 80 000 €.
    assert money.percent(Decimal(24800), Decimal(80000)) == Decimal("31.00")
    assert money.percent(Decimal(28968), Decimal(80000)) == Decimal("36.21")
    assert money.percent(Decimal(12945), Decimal(80000)) == Decimal("16.18")  # 16.18125
    assert money.percent(1, 8, money.ONE_DECIMAL) == Decimal("12.5")
    assert money.percent(1, 16) == Decimal("6.25")
    assert money.percent(1, 16, money.ONE_DECIMAL) == Decimal("6.3")  # half up, not 6.2
    assert money.percent(Decimal(5), 0) is None


def render(source: str, **context) -> str:
    return Template(source).render(Context(context)).replace("\xa0", " ")


def test_template_filters_round_by_the_same_rule():
    assert render("{{ v|eur }}", v=Decimal("0.125")) == "0,13 €"
    assert render("{{ v|eur }}", v=Decimal("436068")) == "436 068,00 €"
    assert render("{{ v|pct:2 }}", v=Decimal("16.18125")) == "16,18 %"
    assert render("{{ v|pct }}", v=Decimal("6.25")) == "6,3 %"
    assert render("{{ v|pct:2 }}", v=Decimal("0.125")) == "0,13 %"
    assert render("{{ v|num:2 }}", v=Decimal("2.425")) == "2,43"
    assert render("{{ v|eur }}", v="") == "" and render("{{ v|pct }}", v=None) == ""


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_figures_are_written_as_floatformat_writes_them_in_every_language(language):
    """The filters write figures without ``floatformat``'s general path (a table calls them hundreds
    of times a page); what they write is the same to the character, signs and zeros included."""
    from django.template.defaultfilters import floatformat
    from django.utils import translation

    from config.templatetags.portal import MINUS, _figure

    values = ["0", "-0.04", "0.05", "-0.05", "1", "-1", "999", "1000", "-1000", "2.45", "-2.45"]
    values += ["1234567.891", "-1234.5", "0.125", "98765432.1", "-0.5", "12.5", "-999999.995"]
    with translation.override(language):
        for value in values:
            for places in (0, 1, 2, 3):
                rounded = money.round_to(Decimal(value), Decimal(1).scaleb(-places))
                expected = floatformat(rounded, f"{places}g")
                expected = MINUS + expected[1:] if expected.startswith("-") else expected
                assert _figure(value, places) == expected, (value, places)


def test_cent_is_defined_once():
    from funding import calculations, shares

    assert shares.CENT is money.CENT
    assert not hasattr(calculations, "CENT")


ROUNDING = re.compile(r"\bROUND_(HALF_UP|HALF_EVEN|HALF_DOWN|UP|DOWN|CEILING|FLOOR|05UP)\b")


def test_no_app_rounds_on_its_own():
    """Every rounding goes through config.money, so there is one rule (deleting it here fails this)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = [
        str(path.relative_to(root))
        for app in ("config", "governance", "projects", "funding", "aftercare")
        for path in (root / app).rglob("*.py")
        if path != root / "config" / "money.py"
        and ("quantize(" in (text := path.read_text(encoding="utf-8")) or ROUNDING.search(text))
    ]
    assert offenders == []
