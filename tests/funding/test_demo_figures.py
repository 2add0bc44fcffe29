"""The demo project "Elämässä eteenpäin" and SONet BOTNIA's municipal funding carry the documents'
figures."""

import datetime
from decimal import Decimal

from django.core.management import call_command

from funding.models import CentreBudget, FundingYear
from funding.selectors import budget_vs_actual, funding_shares, project_finances
from projects.models import Project


def _finances():
    project = Project.objects.for_page().get(acronym="Elämässä eteenpäin")
    finances = project_finances(project)
    return project, finances, {f.implementer.organisation.short_name: f for f in finances.implementers}


def test_sonet_botnia_sub_implementation_matches_the_documents(demo):
    _project, _finances_, by_org = _finances()
    sonet = by_org["SONet BOTNIA"]
    assert sonet.estimate.total == Decimal(436068)
    assert sonet.plan.eu_state == Decimal(348854)
    assert sonet.plan.own == Decimal(87214)
    assert sonet.plan.total == Decimal(436068)
    assert [r["share"] for r in sonet.plan.rows()] == [Decimal("80.00"), Decimal("20.00")]
    assert sonet.plan.warnings() == []
    assert sonet.split_difference == 0


def test_whole_joint_project_is_988_216_with_thl_as_main_implementer(demo):
    project, finances, by_org = _finances()
    assert finances.estimate.total == Decimal(988216)
    assert finances.plan.total == Decimal(988216)
    assert by_org["THL"].estimate.total == Decimal(988216 - 436068)
    assert project.main_implementer.organisation.short_name == "THL"
    assert (project.start_date, project.end_date) == (datetime.date(2020, 8, 1), datetime.date(2022, 12, 31))
    assert by_org["SONet BOTNIA"].implementer.start_date == datetime.date(2020, 9, 1)


def test_demo_has_actuals_to_compare(demo):
    _project, finances, _by_org = _finances()
    tables = budget_vs_actual(finances, datetime.date(2021, 6, 30))
    sonet = next(t for t in tables if t.implementer.organisation.short_name == "SONet BOTNIA")
    salaries = sonet.rows[0]
    assert (salaries.budget, salaries.actual) == (Decimal(336000), Decimal(41200 + 76500))
    assert salaries.realisation == Decimal("35.0")  # 117 700 / 336 000 = 35.03 %


def test_demo_keeps_the_earlier_plan_in_the_history(demo):
    project = Project.objects.get(acronym="Elämässä eteenpäin")
    first = project.history.earliest()
    assert first.budget_note == "noin 1 M€"
    assert project.budget_note == "988 216 €"
    sonet = project.implementers.get(organisation__short_name="SONet BOTNIA")
    assert "200 000–300 000 €" in sonet.history.earliest().budget_note


def test_loading_the_demo_twice_changes_nothing(demo):
    from funding.models import CostLine, FinancingLine
    from projects.models import Implementer

    def snapshot():
        return (
            Project.history.count(),
            Implementer.history.count(),
            CostLine.history.count(),
            FinancingLine.history.count(),
            list(Project.objects.values_list("version", flat=True)),
        )

    before = snapshot()
    call_command("load_demo", demo=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert snapshot() == before


def test_funding_2021_as_in_the_documents(demo):
    table = funding_shares(FundingYear.objects.get(year=2021, centre__short_name="SONet BOTNIA"))
    assert {str(row.party): row.share for row in table.rows} == {
        "Seinäjoki / Etelä-Pohjanmaa": Decimal("24800.00"),
        "Vaasa / Pohjanmaa": Decimal("26232.00"),
        "Keski-Pohjanmaa ml. Kruunupyy (Soite)": Decimal("28968.00"),
    }
    assert table.total == Decimal("80000.00") and table.funding_year.key == "fixed"


def test_centre_budget_2021_as_in_the_documents(demo):
    budget = CentreBudget.objects.get(year=2021, centre__short_name="SONet BOTNIA")
    assert (budget.total, budget.state_grant_estimate) == (Decimal("365000.00"), Decimal("240000.00"))
    assert sum(line.amount for line in budget.lines.all()) == budget.total


def test_centre_budget_2021_compares_through_the_one_budget_vs_actual(demo):
    from funding.selectors import centre_budget_vs_actual

    report = centre_budget_vs_actual(CentreBudget.objects.get(year=2021, centre__short_name="SONet BOTNIA"))
    assert report.total.budget == Decimal("365000.00") and report.total.actual is None
    assert report.rows[0].budget == report.budget.state_grant_estimate == Decimal("240000.00")
