"""The checks on one area's figures, called directly: what stops a save and what asks for a comment."""

from decimal import Decimal

import pytest
from django.utils import translation

from aftercare.calculations import Figures
from aftercare.validation import hard_errors, soft_warnings

D = Decimal


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def fields(figures: Figures) -> list[str]:
    return [problem.field for problem in hard_errors(figures)]


def test_sound_figures_have_no_errors():
    figures = Figures(
        clients_total=100,
        new_clients=100,
        ended_clients=120,  # those who left may outnumber those still in aftercare
        neet_clients=100,
        other_area_clients=100,
        age_bands={"18–20": 40, "21–25": 60},
        staffing={"social_worker": (D("2.0"), D("0.0"))},
        workers=[("A", "social_worker", 60), ("B", "social_worker", 40), ("C", "counsellor", 100)],
    )
    assert hard_errors(figures) == []


def test_the_total_is_required():
    (problem,) = hard_errors(Figures())
    assert problem.field == "clients_total" and "in total" in problem.message


@pytest.mark.parametrize("name", Figures.COUNT_FIELDS)
def test_no_count_may_be_negative_but_zero_is_fine(name):
    assert name in fields(Figures(**{"clients_total": 10, name: -1}))
    assert fields(Figures(**{"clients_total": 10, name: 0})) == []


def test_no_age_band_fte_or_caseload_may_be_negative():
    negative_band = hard_errors(Figures(clients_total=0, age_bands={"18–20": -1}))
    assert negative_band[0].message == "Age band 18–20: the number cannot be negative."
    assert fields(Figures(clients_total=0, staffing={"counsellor": (D(-1), D(0))})) == ["staffing:counsellor"]
    assert fields(Figures(clients_total=0, staffing={"counsellor": (D(0), D(-1))})) == ["staffing:counsellor"]
    assert fields(Figures(clients_total=0, workers=[("A", "counsellor", -1)])) == ["workers"]
    assert fields(Figures(clients_total=0, age_bands={"18–20": None})) == []


def test_a_negative_total_is_not_compared_with_the_other_counts():
    assert fields(Figures(clients_total=-1, new_clients=5, age_bands={"18–20": 5})) == ["clients_total"]


@pytest.mark.parametrize("name", ["new_clients", "neet_clients", "other_area_clients"])
def test_a_part_cannot_exceed_the_total(name):
    problems = hard_errors(Figures(**{"clients_total": 10, name: 11}))
    assert [p.field for p in problems] == [name] and "(10)" in problems[0].message


def test_the_age_bands_add_up_to_the_total():
    (problem,) = hard_errors(Figures(clients_total=10, age_bands={"18–20": 4, "21–25": 5, "other": None}))
    assert problem.field == "age_bands" and "add up to 9" in problem.message
    assert fields(Figures(clients_total=10, age_bands={"18–20": 4, "21–25": 6})) == []


def test_worker_labels_are_unique():
    workers = [("B", "counsellor", 1), ("A", "counsellor", 1), ("B", "counsellor", 1), ("A", "counsellor", 1)]
    (problem,) = hard_errors(Figures(clients_total=10, workers=workers))
    assert problem.message == "Worker labels must be unique: A, B."


def test_the_caseloads_of_one_role_cannot_exceed_the_clients_role_by_role():
    at_limit = [("A", "counsellor", 6), ("B", "counsellor", 4), ("C", "social_worker", 10)]
    assert fields(Figures(clients_total=10, workers=at_limit)) == []
    (problem,) = hard_errors(Figures(clients_total=10, workers=[*at_limit, ("D", "counsellor", 1)]))
    assert "add up to 11" in problem.message and "counsellor" in problem.message
    # A negative caseload is an error of its own, not a discount on the others.
    problems = fields(Figures(clients_total=10, workers=[("A", "counsellor", 11), ("B", "counsellor", -5)]))
    assert problems == ["workers", "workers"]


def _soft(current: Figures, previous: Figures | None = None, norms=None) -> list[str]:
    return soft_warnings(current, previous=previous, norms=norms or {})


def test_a_change_of_more_than_30_percent_asks_for_a_comment():
    assert _soft(Figures(clients_total=130), Figures(clients_total=100)) == []  # exactly 30 %
    (warning,) = _soft(Figures(clients_total=131), Figures(clients_total=100))
    assert warning == "The clients in total changed by 31.0 % from the previous period (100 → 131)."
    assert len(_soft(Figures(clients_total=69), Figures(clients_total=100))) == 1  # −31 %
    assert _soft(Figures(clients_total=1000)) == []  # nothing to compare with


