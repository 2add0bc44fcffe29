# ruff: noqa: E501 -- the demo prose is quoted from the documents paragraph by paragraph
"""Demo data of the registry and of governance, read from the source documents.

People are fictional; no contact details; business IDs are left empty because the documents give none.
"""

import csv
from collections import Counter
from pathlib import Path

from django.contrib.auth import get_user_model
from django.utils.text import slugify

from config.demo import upsert
from config.imports.pipeline import check_file
from governance.models import (
    Affiliation,
    AreaManager,
    Municipality,
    Organisation,
    Person,
    Region,
    WellbeingArea,
)
from governance.resources import municipality_importer

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

    importer = municipality_importer()
    staged = check_file(importer, "demo-municipalities.csv", (DATA / "demo-municipalities.csv").read_bytes())
    assert not staged.problems, [str(p) for p in staged.problems]
    importer.write(importer.plan(staged.table.rows))

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


# --- steering groups and meetings ------------------------------------------------------------------

BOARD_NAME = "SONet BOTNIA -johtoryhmä"
CENTRE = "SONet BOTNIA"

# Fictional people in the roles of the documents (first, last, title, organisation short name).
# (role, represents organisation short name, represents region code, deputy of (last name))
BOARD_PEOPLE = [
    (("Jukka", "Kivelä", "kehittämisjohtaja", "Soite"), ("chair", "Soite", "16", None)),
    (
        ("Eeva", "Rantanen", "tulosaluejohtaja, lapsiperhepalvelut ja sosiaalityö", "Vaasa"),
        ("vice_chair", "Vaasa", "15", None),
    ),
    (("Satu", "Haapala", "sosiaalipalvelujen johtaja", "Seinäjoki"), ("member", "Seinäjoki", "14", None)),
    (("Hanna", "Lehtimäki", "perusturvajohtaja", "Järvipohjanmaa"), ("member", None, "14", None)),
    (("Mikael", "Nyström", "socialchef", "Pietarsaaren seutu"), ("member", None, "15", None)),
    (
        ("Tiina", "Koskela", "johtava sosiaalityöntekijä", "Seinäjoki"),
        ("deputy", "Seinäjoki", "14", "Haapala"),
    ),
    (("Pekka", "Ojala", "yliopettaja", "SeAMK"), ("expert", None, "14", None)),
    (("Anna-Liisa", "Björk", "sosiaalityön asiantuntija", "Vaasa"), ("expert", None, "15", None)),
    (("Riitta", "Kangas", "palvelualuejohtaja", "Soite"), ("expert", None, "16", None)),
    (("Kari", "Lehto", "kehitysjohtaja", "SONet BOTNIA"), ("secretary", None, None, None)),
]

