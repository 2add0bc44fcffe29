# ruff: noqa: S603, E501 -- fixed local commands, no shell; a table row per line
"""``make loadtest``: locust against gunicorn on 127.0.0.1, 60 s with 50 users, then again while the
database connections are cut three times. Prints requests, 5xx and p50/p95/p99 of each run.

Needs PostgreSQL (DATABASE_URL=postgres://…); the database is migrated and the demo loaded into it.
"""

import csv
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import psycopg

BASE = Path(__file__).resolve().parent.parent
PY = str(BASE / ".venv" / "bin" / "python")
PORT = os.environ.get("LOAD_PORT", "8765")
HOST = f"http://127.0.0.1:{PORT}"
OUT = BASE / "var" / "loadtest"
USERS, SECONDS = int(os.environ.get("LOAD_USERS", "50")), int(os.environ.get("LOAD_SECONDS", "60"))


def env() -> dict:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("make loadtest needs PostgreSQL: DATABASE_URL=postgres://user@host:5432/name")
    return {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "loadtest-only-secret-key-0123456789-abcdefghijkl"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": "var/loadtest-static",
    }


def manage(*args) -> None:
    subprocess.run([PY, "manage.py", *args], cwd=BASE, env=env(), check=True, stdout=subprocess.DEVNULL)


def ids() -> dict:
    code = (
        "from projects.models import Project; from governance.models import Meeting;"
        "print(Project.objects.order_by('pk').first().pk, Meeting.objects.order_by('pk').first().pk)"
    )
    out = subprocess.run(
        [PY, "manage.py", "shell", "-c", code],
        cwd=BASE,
        env=env(),
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return {"LOAD_PROJECT": out[-2], "LOAD_MEETING": out[-1]}


def sign_in() -> str:
    """Log each persona in once through the login form; "name=sessionid,…" for the locust users."""
    import re

    import requests

    password = os.environ.get("DEMO_PASSWORD", "jalkihuolto-demo")
    pairs = []
    for username in ("koordinaattori", "jasen", "esihenkilo-varha", "esihenkilo-pp"):
        session = requests.Session()
        page = session.get(f"{HOST}/accounts/login/", timeout=120)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        for cookie in session.cookies:
            cookie.secure = False  # DEBUG is off, so cookies are Secure; this is plain HTTP on 127.0.0.1
        session.post(
            f"{HOST}/accounts/login/",
            {"login": username, "password": password, "csrfmiddlewaretoken": token},
            timeout=120,
            allow_redirects=False,
        )
        sid = next((c.value for c in session.cookies if c.name == "sessionid"), "")
        if not sid:
            sys.exit(f"Could not log in as {username}.")
        pairs.append(f"{username}={sid}")
    return ",".join(pairs)


def cut_connections(times: int, every: float) -> threading.Thread:
    dbname = psycopg.conninfo.conninfo_to_dict(
        os.environ["DATABASE_URL"].replace("postgres://", "postgresql://")
    )
    name = dbname.pop("dbname")

    def run():
        for _ in range(times):
            time.sleep(every)
            with psycopg.connect(**{**dbname, "dbname": "postgres"}, autocommit=True) as conn:
                killed = conn.execute(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    " WHERE datname = %s AND pid <> pg_backend_pid()",
                    [name],
                ).fetchone()[0]
            print(f"  cut {killed} database connection(s) at {time.strftime('%H:%M:%S')}", flush=True)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def locust(label: str, extra_env: dict) -> dict:
    prefix = OUT / label
    subprocess.run(
        [
            str(BASE / ".venv" / "bin" / "locust"),
            "-f",
            str(BASE / "loadtest" / "locustfile.py"),
            "--headless",
            "-u",
            str(USERS),
            "-r",
            "10",
            "-t",
            f"{SECONDS}s",
            "--host",
            HOST,
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
            "--stop-timeout",
            "5",
        ],
        cwd=BASE,
        env={**env(), **extra_env},
        check=False,
        stdout=subprocess.DEVNULL,
    )
    with open(f"{prefix}_stats.csv", newline="") as f:
        total = next(r for r in csv.DictReader(f) if r["Name"] == "Aggregated")
    server_errors = 0
    with open(f"{prefix}_failures.csv", newline="") as f:
        for row in csv.DictReader(f):
            if " 5" in row["Error"] or "50" in row["Error"][:40]:
                server_errors += int(row["Occurrences"])
    return {
        "run": label,
        "requests": int(total["Request Count"]),
        "failures": int(total["Failure Count"]),
        "5xx": server_errors,
        "p50": total["50%"],
        "p95": total["95%"],
        "p99": total["99%"],
        "rps": f"{float(total['Requests/s']):.1f}",
    }


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    if not os.environ.get("LOAD_PREPARED"):
        print("Preparing the database and static files…", flush=True)
        manage("migrate", "--noinput")
        manage("createcachetable")
        manage("load_demo", "--demo")
        manage("collectstatic", "--noinput")
    extra = ids()
    workers = os.environ.get("LOAD_WORKERS", "4")
    server = subprocess.Popen(
        [
            str(BASE / ".venv" / "bin" / "gunicorn"),
            "config.wsgi",
            "-b",
            f"127.0.0.1:{PORT}",
            "-w",
            workers,
            "--timeout",
            "120",
            "--preload",
            "--log-level",
            "warning",
        ],
        cwd=BASE,
        env=env(),
    )
    try:
        for _ in range(60):
            try:
                urllib.request.urlopen(f"{HOST}/accessibility/", timeout=2)  # noqa: S310 -- our own server
                break
            except OSError:
                time.sleep(0.5)
        extra["LOAD_SESSIONS"] = sign_in()
        print(f"Run 1: {USERS} users for {SECONDS} s…", flush=True)
        results = [locust("steady", extra)]
        print(f"Run 2: {USERS} users for {SECONDS} s, database connections cut 3 times…", flush=True)
        cut_connections(3, SECONDS / 4)
        results.append(locust("cuts", extra))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    print("\n| run | requests | failures | 5xx | p50 ms | p95 ms | p99 ms | req/s |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        print(
            f"| {r['run']} | {r['requests']} | {r['failures']} | {r['5xx']} | {r['p50']} | {r['p95']} | {r['p99']} | {r['rps']} |"
        )


if __name__ == "__main__":
    main()
