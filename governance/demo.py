"""Demo data of the registry and of governance, read from the source documents.

People are fictional; no contact details; business IDs are left empty because the documents give none.
"""

import csv
from collections import Counter
from pathlib import Path

import tablib
from django.contrib.auth import get_user_model
from django.utils.text import slugify

from config.demo import upsert
from governance.models import (
    Affiliation,
    AreaManager,
    Municipality,
    Organisation,
    Person,
    Region,
    WellbeingArea,
)
from governance.resources import MunicipalityResource

DATA = Path(__file__).resolve().parent / "data"

ORGANISATIONS = [
    # (name, short name, kind, region code, host short name)
    ("Terveyden ja hyvinvoinnin laitos", "THL", Organisation.Kind.NATIONAL_INSTITUTE, None, None),
    ("Seinäjoen ammattikorkeakoulu", "SeAMK", Organisation.Kind.UNIVERSITY, "14", None),
    (
        "Pohjanmaan maakuntien sosiaalialan osaamiskeskus SONet BOTNIA",
        "SONet BOTNIA",
        Organisation.Kind.COMPETENCE_CENTRE,
        "14",
        "SeAMK",
    ),
    ("Itä-Suomen sosiaalialan osaamiskeskus", "ISO", Organisation.Kind.COMPETENCE_CENTRE, "11", None),
    (
        "Keski-Pohjanmaan sosiaali- ja terveyspalvelukuntayhtymä",
        "Soite",
        Organisation.Kind.JOINT_AUTHORITY,
        "16",
        None,
    ),
    ("Suupohjan liikelaitoskuntayhtymä", "Suupohja", Organisation.Kind.JOINT_AUTHORITY, "14", None),
    ("Järvi-Pohjanmaan perusturva", "Järvipohjanmaa", Organisation.Kind.JOINT_AUTHORITY, "14", None),
    (
        "Pietarsaaren seudun sosiaali- ja terveysvirasto",
        "Pietarsaaren seutu",
        Organisation.Kind.JOINT_AUTHORITY,
        "15",
        None,
    ),
    ("Eskoon sosiaalipalvelujen kuntayhtymä", "Eskoo", Organisation.Kind.JOINT_AUTHORITY, "14", None),
    (
        "Etelä-Pohjanmaan elinkeino-, liikenne- ja ympäristökeskus",
        "Etelä-Pohjanmaan ELY-keskus",
        Organisation.Kind.FUNDING_AUTHORITY,
        "14",
        None,
    ),
]
MUNICIPAL_ORGANISATIONS = {
    "905": "Vaasan kaupunki",
    "743": "Seinäjoen kaupunki",
    "694": "Riihimäen kaupunki",
    "086": "Hausjärven kunta",
}
AREA_ORGANISATIONS = {
    "Varsinais-Suomen hyvinvointialue": "02",
    "Satakunnan hyvinvointialue": "04",
    "Pirkanmaan hyvinvointialue": "06",
    "Pohjanmaan hyvinvointialue": "15",
    "Pohjois-Pohjanmaan hyvinvointialue": "17",
    "Kanta-Hämeen hyvinvointialue": "05",
}

# username → (first name, last name, title, organisation short name, coordinator?, managed area)
DEMO_USERS = {
    "koordinaattori": ("Kaisa", "Koordinaattori", "kehittämissuunnittelija", "SONet BOTNIA", True, None),
    "jasen": ("Juhani", "Jäsen", "perhepalvelujen johtaja", "Soite", False, None),
    "esihenkilo-varha": (
        "Veera",
        "Esimerkki",
        "jälkihuollon johtava sosiaalityöntekijä",
        None,
        False,
        "Varsinais-Suomen hyvinvointialue",
    ),
    "esihenkilo-pp": (
        "Pekka",
        "Pohjoinen",
        "jälkihuollon palvelupäällikkö",
        None,
        False,
        "Pohjois-Pohjanmaan hyvinvointialue",
    ),
    "admin": ("Aino", "Ylläpitäjä", "pääkäyttäjä", None, False, None),
}


