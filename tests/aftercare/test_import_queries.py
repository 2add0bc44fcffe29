"""The national backfill costs the same number of queries for a small and a five times larger file:
rows are checked in memory and written in bulk, with history naming who imported them."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from aftercare.models import AgeBand, AreaReport, WorkerCaseload
from aftercare.resources import BackfillImporter
from aftercare.shapes import period_code
from config.imports import pipeline
from governance.models import WellbeingArea
from tests.aftercare.factories import ReportingPeriodFactory

HEADER = "alue;kausi;tieto;tunniste;rooli;asiakkaita;htv_taytetty;htv_avoin"


def report_rows(area: str, period: str, total: int, worker_b: int = 30) -> list[str]:
    return [
        f"{area};{period};asiakkaat_yhteensa;;;{total};;",
        f"{area};{period};ikaryhma;18-20 v;;{total - 10};;",
        f"{area};{period};ikaryhma;21–25;;10;;",
        f"{area};{period};henkilosto;;Sosiaalityöntekijä;;3,0;0,5",
        f"{area};{period};tyontekija;A;sosiaalityontekija;40;;",
        f"{area};{period};tyontekija;B;ohjaaja;{worker_b};;",
    ]


def backfill(user, pairs, total: int, worker_b: int = 30) -> tuple[int, int]:
    """(queries to check and preview, queries to confirm and write) of one file."""
    lines = [HEADER]
    for area, period in pairs:
        lines += report_rows(area, period, total, worker_b)
    bands = list(AgeBand.objects.all())
    upload = SimpleUploadedFile("thl.csv", "\n".join(lines).encode("utf-8"))
    with CaptureQueriesContext(connection) as staging:
        staged = pipeline.stage(BackfillImporter(user=user, bands=bands), upload)
    assert staged.batch is not None, [str(p) for p in staged.problems]
    with CaptureQueriesContext(connection) as confirming:
        _counts, problems = pipeline.confirm(BackfillImporter(user=user, bands=bands), staged.batch)
    assert not problems, [str(p) for p in problems]
    return len(staging), len(confirming)


@pytest.mark.django_db
def test_backfill_queries_do_not_grow_with_rows(caseload, administrator):
    periods = [
        ReportingPeriodFactory(start=date(2001 + n, 1, 1), end=date(2001 + n, 3, 31)) for n in range(5)
    ]
    with translation.override("fi"):
        labels = [period_code(p) for p in periods]
    areas = [a.slug for a in WellbeingArea.objects.order_by("pk")[:2]]
    small = [(a, labels[0]) for a in areas]  # 12 rows
    large = [(a, p) for a in areas for p in labels[1:]]  # 48 rows
    assert backfill(administrator, small, 100) == backfill(administrator, large, 100)
    assert AreaReport.objects.filter(period__in=periods).count() == 10
    created = AreaReport.objects.filter(period=periods[0]).first().history.get()
    assert (created.history_type, created.history_user, created.clients_total) == ("+", administrator, 100)

    # Changing every report (a worker moves) costs the same for both sizes too.
    assert backfill(administrator, small, 90, worker_b=20) == backfill(administrator, large, 90, worker_b=20)
    worker = WorkerCaseload.objects.filter(report__period=periods[1], label="B").first()
    assert (worker.clients, worker.version) == (20, 2)
    record = worker.history.first()
    assert (record.history_type, record.history_user, record.clients) == ("~", administrator, 20)
