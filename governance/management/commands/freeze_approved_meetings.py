from django.core.management.base import BaseCommand

from governance.services import meetings_freeze_missing


class Command(BaseCommand):
    help = (
        "Freeze the embedded sections of published agendas and approved minutes that have no snapshot "
        "(meetings made before snapshots existed). Idempotent: an existing snapshot is never replaced."
    )

    def handle(self, *args, **options):
        count = meetings_freeze_missing()
        self.stdout.write(self.style.SUCCESS(f"{count} embedded section(s) frozen."))
