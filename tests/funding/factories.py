import datetime
from decimal import Decimal

import factory

from funding.models import (
    ActualCost,
    CostLine,
    CostModel,
    FinancingLine,
    FundingParty,
    FundingYear,
    PaymentClaim,
    RegionalSplit,
)
from tests.governance.factories import OrganisationFactory, RegionFactory
from tests.projects.factories import ImplementerFactory


class CostModelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CostModel

    implementer = factory.SubFactory(ImplementerFactory)
    flat_rate_percent = Decimal(24)


class CostLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CostLine

    implementer = factory.SubFactory(ImplementerFactory)
    category = "salaries"
    year = 2021
    amount = Decimal(10000)

    class Params:
        travel = factory.Trait(category="travel")


class FinancingLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FinancingLine

    implementer = factory.SubFactory(ImplementerFactory)
    kind = "eu_state"
    amount = Decimal(8000)

    class Params:
        own = factory.Trait(kind="own_other_public")


class RegionalSplitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegionalSplit

    implementer = factory.SubFactory(ImplementerFactory)
    region = factory.SubFactory(RegionFactory)
    amount = Decimal(1000)


class ActualCostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActualCost

    implementer = factory.SubFactory(ImplementerFactory)
    category = "salaries"
    as_of = datetime.date(2021, 6, 30)
    amount = Decimal(5000)


class FundingYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingYear

    centre = factory.SubFactory(OrganisationFactory)
    year = 2021
    total = Decimal("80000.00")
    key = FundingYear.Key.EQUAL


class FundingPartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingParty

    funding_year = factory.SubFactory(FundingYearFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class PaymentClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PaymentClaim

    implementer = factory.SubFactory(ImplementerFactory)
    period_start = datetime.date(2021, 1, 1)
    period_end = datetime.date(2021, 6, 30)
    claimed = Decimal(10000)
    submitted_on = None