def _area_slug(name_fi: str, short_name: str, region: Region, areas_in_region: int) -> str:
    """varha, pohjois-pohjanmaa, ita-uudenmaan-hyvinvointialue, helsingin-kaupunki."""
    if short_name:
        return slugify(short_name)
    if areas_in_region == 1:
        return slugify(region.name_fi)
    return slugify(name_fi)


def load_registry() -> None:
    with open(DATA / "regions-and-wellbeing-areas.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    for row in rows:
        if row["kind"] == "region":
            upsert(
                Region, {"code": row["region_code"]}, {"name_fi": row["name_fi"], "name_sv": row["name_sv"]}
            )
    regions = {region.code: region for region in Region.objects.all()}
    areas_per_region = Counter(row["region_code"] for row in rows if row["kind"] == "wellbeing_area")
    for row in rows:
        if row["kind"] != "wellbeing_area":
            continue
        note = row["note"] or ""
        short = note.split("short name ", 1)[1].split(" ")[0] if "short name " in note else ""
        if short == "Siun":
            short = "Siun sote"
        upsert(
            WellbeingArea,
            {"name_fi": row["name_fi"]},
            {
                "name_sv": row["name_sv"],
                "region": regions[row["region_code"]],
                "short_name": short,
                "slug": _area_slug(
                    row["name_fi"], short, regions[row["region_code"]], areas_per_region[row["region_code"]]
                ),
            },
        )

    dataset = tablib.Dataset().load(
        (DATA / "demo-municipalities.csv").read_text(encoding="utf-8"), format="csv", delimiter=";"
    )
    result = MunicipalityResource().import_data(dataset, raise_errors=True)
    assert not result.has_validation_errors()

    for name, short, kind, region_code, host in ORGANISATIONS:
        upsert(
            Organisation,
            {"name": name},
            {
                "short_name": short,
                "kind": kind,
                "region": regions.get(region_code),
                "host": Organisation.objects.get(short_name=host) if host else None,
            },
        )
    for code, organisation_name in MUNICIPAL_ORGANISATIONS.items():
        municipality = Municipality.objects.get(code=code)
        upsert(
            Organisation,
            {"name": organisation_name},
            {
                "short_name": municipality.name_fi,
                "name_sv": municipality.name_sv,
                "kind": Organisation.Kind.MUNICIPALITY,
                "municipality": municipality,
                "region": municipality.region,
            },
        )
    for area_name, region_code in AREA_ORGANISATIONS.items():
        area = WellbeingArea.objects.get(name_fi=area_name)
        upsert(
            Organisation,
            {"name": area_name},
            {
                "name_sv": area.name_sv,
                "short_name": area.short_name,
                "kind": Organisation.Kind.WELLBEING_AREA,
                "wellbeing_area": area,
                "region": regions[region_code],
            },
        )


def load_users(*, password: str) -> None:
    User = get_user_model()
    for username, (first, last, title, org_short, coordinator, area_name) in DEMO_USERS.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username=username, password=password, first_name=first, last_name=last
            )
        elif not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
        if username == "admin" and not user.is_superuser:
            user.is_staff = user.is_superuser = True
            user.save(update_fields=["is_staff", "is_superuser"])
        organisation = Organisation.objects.get(short_name=org_short) if org_short else None
        area = WellbeingArea.objects.get(name_fi=area_name) if area_name else None
        if area is not None:
            organisation = area.organisation
            upsert(AreaManager, {"user": user}, {"wellbeing_area": area})
        if organisation is not None:
            upsert(Affiliation, {"user": user, "organisation": organisation}, {"is_coordinator": coordinator})
        upsert(
            Person,
            {"user": user},
            {"first_name": first, "last_name": last, "title": title, "organisation": organisation},
        )