SECTIONS_2020 = [
    (
        6,
        "Lastensuojelun jälkihuollon NEET-VIP-ryhmän aikuistumisen tuki poikkeusoloissa: "
        "hanke ”Elämässä eteenpäin” ja digitaalisen sosiaalityön kehittäminen",
        """Taustaa: NEET-nuoret (neither in employment nor in education or training) ovat erityisen haavoittuva ryhmä, joka on vaarassa jäädä poikkeusolosuhteissa vähäiselle huomiolle. Jälkihuollossa olevat nuoret ovat kuntien vastuulla.

Yhteishanke ”Elämässä eteenpäin – Covid 19 tuottama arki ja lastensuojelun jälkihuollon palvelujen yhteiskehittäminen” (ESR-toimintalinja 5: Sosiaalinen osallisuus ja köyhyyden torjunta): THL päätoteuttaja, budjetti yhteensä 988 216 €; SONet BOTNIAn osatoteutus ESR 80 % 348 854 €, omarahoitus 20 % 87 214 €, yhteensä 436 068 €. Hankeaika 8/2020–12/2022, SONet BOTNIA aloittaa 9/2020. Kaupunkialueena Vaasa, Pietarsaaren seutu, Keski-Pohjanmaan sosiaali- ja terveyspalvelukuntayhtymä Soite, Seinäjoki, Järvipohjanmaa ja Suupohjan liikelaitoskuntayhtymä sekä Kanta-Hämeestä Hausjärvi ja Riihimäki.

Tavoitteet: tukea lastensuojelun asiakkaana olevien lasten ja nuorten sosiaalisten, terveydellisten ja sivistyksellisten oikeuksien toteutumista; tukea sosiaalityöntekijöitä, jotka pandemian oloissa yhdessä jälkihuoltonuorten kanssa etsivät uusia toimintatapoja; luoda kansallinen monialainen ja -tasoinen yhteiskehittämisen TKI-rakenne jälkihuoltoon; kehittää pandemian jälkeistä uutta normaalia jälkihuollon palveluihin ja juurruttaa hyvät käytännöt.

SONet BOTNIAn rooli: osatoteuttajan hallinnolliset tehtävät ja yhteistyö THL:n ja muiden osatoteuttajien kanssa; koordinoi hankkeen kokonaisuutta hankealueellaan ja vastaa työpaketeista; muodostaa alueellaan yhteiskehittämisen toiminta-alustan; aktivoi kuntien jälkihuollon työntekijöitä, järjestää alueellisia työpajoja ja koulutuksellista tukea; tukee tiedonkulkua ja viestintää; kokoaa ja tuottaa alueellista seurantatietoa.

Digitaalisen sosiaalityön kehittäminen: sosiaalialan osaamiskeskusverkosto yhteistyössä Pelastakaa Lapset ry:n kanssa. Sosiaalipalvelujen digitaalisia ratkaisuja tulisi kehittää asiakkaiden tarpeiden mukaisesti; digitalisaation este on tällä hetkellä toimijakentän hajanaisuus. Terveyskylän rinnalle ehdotetaan ”sosiaalikylää”, johon rakennettaisiin sosiaalisiin kysymyksiin keskittyviä taloja, kuten Erotalo, Väkivaltatalo tai Lastensuojelutalo, Terveyskylän teknisiä ratkaisuja, rakenteita ja mallinnuksia hyödyntäen.""",
        "Johtoryhmä merkitsee tiedoksi jälkihuollon kehittämishankkeen valmistelun ja digitaalisen sosiaalityön kehittämisen.",
        "Merkittiin tiedoksi.",
        "noted",
    ),
    (
        8,
        "Sosiaaliasiamiestoiminnan selvitystyön työsuunnitelma",
        """SONet BOTNIAn kehitysjohtaja on laatinut työsuunnitelman ajalle 4/2020–11/2020 selvitystyölle sosiaaliasiamiestehtävän mahdollisesta siirrosta SONet BOTNIAan. Johtoryhmä on hyväksynyt työsuunnitelman 29.5.2020.

SONet BOTNIA on käynnistänyt sisällölliset kuntakuulemiset yhteistyössä Eskoon sosiaalipalvelujen kuntayhtymän kanssa 5.6.2020. Tässä vaiheessa kuulemiset koskevat Etelä-Pohjanmaata, mutta toteutuessaan siirto vahvistaa koko SONet BOTNIAn toimintaa.

SeAMK tarvitsee lisäaikaa asian selvittämiseen ammattikorkeakoulun yhtiöjärjestyksen ja kustannusrakenteen näkökulmasta. Talouslaskelmat ovat SONet BOTNIAssa valmiina.""",
        "Johtoryhmä merkitsee tiedoksi selvitystyön etenemisen.",
        "Merkittiin tiedoksi selvitystyön eteneminen.",
        "noted",
    ),
    (
        9,
        "SONet BOTNIAn uusi johtoryhmä 2020–2021 ja talousasiat",
        """Seinäjoen, Vaasan ja Keski-Pohjanmaan sosiaali- ja terveyspalvelukuntayhtymä Soiten sopimusosapuolet ovat nimenneet edustajat johtoryhmän jäseniksi vuosille 2020–2021 alueellinen edustus laajemmin huomioon ottaen. Puheenjohtajaksi valittiin Soiten kehittämisjohtaja ja varapuheenjohtajaksi Vaasan kaupungin lapsiperhepalvelujen ja sosiaalityön tulosaluejohtaja. Johtoryhmässä on kunkin maakunnan edustajat ja kutsutut asiantuntijat.

Talousasiat: talousarvion toteutumavertailu 30.4.2020 tilanteen mukaan. Alustava talousarvio vuodelle 2021 on 365 000 €, josta valtionavustuksen arvio 240 000 €. Kuntarahoitus vuodelle 2021 on yhteensä 80 000 €, ja se jaetaan perussopimusosapuolten kesken vuonna 2020 käytetyn mallin mukaisesti. Hanketoiminta ja -rahoitus sekä maksullinen palvelutoiminta ovat kääntymässä alkuvuoden jälkeen kasvuun.""",
        "Johtoryhmä merkitsee tiedoksi uuden johtoryhmän kokoonpanon ja talouden toteutuman sekä hyväksyy "
        "alustavan talousarvion 2021 ja kuntarahoituksen jaon.",
        "Hyväksyttiin esityksen mukaisesti.",
        "approved",
    ),
]

