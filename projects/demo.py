# ruff: noqa: E501 - the seed documents' sentences are quoted whole, one paragraph a line.
"""Demo data of the ESR project "Elämässä eteenpäin", read from the board slides (seeds 000, 001, 003).

The first version of the plan (spring 2020: "about 1 M€", SONet BOTNIA "200 000–300 000 €",
from 9/2020) is recorded before the current one, so the plan history has a real change to show.
People are fictional; business IDs are left empty because the documents give none.
"""

import datetime
from datetime import date
from decimal import Decimal

from django.utils import timezone

from config.demo import upsert
from governance.models import Municipality, Organisation, Region
from projects.models import (
    Call,
    Implementer,
    Indicator,
    IndicatorValue,
    Measure,
    ParticipantTarget,
    PriorityAxis,
    Programme,
    Project,
    StaffResource,
    StatusChange,
    WorkPackage,
)

PROJECT_NAME = (
    "Elämässä eteenpäin – Covid 19 tuottama arki ja lastensuojelun jälkihuollon palvelujen yhteiskehittäminen"
)
BACKGROUND = """NEET-nuoret (neither in employment nor in education or training) ovat erityisen haavoittuva ryhmä, joka on vaarassa jäädä poikkeusolosuhteissa vähäiselle huomiolle. Jälkihuollossa olevat nuoret ovat kuntien vastuulla.

Covid 19 -pandemian sosiaaliset ja taloudelliset seuraukset ovat massiiviset: sijoitettuna olleiden nuorten pääsy työelämään heikentyy edelleen. Lastensuojelun sijais- ja jälkihuollon kantokyky on koetteilla, ja jälkihuollon palvelujen tarjonta on erittäin heterogeeninen ja pirstaleinen.

Hankkeella vastataan hallitusohjelman ja ministeriryhmän 2019 määrittelemiin lastensuojelun kehittämisen haasteisiin ja erityisesti jälkihuoltoon siirtyvien aikuistumisen tuen kysymyksiin."""
GOALS = """Tukea lastensuojelun asiakkaana olevien lasten ja nuorten sosiaalisten, terveydellisten ja sivistyksellisten oikeuksien toteutumista ja parantaa kaikkien jälkihuoltoon siirtyneiden ja vaikeimmassa asemassa olevan NEET-VIP-ryhmän mahdollisuuksien tasa-arvoa ja osallisuutta.
Tukea sosiaalityöntekijöitä, jotka pandemian oloissa yhdessä jälkihuoltonuorten kanssa etsivät uusia toimintatapoja, menetelmiä ja käytäntöjä.
Luoda kansallinen, monialainen ja -tasoinen yhteiskehittämisen rakenne jälkihuoltoon.
Kehittää pandemian jälkeistä uutta normaalia jälkihuollon palvelujen toimintaan.
Juurruttaa hyvät käytännöt."""
TARGET_GROUPS = "Lastensuojelun jälkihuollossa olevat nuoret, erityisesti NEET-VIP-ryhmä; jälkihuollon sosiaalityöntekijät ja ohjaajat sekä yhteistyötoimijat."
SONET_ROLE = """Osatoteuttajan hallinnolliset tehtävät ja yhteistyö THL:n ja muiden osatoteuttajien kanssa: tutkimustietoperustaisen kehittämisen vahvistaminen.
Koordinoi hankkeen tavoitteiden mukaista kokonaisuutta hankealueellaan ja vastaa muodostettavista kehittämisen kokonaisuuksista (työpaketit).
Muodostaa alueellaan yhteiskehittämisen toiminta-alustaa ja rakennetta.
Aktivoi kuntien jälkihuollon työntekijöitä ja muita toimijoita: järjestää alueellisia kehittämisen työpajoja ja koulutuksellista tukea.
Tukee tiedonkulkua ja viestintää sekä kokoaa ja tuottaa alueellista seurantatietoa hankkeesta."""
SONET_DESCRIPTION = """SONet BOTNIAn osatoteutus toteutuu tiiviissä kuntayhteistyössä kaupunkialueella: Vaasa, Pietarsaaren seutu, Soite, Seinäjoki, Järvipohjanmaa ja Suupohjan liikelaitoskuntayhtymä sekä Kanta-Hämeestä Hausjärvi ja Riihimäki.
Tavoitteena ovat nuorilähtöiset vaikuttavat palvelut ja pysyvä vertaistuen ja kokemusasiantuntijuuden rakenne kunnissa."""
THL_ROLE = "Päätoteuttaja: hankkeen kokonaiskoordinaatio, kansallinen yhteiskehittämisen rakenne ja tiedon kokoaminen valtakunnalliseen työhön."

