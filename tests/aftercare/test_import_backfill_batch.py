"""The national backfill's batch: the file is checked as it is read, the batch keeps each report's
figures (not the rows), and confirming it writes once, all or nothing, with history."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from aftercare.models import AgeBand, AgeBandCount, AreaReport, StaffingLine, WorkerCaseload
from aftercare.resources import BackfillImporter
from aftercare.shapes import period_code
from config.imports import pipeline
from config.imports.batches import kept_chunks
from config.models import ImportBatch
from governance.models import WellbeingArea
from tests.aftercare.factories import AreaReportFactory, ReportingPeriodFactory

pytestmark = pytest.mark.django_db

HEADER = "alue;kausi;tieto;tunniste;rooli;asiakkaita;htv_taytetty;htv_avoin"


def report_rows(area: str, period: str, total: int) -> list[str]:
    return [
        f"{area};{period};asiakkaat_yhteensa;;;{total};;",
        f"{area};{period};ikaryhma;18-20 v;;{total - 10};;",
        f"{area};{period};ikaryhma;21–25;;10;;",
        f"{area};{period};henkilosto;;Sosiaalityöntekijä;;3,0;0,5",
        f"{area};{period};tyontekija;A;sosiaalityontekija;40;;",
        f"{area};{period};tyontekija;B;ohjaaja;30;;",
    ]


@pytest.fixture
def national(caseload):
    """Ten quarters of the 1990s (before any figures) and the areas' slugs."""
    periods = [
        ReportingPeriodFactory(start=date(1991 + n, 1, 1), end=date(1991 + n, 3, 31)) for n in range(10)
    ]
    with translation.override("fi"):
        labels = [period_code(p) for p in periods]
    areas = list(WellbeingArea.objects.order_by("pk").values_list("slug", flat=True))
    return periods, labels, areas


def importer(user) -> BackfillImporter:
    return BackfillImporter(user=user, bands=list(AgeBand.objects.all()))


def stage(user, lines):
    upload = SimpleUploadedFile("thl.csv", "\n".join([HEADER, *lines]).encode("utf-8"))
    return pipeline.stage(importer(user), upload)


def test_the_batch_keeps_the_reports_figures_compressed_not_the_rows(national, administrator):
    periods, labels, areas = national
    lines = [line for area in areas for line in report_rows(area, labels[0], 100)]
    staged = stage(administrator, lines)
    batch = ImportBatch.objects.get(pk=staged.batch.pk)
    assert batch.state == ImportBatch.State.PREVIEWED and batch.rows == []
    assert batch.preview["counts"]["new"] == len(areas)
    assert 0 < len(bytes(batch.data)) < len("\n".join(lines)) / 4
    assert not AreaReport.objects.filter(period__in=periods).exists()


def test_a_batch_confirmed_twice_writes_once(national, administrator):
    periods, labels, areas = national
    staged = stage(
        administrator, report_rows(areas[0], labels[0], 100) + report_rows(areas[1], labels[0], 90)
    )
    counts, problems = pipeline.confirm(importer(administrator), staged.batch)
    assert not problems and counts["new"] == 2
    with pytest.raises(pipeline.AlreadyConfirmed):
        pipeline.confirm(importer(administrator), ImportBatch.objects.get(pk=staged.batch.pk))
    reports = AreaReport.objects.filter(period=periods[0])
    assert reports.count() == 2
    assert AreaReport.history.filter(period=periods[0]).count() == 2
    assert WorkerCaseload.objects.filter(report__in=reports).count() == 4


