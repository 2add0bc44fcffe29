"""The overview of all areas, the area page, completeness and home: figures, suppression, query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aftercare.models import ReportingPeriod
from tests.aftercare.factories import (
    AreaReportFactory,
    CaseloadNormFactory,
    ReportingPeriodFactory,
    StaffingLineFactory,
    WorkerCaseloadFactory,
)
from tests.governance.factories import WellbeingAreaFactory

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return response.content.decode().replace("\xa0", " ")


def test_the_overview_shows_both_demo_areas_with_their_norms(client, coordinator_user, q4):
    client.force_login(coordinator_user)
    html = _text(client.get(reverse("aftercare:overview"), {"period": q4.pk}))
    assert ">900<" in html and ">800<" in html
    assert "66,7" in html and "60,0" in html  # clients per social-worker FTE
    assert "40 (25)" in html  # PP's counsellor norm with its ideal
    assert "+4,0" in html and "+6,0" in html  # gaps
    assert "<svg" in html


def test_small_counts_of_another_area_are_suppressed(client, pp_manager, varha_manager, q4, varha):
    client.force_login(pp_manager)
    html = _text(client.get(reverse("aftercare:overview"), {"period": q4.pk}))
    assert "&lt;5" in html  # Varha's 3 clients organised by another area
    area_html = _text(client.get(reverse("aftercare:area", args=[varha.slug])))
    assert "&lt;5" in area_html and ">3</td>" not in area_html
    client.force_login(varha_manager)
    area_html = _text(client.get(reverse("aftercare:area", args=[varha.slug])))
    assert ">3</td>" in area_html  # the area's own manager sees its figures in full


def _make_areas(count: int, period):
    for _ in range(count):
        report = AreaReportFactory(submitted=True, period=period)
        StaffingLineFactory(report=report)
        WorkerCaseloadFactory(report=report)
        CaseloadNormFactory(wellbeing_area=report.wellbeing_area)


def _queries(client, period) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("aftercare:overview"), {"period": period.pk}).status_code == 200
    return len(queries)


def test_the_overview_query_count_does_not_grow_with_areas_or_periods(client, administrator):
    client.force_login(administrator)
    # Before the factory's quarters (Q1/2020 on), which the 39 below would otherwise run into.
    period = ReportingPeriodFactory(start=datetime.date(1990, 1, 1), end=datetime.date(1990, 3, 31))
    _make_areas(2, period)
    two_areas = _queries(client, period)
    _make_areas(20, period)  # 22 areas in all, as in Finland
    assert _queries(client, period) == two_areas
    for _ in range(39):
        ReportingPeriodFactory()  # 40 periods
    assert ReportingPeriod.objects.count() == 40
    assert _queries(client, period) == two_areas


def test_the_overview_query_count_is_fixed_for_a_manager_too(client, varha_manager, q4):
    client.force_login(varha_manager)
    first = _queries(client, q4)
    for _ in range(5):
        WellbeingAreaFactory()
    assert _queries(client, q4) == first


def test_the_area_page_shows_derived_figures_and_charts(client, pp_manager, pp):
    client.force_login(pp_manager)
    html = _text(client.get(reverse("aftercare:area", args=[pp.slug])))
    assert "Q1/2023" in html and "Q4/2023" in html
    assert "66,7" in html and "+4,0" in html and "23,1 %" in html  # ratio, gap, variation of 80/40/65/70
    assert html.count("<svg") >= 3  # trend, worker caseloads per role, totals


def test_completeness_lists_every_area_and_period(client, coordinator_user):
    client.force_login(coordinator_user)
    html = _text(client.get(reverse("aftercare:completeness")))
    assert html.count('class="badge ok"') == 8  # 2 areas × 4 quarters submitted
    assert "Q1/2024" in html and "Kainuu" in html


def test_home_shows_the_managers_open_period(client, varha_manager, open_period, varha):
    client.force_login(varha_manager)
    html = _text(client.get(reverse("aftercare:home")))
    assert reverse("aftercare:entry", args=[varha.slug, open_period.pk]) in html
    assert "2 / 22" in html  # two areas submitted Q4/2023


def test_pages_answer_405_to_a_wrong_method(client, coordinator_user, varha):
    client.force_login(coordinator_user)
    for url in (
        reverse("aftercare:home"),
        reverse("aftercare:overview"),
        reverse("aftercare:completeness"),
        reverse("aftercare:area", args=[varha.slug]),
        reverse("aftercare:report"),
    ):
        assert client.post(url).status_code == 405, url


def test_the_area_page_shows_the_trend_of_clients(client, coordinator_user, varha):
    client.force_login(coordinator_user)
    html = _text(client.get(reverse("aftercare:area", args=[varha.slug])))
    # 880 → 890 → 895 → 900: +1,1 %, +0,6 %, +0,6 %.
    assert html.count("+1,1 %") == 1 and html.count("+0,6 %") == 2


def test_an_area_without_figures_has_a_page_too(client, coordinator_user):
    client.force_login(coordinator_user)
    response = client.get(reverse("aftercare:area", args=["kainuu"]))
    assert response.status_code == 200
    assert "Kainuu" in response.content.decode()
