"""Open data (issue 15): released closed periods only, suppressed exactly as for outsiders, public."""

import csv
import io
import json

import pytest

from aftercare.models import AreaReport
from aftercare.selectors import overview
from opendata.models import Release
from tests.aftercare.factories import AreaReportFactory, ReportingPeriodFactory, StaffingLineFactory
from tests.governance.factories import WellbeingAreaFactory


@pytest.fixture
def periods(db):
    """Two closed periods and an open one, each with a small-count area and a large one."""
    made = [ReportingPeriodFactory(), ReportingPeriodFactory(), ReportingPeriodFactory(is_open=True)]
    small, large = WellbeingAreaFactory(), WellbeingAreaFactory()
    for period in made:
        AreaReportFactory(
            wellbeing_area=small,
            period=period,
            status=AreaReport.Status.SUBMITTED,
            clients_total=7,
            new_clients=2,
            ended_clients=1,
            neet_clients=3,
            other_area_clients=0,
        )
        report = AreaReportFactory(wellbeing_area=large, period=period, status=AreaReport.Status.SUBMITTED)
        StaffingLineFactory(report=report, role="counsellor")
    AreaReportFactory(wellbeing_area=WellbeingAreaFactory(), period=made[0], clients_total=50)  # a draft
    return made


def _csv(client) -> list[dict]:
    response = client.get("/avoindata/jalkihuolto.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_nothing_is_published_before_a_release(client, periods):
    assert _csv(client) == []
    assert json.loads(client.get("/avoindata/jalkihuolto.json").content)["rows"] == []


def test_a_released_periods_csv_equals_what_an_outsider_sees_on_the_overview(
    client, periods, administrator, outsider
):
    client.force_login(administrator)
    assert client.post("/avoindata/julkaisut/", {"period": periods[0].pk}).status_code == 302
    client.logout()
    rows = _csv(client)
    shown = [s for s in overview(outsider, periods[0]) if s.figures]
    assert len(rows) == len(shown) == 2  # the draft is not published
    expected = {s.area.slug: {k: "" if v is None else str(v) for k, v in s.shown.items()} for s in shown}
    for row in rows:
        assert {k: row[k] for k in expected[row["area"]]} == expected[row["area"]]
        assert row["period_start"] == periods[0].start.isoformat()
    assert {row["clients_total"] for row in rows} == {"7", "100"}
    assert "<5" in {row["new_clients"] for row in rows}
    body = json.loads(client.get("/avoindata/jalkihuolto.json").content)
    assert body["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert [r["area"] for r in body["rows"]] == [r["area"] for r in rows]


def test_an_open_period_cannot_be_released(client, periods, administrator):
    client.force_login(administrator)
    response = client.post("/avoindata/julkaisut/", {"period": periods[2].pk}, follow=True)
    assert "still open" in response.content.decode() or "vielä auki" in response.content.decode()
    assert not Release.objects.exists()
    client.post("/avoindata/julkaisut/", {"period": periods[0].pk})
    client.post("/avoindata/julkaisut/", {"period": periods[0].pk})
    assert Release.objects.count() == 1


@pytest.mark.parametrize("persona", ["coordinator", "area_manager", "plain_user"])
def test_only_administrators_release(request, client, periods, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/avoindata/julkaisut/").status_code == 404
    assert client.post("/avoindata/julkaisut/", {"period": periods[0].pk}).status_code == 404
    assert not Release.objects.exists()


def test_the_page_describes_the_data_without_login(client, periods, administrator):
    Release.objects.create(period=periods[0], released_by=administrator)
    body = client.get("/avoindata/").content.decode()
    assert "CC BY 4.0" in body and 'rel="license"' in body
    assert 'type="application/ld+json"' in body
    dcat = json.loads(client.get("/avoindata/dcat.jsonld").content)
    assert dcat["@type"] == "dcat:Dataset"
    assert dcat["dct:license"]["@id"] == "https://creativecommons.org/licenses/by/4.0/"
    assert {d["dct:format"] for d in dcat["dcat:distribution"]} == {"CSV", "JSON"}
    assert dcat["dcat:contactPoint"]["vcard:hasEmail"]["@id"].startswith("mailto:")
    assert dcat["dct:accrualPeriodicity"] and dcat["dct:title"] and dcat["dct:description"]