def test_new_reports_and_their_lines_have_history_naming_the_importer(national, administrator):
    periods, labels, areas = national
    staged = stage(administrator, report_rows(areas[0], labels[0], 100))
    pipeline.confirm(importer(administrator), staged.batch)
    report = AreaReport.objects.get(period=periods[0])
    assert (report.clients_total, report.version, report.status, report.note) == (100, 1, "draft", "")
    assert report.created_at is not None and report.updated_at is not None
    for model, count in ((AreaReport, 1), (AgeBandCount, 2), (StaffingLine, 1), (WorkerCaseload, 2)):
        history = model.history.filter(**({"id": report.pk} if model is AreaReport else {"report": report}))
        assert history.count() == count, model
        assert {(h.history_type, h.history_user_id) for h in history} == {("+", administrator.pk)}
    line = StaffingLine.objects.get(report=report)
    assert (str(line.fte_filled), str(line.fte_vacant)) == ("3.00", "0.50")


def test_a_bad_row_at_the_end_of_a_long_file_writes_nothing(national, administrator):
    periods, labels, areas = national
    lines = [line for label in labels for area in areas for line in report_rows(area, label, 100)]
    lines.append(f"{areas[0]};{labels[0]};tyontekija;Matti Meikäläinen;ohjaaja;5;;")
    staged = stage(administrator, lines)
    assert staged.batch is None
    (problem,) = staged.problems
    assert problem.row == len(lines) + 1 and problem.column == "D"
    assert not ImportBatch.objects.exists()
    assert not AreaReport.objects.filter(period__in=periods).exists()


def test_a_report_submitted_after_the_preview_refuses_the_whole_batch(national, administrator):
    periods, labels, areas = national
    staged = stage(
        administrator, report_rows(areas[0], labels[0], 100) + report_rows(areas[1], labels[0], 90)
    )
    area = WellbeingArea.objects.get(slug=areas[1])
    AreaReportFactory(wellbeing_area=area, period=periods[0], clients_total=70, submitted=True)
    with translation.override("en"):
        counts, problems = pipeline.confirm(importer(administrator), staged.batch)
    assert counts == {} and "submitted and locked" in str(problems[0])
    assert list(AreaReport.objects.filter(period=periods[0]).values_list("clients_total", flat=True)) == [70]
    assert ImportBatch.objects.get(pk=staged.batch.pk).state == ImportBatch.State.PREVIEWED


def test_confirming_costs_the_same_queries_for_two_and_for_forty_reports(national, administrator):
    periods, labels, areas = national

    def confirm_queries(label_slice) -> int:
        lines = [
            line for label in label_slice for area in areas[:2] for line in report_rows(area, label, 100)
        ]
        staged = stage(administrator, lines)
        with CaptureQueriesContext(connection) as queries:
            _counts, problems = pipeline.confirm(importer(administrator), staged.batch)
        assert not problems
        return len(queries)

    assert confirm_queries(labels[:1]) == confirm_queries(labels[1:10])


@pytest.fixture
def small_chunks(monkeypatch):
    """Chunks of two reports, and at most three reports open at once, so that a short file has
    many of both."""
    import aftercare.resources

    monkeypatch.setattr(aftercare.resources, "KEEP_CHUNK", 2)
    monkeypatch.setattr(aftercare.resources, "OPEN_REPORTS", 3)


def test_the_batch_keeps_the_figures_in_chunks_and_writes_them_all(national, administrator, small_chunks):
    periods, labels, areas = national
    lines = [line for label in labels[:3] for area in areas[:3] for line in report_rows(area, label, 100)]
    staged = stage(administrator, lines)
    batch = ImportBatch.objects.get(pk=staged.batch.pk)
    chunks = list(kept_chunks(bytes(batch.data)))
    assert [len(chunk) for chunk in chunks] == [2, 2, 2, 2, 1]
    assert batch.preview["counts"]["new"] == 9 and len(batch.preview["changes"]) == 9
    counts, problems = pipeline.confirm(importer(administrator), batch)
    assert not problems and counts["new"] == 9
    assert AreaReport.objects.filter(period__in=periods[:3], clients_total=100).count() == 9
    assert AreaReport.history.filter(period__in=periods[:3]).count() == 9


