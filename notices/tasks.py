"""Background work of notices on Django's Tasks framework (database queue: ``django_tasks_db``).

Sending is idempotent: the notice row is locked while its e-mail is sent and marked sent in the same
transaction, so a task that runs twice (or two workers that pick the same notice) sends once. When
the mail server is away the task schedules itself again with growing delays
(``NOTICES_RETRY_DELAYS``); after the last one the notice is marked failed, which administrators
see in the admin and in their daily failure digest.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.tasks import default_task_backend, task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from notices.models import Notice

logger = logging.getLogger(__name__)


def absolute(path: str) -> str:
    return settings.PORTAL_URL.rstrip("/") + path


def _message(*, to: str, language: str, subject: str, template: str, context: dict) -> EmailMessage:
    with translation.override(language):
        body = render_to_string(
            template,
            {
                **context,
                "settings_url": absolute(reverse("notices:preferences")),
                "portal_url": settings.PORTAL_URL,
            },
        )
    return EmailMessage(subject=subject, body=body, to=[to])


def _retry_or_fail(notices, error: Exception, retry) -> None:
    delays = settings.NOTICES_RETRY_DELAYS
    attempts = max(n.attempts for n in notices) + 1
    for notice in notices:
        notice.attempts = attempts
        notice.last_error = f"{type(error).__name__}: {error}"[:2000]
    can_retry = attempts <= len(delays) and default_task_backend.supports_defer
    for notice in notices:
        if not can_retry:
            notice.email = Notice.Email.FAILED
        notice.save(update_fields=["attempts", "last_error", "email"])
    if can_retry:
        retry(timezone.now() + timedelta(seconds=delays[attempts - 1]))
    logger.warning("Sending notices %s failed (attempt %s): %s", [n.pk for n in notices], attempts, error)


@task()
def send_notice_email(notice_id: int) -> str:
    with transaction.atomic():
        notice = Notice.objects.select_for_update().select_related("recipient").filter(pk=notice_id).first()
        if notice is None or notice.email != Notice.Email.PENDING:
            return "skipped"
        message = _message(
            to=notice.recipient.email,
            language=notice.language,
            subject=notice.title,
            template="notices/email/notice.txt",
            context={"notice": notice, "url": absolute(notice.url)},
        )
        try:
            message.send()
        except Exception as error:  # noqa: BLE001 - any failure of the mail server is retried
            _retry_or_fail(
                [notice], error, lambda when: send_notice_email.using(run_after=when).enqueue(notice_id)
            )
            return "retry"
        notice.email = Notice.Email.SENT
        notice.sent_at = timezone.now()
        notice.attempts += 1
        notice.last_error = ""
        notice.save(update_fields=["email", "sent_at", "attempts", "last_error"])
        return "sent"


@task()
def send_digest(user_id: int) -> str:
    """One e-mail of a person's notices that wait for the daily digest."""
    with transaction.atomic():
        notices = list(
            Notice.objects.select_for_update()
            .select_related("recipient")
            .filter(recipient_id=user_id, email=Notice.Email.DIGEST)
            .order_by("created_at", "pk")
        )
        if not notices:
            return "skipped"
        from notices.selectors import language_of

        user = notices[0].recipient
        language = language_of(user)
        with translation.override(language):
            from django.utils.translation import gettext as _

            subject = _("Notices of the aftercare portal: %(count)s new") % {"count": len(notices)}
        message = _message(
            to=user.email,
            language=language,
            subject=subject,
            template="notices/email/digest.txt",
            context={"notices": [(n, absolute(n.url)) for n in notices]},
        )
        try:
            message.send()
        except Exception as error:  # noqa: BLE001
            _retry_or_fail(notices, error, lambda when: send_digest.using(run_after=when).enqueue(user_id))
            return "retry"
        now = timezone.now()
        for notice in notices:
            notice.email = Notice.Email.SENT
            notice.sent_at = now
            notice.attempts += 1
            notice.last_error = ""
        Notice.objects.bulk_update(notices, ["email", "sent_at", "attempts", "last_error"])
        return "sent"


@task()
def run_job(job_id: int) -> str:
    """Make a job's file. A failure is recorded on the job (the person sees it) and raised again, so
    the task is failed in the queue too and the administrators' failure notice counts it."""
    from django.core.files.base import ContentFile
    from django.utils.module_loading import import_string

    from notices.models import Job

    job = Job.objects.select_related("user").filter(pk=job_id).first()
    if job is None or job.status != Job.Status.QUEUED:
        return "skipped"
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, progress=10)
    try:
        with translation.override(job.language):
            content, filename, content_type = import_string(job.renderer)(job.params, job.user)
        job.file.save(filename, ContentFile(content), save=False)
    except Exception as error:
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.FAILED,
            error=f"{type(error).__name__}: {error}"[:2000],
            finished_at=timezone.now(),
        )
        raise
    job.filename, job.content_type = filename, content_type
    job.status, job.progress, job.finished_at = Job.Status.DONE, 100, timezone.now()
    job.save(update_fields=["file", "filename", "content_type", "status", "progress", "finished_at"])
    return "done"
