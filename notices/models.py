"""Notices to one person each, their choices of how to receive them, and their calendar address.

No figure about a young person is ever in a notice: a notice names an object (a meeting, a
reporting period, a project) and links to it; the portal shows the figures to those allowed.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    AGENDA_PUBLISHED = "agenda_published", _("Agenda published")
    MINUTES_CHECKING = "minutes_checking", _("Minutes sent for checking")
    MINUTES_APPROVED = "minutes_approved", _("Minutes approved")
    PERIOD_OPENED = "period_opened", _("Reporting period opened")
    PERIOD_DUE = "period_due", _("Reporting period due soon")
    PERIOD_OVERDUE = "period_overdue", _("Reporting period overdue")
    REPORT_REOPENED = "report_reopened", _("Report reopened")
    CLAIM_DUE = "claim_due", _("Payment claim or progress report due")
    PLAN_CHANGED = "plan_changed", _("Plan changed by someone else")
    FAILURES = "failures", _("Failed imports and tasks (administrators)")


class Delivery(models.TextChoices):
    IMMEDIATELY = "immediately", _("E-mail at once")
    DAILY = "daily", _("In a daily digest")
    NEVER = "never", _("No e-mail (in the portal only)")


class Profile(models.Model):
    """A person's own settings: the language of their notices (and of the portal)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_profile"
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    class Meta:
        verbose_name = _("notice profile")
        verbose_name_plural = _("notice profiles")

    def __str__(self) -> str:
        return f"{self.user} ({self.language})"


class NoticePreference(models.Model):
    """How a person receives one kind of notice; without a row, the kind's default applies."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    delivery = models.CharField(_("delivery"), max_length=16, choices=Delivery.choices)

    class Meta:
        verbose_name = _("notice preference")
        verbose_name_plural = _("notice preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notices_preference_unique_user_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} → {self.delivery}"


class NoticeQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notice(models.Model):
    class Email(models.TextChoices):
        PENDING = "pending", _("waiting to be sent")
        DIGEST = "digest", _("waiting for the daily digest")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        NONE = "none", _("not e-mailed")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notices",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    detail = models.TextField(_("detail"), blank=True)
    url = models.CharField(_("link"), max_length=500, help_text=_("The object the notice is about."))
    language = models.CharField(_("language"), max_length=8)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    email = models.CharField(_("e-mail"), max_length=10, choices=Email.choices, default=Email.NONE)
    sent_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("sending attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    idempotency_key = models.CharField(
        _("idempotency key"),
        max_length=200,
        unique=True,
        help_text=_("The same event notifies the same person once, however often it is reported."),
    )

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        indexes = [models.Index(fields=["recipient", "read_at"], name="notices_recipient_read")]

    def __str__(self) -> str:
        return self.title


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarToken(models.Model):
    """The secret in a person's calendar feed address; renewing it makes the old address stop working."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token"
    )
    token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    created_at = models.DateTimeField(_("created"), auto_now=True)

    class Meta:
        verbose_name = _("calendar address")
        verbose_name_plural = _("calendar addresses")

    def __str__(self) -> str:
        return str(self.user)


class Job(models.Model):
    """Heavy work a person asked for (a long PDF, a big export), done by a task worker: the person
    follows its progress on a page and downloads the result there. Only they see it."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("in progress")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=300)
    renderer = models.CharField(max_length=200, help_text="Dotted path of the function that makes the file.")
    params = models.JSONField(default=dict)
    language = models.CharField(_("language"), max_length=8)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    file = models.FileField(_("file"), upload_to="jobs/%Y/%m/", blank=True)
    filename = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")

    def __str__(self) -> str:
        return self.title

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
