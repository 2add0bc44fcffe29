"""`make bench`: the national backfill of aftercare figures through the real import pipeline
(read, validate, preview stored as an import batch, all-or-nothing write with history) against
PostgreSQL ``COPY`` of the same rows into a plain table, in the same run.

Sizes: ``IMPORT_BENCH_ROWS`` (comma-separated, default "10000,100000"). Each size runs in a
process of its own on the same database (``python -m benchmarks.bench_imports SIZE``), so that
its peak memory is its own: the process's peak resident set during the import above its resident
set just before it (Linux: the peak is reset through ``/proc/self/clear_refs`` and read from
``VmHWM``, after freed memory went back to the system; elsewhere ``ru_maxrss``). The file's bytes
and the rows kept for COPY are made before. Prints rows per second of both, their ratio and that
growth. Measures; asserts nothing.
"""

import datetime
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

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


def _memory_baseline() -> int:
    """KiB resident now, with the peak reset to it (Linux); else the peak so far."""
    import ctypes
    import gc

    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)  # what was freed goes back to the system
        Path("/proc/self/clear_refs").write_text("5")  # the peak resident set starts again from now
        return _status("VmRSS")
    except (OSError, AttributeError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _memory_peak() -> int:
    try:
        return _status("VmHWM")
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _status(name: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(name + ":"):
            return int(line.split()[1])
    raise OSError(name)


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
def test_national_backfill_against_copy(demo):
    if connection.vendor != "postgresql":
        pytest.skip("COPY needs PostgreSQL")
    for size in SIZES:
        national_backfill_apart(size)


def national_backfill_apart(size: int) -> dict:
    """``national_backfill(size)`` in a process of its own on this database (the test database
    under pytest, with the demo committed); prints and returns its figures."""
    db = connection.settings_dict
    url = (
        f"postgres://{quote(db['USER'] or '', safe='')}:{quote(db['PASSWORD'] or '', safe='')}"
        f"@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{quote(db['NAME'], safe='')}"
    )
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.test_settings"}
    done = subprocess.run(  # noqa: S603 - this interpreter, this module, a number
        [sys.executable, "-m", "benchmarks.bench_imports", str(size)],
        env=env,
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(done.stderr[-3000:])
    *lines, result = done.stdout.strip().splitlines()
    print("\n".join(lines))
    return json.loads(result)


def national_backfill(size: int) -> dict:
    """Import ``size`` rows through the pipeline and COPY them; prints and returns the figures.
    Each size has periods of its own (from year 1000 + size / 200), so sizes run one after
    another on one database all create new reports."""
    from django.utils import translation

    from aftercare.models import AgeBand, ReportingPeriod
    from aftercare.resources import BackfillImporter
    from aftercare.shapes import period_code
    from config.imports import pipeline
    from governance.models import WellbeingArea
    from tests.governance.factories import UserFactory

    areas = list(WellbeingArea.objects.all())
    needed = size // ROWS_PER_REPORT // len(areas) + 2  # the last one for the warm-up
    start = datetime.date(1000 + size // 200, 1, 1)
    new = []
    for n in range(needed):
        first = datetime.date(start.year + n // 4, 3 * (n % 4) + 1, 1)
        last = (datetime.date(first.year + (first.month + 2) // 12, (first.month + 2) % 12 + 1, 1)
                - datetime.timedelta(days=1))  # fmt: skip
        new.append(ReportingPeriod(frequency="quarter", start=first, end=last))
    ReportingPeriod.objects.bulk_create(new, ignore_conflicts=True)
    with translation.override("fi"):
        labels = [
            period_code(p)
            for p in ReportingPeriod.objects.filter(start__gte=start, start__lte=new[-1].start).order_by(
                "start"
            )
        ]
    content, rows = _file(areas, labels[:-1], size)
    admin = UserFactory(username=f"bench-admin-{size}-{os.getpid()}", is_staff=True, is_superuser=True)
    bands = list(AgeBand.objects.filter(is_active=True))
    # A served import runs in a warm process: one report through the same steps first, so that
    # the figures are not the first request's (imports, catalogues, query compilation).
    warm, _rows = _file(areas[:1], labels[-1:], ROWS_PER_REPORT)
    staged = pipeline.stage(BackfillImporter(user=admin, bands=bands), SimpleUploadedFile("warm.csv", warm))
    pipeline.confirm(BackfillImporter(user=admin, bands=bands), staged.batch)

    peak_before = _memory_baseline()
    started = time.perf_counter()
    staged = pipeline.stage(BackfillImporter(user=admin, bands=bands), SimpleUploadedFile("thl.csv", content))
    assert staged.batch is not None, [str(p) for p in staged.problems[:5]]
    checked = time.perf_counter()
    counts, problems = pipeline.confirm(BackfillImporter(user=admin, bands=bands), staged.batch)
    assert not problems, [str(p) for p in problems[:5]]
    written = time.perf_counter()
    peak_after = _memory_peak()
    copy_seconds = _copy(rows)

    title = f"national backfill, {len(rows):,} rows ({counts['new']} new reports)"
    return _figures(title, len(rows), (started, checked, written), copy_seconds, peak_after - peak_before)


def _figures(title: str, size: int, times: tuple, copy_seconds: float, peak_kb: int) -> dict:
    """Print one import's figures beside COPY's and return them as ``results.json`` keeps them."""
    started, checked, written = times
    rate, copy_rate = size / (written - started), size / copy_seconds
    print(
        f"\n{title}: check+preview {checked - started:.2f} s, confirm+write {written - checked:.2f} s, "
        f"{rate:,.0f} rows/s; COPY {copy_seconds * 1000:.0f} ms, {copy_rate:,.0f} rows/s; "
        f"ratio {100 * rate / copy_rate:.2f} % of COPY; peak memory +{peak_kb / 1024:.0f} MB"
    )
    return {
        "rows": size,
        "check_seconds": round(checked - started, 3),
        "confirm_seconds": round(written - checked, 3),
        "import_rows_per_s": round(rate, 1),
        "copy_rows_per_s": round(copy_rate, 1),
        "import_ratio_to_copy": round(rate / copy_rate, 6),
        "peak_memory_growth_mb": round(peak_kb / 1024, 1),
    }


COST_ROWS = [int(n) for n in os.environ.get("IMPORT_BENCH_COST_ROWS", "10000").split(",") if n.strip()]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("size", COST_ROWS)
def test_cost_lines_against_copy(demo, size):
    """A project's cost lines (new lines, one implementer) through the same pipeline."""
    if connection.vendor != "postgresql":
        pytest.skip("COPY needs PostgreSQL")
    cost_lines(size)


def cost_lines(size: int) -> dict:
    """``size`` new cost lines of one implementer through the pipeline, and COPY of the same rows;
    prints and returns the figures (``python -m benchmarks.bench_imports costs SIZE``)."""
    from config.imports import pipeline
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
    admin = UserFactory(username=f"bench-costs-{size}-{os.getpid()}", is_staff=True, is_superuser=True)
    project = implementer.project
    warm = "\n".join(["id;toteuttaja;kustannuslaji;vuosi;selite;summa", f";{name};muut;2021;lämmin;1"])
    staged = pipeline_stage(CostLineImporter(user=admin, project=project), warm.encode())
    pipeline.confirm(CostLineImporter(user=admin, project=project), staged.batch)

    peak_before = _memory_baseline()
    started = time.perf_counter()
    staged = pipeline_stage(CostLineImporter(user=admin, project=project), content)
    checked = time.perf_counter()
    counts, problems = pipeline.confirm(CostLineImporter(user=admin, project=project), staged.batch)
    assert not problems, [str(p) for p in problems[:5]]
    written = time.perf_counter()
    peak_after = _memory_peak()
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
    title = f"cost lines, {size:,} rows ({counts['new']} new)"
    return _figures(title, size, (started, checked, written), copy_seconds, peak_after - peak_before)


def pipeline_stage(importer, content: bytes):
    from config.imports import pipeline

    staged = pipeline.stage(importer, SimpleUploadedFile("rivit.csv", content))
    assert staged.batch is not None, [str(p) for p in staged.problems[:5]]
    return staged


if __name__ == "__main__":
    import django

    django.setup()
    if sys.argv[1] == "costs":
        print(json.dumps(cost_lines(int(sys.argv[2]))))
    else:
        print(json.dumps(national_backfill(int(sys.argv[1]))))
