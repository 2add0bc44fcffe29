"""Import and export of cost lines, financing lines, indicators and participant targets."""

import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from config.imports import pipeline
from funding.models import CostLine, FinancingLine
from funding.resources import CostLineImporter
from projects.models import Indicator, ParticipantTarget
from tests.funding.factories import CostLineFactory

pytestmark = pytest.mark.django_db


def csv_upload(text: str, name: str = "rivit.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, ("\ufeff" + text).encode("utf-8"), content_type="text/csv")


def xlsx_upload(rows: list[list]) -> SimpleUploadedFile:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("rivit.xlsx", buffer.getvalue())


def preview(client, project, kind, upload):
    return client.post(reverse("funding:import", args=[project.pk, kind]), {"file": upload})


def confirm(client, project, kind, batch=None):
    from config.models import ImportBatch

    batch = batch or ImportBatch.objects.filter(kind__endswith=kind).order_by("-pk").first()
    data = {"batch": batch.pk} if batch else {}
    return client.post(reverse("funding:import_confirm", args=[project.pk, kind]), data)


def test_finnish_csv_with_semicolons_and_decimal_commas_imports(
    client, coordinator, project, sub_implementer
):
    name = sub_implementer.organisation.short_name
    text = (
        "toteuttaja;kustannuslaji;vuosi;selite;summa\n"
        f"{name};palkkakustannukset;2021;;52 000,00\n"
        f"{name};matkakustannukset;2021;junaliput;1 500,50\n"
    )
    client.force_login(coordinator)
    response = preview(client, project, "cost-lines", csv_upload(text))
    assert response.status_code == 200
    assert not CostLine.objects.exists()  # a dry run saves nothing
    assert confirm(client, project, "cost-lines").status_code == 200
    amounts = sorted(CostLine.objects.values_list("category", "amount"))
    assert amounts == [("salaries", Decimal("52000.00")), ("travel", Decimal("1500.50"))]


def test_xlsx_imports_financing_lines(client, coordinator, project, sub_implementer):
    upload = xlsx_upload(
        [
            ["implementer", "kind", "source", "amount"],
            [sub_implementer.organisation.name, "eu_state", "", 348854],
            [sub_implementer.organisation.name, "own_other_public", "SeAMK", 87214.0],
        ]
    )
    client.force_login(coordinator)
    response = preview(client, project, "financing-lines", upload)
    assert response.status_code == 200, response.content.decode()[-3000:]
    confirm(client, project, "financing-lines")
    assert sum(FinancingLine.objects.values_list("amount", flat=True)) == Decimal(436068)


def test_one_bad_row_among_many_saves_nothing_and_names_row_and_column(
    client, coordinator, project, sub_implementer
):
    name = sub_implementer.organisation.short_name
    rows = [f"{name};salaries;{2020 + i % 3};;{1000 + i}" for i in range(30)]
    rows[17] = f"{name};salaries;2021;;tuhat"  # spreadsheet row 19 (header is row 1)
    client.force_login(coordinator)
    response = preview(
        client,
        project,
        "cost-lines",
        csv_upload("implementer;category;year;description;amount\n" + "\n".join(rows)),
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert re.search(r"(Row|Rivi) 19, (column|sarake) E \(amount\)", body) and "tuhat" in body
    assert not CostLine.objects.exists()
    # The confirmation has nothing to save either.
    confirm(client, project, "cost-lines")
    assert not CostLine.objects.exists()


def test_all_or_nothing_even_without_the_preview(project, sub_implementer, coordinator):
    name = sub_implementer.organisation.short_name
    content = f"implementer;category;year;amount\n{name};salaries;2021;100\n{name};nonsense;2021;100\n"
    staged = pipeline.check_file(
        CostLineImporter(user=coordinator, project=project), "a.csv", content.encode()
    )
    assert [(p.row, p.column, p.header) for p in staged.problems] == [(3, "B", "category")]
    assert not CostLine.objects.exists()


def test_sub_coordinator_cannot_import_into_the_main_implementer(client, sub_coordinator, project):
    main_name = project.main_implementer.organisation.short_name
    client.force_login(sub_coordinator)
    response = preview(
        client,
        project,
        "cost-lines",
        csv_upload(f"implementer;category;year;amount\n{main_name};salaries;2021;100\n"),
    )
    assert response.status_code == 400
    assert "ei ole oikeutta muokata" in response.content.decode()
    assert not CostLine.objects.exists()


def test_a_project_the_user_may_not_edit_is_refused(client, member, outsider, project):
    upload = csv_upload("implementer;category;year;amount\nX;salaries;2021;100\n")
    client.force_login(member)
    assert preview(client, project, "cost-lines", upload).status_code == 403
    client.force_login(outsider)
    assert preview(client, project, "cost-lines", upload).status_code == 404
    assert not CostLine.objects.exists()


def test_formula_cells_are_refused(client, coordinator, project, sub_implementer):
    name = sub_implementer.organisation.short_name
    client.force_login(coordinator)
    response = preview(
        client,
        project,
        "cost-lines",
        csv_upload(
            f'implementer;category;year;description;amount\n{name};travel;2021;=HYPERLINK("http://x");10\n'
        ),
    )
    assert response.status_code == 400
    assert re.search(r"(Row|Rivi) 2, (column|sarake) D \(description\)", response.content.decode())


def test_an_id_of_another_projects_row_is_refused(client, coordinator, project, sub_implementer):
    foreign = CostLineFactory()
    name = sub_implementer.organisation.short_name
    client.force_login(coordinator)
    response = preview(
        client,
        project,
        "cost-lines",
        csv_upload(f"id;implementer;category;year;amount\n{foreign.pk};{name};travel;2021;10\n"),
    )
    assert response.status_code == 400
    foreign.refresh_from_db()
    assert foreign.amount == Decimal(10000)


def test_unreadable_file_gets_a_clear_message(client, coordinator, project):
    client.force_login(coordinator)
    upload = SimpleUploadedFile("rivit.xlsx", b"PK\x03\x04 not a workbook")
    response = preview(client, project, "cost-lines", upload)
    assert response.status_code == 400
    assert "XLSX" in response.content.decode()


def test_indicators_and_participant_targets_import_in_finnish(client, coordinator, project):
    client.force_login(coordinator)
    preview(
        client,
        project,
        "indicators",
        csv_upload("tyyppi;nimi;yksikkö;tavoite\ntuotos;Työpajat;kpl;24\ntulos;Kunnat;kuntaa;8\n"),
    )
    confirm(client, project, "indicators")
    assert sorted(Indicator.objects.values_list("kind", "target")) == [
        ("output", Decimal(24)),
        ("result", Decimal(8)),
    ]
    preview(
        client,
        project,
        "participant-targets",
        csv_upload("vuosi;lukukausi;tavoite;toteuma\n2025;kevät;20;18\n2025;syksy;25;\n"),
    )
    confirm(client, project, "participant-targets")
    assert list(
        ParticipantTarget.objects.order_by("semester").values_list("semester", "target", "actual")
    ) == [
        ("autumn", 25, None),
        ("spring", 20, 18),
    ]


def test_export_round_trip_updates_instead_of_duplicating(client, coordinator, project, sub_implementer):
    CostLineFactory(implementer=sub_implementer, amount=Decimal("1234.50"))
    client.force_login(coordinator)
    exported = client.get(reverse("funding:export", args=[project.pk, "cost-lines", "csv"])).content.decode(
        "utf-8-sig"
    )
    assert "1234,50" in exported
    changed = exported.replace("1234,50", "2000,00")
    preview(client, project, "cost-lines", csv_upload(changed))
    confirm(client, project, "cost-lines")
    assert list(CostLine.objects.values_list("amount", flat=True)) == [Decimal("2000.00")]


def test_export_makes_formulas_harmless_and_keeps_numbers_numbers(client, member, project):
    CostLineFactory(implementer=project.main_implementer, description="=1+1", amount=Decimal("10.50"))
    client.force_login(member)
    response = client.get(reverse("funding:export", args=[project.pk, "cost-lines", "xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    row = {h: cell.value for h, cell in zip(header, sheet[2], strict=True)}
    assert row["description"] == "'=1+1"
    assert row["amount"] == 10.5 and row["year"] == 2021


def test_import_pages_refuse_get(client, coordinator, project):
    client.force_login(coordinator)
    assert client.get(reverse("funding:import", args=[project.pk, "cost-lines"])).status_code == 405
    assert client.get(reverse("funding:transfer", args=[project.pk])).status_code == 200
    assert client.post(reverse("funding:transfer", args=[project.pk])).status_code == 405


def test_comma_separated_csv_without_bom_imports(client, coordinator, project, sub_implementer):
    name = sub_implementer.organisation.short_name
    upload = SimpleUploadedFile(
        "lines.csv", f"implementer,kind,source,amount\n{name},eu_state,,800.50\n".encode()
    )
    client.force_login(coordinator)
    assert preview(client, project, "financing-lines", upload).status_code == 200
    confirm(client, project, "financing-lines")
    assert FinancingLine.objects.get().amount == Decimal("800.50")


def test_staff_work_packages_and_actual_costs_import_with_finnish_dates(
    client, coordinator, project, sub_implementer
):
    from funding.models import ActualCost
    from projects.models import StaffResource, WorkPackage

    name = sub_implementer.organisation.short_name
    client.force_login(coordinator)
    files = {
        "staff": (
            f"toteuttaja;nimike;työaika %;alkaa;päättyy\n{name};Projektipäällikkö;50;1.9.2020;31.12.2022\n"
        ),
        "work-packages": f"toteuttaja;tunnus;nimi\n{name};TP1;Yhteiskehittäminen\n",
        "actual-costs": f"toteuttaja;kustannuslaji;kirjattu;summa\n{name};palkat;30.4.2021;12 000,00\n",
    }
    for kind, text in files.items():
        assert preview(client, project, kind, csv_upload(text)).status_code == 200, kind
        response = confirm(client, project, kind)
        assert response.status_code == 200, (kind, re.findall(r"<li>(.*?)</li>", response.content.decode()))
    staff = StaffResource.objects.get()
    assert (staff.fte_percent, str(staff.start_date), str(staff.end_date)) == (50, "2020-09-01", "2022-12-31")
    assert WorkPackage.objects.get().code == "TP1"
    assert ActualCost.objects.get().amount == Decimal("12000.00")


def test_check_constraints_become_messages_naming_row_and_column(
    client, coordinator, project, sub_implementer
):
    """Issue 10 (6): no raw PostgreSQL texts: the database's rules are checked before it sees a row."""
    name = sub_implementer.organisation.short_name
    client.force_login(coordinator)
    text = f"toteuttaja;nimike;työaika %;alkaa;päättyy\n{name};X;150;1.9.2022;31.12.2020\n"
    body = preview(client, project, "staff", csv_upload(text)).content.decode()
    assert re.search(r"(Row|Rivi) 2, (column|sarake) C", body)
    text = f"toteuttaja;nimike;työaika %;alkaa;päättyy\n{name};X;50;1.9.2022;31.12.2020\n"
    body = preview(client, project, "staff", csv_upload(text)).content.decode()
    assert re.search(r"(Row|Rivi) 2, (column|sarake) E", body)
    text = f"toteuttaja;kustannuslaji;vuosi;summa\n{name};palkat;2021;99 999 999 999,00\n"
    body = preview(client, project, "cost-lines", csv_upload(text)).content.decode()
    assert re.search(r"(Row|Rivi) 2, (column|sarake) D", body) and "numeric field overflow" not in body


def test_new_cost_lines_are_written_as_plain_rows_with_history_naming_the_importer(
    coordinator, project, sub_implementer
):
    name = sub_implementer.organisation.short_name
    text = "toteuttaja;kustannuslaji;vuosi;selite;summa\n"
    text += f"{name};palkat;2021;;52 000,00\n{name};muut;2022;x;1,5\n"
    staged = pipeline.stage(CostLineImporter(user=coordinator, project=project), csv_upload(text))
    counts, problems = pipeline.confirm(CostLineImporter(user=coordinator, project=project), staged.batch)
    assert not problems and counts["new"] == 2
    lines = CostLine.objects.filter(implementer=sub_implementer).order_by("year")
    assert [(line.category, line.year, line.description, line.amount, line.version) for line in lines] == [
        ("salaries", 2021, "", Decimal("52000.00"), 1),
        ("other", 2022, "x", Decimal("1.50"), 1),
    ]
    assert all(line.created_at is not None for line in lines)
    history = CostLine.history.filter(implementer=sub_implementer)
    assert {(h.history_type, h.history_user_id) for h in history} == {("+", coordinator.pk)}
    assert history.count() == 2


def test_a_new_cost_lines_values_are_checked_as_full_clean_checks_them(coordinator, project, sub_implementer):
    from django.core.exceptions import ValidationError

    check = CostLineImporter(user=coordinator, project=project).plain_check()
    values = {
        "category": "travel",
        "year": 2021,
        "description": "",
        "amount": Decimal("10.50"),
        "implementer_id": sub_implementer.pk,
    }
    assert check(values) == ("travel", 2021, "", Decimal("10.50"), sub_implementer.pk)
    for wrong in (
        {"category": "gifts"},
        {"amount": Decimal("1.005")},
        {"year": -1},
        {"description": "x" * 201},
    ):
        line = CostLine(**values | wrong)
        with pytest.raises(ValidationError) as expected:
            line.full_clean(exclude=["implementer"], validate_unique=False, validate_constraints=False)
        with pytest.raises(ValidationError) as found:
            check(values | wrong)
        assert found.value.message_dict == expected.value.message_dict, wrong
        with pytest.raises(ValidationError):
            check(values | wrong)  # a value refused once is refused again