def test_a_report_submitted_since_the_preview_in_the_last_chunk_leaves_nothing_written(
    national, administrator, small_chunks
):
    periods, labels, areas = national
    lines = [line for label in labels[:3] for area in areas[:3] for line in report_rows(area, label, 100)]
    staged = stage(administrator, lines)
    last = WellbeingArea.objects.get(slug=areas[2])
    AreaReportFactory(wellbeing_area=last, period=periods[2], clients_total=70, submitted=True)
    with translation.override("en"):
        counts, problems = pipeline.confirm(importer(administrator), staged.batch)
    assert counts == {} and len(problems) == 1 and "submitted and locked" in str(problems[0])
    assert list(AreaReport.objects.filter(period__in=periods).values_list("clients_total", flat=True)) == [70]
    assert not AgeBandCount.objects.filter(report__period__in=periods).exists()
    assert ImportBatch.objects.get(pk=staged.batch.pk).state == ImportBatch.State.PREVIEWED


def test_a_database_refusal_in_a_late_chunk_rolls_back_the_chunks_written(
    national, administrator, small_chunks, monkeypatch
):
    from django.core.exceptions import ValidationError

    from aftercare import services

    periods, labels, areas = national
    lines = [line for label in labels[:3] for area in areas[:3] for line in report_rows(area, label, 100)]
    staged = stage(administrator, lines)
    save, calls = services.reports_save_many, []

    def fails_on_the_fourth_chunk(**kwargs):
        calls.append(len(kwargs["items"]))
        if len(calls) == 4:
            raise ValidationError("refused")
        return save(**kwargs)

    monkeypatch.setattr(services, "reports_save_many", fails_on_the_fourth_chunk)
    counts, problems = pipeline.confirm(importer(administrator), staged.batch)
    assert calls == [2, 2, 2, 2] and counts == {} and [p.message for p in problems] == ["refused"]
    assert not AreaReport.objects.filter(period__in=periods).exists()
    assert not AreaReport.history.filter(period__in=periods).exists()
    assert ImportBatch.objects.get(pk=staged.batch.pk).state == ImportBatch.State.PREVIEWED


def test_rows_of_a_report_may_come_apart_while_it_is_open(national, administrator, small_chunks):
    periods, labels, areas = national
    first, second = report_rows(areas[0], labels[0], 100), report_rows(areas[1], labels[0], 90)
    staged = stage(administrator, [*first[:3], *second[:3], *first[3:], *second[3:]])
    assert staged.batch is not None, [str(p) for p in staged.problems]
    counts, problems = pipeline.confirm(importer(administrator), staged.batch)
    assert not problems and counts["new"] == 2
    assert WorkerCaseload.objects.filter(report__period=periods[0]).count() == 4


def test_rows_of_a_report_after_too_many_others_are_refused_by_row(national, administrator, small_chunks):
    periods, labels, areas = national
    lines = [line for area in areas[:5] for line in report_rows(area, labels[0], 100)]
    late = f"{areas[0]};{labels[0]};uudet_asiakkaat;;;5;;"
    with translation.override("en"):
        staged = stage(administrator, [*lines, late])
    assert staged.batch is None
    (problem,) = staged.problems
    assert (problem.row, problem.column) == (len(lines) + 2, "B")
    assert (
        "began on row 2" in problem.message
        and "keep each area's and period's rows together" in problem.message
    )


def test_a_batch_kept_whole_before_chunks_is_still_confirmed(national, administrator, small_chunks):
    import json
    import zlib

    periods, labels, areas = national
    lines = [line for area in areas[:3] for line in report_rows(area, labels[0], 100)]
    batch = ImportBatch.objects.get(pk=stage(administrator, lines).batch.pk)
    whole = [item for chunk in kept_chunks(bytes(batch.data)) for item in chunk]
    batch.data = zlib.compress(json.dumps(whole).encode())
    batch.preview["kept"] = True  # as batches were stored before chunks
    batch.save()
    counts, problems = pipeline.confirm(importer(administrator), batch)
    assert not problems and counts["new"] == 3
    assert AreaReport.objects.filter(period=periods[0], clients_total=100).count() == 3
