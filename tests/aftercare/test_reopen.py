"""Reopening is scoped (issue 10, hole 3): the area's coordinators named for aftercare and the
administrators, only while the period can be corrected; the manager then corrects and resubmits."""

import datetime

import pytest
from django.urls import reverse

from aftercare.models import AreaReport, ReportingPeriod
from tests.aftercare.factories import AftercareOrganisationFactory
from tests.aftercare.test_entry import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def q3(demo):
    return ReportingPeriod.objects.get(start=datetime.date(2023, 7, 1))


@pytest.fixture
def pp_q3(pp, q3):
    return AreaReport.objects.get(wellbeing_area=pp, period=q3)


@pytest.fixture
def pp_coordinator(pp, coordinator):
    """A coordinator whose organisation is named for the aftercare of Pohjois-Pohjanmaa."""
    AftercareOrganisationFactory(
        wellbeing_area=pp, organisation=coordinator.affiliations.get(is_coordinator=True).organisation
    )
    return coordinator


def _correctable(period, days=1):
    period.corrections_until = datetime.date.today() + datetime.timedelta(days=days)
    period.save()


def _reopen(client, user, report):
    client.force_login(user)
    return client.post(reverse("aftercare:reopen", args=[report.pk]), {"reason": "Korjaus"})


def test_an_unrelated_coordinator_cannot_reopen(client, outsider, pp_coordinator, pp_q3, q3):
    _correctable(q3)
    assert _reopen(client, outsider, pp_q3).status_code == 403
    pp_q3.refresh_from_db()
    assert pp_q3.is_submitted


def test_nobody_reopens_a_period_that_can_no_longer_be_corrected(
    client, pp_coordinator, administrator, pp_q3, q3
):
    assert _reopen(client, pp_coordinator, pp_q3).status_code == 403  # closed, no correction time
    _correctable(q3, days=-1)
    assert _reopen(client, pp_coordinator, pp_q3).status_code == 403  # the correction time is over
    assert _reopen(client, administrator, pp_q3).status_code == 403
    pp_q3.refresh_from_db()
    assert pp_q3.is_submitted


def test_the_named_coordinator_reopens_and_the_manager_corrects_and_resubmits(
    client, pp_coordinator, pp_manager, pp, pp_q3, q3
):
    _correctable(q3)
    assert _reopen(client, pp_coordinator, pp_q3).status_code == 302
    pp_q3.refresh_from_db()
    assert not pp_q3.is_submitted

    client.force_login(pp_manager)
    entry_url = reverse("aftercare:entry", args=[pp.slug, q3.pk])
    assert client.get(entry_url).status_code == 200
    response = client.post(entry_url, form_data(clients_total=796, version=pp_q3.version))
    assert response.status_code == 302, response.content.decode()[:2000]
    submit = reverse("aftercare:submit", args=[pp.slug, q3.pk])
    assert client.post(submit, {"comment": "Korjattu"}).status_code == 302
    pp_q3.refresh_from_db()
    assert pp_q3.is_submitted and pp_q3.clients_total == 796
    overview = client.get(reverse("aftercare:overview"), {"period": q3.pk}).content.decode()
    assert ">796<" in overview


def test_an_administrator_reopens_while_the_period_can_be_corrected(client, administrator, pp_q3, q3):
    _correctable(q3)
    assert _reopen(client, administrator, pp_q3).status_code == 302
