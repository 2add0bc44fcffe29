"""Demo cost estimates and financing plans of "Elämässä eteenpäin"; SONet BOTNIA's municipal funding
and budget for 2021.

The documents give the totals (SONet BOTNIA: ESR 80 % 348 854 €, own 20 % 87 214 €, total 436 068 €;
the whole project 988 216 €); the split into years and categories is illustrative and chosen so that
the computed flat rate (24 % of salaries) and the lines add up to exactly those totals.
"""

import datetime
from decimal import Decimal

from config.demo import upsert
from funding.models import (
    ActualCost,
    BudgetLine,
    CentreBudget,
    CostLine,
    CostModel,
    FinancingLine,
    FundingParty,
    FundingYear,
    PaymentClaim,
    RegionalSplit,
)
from governance.demo import CENTRE, board_meeting
from governance.models import Organisation, Region, SectionEmbed
from projects.demo import PROJECT_NAME
from projects.models import Implementer

# (category, year, description, amount); with the 24 % flat rate SONet BOTNIA totals 436 068 €
# and THL 988 216 − 436 068 = 552 148 €.
COSTS = {
    "SONet BOTNIA": [
        ("salaries", 2020, "", 52000),
        ("travel", 2020, "", 1500),
        ("salaries", 2021, "", 158000),
        ("travel", 2021, "", 4000),
        ("purchased_services", 2021, "työpajojen fasilitointi", 8000),
        ("salaries", 2022, "", 126000),
        ("travel", 2022, "", 3000),
        ("purchased_services", 2022, "koulutukset", 2928),
    ],
    "THL": [
        ("salaries", 2020, "", 60000),
        ("salaries", 2021, "", 180000),
        ("travel", 2021, "", 3000),
        ("salaries", 2022, "", 200000),
        ("travel", 2022, "", 3548),
    ],
}
FINANCING = {
    "SONet BOTNIA": [("eu_state", "ESR ja valtio", 348854), ("own_other_public", "SeAMK", 87214)],
    "THL": [("eu_state", "ESR ja valtio", 441718), ("own_other_public", "THL", 110430)],
}
# SONet BOTNIA's EU and state funding by region of its area.
SPLIT = {"14": 120000, "15": 110000, "16": 80000, "05": 38854}
ACTUALS = {
    "SONet BOTNIA": [
        ("salaries", datetime.date(2020, 12, 31), 41200),
        ("travel", datetime.date(2020, 12, 31), 620),
        ("salaries", datetime.date(2021, 6, 30), 76500),
        ("travel", datetime.date(2021, 6, 30), 1480),
        ("purchased_services", datetime.date(2021, 6, 30), 2400),
    ],
    "THL": [
        ("salaries", datetime.date(2020, 12, 31), 55800),
        ("salaries", datetime.date(2021, 6, 30), 88000),
    ],
}

# Payment claims: the actual costs of each half-year with the 24 % flat rate.
CLAIMS = {
    "SONet BOTNIA": [
        (datetime.date(2020, 9, 1), datetime.date(2020, 12, 31), 51708, datetime.date(2021, 2, 26)),
        (datetime.date(2021, 1, 1), datetime.date(2021, 6, 30), 98740, datetime.date(2021, 8, 31)),
    ],
    "THL": [
        (datetime.date(2020, 8, 1), datetime.date(2020, 12, 31), 69192, datetime.date(2021, 2, 26)),
        (datetime.date(2021, 1, 1), datetime.date(2021, 6, 30), 109120, datetime.date(2021, 8, 31)),
    ],
}


def load() -> None:
    implementers = {
        i.organisation.short_name: i
        for i in Implementer.objects.filter(project__name=PROJECT_NAME).select_related("organisation")
    }
    for short_name, implementer in implementers.items():
        upsert(CostModel, {"implementer": implementer}, {"flat_rate_percent": Decimal(24)})
        for category, year, description, amount in COSTS[short_name]:
            upsert(
                CostLine,
                {"implementer": implementer, "category": category, "year": year},
                {"description": description, "amount": Decimal(amount)},
            )
        for kind, source, amount in FINANCING[short_name]:
            upsert(
                FinancingLine,
                {"implementer": implementer, "kind": kind},
                {"source": source, "amount": Decimal(amount)},
            )
        for start, end, claimed, submitted in CLAIMS[short_name]:
            upsert(
                PaymentClaim,
                {"implementer": implementer, "period_start": start},
                {"period_end": end, "claimed": Decimal(claimed), "submitted_on": submitted},
            )
        for category, as_of, amount in ACTUALS[short_name]:
            upsert(
                ActualCost,
                {"implementer": implementer, "category": category, "as_of": as_of},
                {"amount": Decimal(amount)},
            )
    for code, amount in SPLIT.items():
        upsert(
            RegionalSplit,
            {"implementer": implementers["SONet BOTNIA"], "region": Region.objects.get(code=code)},
            {"amount": Decimal(amount)},
        )


def load_centre_finances() -> None:
    """SONet BOTNIA's municipal funding 2021 (80 000 € under the 2020 model) and budget 2021
    (365 000 €, state grant estimate 240 000 €), embedded in 9 § of the board's spring-2020 meeting."""
    org = {o.short_name: o for o in Organisation.objects.all()}
    regions = {r.code: r for r in Region.objects.all()}
    centre = org[CENTRE]

    # Municipal funding 2021 and the budget 2021.
    funding_2021 = upsert(
        FundingYear,
        {"centre": centre, "year": 2021},
        {
            "total": Decimal("80000.00"),
            "key": FundingYear.Key.FIXED,
            "note": "Jako perussopimusosapuolten kesken vuonna 2020 käytetyn mallin mukaisesti. Mallin "
            "jakoperuste ei ole asiakirjoissa, joten osuudet on kirjattu kiinteinä summina.",
        },
    )
    for order, (short, label, region, amount) in enumerate(
        [
            ("Seinäjoki", "Seinäjoki / Etelä-Pohjanmaa", "14", "24800.00"),
            ("Vaasa", "Vaasa / Pohjanmaa", "15", "26232.00"),
            ("Soite", "Keski-Pohjanmaa ml. Kruunupyy (Soite)", "16", "28968.00"),
        ],
        start=1,
    ):
        upsert(
            FundingParty,
            {"funding_year": funding_2021, "organisation": org[short]},
            {"label": label, "region": regions[region], "fixed_amount": Decimal(amount), "order": order},
        )
    budget_2021 = upsert(
        CentreBudget,
        {"centre": centre, "year": 2021},
        {"total": Decimal("365000.00"), "state_grant_estimate": Decimal("240000.00")},
    )
    for order, (label, amount) in enumerate(
        [
            ("Valtionavustus (arvio)", "240000.00"),
            ("Kuntarahoitus", "80000.00"),
            ("Hanketoiminta ja maksullinen palvelutoiminta", "45000.00"),
        ],
        start=1,
    ):
        upsert(
            BudgetLine, {"budget": budget_2021, "label": label}, {"amount": Decimal(amount), "order": order}
        )

    meeting = board_meeting()
    section = meeting.sections.filter(number=9).first() if meeting is not None else None
    if section is None or meeting.status == meeting.Status.APPROVED:
        return  # approved minutes are a record: what they embed is not changed afterwards
    upsert(
        SectionEmbed,
        {"section": section, "section_key": "funding.shares"},
        {"params": {"funding_year": str(funding_2021.pk)}, "order": 1},
    )
    upsert(
        SectionEmbed,
        {"section": section, "section_key": "funding.centre_budget"},
        {"params": {"budget": str(budget_2021.pk), "as_of": ""}, "order": 2},
    )
