from pathlib import Path

import tablib
from django.core.management.base import BaseCommand, CommandError

from config.imports import describe_problems, import_all_or_nothing
from governance.resources import MunicipalityResource


class Command(BaseCommand):
    help = (
        "Import municipalities from Statistics Finland's classification CSV "
        "(code; Finnish name; Swedish name; region code; wellbeing area). All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Check the file and save nothing.")

    def handle(self, *args, path: Path, dry_run: bool, **options):
        text = path.read_text(encoding="utf-8-sig")
        delimiter = ";" if text.split("\n", 1)[0].count(";") >= text.split("\n", 1)[0].count(",") else ","
        dataset = tablib.Dataset().load(text, format="csv", delimiter=delimiter)
        result = import_all_or_nothing(MunicipalityResource(), dataset, dry_run=dry_run)
        problems = describe_problems(result)
        if problems:
            raise CommandError("Nothing was imported. Row / column: problem\n" + "\n".join(problems))
        totals = result.totals
        self.stdout.write(
            f"{'Checked' if dry_run else 'Imported'}: {totals['new']} new, {totals['update']} updated, "
            f"{totals['skip']} unchanged."
        )
