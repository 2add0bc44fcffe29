"""The server-side SVG charts: well-formed, escaped, and honest about suppressed counts."""

from decimal import Decimal
from xml.etree import ElementTree

from aftercare.charts import bar_chart, line_chart

NS = "{http://www.w3.org/2000/svg}"


def test_a_line_chart_is_well_formed_svg_with_an_accessible_title():
    svg = line_chart("Asiakkaat <b>", ["Q1/2023", "Q2/2023"], [("Varha", [880, 890]), ("PP", [770, None])])
    root = ElementTree.fromstring(svg)
    assert root.tag == f"{NS}svg" and root.get("role") == "img"
    assert root.find(f"{NS}title").text == "Asiakkaat <b>"  # escaped in the markup, intact as text
    assert "Varha: Q1/2023 880, Q2/2023 890" in root.find(f"{NS}desc").text
    assert len(root.findall(f"{NS}polyline")) == 1  # PP has one point only: no line, a dot
    assert len(root.findall(f"{NS}circle")) == 3


def test_a_bar_chart_marks_bars_above_the_reference_and_outlines_suppressed_ones():
    svg = bar_chart(
        "Sosiaalityöntekijät", [("A", 80), ("B", 40), ("C", None)], reference=50, reference_label="norm"
    )
    root = ElementTree.fromstring(svg)
    bars = root.findall(f"{NS}rect")[1:]  # the first rect is the background
    assert [b.get("fill") for b in bars] == ["#c62828", "#0b5394", "none"]
    texts = [t.text for t in root.findall(f"{NS}text")]
    assert "<5" in texts and "norm 50" in texts and "80" in texts


def test_axis_values_are_finnish():
    svg = bar_chart("x", [("A", Decimal("66.7"))])
    assert "66,7" in svg
