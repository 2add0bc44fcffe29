"""Issue 12 part 6: the cost estimate as a category × year grid. These tests post the form as a
browser without script does (Django's test client); tests/funding/test_browser_cost_grid.py types
the same figures with the script on and checks that both save the same lines."""

from decimal import Decimal

import pytest
from django.urls import reverse

from funding.models import CostLine, CostModel
from tests.funding.factories import CostLineFactory, CostModelFactory

pytestmark = pytest.mark.django_db

YEARS = (2020, 2021, 2022)  # the project factory's period 8/2020–12/2022
# What the browser test types into the grid (the fifth row added with "Add a row") and what it and
# the post without script must both save.
TYPED = [
    {"category": "salaries", 2021: "52 000"},
    {"category": "travel"},
    {"category": "other"},
    {"category": "purchased_services"},
    {"category": "travel", "description": "Seminaarimatkat", 2022: "1 500,50"},
]
SAVED = {
    ("salaries", "", 2021, Decimal("52000.00")),
    ("travel", "Seminaarimatkat", 2022, Decimal("1500.50")),
}


def page(client, implementer):
    return client.get(reverse("funding:costs_edit", args=[implementer.pk]))


def grid_post(client, implementer, rows: list[dict], *, percent="24", extra: dict | None = None):
    """Post the grid as the page renders it: its hidden fields (stamp, ids, versions) as read from
    the page, and ``rows`` typed over the rows in order (``{"category":…, 2021: "1 000,50"}``)."""
    form = page(client, implementer).context["formset"]
    data = {
        "flat_rate_percent": percent,
        "salary_reporting": "actual",
        "version": page(client, implementer).context["form"]["version"].value() or "",
        form.stamp_name: form.stamp,
        "grid-TOTAL_FORMS": max(len(rows), len(form.forms)),
        "grid-INITIAL_FORMS": form.initial_form_count(),
        "grid-MIN_NUM_FORMS": 0,
        "grid-MAX_NUM_FORMS": 1000,
    }
    for n, existing in enumerate(form.forms):
        for year in form.years:
            line_id = existing[f"id{year}"].value()
            data[f"grid-{n}-id{year}"] = line_id or ""
    for n, row in enumerate(rows):
        data[f"grid-{n}-category"] = row.get("category", "")
        data[f"grid-{n}-description"] = row.get("description", "")
        for year in form.years:
            data[f"grid-{n}-y{year}"] = row.get(year, "")
    data |= extra or {}
    return client.post(reverse("funding:costs_edit", args=[implementer.pk]), data)


def lines(implementer) -> set[tuple]:
    return {
        (line.category, line.description, line.year, line.amount)
        for line in CostLine.objects.filter(implementer=implementer)
    }


def text(response) -> str:
    return response.content.decode().replace("\xa0", " ")


def test_a_new_estimate_offers_a_row_per_usual_category_and_a_column_per_project_year(
    client, coordinator, sub_implementer
):
    client.force_login(coordinator)
    response = page(client, sub_implementer)
    grid = response.context["formset"]
    assert grid.years == list(YEARS)
    assert [f.initial["category"] for f in grid.initial_forms] == [
        "salaries",
        "travel",
        "other",
        "purchased_services",
    ]
    body = response.content.decode()
    assert 'name="grid-0-y2021"' in body and 'name="grid-__prefix__-y2021"' in body  # the template row
    assert "cost-grid.js" in body


def test_the_grid_saves_a_line_per_filled_cell_and_shows_the_totals_without_script(
    client, coordinator, sub_implementer
):
    client.force_login(coordinator)
    rows = [
        {"category": "salaries", 2021: "52 000", 2022: "10 000,50"},
        {"category": "travel", "description": "Matkat", 2021: "1 500"},
        {"category": "income", 2022: "500"},
        {},  # an empty row is ignored
        {"category": "other", 2020: "99,99"},  # a row beyond the rows offered: "add row" without script
    ]
    assert grid_post(client, sub_implementer, rows).status_code == 302
    assert lines(sub_implementer) == {
        ("salaries", "", 2021, Decimal("52000.00")),
        ("salaries", "", 2022, Decimal("10000.50")),
        ("travel", "Matkat", 2021, Decimal("1500.00")),
        ("income", "", 2022, Decimal("500.00")),
        ("other", "", 2020, Decimal("99.99")),
    }
    assert CostModel.objects.get(implementer=sub_implementer).flat_rate_percent == 24
    body = text(page(client, sub_implementer))
    # flat rate 24 %: 12 480 € (2021) + 2 400 € (10 000,50 × 24 % = 2 400,12 → whole euros)
    assert "14 880,00 €" in body
    # 2022: 10 000,50 + 2 400 − 500 = 11 900,50; grand total 99,99 + 53 500 + 12 480 + 11 900,50
    assert "11 900,50 €" in body and "77 980,49 €" in body


