"""`make bench`: the national backfill of aftercare figures through the real import pipeline
(read, validate, preview stored as an import batch, all-or-nothing write with history) against
PostgreSQL ``COPY`` of the same rows into a plain table, in the same run.

Sizes: ``IMPORT_BENCH_ROWS`` (comma-separated, default "10000,100000"). Prints rows per second of
both, their ratio and the growth of the process's peak memory. Measures; asserts nothing.
"""

import datetime
import os
import resource
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

SIZES = [int(n) for n in os.environ.get("IMPORT_BENCH_ROWS", "10000,100000").split(",") if n.strip()]
ROWS_PER_REPORT = 12


def _file(areas, periods, size: int) -> tuple[bytes, list[list]]:
    rows, lines = [], ["alue;kausi;tieto;tunniste;rooli;asiakkaita;htv_taytetty;htv_avoin"]
    pairs = [(a, p) for p in periods for a in areas]
    for area, period in pairs[: size // ROWS_PER_REPORT]:
        total = 100 + len(rows) % 50
        group = [
            [area.slug, period, "asiakkaat_yhteensa", "", "", total, "", ""],
            [area.slug, period, "uudet_asiakkaat", "", "", 10, "", ""],
            [area.slug, period, "paattyneet_asiakkaat", "", "", 8, "", ""],
            [area.slug, period, "neet_asiakkaat", "", "", 20, "", ""],
            [area.slug, period, "eri_jarjestamisalue", "", "", 1, "", ""],
            [area.slug, period, "ikaryhma", "18–20", "", total - 40, "", ""],
            [area.slug, period, "ikaryhma", "21–25", "", 40, "", ""],
            [area.slug, period, "henkilosto", "", "sosiaalityontekija", "", "3,0", "0,5"],
            [area.slug, period, "henkilosto", "", "ohjaaja", "", "4,0", "0"],
            [area.slug, period, "tyontekija", "A", "sosiaalityontekija", 40, "", ""],
            [area.slug, period, "tyontekija", "B", "sosiaalityontekija", 35, "", ""],
            [area.slug, period, "tyontekija", "C", "ohjaaja", 25, "", ""],
        ]
        rows += group
        lines += [";".join(str(c) for c in row) for row in group]
    return ("\n".join(lines) + "\n").encode("utf-8"), rows


def _copy(rows) -> float:
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE bench_copy (alue text, kausi text, tieto text, tunniste text, rooli text, "
            "asiakkaita text, htv_taytetty text, htv_avoin text)"
        )
        start = time.perf_counter()
        with cursor.cursor.copy("COPY bench_copy FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        elapsed = time.perf_counter() - start
        cursor.execute("DROP TABLE bench_copy")
    return elapsed


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("size", SIZES)
def test_national_backfill_against_copy(demo, size):
    if connection.vendor != "postgresql":
        pytest.skip("COPY needs PostgreSQL")
    national_backfill(size)


def national_backfill(size: int) -> dict:
    """Import ``size`` rows through the pipeline and COPY them; prints and returns the figures."""
    from django.utils import translation

    from aftercare.models import AgeBand, ReportingPeriod
    from aftercare.resources import BackfillImporter, period_code
    from config.imports import pipeline
    from governance.models import WellbeingArea
    from tests.governance.factories import UserFactory

    areas = list(WellbeingArea.objects.all())
    needed = size // ROWS_PER_REPORT // len(areas) + 1
    start = datetime.date(1900, 1, 1)
    new = []
    for n in range(needed):
        first = datetime.date(start.year + n // 4, 3 * (n % 4) + 1, 1)
        last = (datetime.date(first.year + (first.month + 2) // 12, (first.month + 2) % 12 + 1, 1)
                - datetime.timedelta(days=1))  # fmt: skip
        new.append(ReportingPeriod(frequency="quarter", start=first, end=last))
    ReportingPeriod.objects.bulk_create(new, ignore_conflicts=True)
    with translation.override("fi"):
        labels = [
            period_code(p) for p in ReportingPeriod.objects.filter(start__year__lt=1990).order_by("start")
        ]
    content, rows = _file(areas, labels, size)
    admin = UserFactory(username=f"bench-admin-{size}", is_staff=True, is_superuser=True)
    bands = list(AgeBand.objects.filter(is_active=True))

    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    staged = pipeline.stage(BackfillImporter(user=admin, bands=bands), SimpleUploadedFile("thl.csv", content))
    assert staged.batch is not None, [str(p) for p in staged.problems[:5]]
    checked = time.perf_counter()
    counts, problems = pipeline.confirm(BackfillImporter(user=admin, bands=bands), staged.batch)
    assert not problems, [str(p) for p in problems[:5]]
    written = time.perf_counter()
    peak_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    copy_seconds = _copy(rows)

    pipeline_rate = len(rows) / (written - started)
    copy_rate = len(rows) / copy_seconds
    print(
        f"\nnational backfill, {len(rows):,} rows ({counts['new']} reports): "
        f"check+preview {checked - started:.1f} s, confirm+write {written - checked:.1f} s, "
        f"{pipeline_rate:,.0f} rows/s; COPY {copy_seconds * 1000:.0f} ms, {copy_rate:,.0f} rows/s; "
        f"ratio {100 * pipeline_rate / copy_rate:.2f} % of COPY; "
        f"peak memory +{(peak_after - peak_before) / 1024:.0f} MB"
    )
    return {
        "rows": len(rows),
        "import_rows_per_s": round(pipeline_rate, 1),
        "copy_rows_per_s": round(copy_rate, 1),
        "import_ratio_to_copy": round(pipeline_rate / copy_rate, 6),
        "peak_memory_growth_mb": round((peak_after - peak_before) / 1024, 1),
    }


COST_ROWS = [int(n) for n in os.environ.get("IMPORT_BENCH_COST_ROWS", "10000").split(",") if n.strip()]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("size", COST_ROWS)
def test_cost_lines_against_copy(demo, size):
    """A project's cost lines (new lines, one implementer) through the same pipeline."""
    if connection.vendor != "postgresql":
        pytest.skip("COPY needs PostgreSQL")
    from funding.resources import CostLineImporter
    from projects.models import Implementer
    from tests.governance.factories import UserFactory

    implementer = Implementer.objects.select_related("organisation", "project").first()
    name = implementer.organisation.short_name or implementer.organisation.name
    rows = [
        ["", name, ("palkat", "matkat", "muut")[n % 3], 2021 + n % 2, f"Rivi {n}", f"{n % 9000 + 1} 000,50"]
        for n in range(size)
    ]
    content = "\n".join(
        ["id;toteuttaja;kustannuslaji;vuosi;selite;summa", *(";".join(map(str, r)) for r in rows)]
    ).encode("utf-8")
    admin = UserFactory(username=f"bench-costs-{size}", is_staff=True, is_superuser=True)
    project = implementer.project

    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    staged = pipeline_stage(CostLineImporter(user=admin, project=project), content)
    checked = time.perf_counter()
    from config.imports import pipeline

    counts, problems = pipeline.confirm(CostLineImporter(user=admin, project=project), staged.batch)
    assert not problems, [str(p) for p in problems[:5]]
    written = time.perf_counter()
    peak_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE bench_cost_copy (id text, implementer text, category text, year int, "
            "description text, amount text)"
        )
        start = time.perf_counter()
        with cursor.cursor.copy("COPY bench_cost_copy FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        copy_seconds = time.perf_counter() - start
        cursor.execute("DROP TABLE bench_cost_copy")
    rate, copy_rate = size / (written - started), size / copy_seconds
    print(
        f"\ncost lines, {size:,} rows ({counts['new']} new): check+preview {checked - started:.1f} s, "
        f"confirm+write {written - checked:.1f} s, {rate:,.0f} rows/s; COPY {copy_seconds * 1000:.0f} ms, "
        f"{copy_rate:,.0f} rows/s; ratio {100 * rate / copy_rate:.2f} % of COPY; "
        f"peak memory +{(peak_after - peak_before) / 1024:.0f} MB"
    )


def pipeline_stage(importer, content: bytes):
    from config.imports import pipeline

    staged = pipeline.stage(importer, SimpleUploadedFile("rivit.csv", content))
    assert staged.batch is not None, [str(p) for p in staged.problems[:5]]
    return staged
