"""The report-section registry through which meeting reports embed other apps' figures."""

import pytest
from django import forms

from config.sections import ReportSection, SectionRegistry


class NumberParams(forms.Form):
    number = forms.IntegerField(min_value=1)


def _double(params, viewer):
    return {"value": params["number"] * 2, "viewer": viewer}


@pytest.fixture
def registry():
    registry = SectionRegistry()
    registry.register(
        ReportSection(
            key="tests.double",
            title="Double",
            template_name="pdf/section_test.html",
            params_form=NumberParams,
            get_context=_double,
        )
    )
    return registry


@pytest.fixture(autouse=True)
def _section_template(settings, tmp_path):
    (tmp_path / "pdf").mkdir()
    (tmp_path / "pdf" / "section_test.html").write_text("<p>{{ value }} for {{ viewer }} ({{ media }})</p>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]


def test_section_renders_its_context_from_validated_params(registry):
    html = registry.render("tests.double", {"number": "21"}, viewer="Kaisa", media="pdf")
    assert html == "<p>42 for Kaisa (pdf)</p>"


def test_invalid_params_render_a_message_not_an_error(registry):
    html = registry.render("tests.double", {"number": "-3"}, viewer=None)
    assert "section-error" in html


def test_unknown_section_renders_a_message(registry):
    assert "section-error" in registry.render("nope.missing", {}, viewer=None)


def test_a_key_cannot_be_registered_twice(registry):
    with pytest.raises(ValueError, match="tests.double"):
        registry.register(registry.get("tests.double"))


def test_choices_list_registered_sections(registry):
    assert registry.choices() == [("tests.double", "Double")]
