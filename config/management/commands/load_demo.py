import importlib

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

# Each app contributes its demo data; order follows the import direction of the apps.
STEPS = [
    "governance.demo:load_registry",
    "governance.demo:load_users",
    "projects.demo:load",
    "funding.demo:load",
    "aftercare.demo:load",
    "governance.demo:load_governance",
    "funding.demo:load_centre_finances",
    "governance.demo:approve_meetings",
]


class Command(BaseCommand):
    help = "Load the demo data read from the source documents. Idempotent: running it twice changes nothing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo",
            action="store_true",
            help="Create the demo users even though DEBUG is off (never on a production server).",
        )

    @transaction.atomic
    def handle(self, *args, demo: bool = False, **options):
        with_users = settings.DEBUG or demo
        for step in STEPS:
            module_name, function_name = step.split(":")
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as error:
                if error.name != module_name:
                    raise
                continue
            function = getattr(module, function_name, None)
            if function is None:
                continue
            if function_name == "load_users":
                if not with_users:
                    self.stdout.write("Demo users skipped: DEBUG is off (use --demo to create them).")
                    locked = _lock_demo_users(getattr(module, "DEMO_USERS", {}))
                    if locked:
                        self.stdout.write(
                            f"Demo password removed from {locked} demo user(s) outside demo mode."
                        )
                    continue
                function(password=settings.DEMO_PASSWORD)
            else:
                function()
            self.stdout.write(f"  {step}")
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))


def _lock_demo_users(usernames) -> int:
    """Outside demo mode nobody keeps the published demo password: such users can no longer log in
    with it (an administrator sets them a real password if they are needed)."""
    from django.contrib.auth import get_user_model

    locked = 0
    for user in get_user_model().objects.filter(username__in=list(usernames)):
        if user.has_usable_password() and user.check_password(settings.DEMO_PASSWORD):
            user.set_unusable_password()
            user.save(update_fields=["password"])
            locked += 1
    return locked
