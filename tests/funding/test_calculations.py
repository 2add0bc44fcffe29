"""The funding arithmetic, checked against figures computed by hand and the documents' figures."""

from decimal import Decimal

import pytest

from funding import calculations as calc
from funding.models import CostCategory, FinancingKind

D = Decimal


def sonet_botnia_lines():
    # The demo's split of the SONet BOTNIA sub-implementation: 24 % flat rate on salaries.
    return [
        ("salaries", 2020, D(52000)),
        ("travel", 2020, D(1500)),
        ("salaries", 2021, D(158000)),
        ("travel", 2021, D(4000)),
        ("purchased_services", 2021, D(8000)),
        ("salaries", 2022, D(126000)),
        ("travel", 2022, D(3000)),
        ("purchased_services", 2022, D(2928)),
    ]


def test_flat_rate_rounds_to_whole_euros_half_up():
    assert calc.flat_rate(D("1001.25"), D(40)) == D(401)  # 400.50 → 401
    assert calc.flat_rate(D("1001.24"), D(40)) == D(400)  # 400.496 → 400
    assert calc.flat_rate(D(52000), D(24)) == D(12480)


def test_flat_rate_is_computed_per_year_from_salaries_only():
    estimate = calc.cost_estimate(
        [("salaries", 2021, D("1001.25")), ("salaries", 2022, D("1001.25")), ("travel", 2021, D(999))], D(40)
    )
    # Each year rounded on its own: 401 + 401, not round(800.999) = 801.
    assert estimate.flat_rates == {2021: D(401), 2022: D(401)}
    assert estimate.flat_rate_total == D(802)
    assert estimate.total == D("1001.25") * 2 + D(802) + D(999)


def test_sonet_botnia_sub_implementation_totals_436_068():
    estimate = calc.cost_estimate(sonet_botnia_lines(), D(24))
    assert estimate.flat_rates == {2020: D(12480), 2021: D(37920), 2022: D(30240)}
    assert estimate.year_totals == [D(65980), D(207920), D(162168)]
    assert estimate.total == D(436068)


def test_document_financing_of_sonet_botnia_esr_80_own_20():
    plan = calc.financing_plan(
        [("eu_state", D(348854)), ("own_other_public", D(87214))], cost_total=D(436068), aid_rate=D(80)
    )
    assert plan.total == D(436068)
    assert plan.eu_state == D(348854) and plan.own == D(87214)
    assert [row["share"] for row in plan.rows()] == [D("80.00"), D("20.00")]
    assert plan.difference == 0
    assert plan.warnings() == []


def test_group_totals_are_the_sums_of_sub_projects():
    sonet = calc.cost_estimate(sonet_botnia_lines(), D(24))
    thl = calc.cost_estimate([("salaries", 2021, D(440000)), ("travel", 2022, D(6548))], D(24))
    group = calc.group_estimate([sonet, thl])
    assert thl.total == D(552148)
    assert group.total == sonet.total + thl.total == D(988216)
    assert group.flat_rate_total == sonet.flat_rate_total + thl.flat_rate_total
    assert group.category_total("salaries") == D(336000) + D(440000)


def test_group_flat_rate_is_the_sum_of_rounded_implementer_flat_rates():
    a = calc.cost_estimate([("salaries", 2021, D("1001.25"))], D(40))  # 400.50 → 401
    b = calc.cost_estimate([("salaries", 2021, D("1001.25"))], D(40))
    assert calc.group_estimate([a, b]).flat_rate_total == D(802)  # not round(801.00) of the summed salaries


def test_income_is_deducted():
    estimate = calc.cost_estimate([("salaries", 2021, D(1000)), ("income", 2021, D(100))], None)
    assert estimate.total == D(900)
    assert [row["total"] for row in estimate.rows()] == [D(1000), D(-100)]


def test_mismatch_between_financing_and_costs_is_reported_with_the_difference():
    plan = calc.financing_plan(
        [("eu_state", D(8000)), ("own_municipal", D(1500))], cost_total=D(10000), aid_rate=D(80)
    )
    assert plan.difference == D(-500)
    assert "mismatch" in plan.warnings()


def test_aid_rate_warning_when_eu_share_differs_from_the_call():
    plan = calc.financing_plan(
        [("eu_state", D(8500)), ("own_private", D(1500))], cost_total=D(10000), aid_rate=D(80)
    )
    assert plan.aid_share == D("85.00")
    assert plan.warnings() == ["aid_rate"]


def test_rounding_of_the_share_does_not_trigger_the_aid_rate_warning():
    # 348 854 / 436 068 = 79.99990… %: the documents call it 80 %.
    plan = calc.financing_plan(
        [("eu_state", D(348854)), ("own_private", D(87214))], cost_total=D(436068), aid_rate=D(80)
    )
    assert not plan.aid_rate_differs


