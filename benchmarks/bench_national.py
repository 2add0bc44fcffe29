# ruff: noqa: S603, S607 -- fixed local commands (git, manage.py), no shell
"""`make bench`: the portal at national scale, every figure beside the limit it is measured against
in the same run. Prints one table and writes ``var/bench/results.json``.

1. The national backfill import vs PostgreSQL ``COPY`` of the same rows (``bench_imports``).
2. Meeting and plan PDFs: the portal's own share of the time (the rest is WeasyPrint).
3. The personas' main pages on the demo plus national data (``generate_national_data``) at scale 1
   and 10: queries per page (``BEGIN``/``COMMIT`` of ``ATOMIC_REQUESTS`` not counted), median time.
4. Throughput of those pages under load (an asyncio client, httpx, ``BENCH_CONNECTIONS`` at once for
   ``BENCH_SECONDS`` each) against gunicorn with 4 workers on 127.0.0.1, vs a bare view on the same
   server (``benchmarks.settings`` adds it).
5. Admin changelists of every registered model at the largest scale: queries.

The generated data of each scale is kept as a PostgreSQL template database named by a fingerprint
of the code (``GeneratedData``): a later run of the same code copies it instead of generating it.

Environment: ``BENCH_SCALES`` (default "1,10"), ``BENCH_SECONDS`` (10), ``BENCH_CONNECTIONS`` (32),
``BENCH_FRESH`` (1: generate the data anew),
``BENCH_IMPORT_ROWS`` (sizes of the import, "10000,100000"; each in a process of its own, for its
peak memory). Measures; asserts nothing about speed.
"""

import asyncio
import datetime
import json
import logging
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client

from benchmarks.pages import query_count, targets

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench"
SCALES = [float(s) for s in os.environ.get("BENCH_SCALES", "1,10").split(",") if s.strip()]
SECONDS = float(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "32"))
IMPORT_ROWS = [int(n) for n in os.environ.get("BENCH_IMPORT_ROWS", "10000,100000").split(",") if n.strip()]
WORKERS = 4  # gunicorn's
GOALS = {"import": 0.10, "pdf": 0.10, "queries": 10, "rps": 0.25, "admin": 5}


class Phases(dict):
    """Seconds each part of the run took (``results["phases"]``): where the run's time goes."""

    def __call__(self, name: str):
        import contextlib

        @contextlib.contextmanager
        def timed():
            start = time.monotonic()
            try:
                yield
            finally:
                self[name] = round(self.get(name, 0) + time.monotonic() - start, 1)

        return timed()


PHASES = Phases()


