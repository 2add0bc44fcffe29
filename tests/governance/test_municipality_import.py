"""Administrators import municipalities from Statistics Finland's classification file."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from config.imports import pipeline
from governance.models import Municipality, Organisation
from governance.resources import municipality_importer
from tests.governance.factories import RegionFactory, WellbeingAreaFactory


@pytest.fixture
def pohjanmaa(db):
    region = RegionFactory(code="15", name_fi="Pohjanmaa")
    return WellbeingAreaFactory(
        region=region, name_fi="Pohjanmaan hyvinvointialue", name_sv="Österbottens välfärdsområde"
    )


def _import(text: str, user=None) -> dict:
    importer = municipality_importer(user)
    staged = pipeline.check_file(importer, "kunnat.csv", text.encode("utf-8"))
    assert not staged.problems, [str(p) for p in staged.problems]
    plan = importer.plan(staged.table.rows)
    importer.write(plan)
    return plan.counts()


def test_finnish_headers_and_unpadded_codes_are_understood(pohjanmaa):
    _import("Koodi;Nimi;Namn;Maakunta;Hyvinvointialue\n905;Vaasa;Vasa;15;Pohjanmaan hyvinvointialue\n")
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


# Statistics Finland's classification key as downloaded: a title row, Finnish headers, semicolons,
# Windows-1252 (Excel), codes without their leading zeros once Excel has opened the file.
STATISTICS_FINLAND = (
    "Kunnat 2025 - maakunnat 2025;;;\r\n"
    "sourcecode;sourcename;targetcode;targetname\r\n"
    "5;Alajärvi;14;Etelä-Pohjanmaa\r\n"
    "905;Vaasa;15;Pohjanmaa\r\n"
)


def test_the_admin_imports_statistics_finlands_semicolon_csv(client, administrator, pohjanmaa):
    RegionFactory(code="14", name_fi="Etelä-Pohjanmaa")
    client.force_login(administrator)
    url = "/admin/governance/municipality/import/"
    assert "import/" in client.get("/admin/governance/municipality/").content.decode()
    upload = SimpleUploadedFile("kunnat.csv", STATISTICS_FINLAND.encode("cp1252"))
    response = client.post(url, {"file": upload})
    assert response.status_code == 200, response.content.decode()[-3000:]
    assert Municipality.objects.count() == 0 and "Windows-1252" in response.content.decode()
    response = client.post(url, {"batch": response.context["batch"].pk})
    assert response.status_code == 200
    alajarvi = Municipality.objects.get(code="005")
    assert (alajarvi.name_fi, alajarvi.name_sv, alajarvi.region.code) == ("Alajärvi", "Alajärvi", "14")
    assert alajarvi.history.get().history_user == administrator
    # The same file again changes nothing; a bad row names its row, column and header.
    bad = STATISTICS_FINLAND.replace("905;Vaasa;15", "905;Vaasa;99")
    response = client.post(url, {"file": SimpleUploadedFile("kunnat.csv", bad.encode("cp1252"))})
    body = response.content.decode()
    assert response.status_code == 400 and "C (targetcode)" in body and "99" in body
    assert "FieldError" not in body and Municipality.objects.get(code="905").region.code == "15"


def test_the_admin_imports_organisations_through_the_same_pipeline(client, administrator, pohjanmaa):
    client.force_login(administrator)
    text = (
        "nimi;lyhenne;tyyppi;y-tunnus;maakunta\nSeinäjoen ammattikorkeakoulu;SeAMK;ammattikorkeakoulu;;14\n"
    )
    url = "/admin/governance/organisation/import/"
    response = client.post(url, {"file": SimpleUploadedFile("org.csv", text.encode("utf-8"))})
    assert response.status_code == 400 and "14" in response.content.decode()  # no such region yet
    RegionFactory(code="14", name_fi="Etelä-Pohjanmaa")
    response = client.post(url, {"file": SimpleUploadedFile("org.csv", text.encode("utf-8"))})
    assert response.status_code == 200, response.content.decode()[-3000:]
    client.post(url, {"batch": response.context["batch"].pk})
    seamk = Organisation.objects.get(short_name="SeAMK")
    assert (seamk.kind, seamk.region.code) == ("university", "14")
    text = "nimi;y-tunnus\nSeinäjoen ammattikorkeakoulu;1234567-8\n"
    response = client.post(url, {"file": SimpleUploadedFile("org.csv", text.encode("utf-8"))})
    assert response.status_code == 400 and "B (y-tunnus)" in response.content.decode()


def test_staff_without_the_permission_cannot_import(client, pohjanmaa):
    from tests.governance.factories import UserFactory

    client.force_login(UserFactory(username="staff", is_staff=True))
    assert client.get("/admin/governance/municipality/import/").status_code == 403