def test_a_change_in_filled_fte_of_more_than_30_percent_asks_for_a_comment():
    before = Figures(clients_total=100, staffing={"counsellor": (D(10), D(0))})
    after = Figures(clients_total=100, staffing={"counsellor": (D(14), D(0))})
    (warning,) = _soft(after, before)
    assert warning.startswith("Counsellor: the FTE filled changed by 40.0 %")
    assert _soft(Figures(clients_total=100, staffing={"counsellor": (D(13), D(0))}), before) == []
    new_role = Figures(clients_total=100, staffing={"social_worker": (D(5), D(0))})
    assert _soft(new_role, before) == []


def test_clients_per_fte_above_the_norm_asks_for_a_comment():
    norms = {"social_worker": (50, None)}
    assert _soft(Figures(clients_total=100, staffing={"social_worker": (D(2), D(0))}), norms=norms) == []
    (warning,) = _soft(Figures(clients_total=101, staffing={"social_worker": (D(2), D(0))}), norms=norms)
    assert warning == "Social worker: 50.5 clients per FTE, above the norm of 50."
    assert _soft(Figures(clients_total=101, staffing={"social_worker": (D(0), D(1))}), norms=norms) == []
    assert _soft(Figures(clients_total=101, staffing={"counsellor": (D(1), D(0))}), norms=norms) == []


def test_zero_is_a_valid_figure_everywhere():
    zero = Figures(
        clients_total=0,
        new_clients=0,
        ended_clients=0,
        neet_clients=0,
        other_area_clients=0,
        age_bands={"18–20": 0, "21–25": 0},
        staffing={"counsellor": (D(0), D(0))},
        workers=[("A", "counsellor", 0)],
    )
    assert hard_errors(zero) == []


@pytest.mark.parametrize(
    ("figures", "expected"),
    [
        (Figures(), ("clients_total", "Give the number of aftercare clients in total.")),
        (Figures(clients_total=-1), ("clients_total", "A number of clients cannot be negative.")),
        (
            Figures(clients_total=0, staffing={"social_worker": (D("-0.5"), D(0))}),
            ("staffing:social_worker", "Social worker: FTE cannot be negative."),
        ),
        (
            Figures(clients_total=0, workers=[("T3", "counsellor", -1)]),
            ("workers", "Worker T3: the number cannot be negative."),
        ),
        (
            Figures(clients_total=10, neet_clients=11),
            ("neet_clients", "This cannot be more than the clients in total (10)."),
        ),
        (
            Figures(clients_total=10, age_bands={"18–20": 4, "21–25": 5}),
            ("age_bands", "The age bands add up to 9, but the clients in total are 10."),
        ),
        (
            Figures(clients_total=3, workers=[("A", "social_worker", 2), ("B", "social_worker", 2)]),
            (
                "workers",
                "The caseloads of the workers in the role social worker add up to 4, "
                "more than the clients in total (3).",
            ),
        ),
    ],
)
def test_each_error_says_what_is_wrong_in_the_persons_words(figures, expected):
    assert [(p.field, p.message) for p in hard_errors(figures)] == [expected]


def test_a_role_outside_the_vocabulary_is_named_as_given():
    (problem,) = hard_errors(Figures(clients_total=0, staffing={"mentor": (D(-1), D(0))}))
    assert problem.message == "Mentor: FTE cannot be negative."


def test_nothing_may_be_more_than_a_total_of_zero():
    problems = hard_errors(Figures(clients_total=0, new_clients=1))
    assert [(p.field, p.message) for p in problems] == [
        ("new_clients", "This cannot be more than the clients in total (0).")
    ]


def test_a_negative_age_band_and_duplicate_worker_labels_are_named_on_their_own_fields():
    problems = hard_errors(
        Figures(
            clients_total=10,
            age_bands={"18–20": -1},
            workers=[("A", "counsellor", 1), ("A", "counsellor", 2)],
        )
    )
    assert ("age_bands", "Age band 18–20: the number cannot be negative.") in [
        (p.field, p.message) for p in problems
    ]
    assert ("workers", "Worker labels must be unique: A.") in [(p.field, p.message) for p in problems]


def test_without_a_total_no_role_is_said_to_be_above_its_norm():
    figures = Figures(staffing={"counsellor": (D("0.1"), D("0"))})
    assert soft_warnings(figures, previous=None, norms={"counsellor": (5, None)}) == []


def test_ratios_in_warnings_read_with_one_decimal_and_grouped_thousands():
    figures = Figures(clients_total=12345, staffing={"counsellor": (D("2"), D("0"))})
    with translation.override("fi"):
        (warning,) = soft_warnings(figures, previous=None, norms={"counsellor": (40, None)})
    assert "6\xa0172,5" in warning
