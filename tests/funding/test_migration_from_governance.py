"""Moving the municipal funding and the centre budget from governance to funding loses no row.

The database is taken back to the state before the move, filled through the models of that state,
and migrated forward; the rows must then be read through funding's models and the embeds of the two
report sections must carry their new keys. Migrating back restores governance's tables and keys.
"""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("governance", "0002_steering_groups_meetings_funding"), ("funding", "0001_initial")]
AFTER = [
    ("governance", "0003_move_funding_to_funding_app"),
    ("funding", "0002_municipal_funding_and_centre_budget"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def fill_before_the_move(apps) -> dict:
    Organisation = apps.get_model("governance", "Organisation")
    FundingYear = apps.get_model("governance", "FundingYear")
    FundingParty = apps.get_model("governance", "FundingParty")
    CentreBudget = apps.get_model("governance", "CentreBudget")
    BudgetLine = apps.get_model("governance", "BudgetLine")
    BudgetActual = apps.get_model("governance", "BudgetActual")
    HistoricalFundingYear = apps.get_model("governance", "HistoricalFundingYear")
    SteeringGroup = apps.get_model("governance", "SteeringGroup")
    Term = apps.get_model("governance", "Term")
    Meeting = apps.get_model("governance", "Meeting")
    AgendaSection = apps.get_model("governance", "AgendaSection")
    SectionEmbed = apps.get_model("governance", "SectionEmbed")

    centre = Organisation.objects.create(
        name="SONet BOTNIA (siirtotesti)", short_name="SB", kind="competence_centre"
    )
    party = Organisation.objects.create(
        name="Seinäjoen kaupunki (siirtotesti)", short_name="Sjk", kind="municipality"
    )
    year = FundingYear.objects.create(centre=centre, year=2021, total=Decimal("80000.00"), key="fixed")
    FundingParty.objects.create(funding_year=year, organisation=party, fixed_amount=Decimal("80000.00"))
    HistoricalFundingYear.objects.create(
        id=year.pk,
        centre=centre,
        year=2021,
        total=Decimal("80000.00"),
        key="fixed",
        note="",
        created_at=year.created_at,
        updated_at=year.updated_at,
        version=1,
        history_date=year.created_at,
        history_type="+",
    )
    budget = CentreBudget.objects.create(
        centre=centre, year=2021, total=Decimal("365000.00"), state_grant_estimate=Decimal("240000.00")
    )
    line = BudgetLine.objects.create(
        budget=budget, label="Valtionavustus (arvio)", amount=Decimal("240000.00")
    )
    BudgetActual.objects.create(line=line, as_of=datetime.date(2020, 4, 30), amount=Decimal("97500.00"))
    group = SteeringGroup.objects.create(kind="board", owner=centre, name="Johtoryhmä (siirtotesti)")
    term = Term.objects.create(group=group, start_year=2020, end_year=2021)
    meeting = Meeting.objects.create(
        group=group,
        term=term,
        year=2020,
        number=2,
        starts_at=datetime.datetime(2020, 6, 12, 9, 0, tzinfo=datetime.UTC),
        status="approved",
    )
    section = AgendaSection.objects.create(meeting=meeting, number=9, title="Talous")
    SectionEmbed.objects.create(
        section=section, section_key="governance.funding_shares", params={"funding_year": str(year.pk)}
    )
    SectionEmbed.objects.create(
        section=section,
        section_key="governance.centre_budget",
        params={"budget": str(budget.pk), "as_of": ""},
    )
    SectionEmbed.objects.create(section=section, section_key="projects.status", params={"project": "1"})
    return {"year": year.pk, "budget": budget.pk, "line": line.pk}


@pytest.mark.django_db(transaction=True)
def test_the_move_keeps_every_row_renames_the_embed_keys_and_can_be_undone():
    try:
        ids = fill_before_the_move(migrate(BEFORE))
        apps = migrate(AFTER)

        FundingYear = apps.get_model("funding", "FundingYear")
        year = FundingYear.objects.get(pk=ids["year"])
        assert (year.year, year.total, year.key) == (2021, Decimal("80000.00"), "fixed")
        assert year._meta.db_table == "funding_fundingyear"
        assert [
            p.fixed_amount
            for p in apps.get_model("funding", "FundingParty").objects.filter(funding_year=year)
        ] == [Decimal("80000.00")]
        assert apps.get_model("funding", "HistoricalFundingYear").objects.filter(id=ids["year"]).count() == 1
        budget = apps.get_model("funding", "CentreBudget").objects.get(pk=ids["budget"])
        assert (budget.total, budget.state_grant_estimate) == (Decimal("365000.00"), Decimal("240000.00"))
        actual = apps.get_model("funding", "BudgetActual").objects.get(line_id=ids["line"])
        assert (actual.as_of, actual.amount) == (datetime.date(2020, 4, 30), Decimal("97500.00"))

        keys = set(apps.get_model("governance", "SectionEmbed").objects.values_list("section_key", flat=True))
        assert keys == {"funding.shares", "funding.centre_budget", "projects.status"}
        with connection.cursor() as cursor:
            tables = set(connection.introspection.table_names(cursor))
        assert {"funding_fundingyear", "funding_budgetactual", "funding_historicalcentrebudget"} <= tables
        assert not {t for t in tables if t.startswith("governance_") and ("funding" in t or "budget" in t)}

        apps = migrate(BEFORE)
        old_year = apps.get_model("governance", "FundingYear").objects.get(pk=ids["year"])
        assert old_year.total == Decimal("80000.00")
        keys = set(apps.get_model("governance", "SectionEmbed").objects.values_list("section_key", flat=True))
        assert keys == {"governance.funding_shares", "governance.centre_budget", "projects.status"}
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
