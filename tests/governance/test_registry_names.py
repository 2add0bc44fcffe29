"""Places carry their official Finnish and Swedish names; readers see the one of their language."""

import pytest
from django.utils import translation

from tests.governance.factories import MunicipalityFactory, WellbeingAreaFactory

pytestmark = pytest.mark.django_db


def test_municipality_name_follows_the_readers_language():
    vaasa = MunicipalityFactory(code="905", name_fi="Vaasa", name_sv="Vasa")
    with translation.override("fi"):
        assert str(vaasa) == "Vaasa"
    with translation.override("sv"):
        assert str(vaasa) == "Vasa"


def test_wellbeing_area_prefers_its_short_name_in_any_language():
    area = WellbeingAreaFactory(
        name_fi="Pohjois-Pohjanmaan hyvinvointialue",
        name_sv="Norra Österbottens välfärdsområde",
        short_name="",
    )
    varha = WellbeingAreaFactory(short_name="Varha")
    with translation.override("sv"):
        assert str(area) == "Norra Österbottens välfärdsområde"
        assert str(varha) == "Varha"
