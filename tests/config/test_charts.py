"""The one chart builder: well-formed, escaped, accessible, and readable without colour."""

from decimal import Decimal
from xml.etree import ElementTree

import pytest

from config.charts import bar_chart, hbar_chart, line_chart

NS = "{http://www.w3.org/2000/svg}"


def _accessible(svg: str) -> ElementTree.Element:
    """The chart's root, checked to be an image named by its title and described by its figures."""
    root = ElementTree.fromstring(svg)
    assert root.tag == f"{NS}svg" and root.get("role") == "img"
    title, desc = root.find(f"{NS}title"), root.find(f"{NS}desc")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    return root


def test_a_line_chart_is_well_formed_svg_with_an_accessible_title():
    svg = line_chart("Asiakkaat <b>", ["Q1/2023", "Q2/2023"], [("Varha", [880, 890]), ("PP", [770, None])])
    root = _accessible(svg)
    assert root.find(f"{NS}title").text == "Asiakkaat <b>"  # escaped in the markup, intact as text
    assert root.find(f"{NS}desc").text == "Varha: Q1/2023 880, Q2/2023 890; PP: Q1/2023 770"
    assert len(root.findall(f"{NS}polyline")) == 1  # PP has one point only: no line, a marker


def test_lines_differ_by_marker_and_dash_not_only_by_colour():
    svg = line_chart("x", ["a", "b"], [("one", [1, 2]), ("two", [2, 3])])
    root = _accessible(svg)
    first, second = root.findall(f"{NS}polyline")
    assert first.get("stroke-dasharray") is None and second.get("stroke-dasharray") == "6 3"
    # The first series is marked by circles (two points and the legend), the second by squares.
    assert len(root.findall(f"{NS}circle")) == 3
    squares = [r for r in root.findall(f"{NS}rect") if r.get("width") == "7"]
    assert len(squares) == 3


def test_a_bar_chart_hatches_bars_above_the_reference_and_outlines_missing_ones():
    svg = bar_chart(
        "Sosiaalityöntekijät",
        [("A", 80), ("B", 40), ("C", None)],
        reference=50,
        reference_label="norm",
        missing_label="<5",
    )
    root = _accessible(svg)
    bars = root.findall(f"{NS}rect")[1:]  # the first rect is the background
    fills = [b.get("fill") for b in bars]
    assert fills[0].startswith("url(#") and fills[0].endswith("-hatch)")  # over the norm: a pattern
    assert fills[1:] == ["#0b5394", "none"]
    assert bars[2].get("stroke-dasharray") == "3 2"
    texts = [t.text for t in root.findall(f"{NS}text")]
    assert "<5" in texts and "norm 50" in texts and "80" in texts and "40" in texts
    assert root.find(f"{NS}desc").text == "A: 80, B: 40, C: <5; norm 50"


def test_a_bar_at_the_reference_is_not_marked_as_over_it():
    root = _accessible(bar_chart("x", [("A", 50)], reference=50, reference_label="norm"))
    assert root.findall(f"{NS}rect")[1].get("fill") == "#0b5394"


def test_axis_values_and_figures_are_finnish():
    svg = bar_chart("x", [("A", Decimal("66.7")), ("B", 1200)])
    assert "66,7" in svg and "1\xa0200" in svg


def test_each_chart_has_ids_of_its_own_so_two_on_one_page_do_not_collide():
    first, second = line_chart("a", ["1"], [("s", [1])]), line_chart("a", ["1"], [("s", [1])])
    assert _accessible(first).get("aria-labelledby") != _accessible(second).get("aria-labelledby")


def test_horizontal_bars_are_proportional_and_labelled_with_their_figures():
    svg = hbar_chart("Kuntarahoitus", [("Seinäjoki", 24800), ("Vaasa", 49600)], value_text=lambda v: f"{v} €")
    root = _accessible(svg)
    bars = [r for r in root.findall(f"{NS}rect") if r.get("height") == "16"]
    widths = [float(b.get("width")) for b in bars]
    assert widths[1] == pytest.approx(2 * widths[0])
    texts = [t.text for t in root.findall(f"{NS}text")]
    assert "24800 €" in texts and "Vaasa" in texts
    assert root.find(f"{NS}desc").text == "Seinäjoki: 24800 €, Vaasa: 49600 €"


def test_horizontal_bars_against_a_maximum_run_in_a_track_and_hatch_an_overrun():
    root = _accessible(hbar_chart("Toteuma", [("THL", 50), ("SONet", 120)], maximum=100))
    rects = [r for r in root.findall(f"{NS}rect") if r.get("height") == "16"]
    track, half, track2, full = rects
    assert float(half.get("width")) == pytest.approx(float(track.get("width")) / 2)
    assert float(full.get("width")) == float(track2.get("width")) and "hatch" in full.get("fill")
    assert "hatch" not in half.get("fill")


def test_long_labels_are_shortened_in_the_picture_but_whole_in_the_text_alternative():
    name = "Keski-Pohjanmaan sosiaali- ja terveyspalvelukuntayhtymä Soite"
    root = _accessible(hbar_chart("x", [(name, 1)]))
    assert name not in [t.text for t in root.findall(f"{NS}text")]
    assert name in root.find(f"{NS}desc").text
