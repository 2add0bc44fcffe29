import datetime

import factory

from aftercare.models import (
    AftercareOrganisation,
    AgeBand,
    AreaReport,
    CaseloadNorm,
    ReportingPeriod,
    Role,
    StaffingLine,
    WorkerCaseload,
)
from tests.governance.factories import OrganisationFactory, WellbeingAreaFactory


class ReportingPeriodFactory(factory.django.DjangoModelFactory):
    """Consecutive quarters from Q1/2020 on."""

    class Meta:
        model = ReportingPeriod

    frequency = ReportingPeriod.Frequency.QUARTER
    start = factory.Sequence(lambda n: datetime.date(2020 + n // 4, 3 * (n % 4) + 1, 1))
    end = factory.LazyAttribute(
        lambda o: (
            (datetime.date(o.start.year + (o.start.month + 3 > 12), (o.start.month + 2) % 12 + 1, 1))
            - datetime.timedelta(days=1)
        )
    )
    is_open = False

    class Params:
        open = factory.Trait(is_open=True)


class AgeBandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgeBand
        django_get_or_create = ["lower"]

    lower = 18
    upper = 20


class AreaReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AreaReport

    wellbeing_area = factory.SubFactory(WellbeingAreaFactory)
    period = factory.SubFactory(ReportingPeriodFactory)
    clients_total = 100
    new_clients = 10
    ended_clients = 8
    neet_clients = 20
    other_area_clients = 2

    class Params:
        submitted = factory.Trait(status=AreaReport.Status.SUBMITTED)


class StaffingLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffingLine

    report = factory.SubFactory(AreaReportFactory)
    role = Role.SOCIAL_WORKER
    fte_filled = 2
    fte_vacant = 0


class WorkerCaseloadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkerCaseload

    report = factory.SubFactory(AreaReportFactory)
    label = factory.Sequence(lambda n: chr(ord("A") + n % 26))
    role = Role.SOCIAL_WORKER
    clients = 40


class CaseloadNormFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseloadNorm

    wellbeing_area = factory.SubFactory(WellbeingAreaFactory)
    role = Role.SOCIAL_WORKER
    target = 50
    valid_from = datetime.date(2020, 1, 1)


class AftercareOrganisationFactory(factory.django.DjangoModelFactory):
    """An organisation named for the aftercare of an area: its coordinators may reopen reports."""

    class Meta:
        model = AftercareOrganisation

    wellbeing_area = factory.SubFactory(WellbeingAreaFactory)
    organisation = factory.SubFactory(OrganisationFactory)