REFLECTION_PEOPLE = [
    # first, last, title, organisation (name), role
    ("Laura", "Virta", "projektipäällikkö, YEE-hanke", "Terveyden ja hyvinvoinnin laitos", "chair"),
    ("Outi", "Salo", "jälkihuollon palvelupäällikkö", "Satakunnan hyvinvointialue", "member"),
    ("Marja", "Heino", "jälkihuollon johtava sosiaalityöntekijä", "Pirkanmaan hyvinvointialue", "member"),
    ("Annika", "Sundqvist", "enhetschef, eftervård", "Pohjanmaan hyvinvointialue", "member"),
    ("Sari", "Mattila", "palvelupäällikkö", "Kanta-Hämeen hyvinvointialue", "member"),
    ("Niko", "Aalto", "asiantuntija, YEE-hanke", "Terveyden ja hyvinvoinnin laitos", "secretary"),
]

REFLECTION_SECTIONS = [
    (
        "Ajankohtaista YEE-hankkeesta",
        "Yhdessä aikuisuuteen – Elämässä eteenpäin (YEE) -hankkeen projektipäällikkö alusti tilaisuutta "
        "kertomalla ajankohtaisista asioista. YEE-hanke on järjestänyt syksyn 2022 ja kevään 2023 aikana neljä "
        "jälkihuollon johdon vertaisreflektiota (13.9.2022, 9.11.2022, 27.1.2023 ja 29.3.2023). Hanke päättyy "
        "toukokuussa 2023; loppujulkaisun julkaisutilaisuus on 8.5.2023.",
    ),
    (
        "Asiakasmitoitus ja työntekijäresurssit",
        "Varhan alueella on noin 900 asiakasta. Tavoitteena on, että ohjaajalla olisi 25 asiakasta ja "
        "sosiaalityöntekijällä 50 asiakasta. Pohjois-Pohjanmaalla asiakkaita on noin 800; tavoitteena on 50 "
        "asiakasta sosiaalityöntekijää kohden ja 40 ohjaajaa kohden (25 olisi ideaali). Järjestämisvastuussa "
        "olevalla hyvinvointialueella ja alueella, jossa nuori asuu, on molemmissa nuorella oltava oma työntekijä.",
    ),
    (
        "Työnkuvat",
        "Satakuntaan pyritään saamaan yksi tai useampi erityissosiaaliohjaaja niiden nuorten tueksi, jotka "
        "tarvitsevat vahvempaa tukea. Varhan alueen sosiaalityöntekijöiden ja ohjaajien tehtävät on koottu "
        "liitteeseen 1 (luonnos).",
    ),
    (
        "Palveluiden organisointi",
        "Pirkanmaalla jälkihuolto organisoituu työikäisten palveluihin, Pohjanmaalla aikuissosiaalityöhön, "
        "jossa nuorisotyön yksikkö on erikseen. Kuntien väliset erot vaikuttavat palveluiden organisointiin.",
    ),
    (
        "Palveluiden yhdyspinnat",
        "Käsiteltiin yhteistyötä vammaispalveluiden sekä mielenterveys- ja päihdepalveluiden kanssa. "
        "Yhteistyötä pidettiin tärkeänä varhaisessa vaiheessa ja etenkin nivelvaiheissa.",
    ),
    (
        "Asiakastietojärjestelmät",
        "Eräällä hyvinvointialueella on kuusi eri asiakastietojärjestelmää. Yhteinen järjestelmä auttaisi "
        "jakamaan asiakkaita tasaisemmin: nyt yhdellä sosiaalityöntekijällä on 80 asiakasta ja toisella 40.",
    ),
    (
        "Asiakasraati ja kilpailutukset",
        "Satakunnassa suunnitteilla on asiakasraati kehittämistyön tueksi. Jälkihuolto kilpailutetaan samassa "
        "kuin muu lastensuojelu; se pitäisi kilpailuttaa omana kokonaisuutenaan, ja palvelukuvaukset luoda erikseen.",
    ),
]