def _client(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def _median_ms(client: Client, path: str, runs: int = 5) -> float:
    client.get(path)  # warm-up: template compilation and catalogues are one-off costs
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(path)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1000


def _pdf_share(client: Client, path: str, runs: int = 3) -> dict:
    """Time of the whole request vs WeasyPrint's part of it: parsing the HTML (``HTML(string=…)``),
    layout and writing the PDF, i.e. what "WeasyPrint alone on the same HTML" would take."""
    from config import pdf

    original = pdf.HTML
    spent = [0.0]

    class TimedHTML(original):
        def __init__(self, *args, **kwargs):
            start = time.perf_counter()
            try:
                super().__init__(*args, **kwargs)
            finally:
                spent[-1] += time.perf_counter() - start

        def write_pdf(self, *args, **kwargs):
            start = time.perf_counter()
            try:
                return super().write_pdf(*args, **kwargs)
            finally:
                spent[-1] += time.perf_counter() - start

    pdf.HTML = TimedHTML
    try:
        client.get(path)
        totals, weasy_times = [], []
        for _ in range(runs):
            spent[-1] = 0.0
            start = time.perf_counter()
            response = client.get(path)
            totals.append(time.perf_counter() - start)
            weasy_times.append(spent[-1])
            assert response.status_code == 200 and response["Content-Type"] == "application/pdf", path
    finally:
        pdf.HTML = original
    total, weasy = statistics.median(totals), statistics.median(weasy_times)
    return {
        "seconds": round(total, 3),
        "weasyprint_seconds": round(weasy, 3),
        "own_share": round(1 - weasy / total, 4),
    }


def _admin_changelists(client: Client) -> dict:
    from django.contrib import admin

    counts = {}
    for model in admin.site._registry:
        path = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        client.get(path)
        counts[f"{model._meta.app_label}.{model._meta.model_name}"] = query_count(client, path)
    return counts


# --- load ---------------------------------------------------------------------------------------


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _gunicorn(port: int) -> subprocess.Popen:
    from django.conf import settings

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "DEBUG": "false",
        "SECRET_KEY": settings.SECRET_KEY,  # the sessions made here must be valid there
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": "var/bench/static",
        "DATABASE_URL": _database_url(),
        "LOG_LEVEL": "WARNING",
    }
    for command in (["collectstatic", "--noinput", "-v0"], ["createcachetable", "-v0"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--preload"]
        + ["-w", str(WORKERS), "-b", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    import httpx

    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz/", timeout=5).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.3)
    process.terminate()
    raise RuntimeError("gunicorn did not start")


async def _load(url: str, cookies: dict, seconds: float, connections: int = CONNECTIONS) -> float:
    """Requests per second of successful answers, ``connections`` clients asking one after another."""

    import httpx

    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(cookies=cookies, limits=limits, timeout=60) as client:
        done, failed = 0, 0
        stop = time.monotonic() + seconds

        async def user():
            nonlocal done, failed
            while time.monotonic() < stop:
                response = await client.get(url)
                if response.status_code == 200:
                    done += 1
                else:
                    failed += 1

        start = time.monotonic()
        await asyncio.gather(*(user() for _ in range(connections)))
        elapsed = time.monotonic() - start
    assert failed == 0, f"{url}: {failed} answers other than 200"
    return done / elapsed


def _throughput(pages: list[tuple[str, str, str]]) -> tuple[float, dict]:
    from django.conf import settings

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = _gunicorn(port)
    base = f"http://127.0.0.1:{port}"
    try:
        # Warm-ups with one client per worker: 32 of them would leave a queue of slow answers behind.
        asyncio.run(_load(f"{base}/bench/bare/", {}, 2, connections=WORKERS))  # the workers' first requests
        bare = asyncio.run(_load(f"{base}/bench/bare/", {}, SECONDS))
        rates = {}
        for name, persona, path in pages:
            cookies = {
                settings.SESSION_COOKIE_NAME: _client(persona).cookies[settings.SESSION_COOKIE_NAME].value
            }
            asyncio.run(_load(f"{base}{path}", cookies, 1, connections=WORKERS))  # templates, catalogues
            rates[name] = asyncio.run(_load(f"{base}{path}", cookies, SECONDS))
    finally:
        server.terminate()
        server.wait(20)
    return bare, rates


# --- generated data, kept between runs -----------------------------------------------------------


# Modules that read or show data but never decide what is stored: changing them keeps the data.
READ_ONLY_MODULES = {
    "views.py", "urls.py", "admin.py", "admin_site.py", "selectors.py", "forms.py", "permissions.py",
    "settings.py", "test_settings.py", "wsgi.py", "middleware.py", "routers.py", "pdf.py", "charts.py",
    "reports.py", "extensions.py", "feeds.py",
}  # fmt: skip


def _fingerprint() -> str:
    """What the database holds after the demo, the import and the generator depends on: every
    Python and data file of the portal but its tests, its templates, this file and the modules that
    only read and show (``READ_ONLY_MODULES``, template tags). Unchanged code, unchanged data: the
    generated databases of an earlier run are reused."""
    import hashlib

    digest = hashlib.sha256(f"{IMPORT_ROWS}|{SCALES}".encode())
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True)
    for name in sorted(listed.stdout.decode().splitlines()):
        path = ROOT / name
        if (
            path.suffix in {".py", ".json", ".csv"}
            and not name.startswith(("tests/", "docs/"))
            and "/templatetags/" not in name
            and path.name not in READ_ONLY_MODULES | {Path(__file__).name}
            and path.is_file()
        ):
            digest.update(name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


class GeneratedData:
    """Each scale's database kept as a PostgreSQL template (``CREATE DATABASE … TEMPLATE``, a file
    copy) named by the fingerprint: a later run with the same code copies it in seconds instead of
    generating it again (scale 10 took four to five minutes of an 11-minute run). ``BENCH_FRESH=1``
    generates anew. The run works on copies; the test database itself stays as pytest-django made it."""

    def __init__(self) -> None:
        self.original = connection.settings_dict["NAME"]
        self.prefix = f"{self.original}_bench_"[:40]
        self.fingerprint = _fingerprint()
        self.copies: list[str] = []

    def template(self, label: str) -> str:
        return f"{self.prefix}{label.replace('.', '_')}_{self.fingerprint}"

    def _run(self, *statements: str) -> None:
        connection.close()  # a database is copied only while nobody is connected to it
        with connection._nodb_cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)

    def _templates(self) -> set[str]:
        with connection._nodb_cursor() as cursor:
            cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [self.prefix + "%"])
            return {name for (name,) in cursor.fetchall()}

    def restore(self, label: str) -> bool:
        """Switch to a copy of the scale's kept database, if there is one for this code."""
        template = self.template(label)
        if os.environ.get("BENCH_FRESH") or template not in self._templates():
            return False
        copy = f"{self.prefix}run_{label.replace('.', '_')}"
        self._run(f'DROP DATABASE IF EXISTS "{copy}"', f'CREATE DATABASE "{copy}" TEMPLATE "{template}"')
        connection.settings_dict["NAME"] = copy
        self.copies.append(copy)
        return True

    def keep(self, label: str) -> None:
        """Keep the database as it is now for later runs (and drop those of other code)."""
        template = self.template(label)
        stale = [name for name in self._templates() if name.startswith(self.prefix) and "_run_" not in name]
        stale = [name for name in stale if not name.endswith(self.fingerprint) or name == template]
        current = connection.settings_dict["NAME"]
        self._run(
            *(f'DROP DATABASE IF EXISTS "{name}"' for name in stale),
            f'CREATE DATABASE "{template}" TEMPLATE "{current}"',
        )

    def close(self) -> None:
        connection.settings_dict["NAME"] = self.original
        self._run(*(f'DROP DATABASE IF EXISTS "{copy}"' for copy in self.copies))


# --- the run ------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_national_bench():
    if connection.vendor != "postgresql":
        pytest.fail("the benchmark counts on PostgreSQL: DATABASE_URL=postgres://…", pytrace=False)
    started = time.monotonic()
    # One table, not a line for each of the bench's own logins and health checks.
    for name in ("axes", "httpx"):
        logging.getLogger(name).setLevel(logging.WARNING)
    quiet = open(os.devnull, "w")  # noqa: SIM115
    with PHASES("demo"):
        call_command("load_demo", demo=True, stdout=quiet)
    pages = targets()
    results: dict = {
        "machine": f"{platform.node()} {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "settings": {
            "scales": SCALES,
            "seconds": SECONDS,
            "connections": CONNECTIONS,
            "import_rows": IMPORT_ROWS,
        },
        "pages": {name: {"path": path, "persona": persona} for name, persona, path in pages},
    }

    from benchmarks.bench_imports import national_backfill_apart

    with PHASES("import"):
        results["imports"] = [national_backfill_apart(size) for size in IMPORT_ROWS]
    # The headline figures are the largest size's (the ratio is lowest there); each size's peak
    # memory growth beside the others shows whether memory stays flat in the file's size.
    results["import"] = results["imports"][-1]
    results.update(
        {
            key: results["import"][key]
            for key in ("import_rows_per_s", "copy_rows_per_s", "import_ratio_to_copy")
        }
    )
    for size, run in zip(IMPORT_ROWS, results["imports"], strict=True):
        results[f"import_peak_mb_{size // 1000}k"] = run["peak_memory_growth_mb"]

    data = GeneratedData()
    results["generated"] = {}
    try:
        for scale in SCALES:
            label = f"{scale:g}"
            step = time.monotonic()
            with PHASES(f"national data, scale {label}"):
                reused = data.restore(label)
                if not reused:
                    call_command("generate_national_data", scale=scale, force=True, verbosity=0)
                    data.keep(label)
            results["generated"][label] = {"reused": reused, "seconds": round(time.monotonic() - step)}
            pages = targets()  # looked up again: a copied database numbers its rows as its own run did
            for name, _persona, path in pages:
                results["pages"][name]["path"] = path
            _measure_scale(results, pages, label, first=scale == SCALES[0])
        admin = get_user_model().objects.create_superuser("bench-admin", "", None)
        _give_second_factor(admin)  # the portal sends an administrator without one to set it up
        client = Client()
        client.force_login(admin)
        with PHASES("admin changelists"):
            results["admin_changelists"] = _admin_changelists(client)
    finally:
        data.close()
    results["seconds"] = round(time.monotonic() - started)
    results["phases"] = dict(PHASES)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    _print(results)