def test_the_browser_tests_figures_save_the_same_without_script(client, coordinator, sub_implementer):
    client.force_login(coordinator)
    assert grid_post(client, sub_implementer, TYPED).status_code == 302
    assert lines(sub_implementer) == SAVED
    body = text(page(client, sub_implementer))
    assert "65 980,50 €" in body  # 52 000 + 24 % flat rate 12 480 + 1 500,50, as the script shows


def test_saving_again_updates_lines_in_place_and_clearing_a_cell_deletes_its_line(
    client, coordinator, sub_implementer
):
    kept = CostLineFactory(implementer=sub_implementer, year=2021, amount=Decimal(100))
    cleared = CostLineFactory(implementer=sub_implementer, year=2022, amount=Decimal(200))
    client.force_login(coordinator)
    response = grid_post(client, sub_implementer, [{"category": "salaries", 2021: "150"}])
    assert response.status_code == 302
    kept.refresh_from_db()
    assert kept.amount == Decimal(150) and kept.history.count() == 2  # same line, its history goes on
    assert not CostLine.objects.filter(pk=cleared.pk).exists()


def test_a_year_outside_the_project_is_refused_with_a_message(client, coordinator, sub_implementer):
    outside = CostLineFactory(implementer=sub_implementer, year=2019, amount=Decimal(100))
    client.force_login(coordinator)
    grid = page(client, sub_implementer).context["formset"]
    assert grid.years == [2019, *YEARS]  # shown, so it can be seen and cleared
    response = grid_post(client, sub_implementer, [{"category": "salaries", 2019: "100", 2021: "5"}])
    assert response.status_code == 200
    (message,) = response.context["formset"].forms[0].errors["y2019"]
    assert "2019" in message and "2020–2022" in message
    assert message in text(response).replace("&#x27;", "'")
    assert lines(sub_implementer) == {("salaries", "", 2019, Decimal("100.00"))}
    assert grid_post(client, sub_implementer, [{"category": "salaries", 2021: "5"}]).status_code == 302
    assert not CostLine.objects.filter(pk=outside.pk).exists()


def test_a_bad_figure_saves_nothing_and_keeps_what_was_typed(client, coordinator, sub_implementer):
    client.force_login(coordinator)
    rows = [
        {"category": "salaries", 2021: "52000"},
        {"category": "travel", "description": "typed", 2021: "-5"},
    ]
    response = grid_post(client, sub_implementer, rows)
    assert response.status_code == 200
    assert 'value="typed"' in response.content.decode()
    assert not CostLine.objects.exists() and not CostModel.objects.exists()
    response = grid_post(client, sub_implementer, [{2021: "5"}])  # a figure needs its category
    assert response.status_code == 200 and not CostLine.objects.exists()


def test_lines_changed_by_someone_else_meanwhile_are_not_overwritten(client, coordinator, sub_implementer):
    line = CostLineFactory(implementer=sub_implementer, amount=Decimal(100))
    client.force_login(coordinator)
    form = page(client, sub_implementer).context["formset"]
    stale = {form.stamp_name: form.stamp}
    line.amount = Decimal(200)
    line.save()  # someone else's save
    response = grid_post(client, sub_implementer, [{"category": "salaries", 2021: "300"}], extra=stale)
    assert response.status_code == 200
    line.refresh_from_db()
    assert line.amount == Decimal(200)
    assert not CostModel.objects.exists()


def test_a_line_id_of_another_implementer_changes_nothing_there(
    client, coordinator, project, sub_implementer
):
    other = CostLineFactory(implementer=project.main_implementer, amount=Decimal(100))
    client.force_login(coordinator)
    extra = {"grid-0-id2021": other.pk}
    response = grid_post(client, sub_implementer, [{"category": "salaries", 2021: "7"}], extra=extra)
    assert response.status_code == 302
    other.refresh_from_db()
    assert (other.implementer_id, other.amount) == (project.main_implementer.pk, Decimal(100))
    assert lines(sub_implementer) == {("salaries", "", 2021, Decimal("7.00"))}


def test_the_cost_model_keeps_its_version_check(client, coordinator, sub_implementer):
    model = CostModelFactory(implementer=sub_implementer, flat_rate_percent=Decimal(40))
    client.force_login(coordinator)
    extra = {"version": model.version - 1 if model.version > 1 else model.version + 5}
    response = grid_post(client, sub_implementer, [], percent="30", extra=extra)
    assert response.status_code == 200
    model.refresh_from_db()
    assert model.flat_rate_percent == 40


def test_an_imported_cost_line_in_a_year_outside_the_project_is_refused(client, coordinator, sub_implementer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(coordinator)
    name = sub_implementer.organisation.short_name or sub_implementer.organisation.name
    text_ = f"implementer;category;year;amount\n{name};salaries;2023;10,00\n"
    file = SimpleUploadedFile("rivit.csv", text_.encode(), content_type="text/csv")
    project = sub_implementer.project
    response = client.post(reverse("funding:import", args=[project.pk, "cost-lines"]), {"file": file})
    assert response.status_code == 400
    assert "2023" in text(response) and "2020–2022" in text(response)
    assert not CostLine.objects.exists()
