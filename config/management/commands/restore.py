"""``manage.py restore FILE``: replace the whole database with a backup made by ``backup``
(``make restore FILE=…``). Everything written since the backup is lost: it asks first unless
``--yes`` is given."""

import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from config.management.commands.backup import pg_env


class Command(BaseCommand):
    help = "Restore the database from a backup file made by `manage.py backup`."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, file, yes=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such backup: {path}")
        name = connection.settings_dict["NAME"]
        if not yes and input(f"Replace every table of {name} with {path}? [y/N] ").strip().lower() != "y":
            raise CommandError("Nothing restored.")
        vendor = connection.vendor
        connection.close()
        if vendor == "postgresql":
            result = subprocess.run(  # noqa: S603 -- fixed arguments, no shell
                [
                    shutil.which("pg_restore") or "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--no-privileges",
                    "--single-transaction",
                    "--exit-on-error",
                    "--dbname",
                    name,
                    str(path),
                ],
                env=pg_env(),
                capture_output=True,
                text=True,
            )
            if result.returncode:
                raise CommandError(f"pg_restore failed: {result.stderr.strip()}")
        elif vendor == "sqlite":
            with sqlite3.connect(path) as check:
                if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                    raise CommandError(f"{path} is not a sound SQLite database.")
            shutil.copyfile(path, name)
        else:
            raise CommandError(f"No restore for the {vendor} database.")
        self.stdout.write(self.style.SUCCESS(f"Restored {name} from {path}."))
