"""Writes of notices: ``notify`` makes a notice per recipient (once per event) and queues its e-mail.

The domain apps call ``notify`` with a translatable title (``gettext_lazy``) and parameters; each
recipient's notice is written in that recipient's language, so a Swedish-speaking member gets a
Swedish notice and e-mail whoever published the agenda::

    notify(
        kind=Kind.AGENDA_PUBLISHED,
        recipients=users,
        title=_("Agenda published: %(meeting)s"),
        params={"meeting": meeting},
        url=meeting.get_absolute_url(),
        key=f"agenda_published:meeting:{meeting.pk}",
    )
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from notices.models import CalendarToken, Delivery, Job, Kind, Notice, NoticePreference, Profile
from notices.selectors import delivery_for, language_of

# What each kind does when the person has not chosen: everything is e-mailed at once except the
# administrators' failure report, which is a digest by nature.
DEFAULT_DELIVERY = {Kind.FAILURES: Delivery.DAILY}


def _render(text, params: Mapping[str, Any]) -> str:
    """``text`` with ``params`` in the active language; a callable parameter is called then (e.g. a
    date formatted the recipient's way)."""
    if not text:
        return ""
    values = {name: str(value() if callable(value) else value) for name, value in params.items()}
    return str(text) % values if values else str(text)


def notify(
    *,
    kind: str,
    recipients: Iterable,
    title,
    url: str,
    key: str,
    params: Mapping[str, Any] | None = None,
    detail=None,
) -> list[Notice]:
    """One notice for each recipient about one event, named by ``key`` (e.g.
    ``"agenda_published:meeting:7"``). The same key and recipient make one notice however often
    this is called, so a task or a command that runs twice notifies nobody twice. Returns the
    notices made by this call (not the ones that existed already)."""
    from notices.tasks import send_notice_email

    params = params or {}
    made = []
    for user in {u.pk: u for u in recipients if u is not None and u.is_active}.values():
        idempotency_key = f"{key}:user:{user.pk}"
        if Notice.objects.filter(idempotency_key=idempotency_key).exists():
            continue
        language = language_of(user)
        delivery = delivery_for(user, kind)
        if not user.email or delivery == Delivery.NEVER:
            email = Notice.Email.NONE
        elif delivery == Delivery.DAILY:
            email = Notice.Email.DIGEST
        else:
            email = Notice.Email.PENDING
        with translation.override(language):
            notice = Notice(
                recipient=user,
                kind=kind,
                title=_render(title, params)[:300],
                detail=_render(detail, params),
                url=url,
                language=language,
                email=email,
                idempotency_key=idempotency_key,
            )
        try:
            with transaction.atomic():
                notice.save()
        except IntegrityError:  # made meanwhile by a concurrent run of the same event
            continue
        if email == Notice.Email.PENDING:
            # In the same transaction as the notice (database queue): both are saved or neither.
            send_notice_email.enqueue(notice.pk)
        made.append(notice)
    return made


def mark_read(*, user, notice_ids: Iterable[int] | None = None) -> int:
    """Mark the user's notices read (all of them, or those given); returns how many changed."""
    notices = Notice.objects.filter(recipient=user).unread()
    if notice_ids is not None:
        notices = notices.filter(pk__in=list(notice_ids))
    return notices.update(read_at=timezone.now())


@transaction.atomic
def preferences_save(*, user, deliveries: Mapping[str, str], language: str | None = None) -> None:
    """Save a person's choice per kind, and the language of their notices."""
    for kind, delivery in deliveries.items():
        if kind not in Kind.values or delivery not in Delivery.values:
            raise ValueError(f"Unknown kind or delivery: {kind}={delivery}")
        NoticePreference.objects.update_or_create(user=user, kind=kind, defaults={"delivery": delivery})
    if language is not None:
        if language not in dict(settings.LANGUAGES):
            raise ValueError(f"Unknown language: {language}")
        Profile.objects.update_or_create(user=user, defaults={"language": language})


def calendar_token_for(user) -> CalendarToken:
    token, _ = CalendarToken.objects.get_or_create(user=user)
    return token


@transaction.atomic
def calendar_token_renew(*, user) -> CalendarToken:
    """A new secret: the old feed address stops working at once."""
    from notices.models import new_calendar_token

    token, _ = CalendarToken.objects.select_for_update().get_or_create(user=user)
    token.token = new_calendar_token()
    token.save()
    return token


def job_start(*, user, title: str, renderer: str, params: dict) -> Job:
    """Queue heavy work: ``renderer`` (a dotted path) is called by a worker as
    ``renderer(params, user)`` and returns ``(content, filename, content_type)``."""
    from notices.tasks import run_job

    job = Job.objects.create(
        user=user, title=str(title)[:300], renderer=renderer, params=params, language=language_of(user)
    )
    run_job.enqueue(job.pk)
    return job
