"""Aftercare fixtures: the demo areas and their managers, an open period, a second manager."""

import pytest
from django.contrib.auth import get_user_model

from aftercare.models import AreaReport, ReportingPeriod
from governance.models import WellbeingArea
from tests.governance.factories import AreaManagerFactory, UserFactory


@pytest.fixture
def varha(demo):
    return WellbeingArea.objects.get(slug="varha")


@pytest.fixture
def pp(demo):
    return WellbeingArea.objects.get(name_fi="Pohjois-Pohjanmaan hyvinvointialue")


@pytest.fixture
def varha_manager(demo):
    return get_user_model().objects.get(username="esihenkilo-varha")


@pytest.fixture
def pp_manager(demo):
    return get_user_model().objects.get(username="esihenkilo-pp")


@pytest.fixture
def coordinator_user(demo):
    return get_user_model().objects.get(username="koordinaattori")


@pytest.fixture
def open_period(demo):
    return ReportingPeriod.objects.get(is_open=True)


@pytest.fixture
def q4(demo):
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
