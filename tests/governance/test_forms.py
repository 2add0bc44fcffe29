"""Embedded sections keep their parameters as JSON that the section's own form accepts again."""

import datetime
import json
from decimal import Decimal

import pytest
from django import forms

from governance.forms import params_to_json
from governance.models import Region
from tests.governance.factories import RegionFactory

pytestmark = pytest.mark.django_db


class EveryKindParams(forms.Form):
    regions = forms.ModelMultipleChoiceField(queryset=Region.objects.all())
    region = forms.ModelChoiceField(queryset=Region.objects.all(), required=False)
    as_of = forms.DateField()
    amount = forms.DecimalField(max_digits=12, decimal_places=2)
    periods = forms.MultipleChoiceField(choices=[("2023", "2023"), ("2024", "2024")])
    with_chart = forms.BooleanField(required=False)
    note = forms.CharField(required=False)


def test_params_round_trip_through_json():
    first, second = RegionFactory(), RegionFactory()
    # What the browser sent, dates in the Finnish way.
    form = EveryKindParams(
        data={
            "regions": [first.pk, second.pk],
            "as_of": "30.4.2020",
            "amount": "24800.00",
            "periods": ["2023", "2024"],
            "with_chart": "on",
        }
    )
    assert form.is_valid(), form.errors
    stored = json.loads(json.dumps(params_to_json(form)))
    assert stored == {
        "regions": [str(first.pk), str(second.pk)],
        "region": "",
        "as_of": "2020-04-30",
        "amount": "24800.00",
        "periods": ["2023", "2024"],
        "with_chart": True,
        "note": "",
    }
    again = EveryKindParams(data=stored)
    assert again.is_valid(), again.errors
    assert again.cleaned_data["as_of"] == datetime.date(2020, 4, 30)
    assert again.cleaned_data["amount"] == Decimal("24800.00")
    assert set(again.cleaned_data["regions"]) == {first, second}
    assert again.cleaned_data["with_chart"] is True