def test_external_funding_is_kept_apart_from_own_funding():
    plan = calc.financing_plan(
        [("eu_state", D(800)), ("own_municipal", D(100)), ("external_private", D(100))],
        cost_total=D(1000),
        aid_rate=None,
    )
    assert (plan.own, plan.external) == (D(100), D(100))


def test_regional_split_difference():
    assert calc.regional_split_difference([D(120000), D(110000), D(80000), D(38854)], D(348854)) == 0
    assert calc.regional_split_difference([D(100)], D(150)) == D(-50)


@pytest.mark.parametrize(
    ("budget", "actual", "percent", "remaining"),
    [(D(1000), D(250), D("25.0"), D(750)), (D(3), D(1), D("33.3"), D(2)), (D(0), D(10), None, D(-10))],
)
def test_realisation(budget, actual, percent, remaining):
    assert calc.realisation(budget, actual) == (percent, remaining)


def test_cumulative_claims():
    assert calc.cumulative([D(51708), D(98740)]) == [D(51708), D(150448)]


# --- one budget vs actual, for a project's implementers and for a competence centre ------------------


def test_budget_vs_actual_of_the_centre_budget_2021_as_in_the_documents():
    """Budget 2021: 365 000 €, of which the state grant estimate 240 000 €; actuals at 30.4.2020
    are illustrative (the documents give the date, not the figures)."""
    report = calc.budget_vs_actual(
        [
            ("Valtionavustus (arvio)", D("240000.00"), D("80000.00")),
            ("Kuntarahoitus", D("80000.00"), D("26666.67")),
            ("Hanketoiminta ja maksullinen palvelutoiminta", D("45000.00"), None),
        ]
    )
    assert report.total.budget == D("365000.00")
    assert report.rows[0].budget == D("240000.00")
    assert [row.realisation for row in report.rows] == [D("33.3"), D("33.3"), None]
    assert [row.remaining for row in report.rows] == [D("160000.00"), D("53333.33"), None]
    assert report.total.actual == D("106666.67")
    assert report.total.realisation == D("29.2")  # 106 666,67 / 365 000 = 29,22 %
    assert report.total.remaining == D("258333.33")


def test_budget_vs_actual_of_a_project_implementer():
    """The SONet BOTNIA demo salaries: 336 000 € budgeted, 117 700 € booked by 30.6.2021 (35,0 %)."""
    report = calc.budget_vs_actual([("salaries", D(336000), D(117700)), (None, D(80640), D(28248))])
    assert report.rows[0].realisation == D("35.0")
    assert report.rows[1].label is None  # the flat rate's line is labelled by its template
    assert (report.total.budget, report.total.actual) == (D(416640), D(145948))
    assert report.total.remaining == D(270692)


def test_budget_vs_actual_without_any_actual_has_no_total_actual():
    report = calc.budget_vs_actual([("a", D(100), None), ("b", D(0), None)])
    assert report.total == calc.BudgetRow(label=None, budget=D(100), actual=None)
    assert report.total.realisation is None and report.total.remaining is None
    assert calc.budget_vs_actual([]).total.budget == 0


def test_realisation_rounds_half_up():
    assert calc.budget_vs_actual([("a", D(1600), D(100))]).rows[0].realisation == D("6.3")  # 6,25 %


# --- the tables the cost estimate and the financing plan print --------------------------------------


def test_cost_estimate_rows_in_the_plans_order_with_the_flat_rate_after_salaries():
    estimate = calc.cost_estimate(
        [
            ("income", 2021, D(100)),
            ("purchased_services", 2021, D(300)),
            ("travel", 2022, D(50)),
            ("salaries", 2021, D(1000)),
            ("salaries", 2022, D(2000)),
            ("other", 2021, D(20)),
            ("lump_sum", 2022, D(7)),
        ],
        D(10),
    )
    assert estimate.years == [2021, 2022]
    rows = estimate.rows()
    assert [row["key"] for row in rows] == [
        "salaries",
        "flat_rate",
        "travel",
        "other",
        "purchased_services",
        "lump_sum",
        "income",
    ]
    assert [row["values"] for row in rows] == [
        [D(1000), D(2000)],
        [D(100), D(200)],
        [D(0), D(50)],
        [D(20), D(0)],
        [D(300), D(0)],
        [D(0), D(7)],
        [D(-100), D(0)],
    ]
    assert [row["total"] for row in rows] == [D(3000), D(300), D(50), D(20), D(300), D(7), D(-100)]
    assert rows[0]["label"] == CostCategory.SALARIES.label
    assert rows[1]["label"] is None  # named by the template with the rate
    assert rows[-1]["label"] == CostCategory.INCOME.label
    assert estimate.year_totals == [
        D(1000) + D(100) + D(20) + D(300) - D(100),
        D(2000) + D(200) + D(50) + D(7),
    ]
    assert estimate.flat_rate_percent == D(10)


