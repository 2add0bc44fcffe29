"""Issue 11: indicators, indicator values, participant targets, measures and payment claims through
the same pipeline. A group project's sub-implementer coordinator exports and re-imports only their
own part: the rows of other implementers and of the whole project stay untouched, and a file that
tries to write them is refused naming the row and column."""

import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from config.models import ImportBatch
from funding.models import PaymentClaim
from projects.models import Indicator, IndicatorValue, Measure, ParticipantTarget
from tests.funding.factories import PaymentClaimFactory
from tests.projects.factories import (
    IndicatorFactory,
    MeasureFactory,
    ParticipantTargetFactory,
    WorkPackageFactory,
)

pytestmark = pytest.mark.django_db


def upload(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("rivit.csv", ("\ufeff" + text).encode("utf-8"))


def preview(client, project, kind, text, **data):
    return client.post(reverse("funding:import", args=[project.pk, kind]), {"file": upload(text), **data})


def confirm(client, project, kind):
    batch = ImportBatch.objects.filter(state=ImportBatch.State.PREVIEWED).latest("pk")
    return client.post(reverse("funding:import_confirm", args=[project.pk, kind]), {"batch": batch.pk})


def export(client, project, kind) -> list[str]:
    response = client.get(reverse("funding:export", args=[project.pk, kind, "csv"]))
    return response.content.decode("utf-8-sig").splitlines()


def problems(response) -> list[str]:
    """The problems the page lists, in order."""
    body = response.content.decode()
    found = re.search(r'class="errorlist-summary".*?</div>', body, re.S)
    return re.findall(r"<li>(.*?)</li>", found[0]) if found else []


@pytest.fixture
def indicators(project, sub_implementer):
    """One indicator of the whole project, one of the main implementer, one of the sub-implementer."""
    return {
        "shared": IndicatorFactory(project=project, name="Kunnat", target=Decimal(8)),
        "main": IndicatorFactory(project=project, implementer=project.main_implementer, name="Työpajat"),
        "sub": IndicatorFactory(project=project, implementer=sub_implementer, name="Työpajat"),
    }


def test_a_sub_coordinator_exports_and_reimports_only_their_own_indicators(
    client, sub_coordinator, project, sub_implementer, indicators
):
    client.force_login(sub_coordinator)
    lines = export(client, project, "indicators")
    assert lines[0].split(";")[:3] == ["id", "implementer", "kind"]
    assert [line.split(";")[0] for line in lines[1:]] == [str(indicators["sub"].pk)]
    name = sub_implementer.organisation.short_name
    text = "\n".join([lines[0], lines[1].replace(";10", ";12"), f";{name};tuotos;Vertaisryhmät;kpl;4"])
    response = preview(client, project, "indicators", text, replace="1")
    assert response.status_code == 200, problems(response)
    response = confirm(client, project, "indicators")
    assert response.status_code == 200, problems(response)
    assert sorted(Indicator.objects.filter(implementer=sub_implementer).values_list("name", "target")) == [
        ("Työpajat", Decimal(12)),
        ("Vertaisryhmät", Decimal(4)),
    ]
    # Replace mode touched no one else's: the whole project's and the main implementer's stay.
    for key in ("shared", "main"):
        indicators[key].refresh_from_db()
    assert (indicators["shared"].target, indicators["main"].target) == (Decimal(8), Decimal(10))


@pytest.mark.parametrize(
    "make_text",
    [
        # the main implementer's indicator, by its id
        lambda ind, main, sub: f"id;target\n{ind['main'].pk};1\n",
        # the whole project's indicator, by its id
        lambda ind, main, sub: f"id;target\n{ind['shared'].pk};1\n",
        # a new indicator of the whole project (no implementer)
        lambda ind, main, sub: "kind;name;unit;target\noutput;Uusi;kpl;1\n",
        # a new indicator of the main implementer
        lambda ind, main, sub: f"implementer;kind;name;unit;target\n{main};output;Uusi;kpl;1\n",
        # taking their own indicator over to the main implementer
        lambda ind, main, sub: f"id;implementer\n{ind['sub'].pk};{main}\n",
    ],
)
def test_a_sub_coordinator_cannot_write_anyone_elses_indicators(
    client, sub_coordinator, project, indicators, make_text
):
    main = project.main_implementer.organisation.short_name
    client.force_login(sub_coordinator)
    response = preview(client, project, "indicators", make_text(indicators, main, None))
    assert response.status_code == 400
    assert any(re.match(r"(Row|Rivi) 2", p) for p in problems(response)), problems(response)
    assert not ImportBatch.objects.exists()
    assert sorted(Indicator.objects.values_list("name", "target")) == [
        ("Kunnat", Decimal(8)),
        ("Työpajat", Decimal(10)),
        ("Työpajat", Decimal(10)),
    ]


def test_the_main_coordinator_imports_the_whole_projects_indicators(client, coordinator, project):
    client.force_login(coordinator)
    text = "tyyppi;nimi;yksikkö;tavoite\ntuotos;Työpajat;kpl;24\ntulos;Kunnat;kuntaa;8\n"
    assert preview(client, project, "indicators", text).status_code == 200
    confirm(client, project, "indicators")
    assert list(Indicator.objects.values_list("implementer", flat=True)) == [None, None]


def test_participant_targets_of_a_sub_implementers_work_package(
    client, sub_coordinator, coordinator, project, sub_implementer
):
    own = WorkPackageFactory(implementer=sub_implementer, code="TP2")
    main = WorkPackageFactory(implementer=project.main_implementer, code="TP1")
    shared = ParticipantTargetFactory(project=project, year=2021, semester="spring", target=30)
    theirs = ParticipantTargetFactory(project=project, work_package=main, year=2021, semester="spring")
    client.force_login(sub_coordinator)
    text = "työpaketti;vuosi;lukukausi;tavoite\nTP2;2021;kevät;12\nTP2;2021;syksy;14\n"
    assert preview(client, project, "participant-targets", text).status_code == 200
    confirm(client, project, "participant-targets")
    assert sorted(own.participant_targets.values_list("semester", "target")) == [
        ("autumn", 14),
        ("spring", 12),
    ]
    lines = export(client, project, "participant-targets")
    assert len(lines) == 3 and all(";TP2;" in line for line in lines[1:])
    # Another implementer's work package and the whole project's targets are refused.
    for text in (
        "työpaketti;vuosi;lukukausi;tavoite\nTP1;2022;kevät;1\n",
        f"id;tavoite\n{shared.pk};1\n",
        "vuosi;lukukausi;tavoite\n2022;kevät;1\n",
    ):
        response = preview(client, project, "participant-targets", text)
        assert response.status_code == 400, text
        assert re.match(r"(Row|Rivi) 2", problems(response)[-1])
    shared.refresh_from_db()
    theirs.refresh_from_db()
    assert (shared.target, theirs.target, ParticipantTarget.objects.count()) == (30, 10, 4)


def test_a_work_package_code_of_two_implementers_needs_the_implementer(
    client, coordinator, project, sub_implementer
):
    WorkPackageFactory(implementer=sub_implementer, code="TP1")
    WorkPackageFactory(implementer=project.main_implementer, code="TP1")
    client.force_login(coordinator)
    response = preview(client, project, "measures", "työpaketti;toimenpide;nimi\nTP1;1.1;Kartoitus\n")
    assert response.status_code == 400
    assert re.search(r"(Row|Rivi) 2, (column|sarake) A \(työpaketti\)", problems(response)[0])
    name = sub_implementer.organisation.short_name
    text = f"toteuttaja;työpaketti;toimenpide;nimi;ajoitus\n{name};TP1;1.1;Kartoitus;9/2020–6/2021\n"
    assert preview(client, project, "measures", text).status_code == 200
    confirm(client, project, "measures")
    measure = Measure.objects.get()
    assert (measure.work_package.implementer, measure.code, measure.timing) == (
        sub_implementer,
        "1.1",
        "9/2020–6/2021",
    )


def test_measures_round_trip_for_the_sub_coordinator(client, sub_coordinator, project, sub_implementer):
    own = MeasureFactory(work_package__implementer=sub_implementer, code="2.1", name="Vanha")
    other = MeasureFactory(work_package__implementer=project.main_implementer, code="1.1")
    client.force_login(sub_coordinator)
    lines = export(client, project, "measures")
    assert len(lines) == 2 and lines[1].startswith(f"{own.pk};")
    assert preview(client, project, "measures", lines[0] + "\n" + lines[1].replace("Vanha", "Uusi"))
    confirm(client, project, "measures")
    own.refresh_from_db()
    assert own.name == "Uusi"
    response = preview(client, project, "measures", f"id;name\n{other.pk};Kaapattu\n")
    assert response.status_code == 400
    other.refresh_from_db()
    assert other.name == "Toimenpide"


def test_indicator_values_are_found_by_indicator_name(
    client, sub_coordinator, project, sub_implementer, indicators
):
    client.force_login(sub_coordinator)
    text = "indikaattori;kausi;arvo\nTyöpajat;2021;5\nTyöpajat;2022;7,5\n"
    response = preview(client, project, "indicator-values", text)
    assert response.status_code == 200, problems(response)
    confirm(client, project, "indicator-values")
    assert sorted(indicators["sub"].values.values_list("period", "value")) == [
        ("2021", Decimal(5)),
        ("2022", Decimal("7.5")),
    ]
    # The whole project's indicator is the main implementer's coordinators' to report.
    response = preview(client, project, "indicator-values", "indikaattori;kausi;arvo\nKunnat;2021;3\n")
    assert response.status_code == 400
    assert re.search(r"(Row|Rivi) 2, (column|sarake) A", problems(response)[0])
    lines = export(client, project, "indicator-values")
    assert len(lines) == 3 and all(";Työpajat;" in line for line in lines[1:])
    assert IndicatorValue.objects.count() == 2


def test_the_same_indicator_period_twice_is_refused(client, coordinator, project, indicators):
    client.force_login(coordinator)
    text = "indikaattori;kausi;arvo\nKunnat;2021;5\nKunnat;2021;6\n"
    response = preview(client, project, "indicator-values", text)
    assert response.status_code == 400
    assert re.search(r"(Row|Rivi) 3, (column|sarake) B", problems(response)[0])
    assert not IndicatorValue.objects.exists()


def test_payment_claims_import_and_round_trip(client, coordinator, sub_coordinator, project, sub_implementer):
    name = sub_implementer.organisation.short_name
    client.force_login(sub_coordinator)
    text = (
        "toteuttaja;kausi alkaa;kausi päättyy;haettu summa;jätetty\n"
        f"{name};1.9.2020;31.12.2020;12\u202f500,00;15.2.2021\n"
        f"{name};1.1.2021;30.6.2021;30 000;\n"
    )
    response = preview(client, project, "payment-claims", text)
    assert response.status_code == 200, problems(response)
    confirm(client, project, "payment-claims")
    assert sorted(PaymentClaim.objects.values_list("claimed", flat=True)) == [Decimal(12500), Decimal(30000)]
    main_claim = PaymentClaimFactory(implementer=project.main_implementer)
    lines = export(client, project, "payment-claims")
    assert len(lines) == 3 and str(main_claim.pk) not in [line.split(";")[0] for line in lines]
    # An end before the start, and the main implementer's claim, are refused by row and column.
    bad = f"toteuttaja;kausi alkaa;kausi päättyy;haettu summa\n{name};1.7.2021;30.6.2021;1\n"
    response = preview(client, project, "payment-claims", bad)
    assert re.search(r"(Row|Rivi) 2, (column|sarake) C", problems(response)[0])
    response = preview(client, project, "payment-claims", f"id;claimed\n{main_claim.pk};1\n")
    assert response.status_code == 400
    main_claim.refresh_from_db()
    assert main_claim.claimed != 1


def test_the_transfer_page_offers_every_table_to_a_sub_coordinator(client, sub_coordinator, project):
    client.force_login(sub_coordinator)
    body = client.get(reverse("funding:transfer", args=[project.pk])).content.decode()
    for kind in ("indicators", "indicator-values", "participant-targets", "measures", "payment-claims"):
        assert reverse("funding:import", args=[project.pk, kind]) in body
        assert reverse("funding:export", args=[project.pk, kind, "xlsx"]) in body
