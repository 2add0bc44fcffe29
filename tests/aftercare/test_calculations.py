"""The caseload arithmetic, on figures worked out by hand."""

from decimal import Decimal

import pytest

from aftercare.calculations import (
    Figures,
    clients_per_fte,
    fte_gap,
    fte_needed,
    percent_change,
    role_figures,
    spread,
    suppress,
    trend,
    workers_above_norm,
)


def test_clients_per_fte_rounds_to_one_decimal():
    assert clients_per_fte(800, Decimal("12")) == Decimal("66.7")  # 66.666…
    assert clients_per_fte(900, Decimal("15.0")) == Decimal("60.0")
    assert clients_per_fte(900, Decimal("0")) is None


def test_fte_needed_and_gap():
    assert fte_needed(900, 25) == Decimal("36.00")
    assert fte_needed(800, 40) == Decimal("20.00")
    assert fte_needed(800, None) is None
    assert fte_gap(Decimal("36.00"), Decimal("30.0")) == Decimal("6.00")
    assert fte_gap(Decimal("16.00"), Decimal("17.5")) == Decimal("-1.50")


def test_workers_above_norm_counts_strictly_above():
    assert workers_above_norm([80, 40, 65, 70, 50], 50) == 3
    assert workers_above_norm([80], None) == 0


def test_spread_of_the_uneven_caseloads_80_and_40():
    # 80, 40, 65, 70: mean 63.75; squared deviations 264.0625 + 564.0625 + 1.5625 + 39.0625 = 868.75;
    # variance 868.75 / 4 = 217.1875; sd 14.737…; cv 14.737 / 63.75 = 23.12 %.
    result = spread([80, 40, 65, 70])
    assert (result.lowest, result.highest, result.count) == (40, 80, 4)
    assert result.mean == Decimal("63.8")
    assert result.stdev == Decimal("14.7")
    assert result.cv_percent == Decimal("23.1")


def test_spread_of_nothing_and_of_one():
    assert spread([]).lowest is None
    one = spread([30])
    assert (one.stdev, one.cv_percent) == (Decimal("0.0"), Decimal("0.0"))


def test_percent_change_and_trend():
    assert percent_change(900, 1200) == Decimal("33.3")
    assert percent_change(0, 5) is None
    assert trend([("Q1", 880), ("Q2", None), ("Q3", 968)]) == [
        ("Q1", 880, None),
        ("Q2", None, None),
        ("Q3", 968, Decimal("10.0")),
    ]


def test_suppress_counts_under_five_unless_seen_in_full():
    assert suppress(3, full=False) == "<5"
    assert suppress(0, full=False) == "<5"
    assert suppress(5, full=False) == 5
    assert suppress(3, full=True) == 3
    assert suppress(None, full=False) is None


def test_role_figures_for_pohjois_pohjanmaa_q4():
    figures = Figures(
        clients_total=800,
        staffing={
            "social_worker": (Decimal("12.0"), Decimal("2.0")),
            "counsellor": (Decimal("16.0"), Decimal("1.0")),
        },
        workers=[("A", "social_worker", 80), ("B", "social_worker", 40), ("E", "counsellor", 45)],
    )
    rows = {r.role: r for r in role_figures(figures, {"social_worker": (50, None), "counsellor": (40, 25)})}
    social, counsellor = rows["social_worker"], rows["counsellor"]
    assert (social.clients_per_fte, social.fte_needed, social.gap) == (
        Decimal("66.7"),
        Decimal("16.00"),
        Decimal("4.00"),
    )
    assert social.workers_above_norm == 1 and social.above_norm
    assert (counsellor.clients_per_fte, counsellor.fte_needed, counsellor.gap) == (
        Decimal("50.0"),
        Decimal("20.00"),
        Decimal("4.00"),
    )
    assert counsellor.fte_needed_ideal == Decimal("32.00")  # 800 / 25
    assert "special_counsellor" not in rows


def test_the_spread_of_no_workers_counts_none():
    assert spread([]) == spread(()) and spread([]).count == 0
    assert (spread([]).mean, spread([]).stdev, spread([]).cv_percent) == (None, None, None)