def test_an_estimate_without_a_flat_rate_has_no_flat_rate_row():
    estimate = calc.cost_estimate([("salaries", 2021, D(1000)), ("travel", 2021, D(10))], D(0))
    assert [row["key"] for row in estimate.rows()] == ["salaries", "travel"]
    assert estimate.flat_rates == {} and estimate.flat_rate_total == 0
    assert estimate.total == D(1010)


def test_lines_of_the_same_category_and_year_are_added_up():
    estimate = calc.cost_estimate([("travel", "2021", "10.50"), ("travel", 2021, D("0.25"))], None)
    assert estimate.amount("travel", 2021) == D("10.75")
    assert estimate.amount("travel", 2022) == 0
    assert estimate.category_total("travel") == D("10.75")


def test_financing_rows_follow_the_kinds_order_with_their_shares():
    plan = calc.financing_plan(
        [
            ("external_private", D(100)),
            ("own_municipal", D(50)),
            ("eu_state", D(800)),
            ("own_municipal", D(50)),
        ],
        cost_total=D(1000),
        aid_rate=D(80),
    )
    rows = plan.rows()
    kinds = [row["kind"] for row in rows]
    assert kinds == sorted(kinds, key=list(FinancingKind).index)
    assert {row["kind"]: row["amount"] for row in rows} == {
        FinancingKind.EU_STATE: D(800),
        FinancingKind.OWN_MUNICIPAL: D(100),
        FinancingKind.EXTERNAL_PRIVATE: D(100),
    }
    assert [row["share"] for row in rows] == [D("80.00"), D("10.00"), D("10.00")]
    assert [row["label"] for row in rows] == [FinancingKind(kind).label for kind in kinds]
    assert plan.by_kind(FinancingKind.OWN_PRIVATE) == 0


@pytest.mark.parametrize(
    ("eu_state", "differs"),
    [(D("80.05"), False), (D("80.06"), True), (D("79.95"), False), (D("79.94"), True)],
)
def test_the_aid_rate_warning_allows_five_hundredths_of_a_point(eu_state, differs):
    plan = calc.financing_plan(
        [("eu_state", eu_state), ("own_private", D(100) - eu_state)], cost_total=D(100), aid_rate=D(80)
    )
    assert plan.aid_rate_differs is differs
    assert ("aid_rate" in plan.warnings()) is differs


def test_no_aid_rate_or_no_financing_gives_no_aid_rate_warning():
    assert not calc.financing_plan([("eu_state", D(90))], cost_total=D(90), aid_rate=None).aid_rate_differs
    empty = calc.financing_plan([], cost_total=D(0), aid_rate=D(80))
    assert empty.aid_share is None and not empty.aid_rate_differs and empty.warnings() == []


def test_over_financing_is_a_positive_difference_and_a_mismatch():
    plan = calc.financing_plan([("eu_state", D(1100))], cost_total=D(1000), aid_rate=None)
    assert plan.difference == D(100)
    assert plan.warnings() == ["mismatch"]


def test_a_group_estimate_keeps_each_implementers_rounded_flat_rate_per_year():
    first = calc.cost_estimate([("salaries", 2021, D("1001.25"))], D(40))
    second = calc.cost_estimate([("salaries", 2021, D("1001.25")), ("travel", 2022, D(5))], D(40))
    group = calc.group_estimate([first, second])
    assert group.flat_rates == {2021: D(802)}
    assert group.amounts == {("salaries", 2021): D("2002.50"), ("travel", 2022): D(5)}
    assert group.total == D("2002.50") + D(802) + D(5)


def test_budget_rows_without_an_actual_have_no_realisation_nor_remaining():
    row = calc.BudgetRow("Muut", D(65000))
    assert (row.realisation, row.remaining) == (None, None)
    row = calc.BudgetRow("Palkat", D(300000), D(97500))
    assert (row.realisation, row.remaining) == (D("32.5"), D(202500))


def test_a_year_without_salaries_has_a_flat_rate_of_zero_euros_not_a_gap():
    estimate = calc.cost_estimate([("salaries", 2020, D(1000)), ("travel", 2021, D(50))], D(24))
    (flat,) = [row for row in estimate.rows() if row["key"] == "flat_rate"]
    assert flat["values"] == [D(240), D(0)]
    assert all(type(value) is Decimal for value in flat["values"])


def test_sums_of_nothing_are_zero_euros_as_decimals():
    estimate = calc.cost_estimate([("salaries", 2020, D(1000))], None)
    plan = calc.financing_plan([("eu_state", D(800))], cost_total=D(1000), aid_rate=D(80))
    for total in (estimate.category_total("travel"), plan.by_kind("own_other_public")):
        assert total == 0 and type(total) is Decimal


def test_budget_vs_actual_keeps_each_lines_label():
    report = calc.budget_vs_actual([("Palkat", D(300), D(150)), ("Muut", D(65), None)])
    assert [row.label for row in report.rows] == ["Palkat", "Muut"]