def _measure_scale(results: dict, pages: list, label: str, *, first: bool) -> None:
    with PHASES(f"pages, scale {label}"):
        for name, persona, path in pages:
            client = _client(persona)
            client.get(path)
            results["pages"][name][f"queries_scale_{label}"] = query_count(client, path)
            results["pages"][name][f"median_ms_scale_{label}"] = round(_median_ms(client, path), 1)
    if not first:
        return
    with PHASES("PDFs"):
        coordinator, member = _client("koordinaattori"), _client("jasen")
        paths = {name: path for name, _persona, path in pages}
        project = paths["project page"].rstrip("/").split("/")[-1]
        meeting = paths["meeting page"].rstrip("/").split("/")[-1]
        results["pdf"] = {
            "meeting": _pdf_share(member, f"/governance/meetings/{meeting}/pdf/"),
            "plan": _pdf_share(coordinator, f"/projects/{project}/plan.pdf"),
        }
        results["pdf_own_share"] = max(part["own_share"] for part in results["pdf"].values())
    with PHASES("throughput"):
        bare, rates = _throughput(pages)
    results["bare_rps"] = round(bare, 1)
    for name, rate in rates.items():
        results["pages"][name]["rps"] = round(rate, 1)
        results["pages"][name]["rps_ratio_to_bare"] = round(rate / bare, 3)


