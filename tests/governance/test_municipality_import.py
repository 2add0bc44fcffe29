"""Administrators import municipalities from Statistics Finland's classification file."""

import pytest
import tablib
from django.core.management import CommandError, call_command

from governance.models import Municipality
from governance.resources import MunicipalityResource
from tests.governance.factories import RegionFactory, WellbeingAreaFactory


@pytest.fixture
def pohjanmaa(db):
    region = RegionFactory(code="15", name_fi="Pohjanmaa")
    return WellbeingAreaFactory(
        region=region, name_fi="Pohjanmaan hyvinvointialue", name_sv="Österbottens välfärdsområde"
    )


def _import(text: str, dry_run: bool = False):
    dataset = tablib.Dataset().load(text, format="csv", delimiter=";")
    return MunicipalityResource().import_data(dataset, dry_run=dry_run)


def test_finnish_headers_and_unpadded_codes_are_understood(pohjanmaa):
    result = _import(
        "Koodi;Nimi;Namn;Maakunta;Hyvinvointialue\n905;Vaasa;Vasa;15;Pohjanmaan hyvinvointialue\n"
    )
    assert not result.has_errors() and not result.has_validation_errors()
    vaasa = Municipality.objects.get(code="905")
    assert (vaasa.name_sv, vaasa.region.code, vaasa.wellbeing_area) == ("Vasa", "15", pohjanmaa)


def test_one_bad_row_saves_nothing_and_names_the_row_and_column(pohjanmaa, tmp_path):
    path = tmp_path / "kunnat.csv"
    path.write_text(
        "\ufeffcode;name_fi;name_sv;region_code;wellbeing_area\n"
        "905;Vaasa;Vasa;15;Pohjanmaan hyvinvointialue\n"
        "598;Pietarsaari;Jakobstad;15;Olematon alue\n"
        "288;Kruunupyy;Kronoby;15;Pohjanmaan hyvinvointialue\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as error:
        call_command("import_municipalities", path)
    assert Municipality.objects.count() == 0
    assert (
        "3" in str(error.value)
        and "E (wellbeing_area)" in str(error.value)
        and "Olematon alue" in str(error.value)
    )


def test_a_good_file_imports_every_row(pohjanmaa, tmp_path):
    path = tmp_path / "kunnat.csv"
    path.write_text(
        "code,name_fi,name_sv,region_code,wellbeing_area\n905,Vaasa,Vasa,15,Pohjanmaan hyvinvointialue\n"
        "598,Pietarsaari,Jakobstad,15,Pohjanmaan hyvinvointialue\n",
        encoding="utf-8",
    )
    call_command("import_municipalities", path, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert sorted(Municipality.objects.values_list("code", flat=True)) == ["598", "905"]


def test_importing_the_same_file_twice_changes_nothing(pohjanmaa):
    text = "code;name_fi;name_sv;region_code;wellbeing_area\n905;Vaasa;Vasa;15;Pohjanmaan hyvinvointialue\n"
    _import(text)
    history_before = Municipality.history.count()
    _import(text)
    assert Municipality.history.count() == history_before
