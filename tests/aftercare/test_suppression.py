"""Small counts of another area cannot be recovered from anything the portal shows (issue 10, hole 2).

Each test renders every output another area's manager can get (area page, overview, CSV, XLSX,
PDF, meeting-report embed) for a small count of 3 and again of 4, and asserts both are identical:
if any figure, chart text, change, ratio, spread or sum gave the count away, they would differ.
"""

import io
import re

import openpyxl
import pytest
from django.urls import reverse

from aftercare.calculations import Figures
from aftercare.models import AgeBandCount, AreaReport, ReportingPeriod, WorkerCaseload
from aftercare.suppression import HIDDEN, visible
from config.sections import registry
from tests.conftest import pdf_text

pytestmark = pytest.mark.django_db


def _outputs(client, viewer, area, periods, tmp_path) -> dict[str, str]:
    client.force_login(viewer)
    out = {}
    for name, url in {
        "area": reverse("aftercare:area", args=[area.slug]),
        "overview": reverse("aftercare:overview") + f"?period={periods[-1].pk}",
        "report": reverse("aftercare:report")
        + f"?areas={area.pk}"
        + "".join(f"&periods={p.pk}" for p in periods),
        "csv": reverse("aftercare:export", args=[area.slug, "csv"]),
    }.items():
        response = client.get(url)
        assert response.status_code == 200, name
        page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())
        out[name] = re.sub(r"\bchart\d+", "chart", page)  # each drawing's own element ids: not figures
    xlsx = client.get(reverse("aftercare:export", args=[area.slug, "xlsx"])).content
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx), read_only=True).active
    out["xlsx"] = repr([tuple(row) for row in sheet.iter_rows(values_only=True)])
    pdf = client.get(
        reverse("aftercare:report"), {"areas": [area.pk], "periods": [p.pk for p in periods], "format": "pdf"}
    )
    assert pdf["Content-Type"] == "application/pdf"
    # The footer says when it was exported (it may wrap onto the next line): not a figure.
    text = re.sub(r"Viety.*|Exported.*", "", pdf_text(pdf.content, tmp_path))
    out["pdf"] = re.sub(r"\d{1,2}\.\d{1,2}\.\d{4} \d{1,2}\.\d{2}", "", text)
    out["embed"] = re.sub(
        r"\bchart\d+",
        "chart",
        str(
            registry.render(
                "aftercare.caseload",
                {"areas": [area.pk], "periods": [p.pk for p in periods]},
                viewer=viewer,
                media="pdf",
            )
        ),
    )
    return out


def _set_small(report: AreaReport, value: int) -> None:
    """Small counts in every place one can hide: counts, one age band, one worker's caseload.

    The age bands keep adding up to the same total, so only the small value differs."""
    AreaReport.objects.filter(pk=report.pk).update(
        neet_clients=value, other_area_clients=value, new_clients=value
    )
    counts = list(AgeBandCount.objects.filter(report=report).order_by("band__lower"))
    total = sum(c.clients for c in counts)
    AgeBandCount.objects.filter(pk=counts[0].pk).update(clients=value)
    AgeBandCount.objects.filter(pk=counts[1].pk).update(
        clients=total - value - sum(c.clients for c in counts[2:])
    )
    WorkerCaseload.objects.filter(report=report, label="B").update(clients=value)


@pytest.fixture
def pp_q4(pp, q4):
    return AreaReport.objects.get(wellbeing_area=pp, period=q4)


def test_small_counts_give_nothing_away_to_another_area(client, varha_manager, pp, pp_q4, tmp_path):
    periods = list(ReportingPeriod.objects.filter(reports__wellbeing_area=pp).distinct().order_by("start"))
    _set_small(pp_q4, 3)
    with_three = _outputs(client, varha_manager, pp, periods, tmp_path)
    _set_small(pp_q4, 4)
    with_four = _outputs(client, varha_manager, pp, periods, tmp_path)
    for name in with_three:
        assert with_three[name] == with_four[name], name
    assert "&lt;5" in with_three["area"] and "<5" in with_three["csv"] and "<5" in with_three["pdf"]


def test_a_small_total_hides_its_changes_and_ratios(client, varha_manager, pp, pp_q4, tmp_path):
    """A total of 3 after 9: neither "−66,7 %" nor clients per FTE may reveal it."""
    periods = list(ReportingPeriod.objects.filter(reports__wellbeing_area=pp).distinct().order_by("start"))
    previous = AreaReport.objects.get(wellbeing_area=pp, period=periods[-2])
    AreaReport.objects.filter(pk=previous.pk).update(
        clients_total=9, new_clients=0, neet_clients=0, other_area_clients=0
    )
    AgeBandCount.objects.filter(report=previous).delete()
    AgeBandCount.objects.filter(report=pp_q4).delete()
    WorkerCaseload.objects.filter(report=pp_q4).delete()
    outputs = []
    for value in (3, 4):
        AreaReport.objects.filter(pk=pp_q4.pk).update(
            clients_total=value, new_clients=0, neet_clients=0, other_area_clients=0, ended_clients=0
        )
        outputs.append(_outputs(client, varha_manager, pp, periods, tmp_path))
    for name in outputs[0]:
        assert outputs[0][name] == outputs[1][name], name
    assert "66,7" not in outputs[0]["pdf"] and "55,6" not in outputs[1]["pdf"]


def test_the_own_manager_still_sees_every_figure(client, pp_manager, pp, pp_q4, tmp_path):
    periods = list(ReportingPeriod.objects.filter(reports__wellbeing_area=pp).distinct().order_by("start"))
    _set_small(pp_q4, 3)
    three = _outputs(client, pp_manager, pp, periods, tmp_path)
    _set_small(pp_q4, 4)
    four = _outputs(client, pp_manager, pp, periods, tmp_path)
    assert three["csv"] != four["csv"] and three["area"] != four["area"]


def test_one_hidden_age_band_takes_a_second_with_it():
    figures = Figures(clients_total=30, age_bands={"18–20": 3, "21–23": 12, "24–25": 15})
    shown, _roles = visible(figures, {}, full=False)
    assert shown.age_bands == {"18–20": HIDDEN, "21–23": HIDDEN, "24–25": 15}
    assert shown.clients_total == 30


def test_a_hidden_caseload_hides_the_spread_of_its_role():
    figures = Figures(
        clients_total=100,
        staffing={"social_worker": (2, 0)},
        workers=[("A", "social_worker", 3), ("B", "social_worker", 60)],
    )
    _shown, roles = visible(figures, {"social_worker": (50, None)}, full=False)
    spread = roles[0].spread
    assert (spread.lowest, spread.highest, spread.mean, spread.stdev) == (HIDDEN, 60, None, None)
    assert roles[0].clients_per_fte is not None  # the total is not small: its ratio stays