def _give_second_factor(user) -> None:
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(user, "JBSWY3DPEHPK3PXP")


def _print(results: dict) -> None:
    scales = [f"{s:g}" for s in results["settings"]["scales"]]
    rows = [("figure", "measured", "limit (same run)", "ratio", "goal")]
    for run in results["imports"]:
        rows.append(
            (
                f"import {run['rows']:,} rows",
                f"{run['import_rows_per_s']:,.0f} rows/s; peak memory +{run['peak_memory_growth_mb']:.0f} MB",
                f"COPY {run['copy_rows_per_s']:,.0f} rows/s",
                f"{run['import_ratio_to_copy']:.2%}",
                f">= {GOALS['import']:.0%}; memory flat",
            )
        )
    for name, part in results.get("pdf", {}).items():
        rows.append(
            (
                f"{name} PDF",
                f"{part['seconds']:.2f} s",
                f"WeasyPrint {part['weasyprint_seconds']:.2f} s",
                f"own {part['own_share']:.1%}",
                f"<= {GOALS['pdf']:.0%}",
            )
        )
    rows.append(("bare view", f"{results.get('bare_rps', 0):.0f} req/s", "-", "100%", "-"))
    for name, page in results["pages"].items():
        queries = " / ".join(str(page.get(f"queries_scale_{s}", "-")) for s in scales)
        rows.append(
            (
                name,
                f"{page.get('rps', 0):.0f} req/s; queries {queries}",
                "bare view; 10 queries",
                f"{page.get('rps_ratio_to_bare', 0):.0%}",
                f">= {GOALS['rps']:.0%}; <= {GOALS['queries']}, equal",
            )
        )
    admin = results["admin_changelists"]
    over = {name: n for name, n in admin.items() if n > GOALS["admin"]}
    rows.append(
        (
            f"admin changelists ({len(admin)})",
            f"max {max(admin.values())} queries; {len(over)} over {GOALS['admin']}",
            "tuned admin",
            "-",
            f"<= {GOALS['admin']}",
        )
    )
    widths = [max(len(str(row[i])) for row in rows) for i in range(5)]
    print(f"\nNational benchmark, scales {', '.join(scales)} ({results['machine']}, {results['date']})")
    for row in rows:
        print("  " + "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)))
    if over:
        print("  admin changelists over the goal: " + ", ".join(f"{k} {v}" for k, v in sorted(over.items())))
    generated = ", ".join(
        f"scale {label} {'copied from an earlier run' if step['reused'] else 'made'} ({step['seconds']} s)"
        for label, step in results.get("generated", {}).items()
    )
    print(f"  national data: {generated}")
    phases = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in results.get("phases", {}).items())
    print(f"  where the time went: {phases}")
    print(f"  results: {OUT / 'results.json'}; {results['seconds']} s")