REGION_CODES = ["05", "14", "15", "16"]
MUNICIPALITY_CODES = ["005", "086", "232", "272", "288", "598", "694", "743", "905"]

# The first plan (spring 2020 slides) and the current one: field values that changed.
FIRST_PLAN = {"start_date": date(2020, 9, 1), "budget_note": "noin 1 M€"}
CURRENT_PLAN = {"start_date": date(2020, 8, 1), "budget_note": "988 216 €"}
SONET_FIRST = {"budget_note": "alustava arvio 200 000–300 000 €, ESR 80 %, omarahoitus 20 %"}
SONET_CURRENT = {"budget_note": "ESR 80 %: 348 854 €, omarahoitus 20 %: 87 214 €, yht. 436 068 €"}
FIRST_PLAN_AT = datetime.datetime(2020, 4, 20, 12, 0, tzinfo=datetime.UTC)
CURRENT_PLAN_AT = datetime.datetime(2020, 6, 15, 12, 0, tzinfo=datetime.UTC)


def _save_at(obj, values: dict, when: datetime.datetime) -> None:
    """Apply ``values`` and save with a history record dated ``when``, only if something changed."""
    changed = {k: v for k, v in values.items() if getattr(obj, k) != v}
    if not changed:
        return
    for name, value in changed.items():
        setattr(obj, name, value)
    obj._history_date = when
    obj.save()


def load() -> None:
    programme = upsert(
        Programme, {"name": "Kestävää kasvua ja työtä"}, {"start_year": 2014, "end_year": 2020}
    )
    upsert(Programme, {"name": "Uudistuva ja osaava Suomi"}, {"start_year": 2021, "end_year": 2027})
    axis = upsert(
        PriorityAxis,
        {"programme": programme, "number": 5},
        {"name": "Sosiaalinen osallisuus ja köyhyyden torjunta"},
    )
    call = upsert(
        Call,
        {"code": "ESR-TL5-2020"},
        {
            "priority_axis": axis,
            "name": "Covid-19-tilanteen sosiaalisten vaikutusten lieventäminen",
            "aid_rate": Decimal(80),
        },
    )
    thl = Organisation.objects.get(short_name="THL")
    sonet = Organisation.objects.get(short_name="SONet BOTNIA")

    project = Project.objects.filter(name=PROJECT_NAME).first()
    base = {
        "acronym": "Elämässä eteenpäin",
        "call": call,
        "end_date": date(2022, 12, 31),
        "scope": Project.Scope.NATIONAL,
        "background": BACKGROUND,
        "goals": GOALS,
        "target_groups": TARGET_GROUPS,
    }
    if project is None:
        project = Project(name=PROJECT_NAME, status=Project.Status.DRAFT, **base, **FIRST_PLAN)
        project._history_date = FIRST_PLAN_AT
        project.save()
        for organisation, is_main, role, description, extra in (
            (thl, True, THL_ROLE, "", {}),
            (sonet, False, SONET_ROLE, SONET_DESCRIPTION, SONET_FIRST),
        ):
            implementer = Implementer(
                project=project,
                organisation=organisation,
                is_main=is_main,
                start_date=date(2020, 9, 1),
                end_date=date(2022, 12, 31),
                role=role,
                description=description,
                **extra,
            )
            implementer._history_date = FIRST_PLAN_AT
            implementer.save()
    _save_at(project, CURRENT_PLAN, CURRENT_PLAN_AT)
    _save_at(
        Implementer.objects.get(project=project, organisation=thl),
        {"start_date": date(2020, 8, 1)},
        CURRENT_PLAN_AT,
    )
    _save_at(Implementer.objects.get(project=project, organisation=sonet), SONET_CURRENT, CURRENT_PLAN_AT)
    _status_history(project)
    project.regions.set(Region.objects.filter(code__in=REGION_CODES))
    project.municipalities.set(Municipality.objects.filter(code__in=MUNICIPALITY_CODES))
    _plan(project, thl, sonet)


def _status_history(project: Project) -> None:
    steps = [
        (
            Project.Status.DRAFT,
            Project.Status.SUBMITTED,
            datetime.datetime(2020, 6, 15, 13, 0, tzinfo=datetime.UTC),
        ),
        (
            Project.Status.SUBMITTED,
            Project.Status.APPROVED,
            datetime.datetime(2020, 8, 20, 9, 0, tzinfo=datetime.UTC),
        ),
        (
            Project.Status.APPROVED,
            Project.Status.RUNNING,
            datetime.datetime(2020, 9, 1, 9, 0, tzinfo=datetime.UTC),
        ),
    ]
    for from_status, to_status, when in steps:
        upsert(
            StatusChange,
            {"project": project, "to_status": to_status},
            {"from_status": from_status, "changed_at": when},
        )
    _save_at(
        project,
        {"status": Project.Status.RUNNING},
        timezone.make_aware(datetime.datetime(2020, 9, 1, 9, 0), datetime.UTC),
    )