def _person(first: str, last: str, title: str, organisation: Organisation | None) -> Person:
    return upsert(
        Person, {"first_name": first, "last_name": last}, {"title": title, "organisation": organisation}
    )


def _approve(meeting) -> None:
    from governance.models import Meeting
    from governance.services import freeze_embeds

    if meeting.status != Meeting.Status.APPROVED:
        freeze_embeds(
            meeting, at=meeting.starts_at
        )  # the minutes show their figures as approved, not as they are later
        meeting.status = Meeting.Status.APPROVED
        meeting.approved_at = meeting.starts_at
        meeting.save()


def load_governance() -> None:
    """The SONet BOTNIA board 2020–2021 with its spring-2020 meeting, and the aftercare leaders' peer
    reflection of 29.3.2023 as a memo.

    The board meeting stays a draft here: other apps' demo steps embed their report sections into
    it (the municipal funding and the budget in 9 §), then ``approve_meetings`` approves it.
    """
    import datetime
    from zoneinfo import ZoneInfo

    from governance.models import AgendaSection, Attendance, Meeting, Membership, SteeringGroup, Term

    helsinki = ZoneInfo("Europe/Helsinki")
    org = {o.short_name: o for o in Organisation.objects.all()}
    regions = {r.code: r for r in Region.objects.all()}
    centre = org[CENTRE]

    # The board and its term 2020–2021.
    board = upsert(
        SteeringGroup,
        {"owner": centre, "name": BOARD_NAME},
        {"kind": SteeringGroup.Kind.BOARD, "name_sv": "SONet BOTNIA ledningsgrupp"},
    )
    term = upsert(Term, {"group": board, "start_year": 2020}, {"end_year": 2021})
    members: dict[str, Membership] = {}
    for (first, last, title, org_short), (role, represents, region, deputy_of) in BOARD_PEOPLE:
        person = _person(first, last, title, org[org_short])
        members[last] = upsert(
            Membership,
            {"term": term, "person": person},
            {
                "role": role,
                "deputy_of": members.get(deputy_of) if deputy_of else None,
                "represents_organisation": org.get(represents) if represents else None,
                "represents_region": regions.get(region) if region else None,
            },
        )
    member_user = get_user_model().objects.filter(username="jasen").first()
    if member_user is not None:
        members["Jäsen"] = upsert(
            Membership,
            {"term": term, "person": member_user.person},
            {
                "role": Membership.Role.MEMBER,
                "represents_organisation": org["Soite"],
                "represents_region": regions["16"],
            },
        )

    starts = datetime.datetime(2020, 6, 12, 9, 0, tzinfo=helsinki)
    meeting = upsert(
        Meeting,
        {"group": board, "year": 2020, "number": 2},
        {
            "term": term,
            "title": "Johtoryhmän kokous",
            "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=2),
            "place": "Teams",
            "online": True,
            "kind": Meeting.Kind.MINUTES,
        },
    )
    if meeting.status != Meeting.Status.APPROVED:
        for last, membership in members.items():
            status = Attendance.Status.PRESENT
            if last == "Haapala":
                status = Attendance.Status.ABSENT
            upsert(
                Attendance,
                {"meeting": meeting, "person": membership.person},
                {
                    "membership": membership,
                    "status": Attendance.Status.DEPUTY_PRESENT if last == "Koskela" else status,
                    "deputy_for": members["Haapala"] if last == "Koskela" else None,
                },
            )
        for number, title, presentation, proposal, decision, decision_type in SECTIONS_2020:
            upsert(
                AgendaSection,
                {"meeting": meeting, "number": number},
                {
                    "title": title,
                    "presentation": presentation,
                    "proposal": proposal,
                    "decision": decision,
                    "decision_type": decision_type,
                },
            )

    _load_peer_reflection()


