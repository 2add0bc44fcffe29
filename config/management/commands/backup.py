"""``manage.py backup [FILE]``: the whole database to one file (``make backup``).

PostgreSQL: ``pg_dump`` in its custom format (compressed; ``restore`` reads it with ``pg_restore``).
SQLite: a consistent copy through SQLite's own online backup. Uploaded files (MEDIA_ROOT) are not
in the database: back them up with the file storage.
"""

import os
import shutil
import sqlite3
import subprocess
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection


def pg_env() -> dict:
    """libpq environment for the default database (no password on a command line)."""
    db = connection.settings_dict
    env = {**os.environ, "PGDATABASE": db["NAME"]}
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[var] = str(db[key])
    return env


class Command(BaseCommand):
    help = "Back up the database to a file (default var/backups/portal-<time>.dump or .sqlite3)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="Where to write the backup.")

    def handle(self, *args, file=None, **options):
        vendor = connection.vendor
        if vendor not in ("postgresql", "sqlite"):
            raise CommandError(f"No backup for the {vendor} database.")
        suffix = "dump" if vendor == "postgresql" else "sqlite3"
        path = (
            Path(file)
            if file
            else Path(settings.BASE_DIR)
            / "var"
            / "backups"
            / (f"portal-{datetime.now():%Y%m%d-%H%M%S}.{suffix}")
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        if vendor == "postgresql":
            result = subprocess.run(  # noqa: S603 -- fixed arguments, no shell
                [
                    shutil.which("pg_dump") or "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    "--file",
                    str(path),
                ],
                env=pg_env(),
                capture_output=True,
                text=True,
            )
            if result.returncode:
                raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
        else:
            source = sqlite3.connect(connection.settings_dict["NAME"])
            target = sqlite3.connect(path)
            with target:
                source.backup(target)
            source.close()
            target.close()
        self.stdout.write(str(path))
