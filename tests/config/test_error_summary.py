"""Every form lists its errors at the top, each linked to its field and, in a formset, its row."""

from django import forms
from django.forms import formset_factory
from django.template import Context, Template
from django.utils import translation


class LineForm(forms.Form):
    amount = forms.DecimalField(label="summa")
    version = forms.IntegerField(widget=forms.HiddenInput)


def render(*objects) -> str:
    names = [f"o{i}" for i in range(len(objects))]
    template = Template("{% error_summary " + " ".join(names) + " %}")
    return template.render(Context(dict(zip(names, objects, strict=True))))


def test_field_error_is_linked_to_its_field():
    form = LineForm(data={"amount": "x", "version": "1"})
    with translation.override("fi"):
        html = render(form)
    assert 'id="error-summary"' in html and 'tabindex="-1"' in html
    assert '<a href="#id_amount">Summa: Syötä luku.</a>' in html


def test_formset_rows_are_named_by_number():
    LineFormSet = formset_factory(LineForm)
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "0",
        "form-0-amount": "1",
        "form-0-version": "1",
        "form-1-amount": "",
        "form-1-version": "1",
    }
    with translation.override("fi"):
        html = render(LineFormSet(data=data))
    assert '<a href="#id_form-1-amount">Rivi 2, Summa: Tämä kenttä vaaditaan.</a>' in html
    assert "Rivi 1" not in html


def test_hidden_field_errors_are_listed_without_a_dead_link():
    form = LineForm(data={"amount": "1"})
    with translation.override("fi"):
        html = render(form)
    assert "Version: Tämä kenttä vaaditaan." in html
    assert 'href="#id_version"' not in html


def test_a_valid_form_and_a_missing_formset_show_no_summary():
    assert render(LineForm(data={"amount": "1", "version": "1"}), "").strip() == ""
