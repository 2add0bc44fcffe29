from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from config.imports import pipeline
from governance.resources import municipality_importer


class Command(BaseCommand):
    help = (
        "Import municipalities from Statistics Finland's classification (CSV with semicolons, commas or "
        "tabs in UTF-8 or Windows-1252, XLSX or ODS; title rows are skipped). All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Check the file and save nothing.")

    def handle(self, *args, path: Path, dry_run: bool, **options):
        importer = municipality_importer()
        staged = pipeline.check_file(importer, path.name, path.read_bytes())
        if staged.problems:
            raise CommandError("Nothing was imported.\n" + "\n".join(str(p) for p in staged.problems))
        with transaction.atomic():
            plan = importer.plan(staged.table.rows)
            if not dry_run:
                importer.write(plan)
        counts = plan.counts()
        self.stdout.write(
            f"{'Checked' if dry_run else 'Imported'}: {counts['new']} new, {counts['changed']} updated, "
            f"{counts['unchanged']} unchanged."
        )