def test_workers_without_clients_have_no_coefficient_of_variation():
    result = spread([0, 0])
    assert (result.mean, result.stdev, result.cv_percent) == (Decimal("0.0"), Decimal("0.0"), None)


def test_a_role_is_listed_for_any_one_of_staff_vacancy_workers_or_norm():
    """A role appears when it has filled posts, or only a vacancy, or only workers, or only a norm."""
    zero = Decimal(0)
    cases = {
        "filled": Figures(clients_total=100, staffing={"counsellor": (Decimal("2.0"), zero)}),
        "vacant": Figures(clients_total=100, staffing={"counsellor": (zero, Decimal("1.0"))}),
        "workers": Figures(clients_total=100, workers=[("A", "counsellor", 30)]),
    }
    for name, figures in cases.items():
        assert [r.role for r in role_figures(figures, {})] == ["counsellor"], name
    only_norm = role_figures(Figures(clients_total=100), {"counsellor": (40, None)})
    assert [r.role for r in only_norm] == ["counsellor"]
    assert role_figures(Figures(clients_total=100), {}) == []


def test_an_area_without_a_client_count_has_no_clients_per_worker():
    figures = Figures(clients_total=None, staffing={"counsellor": (Decimal("2.0"), Decimal(0))})
    (row,) = role_figures(figures, {"counsellor": (40, None)})
    assert row.clients_per_fte == Decimal("0.0")
    assert (row.fte_needed, row.gap) == (Decimal("0.00"), Decimal("-2.00"))


def test_clients_per_fte_only_for_a_positive_fte_however_small():
    assert clients_per_fte(10, Decimal("0.5")) == Decimal("20.0")
    assert clients_per_fte(10, Decimal("0")) is None
    assert clients_per_fte(10, Decimal("-1.0")) is None
    assert clients_per_fte(10, None) is None


def test_a_suppressed_count_on_either_side_is_never_compared():
    assert percent_change("<5", 10) is None
    assert percent_change(10, "<5") is None


def test_role_figures_carry_the_staff_norms_and_workers_of_the_role():
    figures = Figures(
        clients_total=100,
        staffing={"counsellor": (Decimal("2"), Decimal("1"))},
        workers=[("A", "counsellor", 30), ("B", "counsellor", 50)],
    )
    (row,) = role_figures(figures, {"counsellor": (40, 25)})
    assert (row.fte_filled, row.fte_vacant) == (Decimal("2"), Decimal("1"))
    assert (row.target, row.ideal, row.workers, row.workers_above_norm) == (40, 25, 2, 1)
    assert row.spread == spread([30, 50])
    assert row.clients_per_fte == Decimal("50.0")


def test_a_role_without_a_norm_has_no_clients_per_fte():
    figures = Figures(clients_total=100, staffing={"special_counsellor": (Decimal("2"), Decimal("0"))})
    (row,) = role_figures(figures, {})
    assert row.clients_per_fte is None and row.target is None


@pytest.mark.django_db
def test_figures_read_from_a_stored_report_are_the_ones_entered():
    from tests.aftercare.factories import (
        AgeBandFactory,
        AreaReportFactory,
        StaffingLineFactory,
        WorkerCaseloadFactory,
    )

    report = AreaReportFactory(
        clients_total=60, new_clients=6, ended_clients=5, neet_clients=7, other_area_clients=1
    )
    report.age_counts.create(band=AgeBandFactory(lower=18, upper=20), clients=25)
    report.age_counts.create(band=AgeBandFactory(lower=21, upper=25), clients=35)
    StaffingLineFactory(
        report=report, role="counsellor", fte_filled=Decimal("1.5"), fte_vacant=Decimal("0.5")
    )
    WorkerCaseloadFactory(report=report, label="A", role="counsellor", clients=33)
    figures = Figures.from_report(type(report).objects.for_page().get(pk=report.pk))
    assert figures == Figures(
        clients_total=60,
        new_clients=6,
        ended_clients=5,
        neet_clients=7,
        other_area_clients=1,
        age_bands={"18–20": 25, "21–25": 35},
        staffing={"counsellor": (Decimal("1.5"), Decimal("0.5"))},
        workers=[("A", "counsellor", 33)],
    )