WORK_PACKAGES = {
    "THL": [
        (
            "TP1",
            "Kansallinen yhteiskehittämisen rakenne",
            [
                (
                    "1.1",
                    "Monialaisen ja -tasoisen TKI-toimintarakenteen luominen",
                    "8/2020–6/2021",
                    "Yhteiskehittämisen rakenteen kuvaus",
                ),
                (
                    "1.2",
                    "Tulosten kokoaminen valtakunnalliseen työhön",
                    "1/2021–12/2022",
                    "Valtakunnallinen jälkihuollon kuntakysely\nLoppuraportti",
                ),
            ],
        ),
    ],
    "SONet BOTNIA": [
        (
            "TP1",
            "Tilannekuva ja alueen palvelukokonaisuus",
            [
                (
                    "1.1",
                    "Alkukartoitus jälkihuollon tilanteesta ja kehittämistarpeista",
                    "9/2020–12/2020",
                    "Alkukartoituksen raportti osana valtakunnallista kuntakyselyä",
                ),
                (
                    "1.2",
                    "Covid 19 -muutoksen ja työnjaon kuvaus",
                    "1/2021–6/2021",
                    "Palvelukokonaisuuden kuvaus",
                ),
            ],
        ),
        (
            "TP2",
            "Alueellinen yhteiskehittäminen",
            [
                ("2.1", "Kuntatiimit ja kehittämisen työpajat", "1/2021–12/2022", "Työpajojen koonnit"),
                (
                    "2.2",
                    "Koulutukset ja yhteiskokeilut",
                    "3/2021–10/2022",
                    "Koulutusmateriaali\nKokeilujen kuvaukset",
                ),
            ],
        ),
        (
            "TP3",
            "Vertaistuki ja kokemusasiantuntijuus",
            [
                (
                    "3.1",
                    "Nuorten ryhmätoiminta ja vertaistuen rakenne",
                    "1/2021–12/2022",
                    "Vertaistuen toimintamalli",
                )
            ],
        ),
    ],
}
STAFF = {
    "THL": [("erikoistutkija", 100, date(2020, 8, 1)), ("kehittämispäällikkö", 50, date(2020, 8, 1))],
    "SONet BOTNIA": [
        ("kehittämissuunnittelija", 100, date(2020, 9, 1)),
        ("projektipäällikkö", 50, date(2020, 9, 1)),
    ],
}


def _plan(project: Project, thl: Organisation, sonet: Organisation) -> None:
    for organisation in (thl, sonet):
        implementer = Implementer.objects.get(project=project, organisation=organisation)
        for code, name, measures in WORK_PACKAGES[organisation.short_name]:
            package = upsert(WorkPackage, {"implementer": implementer, "code": code}, {"name": name})
            for m_code, m_name, timing, outputs in measures:
                upsert(
                    Measure,
                    {"work_package": package, "code": m_code},
                    {"name": m_name, "timing": timing, "outputs": outputs},
                )
        for title, fte, start in STAFF[organisation.short_name]:
            upsert(
                StaffResource,
                {"implementer": implementer, "role_title": title},
                {"fte_percent": Decimal(fte), "start_date": start, "end_date": date(2022, 12, 31)},
            )
    indicators = [
        (Indicator.Kind.OUTPUT, "Alueelliset kehittämisen työpajat", "kpl", 24, {"2020": 3, "2021": 10}),
        (Indicator.Kind.OUTPUT, "Koulutuksiin osallistuneet työntekijät", "henkilöä", 150, {"2021": 64}),
        (Indicator.Kind.RESULT, "Kunnat, joissa vertaistuen rakenne on käytössä", "kuntaa", 8, {"2021": 2}),
    ]
    for kind, name, unit, target, values in indicators:
        indicator = upsert(
            Indicator,
            {"project": project, "name": name},
            {"kind": kind, "unit": unit, "target": Decimal(target)},
        )
        for period, value in values.items():
            upsert(IndicatorValue, {"indicator": indicator, "period": period}, {"value": Decimal(value)})
    for year, semester, target, actual in [
        (2020, "autumn", 10, 8),
        (2021, "spring", 25, 21),
        (2021, "autumn", 30, 27),
        (2022, "spring", 30, None),
        (2022, "autumn", 25, None),
    ]:
        upsert(
            ParticipantTarget,
            {"project": project, "year": year, "semester": semester},
            {"target": target, "actual": actual},
        )
