"""Approved minutes made before snapshots existed get theirs from ``freeze_approved_meetings``:
once, recorded in history, never replacing a snapshot; load_demo leaves the demo minutes frozen."""

from io import StringIO

import pytest
from django.core.management import call_command

from governance.demo import board_meeting
from governance.models import Meeting, SectionEmbed
from tests.governance.factories import AgendaSectionFactory, SectionEmbedFactory

pytestmark = pytest.mark.django_db


def _old_approved_embed(meeting_status=Meeting.Status.APPROVED) -> SectionEmbed:
    """An embed of minutes approved the old way: the status set, no snapshot taken."""
    embed = SectionEmbedFactory(section=AgendaSectionFactory())
    Meeting._base_manager.filter(pk=embed.section.meeting_id).update(status=meeting_status)
    return embed


def _run() -> str:
    out = StringIO()
    call_command("freeze_approved_meetings", stdout=out)
    return out.getvalue()


def test_missing_snapshots_are_frozen_once_and_recorded():
    embed = _old_approved_embed()
    draft = SectionEmbedFactory()
    assert "1 embedded" in _run()
    embed.refresh_from_db()
    assert embed.frozen_at is not None and "1 234,50" in embed.frozen_web.replace("\xa0", " ")
    assert embed.history.first().history_change_reason == "freeze_approved_meetings"
    frozen_at, frozen_web = embed.frozen_at, embed.frozen_web
    assert "0 embedded" in _run()
    embed.refresh_from_db()
    assert (embed.frozen_at, embed.frozen_web) == (frozen_at, frozen_web)
    draft.refresh_from_db()
    assert draft.frozen_at is None  # drafts render live


def test_load_demo_leaves_the_demo_minutes_frozen(demo):
    meeting = board_meeting()
    assert meeting.status == Meeting.Status.APPROVED
    embeds = SectionEmbed.objects.filter(section__meeting__status__in=Meeting.FROZEN_STATUSES)
    assert embeds.exists() and not embeds.filter(frozen_at__isnull=True).exists()
    # An old demo database: approved minutes without snapshots; loading the demo again freezes them.
    SectionEmbed._base_manager.filter(pk__in=embeds.values("pk")).update(frozen_at=None, frozen_web="")
    call_command("load_demo", demo=True, stdout=StringIO())
    assert not embeds.filter(frozen_at__isnull=True).exists()
    assert all(e.frozen_at == meeting.starts_at for e in embeds.filter(section__meeting=meeting))
