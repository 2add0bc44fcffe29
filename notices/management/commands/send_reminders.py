"""Find what is due and notify: run daily (cron or a systemd timer; see README). Running it twice
notifies nobody twice: every reminder has a key per object and day or step."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notices import reminders
from notices.models import Kind, Notice
from notices.selectors import administrators
from notices.services import notify


def failures_since(since) -> tuple[int, int]:
    """E-mails that could not be sent and background tasks that failed since ``since``."""
    from django_tasks_db.models import DBTaskResult

    failed_notices = Notice.objects.filter(email=Notice.Email.FAILED, created_at__gte=since).count()
    failed_tasks = DBTaskResult.objects.failed().filter(finished_at__gte=since).count()
    return failed_notices, failed_tasks


def notify_failures(today) -> int:
    since = timezone.now() - timedelta(days=1)
    failed_notices, failed_tasks = failures_since(since)
    if not (failed_notices or failed_tasks):
        return 0
    return len(
        notify(
            kind=Kind.FAILURES,
            recipients=administrators(),
            title=_("Failures in the portal: %(emails)s e-mails not sent, %(tasks)s background tasks failed"),
            params={"emails": failed_notices, "tasks": failed_tasks},
            url="/admin/",
            key=f"failures:{today.isoformat()}",
        )
    )


def queue_digests() -> int:
    from notices.tasks import send_digest

    user_ids = sorted(
        set(Notice.objects.filter(email=Notice.Email.DIGEST).values_list("recipient_id", flat=True))
    )
    for user_id in user_ids:
        send_digest.enqueue(user_id)
    return len(user_ids)


class Command(BaseCommand):
    help = (
        "Notify what is due (reporting periods, claims), report failures to administrators, and send digests."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-digests", action="store_true", help="Do not queue the daily digests this time."
        )

    def handle(self, *args, **options):
        today = timezone.localdate()
        for name, remind in reminders.registered().items():
            with transaction.atomic():
                made = remind(today)
            self.stdout.write(f"{name}: {made} notices")
        with transaction.atomic():
            self.stdout.write(f"failures: {notify_failures(today)} notices")
        if not options["no_digests"]:
            with transaction.atomic():
                self.stdout.write(f"digests: {queue_digests()} queued")
