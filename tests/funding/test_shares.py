"""Municipal funding shares: the parts always sum to the total to the cent."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from funding.shares import Party, compute_shares, largest_remainder

TOTAL = Decimal("80000.00")


def test_three_equal_parts_of_80000_sum_exactly():
    shares = compute_shares(TOTAL, "equal", [Party("A"), Party("B"), Party("C")])
    # 8 000 000 cents / 3 = 2 666 666.67: the one cent left over goes to the first party.
    assert shares == [Decimal("26666.67"), Decimal("26666.67"), Decimal("26666.66")]
    assert sum(shares) == TOTAL


def test_weights_that_leave_remainders_go_to_the_largest_remainders():
    # 100.00 € by 1:1:1:1:1:1:1 → 14.2857… each: 14.28 × 7 = 99.96, four cents go to the first four.
    shares = compute_shares(
        Decimal("100.00"), "weights", [Party(str(i), weight=Decimal(1)) for i in range(7)]
    )
    assert shares == [Decimal("14.29")] * 4 + [Decimal("14.28")] * 3
    assert sum(shares) == Decimal("100.00")


def test_uneven_weights_by_hand():
    # 10.00 € by 1:2:3 → 1.666…, 3.333…, 5.00: floors 1.66, 3.33, 5.00 (9.99); remainders .0067, .0033, 0.
    shares = largest_remainder(Decimal("10.00"), [1, 2, 3])
    assert shares == [Decimal("1.67"), Decimal("3.33"), Decimal("5.00")]


def test_population_key():
    parties = [
        Party("Seinäjoki", population=64_000),
        Party("Vaasa", population=67_000),
        Party("Soite", population=77_000),
    ]
    shares = compute_shares(TOTAL, "population", parties)
    # 80 000 × 64/208 = 24 615.384…, × 67/208 = 25 769.230…, × 77/208 = 29 615.384…
    assert shares == [Decimal("24615.39"), Decimal("25769.23"), Decimal("29615.38")]
    assert sum(shares) == TOTAL


@pytest.mark.parametrize("key", ["equal", "population", "weights"])
@pytest.mark.parametrize("total", ["80000.00", "0.01", "0.00", "365000.00", "99999.99", "1.00"])
def test_every_key_sums_to_the_total(key, total):
    parties = [Party(str(i), population=1000 + 37 * i, weight=Decimal(i % 4 + 1) / 3) for i in range(11)]
    shares = compute_shares(Decimal(total), key, parties)
    assert sum(shares) == Decimal(total)
    assert all(share >= 0 and share == share.quantize(Decimal("0.01")) for share in shares)


def test_fixed_amounts_must_sum_to_the_total():
    parties = [Party("A", fixed_amount=Decimal("24800")), Party("B", fixed_amount=Decimal("26232"))]
    with pytest.raises(ValidationError) as error:
        compute_shares(TOTAL, "fixed", parties)
    assert "51032" in str(error.value) or "51 032" in str(error.value)


def test_demo_fixed_amounts_of_2021():
    parties = [
        Party("Seinäjoki / Etelä-Pohjanmaa", fixed_amount=Decimal("24800")),
        Party("Vaasa / Pohjanmaa", fixed_amount=Decimal("26232")),
        Party("Keski-Pohjanmaa ml. Kruunupyy", fixed_amount=Decimal("28968")),
    ]
    assert compute_shares(TOTAL, "fixed", parties) == [
        Decimal("24800.00"),
        Decimal("26232.00"),
        Decimal("28968.00"),
    ]


def test_missing_population_is_named():
    with pytest.raises(ValidationError, match="Vaasa"):
        compute_shares(TOTAL, "population", [Party("Seinäjoki", population=1), Party("Vaasa")])


def test_all_zero_weights_are_refused():
    with pytest.raises(ValidationError):
        compute_shares(TOTAL, "weights", [Party("A", weight=Decimal(0))])
