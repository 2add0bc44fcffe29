"""Aftercare fixtures built with factories: the wellbeing areas of the registry, the figures of the
peer reflection (29.3.2023) for Varha and Pohjois-Pohjanmaa over the four quarters of 2023, their
managers, an open period and a coordinator. No projects, meetings or money: the whole demo is
loaded only by the tests of the demo itself and the browser journeys."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from aftercare import demo as figures
from aftercare.models import AgeBandCount, AreaReport, ReportingPeriod
from governance.demo import load_registry
from governance.models import WellbeingArea
from tests.aftercare.factories import (
    AgeBandFactory,
    AreaReportFactory,
    CaseloadNormFactory,
    ReportingPeriodFactory,
    StaffingLineFactory,
    WorkerCaseloadFactory,
)
from tests.governance.factories import AffiliationFactory, AreaManagerFactory, UserFactory


@pytest.fixture
def caseload(db, administrator):
    """The areas (reference data), the 2023 quarters with both demo areas' submitted figures, the
    open Q1/2024, and the users the pages are read by: each area's manager, a coordinator and the
    administrator ("admin")."""
    load_registry()
    get_user_model().objects.filter(pk=administrator.pk).update(username="admin")
    bands = [AgeBandFactory(lower=lower, upper=upper) for lower, upper in figures.AGE_BANDS]
    quarters = [ReportingPeriodFactory(start=start, end=end) for start, end in figures.QUARTERS_2023]
    ReportingPeriodFactory(start=figures.OPEN_PERIOD[0], end=figures.OPEN_PERIOD[1], open=True)
    coordinator = UserFactory(username="koordinaattori")
    AffiliationFactory(user=coordinator, is_coordinator=True)
    for area_name, (username, norms, reports) in figures.AREAS.items():
        area = WellbeingArea.objects.get(name_fi=area_name)
        manager = UserFactory(username=username)
        AreaManagerFactory(user=manager, wellbeing_area=area)
        for role, (target, ideal) in norms.items():
            CaseloadNormFactory(
                wellbeing_area=area,
                role=role,
                target=target,
                ideal=ideal,
                valid_from=datetime.date(2023, 1, 1),
            )
        for period, (total, new, ended, neet, other, by_age, staffing, workers) in zip(
            quarters, reports, strict=True
        ):
            report = AreaReportFactory(
                submitted=True,
                wellbeing_area=area,
                period=period,
                clients_total=total,
                new_clients=new,
                ended_clients=ended,
                neet_clients=neet,
                other_area_clients=other,
                submitted_by=manager,
                submitted_at=datetime.datetime.combine(period.end, datetime.time(12), tzinfo=datetime.UTC),
            )
            for band, clients in zip(bands, by_age, strict=True):
                AgeBandCount.objects.create(report=report, band=band, clients=clients)
            for role, (filled, vacant) in staffing.items():
                StaffingLineFactory(
                    report=report, role=role, fte_filled=Decimal(filled), fte_vacant=Decimal(vacant)
                )
            for label, role, clients in workers:
                WorkerCaseloadFactory(report=report, label=label, role=role, clients=clients)


@pytest.fixture
def varha(caseload):
    return WellbeingArea.objects.get(slug="varha")


@pytest.fixture
def pp(caseload):
    return WellbeingArea.objects.get(name_fi="Pohjois-Pohjanmaan hyvinvointialue")


@pytest.fixture
def varha_manager(caseload):
    return get_user_model().objects.get(username="esihenkilo-varha")


@pytest.fixture
def pp_manager(caseload):
    return get_user_model().objects.get(username="esihenkilo-pp")


@pytest.fixture
def coordinator_user(caseload):
    return get_user_model().objects.get(username="koordinaattori")


@pytest.fixture
def open_period(caseload):
    return ReportingPeriod.objects.get(is_open=True)


@pytest.fixture
def q4(caseload):
    return ReportingPeriod.objects.get(start__year=2023, start__month=10)


@pytest.fixture
def q4_report(varha, q4):
    return AreaReport.objects.for_page().get(wellbeing_area=varha, period=q4)


@pytest.fixture
def other_manager(db):
    """The manager of some third area."""
    user = UserFactory(username="other-manager")
    AreaManagerFactory(user=user)
    return user


@pytest.fixture
def varha_coordinator(varha, coordinator_user):
    """The demo coordinator, whose organisation is named for the aftercare of Varha."""
    from tests.aftercare.factories import AftercareOrganisationFactory

    AftercareOrganisationFactory(
        wellbeing_area=varha, organisation=coordinator_user.affiliations.get(is_coordinator=True).organisation
    )
    return coordinator_user
