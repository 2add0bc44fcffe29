"""The demo areas' derived figures, computed by hand from the peer reflection of 29.3.2023."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from aftercare.models import AreaReport, CaseloadNorm, ReportingPeriod, StaffingLine, WorkerCaseload
from aftercare.selectors import summaries

pytestmark = pytest.mark.django_db


def _roles(viewer, area, period):
    (summary,) = summaries(viewer, areas=[area], periods=[period])
    return summary, {r.role: r for r in summary.roles}


def test_varha_q4_2023(varha, q4, varha_manager):
    summary, roles = _roles(varha_manager, varha, q4)
    assert summary.figures.clients_total == 900
    social, counsellor = roles["social_worker"], roles["counsellor"]
    # 900 clients / 15 FTE = 60.0 per social worker; norm 50 → 900 / 50 = 18 FTE needed, 3 missing.
    assert (social.clients_per_fte, social.target, social.fte_needed, social.gap) == (
        Decimal("60.0"), 50, Decimal("18.00"), Decimal("3.00"),
    )  # fmt: skip
    # 900 / 30 = 30.0 per counsellor; norm 25 → 36 FTE needed, 6 missing.
    assert (counsellor.clients_per_fte, counsellor.target, counsellor.fte_needed, counsellor.gap) == (
        Decimal("30.0"), 25, Decimal("36.00"), Decimal("6.00"),
    )  # fmt: skip
    # Social workers A 62, B 58, C 60, D 55: all above 50; mean 58.75; sd sqrt(26.75 / 4) = 2.586; cv 4.4 %.
    assert social.workers_above_norm == 4
    assert (social.spread.lowest, social.spread.highest) == (55, 62)
    assert (social.spread.mean, social.spread.stdev, social.spread.cv_percent) == (
        Decimal("58.8"), Decimal("2.6"), Decimal("4.4"),
    )  # fmt: skip


def test_pohjois_pohjanmaa_q4_2023(pp, q4, pp_manager):
    summary, roles = _roles(pp_manager, pp, q4)
    assert summary.figures.clients_total == 800
    social, counsellor = roles["social_worker"], roles["counsellor"]
    # 800 / 12 = 66.7; norm 50 → 16 FTE needed, 4 missing.
    assert (social.clients_per_fte, social.fte_needed, social.gap) == (
        Decimal("66.7"),
        Decimal("16.00"),
        Decimal("4.00"),
    )
    # 800 / 16 = 50.0; norm 40 → 20 FTE needed, 4 missing; the ideal 25 would need 32.
    assert (counsellor.clients_per_fte, counsellor.fte_needed, counsellor.gap) == (
        Decimal("50.0"), Decimal("20.00"), Decimal("4.00"),
    )  # fmt: skip
    assert (counsellor.target, counsellor.ideal, counsellor.fte_needed_ideal) == (40, 25, Decimal("32.00"))
    # The uneven spread of the document: one social worker 80 clients, another 40.
    assert (social.spread.lowest, social.spread.highest) == (40, 80)
    assert social.workers_above_norm == 3  # 80, 65 and 70 are above 50
    assert counsellor.workers_above_norm == 2  # 45 and 52 are above 40


def test_demo_has_four_submitted_quarters_per_area_and_one_open_period(demo):
    assert AreaReport.objects.submitted().count() == 8
    assert list(ReportingPeriod.objects.open().values_list("start", flat=True))[0].isoformat() == "2024-01-01"


def test_loading_the_demo_twice_changes_nothing(demo):
    models = [AreaReport, StaffingLine, WorkerCaseload, CaseloadNorm, ReportingPeriod]
    before = {m: (m.objects.count(), m.history.count()) for m in models}
    call_command("load_demo", demo=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert {m: (m.objects.count(), m.history.count()) for m in models} == before