def board_meeting():
    """The SONet BOTNIA board's spring-2020 meeting of the demo (None before ``load_governance``)."""
    from governance.models import Meeting

    return Meeting.objects.filter(group__name=BOARD_NAME, year=2020, number=2).first()


def approve_meetings() -> None:
    """Approve the board meeting's minutes once every app has embedded its sections; minutes
    approved by an older load_demo, before snapshots existed, get theirs now."""
    from governance.services import meetings_freeze_missing

    meeting = board_meeting()
    if meeting is not None:
        _approve(meeting)
    meetings_freeze_missing(dated_by_meeting=True)


def _load_peer_reflection() -> None:
    import datetime
    from zoneinfo import ZoneInfo

    from governance.models import AgendaSection, Attendance, Meeting, Membership, SteeringGroup, Term

    thl = Organisation.objects.get(short_name="THL")
    group = upsert(
        SteeringGroup,
        {"owner": thl, "name": "YEE-hankkeen jälkihuollon johdon vertaisreflektio"},
        {"kind": SteeringGroup.Kind.NETWORK},
    )
    term = upsert(Term, {"group": group, "start_year": 2022}, {"end_year": 2023})
    people = [
        (_person(first, last, title, Organisation.objects.get(name=org_name)), role)
        for first, last, title, org_name, role in REFLECTION_PEOPLE
    ]
    for username in ("esihenkilo-varha", "esihenkilo-pp"):
        user = get_user_model().objects.filter(username=username).first()
        if user is not None:
            people.append((user.person, Membership.Role.MEMBER))
    memberships = [upsert(Membership, {"term": term, "person": p}, {"role": role}) for p, role in people]
    starts = datetime.datetime(2023, 3, 29, 14, 0, tzinfo=ZoneInfo("Europe/Helsinki"))
    meeting = upsert(
        Meeting,
        {"group": group, "year": 2023, "number": 2},
        {
            "term": term,
            "title": "Valtakunnallinen lastensuojelun jälkihuollon johdon vertaisreflektio",
            "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=2),
            "place": "Teams-keskustelu",
            "online": True,
            "kind": Meeting.Kind.PEER_REFLECTION,
        },
    )
    if meeting.status == Meeting.Status.APPROVED:
        return
    for membership in memberships:
        upsert(
            Attendance,
            {"meeting": meeting, "person": membership.person},
            {"membership": membership, "status": Attendance.Status.PRESENT},
        )
    for number, (title, text) in enumerate(REFLECTION_SECTIONS, start=1):
        upsert(
            AgendaSection,
            {"meeting": meeting, "number": number},
            {
                "title": title,
                "presentation": text,
                "decision": "Keskustelu kirjattiin muistioon.",
                "decision_type": "noted",
            },
        )
    _approve(meeting)
