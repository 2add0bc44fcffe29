"""Frozen records: published agendas and approved minutes show their embedded figures as they were
frozen, with the date ("Tilanne 12.6.2020"), on the page and in the PDF; drafts show them live."""

import re
import subprocess
from decimal import Decimal

import pytest
from django import forms
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db import DatabaseError, IntegrityError, models, transaction
from django.db.models import F
from django.urls import reverse

from config.sections import ReportSection, registry
from governance import services
from governance.demo import board_meeting
from governance.models import SectionEmbed
from tests.governance.factories import AgendaSectionFactory, MeetingFactory, SectionEmbedFactory

pytestmark = pytest.mark.django_db

SKIPPED = {"id", "version", "order", "year", "start_year", "end_year", "number"}


def _change_every_figure(app_label: str) -> None:
    """Add to every number stored in ``app_label``'s tables (where its constraints allow it)."""
    for model in apps.get_app_config(app_label).get_models():
        if model.__name__.startswith("Historical"):
            continue
        for field in model._meta.concrete_fields:
            if field.name in SKIPPED or field.is_relation or field.primary_key:
                continue
            if isinstance(field, models.DecimalField):
                change = F(field.name) + Decimal("1234.56")
            elif isinstance(field, models.IntegerField):
                change = F(field.name) + 7
            else:
                continue
            try:
                with transaction.atomic():
                    model._base_manager.exclude(**{field.name: None}).update(**{field.name: change})
            except (IntegrityError, DatabaseError):
                pass


def _page_text(client, meeting) -> str:
    page = client.get(meeting.get_absolute_url()).content.decode()
    main = re.search(r"<main.*?</main>", page, re.S).group(0)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", main)


def _pdf_text(client, meeting, tmp_path, exporter: str) -> str:
    pdf = tmp_path / "minutes.pdf"
    pdf.write_bytes(client.get(reverse("governance:meeting_pdf", args=[meeting.pk])).content)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True, text=True)
    # The running footer says who exported the PDF and when: the only line allowed to differ.
    return "\n".join(line for line in text.stdout.splitlines() if exporter not in line)


def test_approved_demo_minutes_do_not_change_when_their_figures_do(client, demo, tmp_path):
    meeting = board_meeting()
    assert meeting.is_locked
    reader = get_user_model().objects.get(username="jasen")
    client.force_login(reader)
    exporter = reader.get_full_name() or reader.get_username()
    page_before = _page_text(client, meeting)
    pdf_before = _pdf_text(client, meeting, tmp_path, exporter)
    assert "Tilanne 12.6.2020" in page_before and "Tilanne 12.6.2020" in pdf_before

    _change_every_figure("funding")
    embeds = list(SectionEmbed.objects.filter(section__meeting=meeting))
    assert embeds
    for embed in embeds:  # the figures did change: a live rendering now differs
        assert registry.render(embed.section_key, embed.params, viewer=AnonymousUser()) != embed.frozen_web

    assert _page_text(client, meeting) == page_before
    assert _pdf_text(client, meeting, tmp_path, exporter) == pdf_before


# --- with the test-only section, whose figure comes from a stored value ------------------------


LIVE = {"value": Decimal("437928.50")}
LIVE_KEY = "tests.live_figures"
if LIVE_KEY not in registry:
    registry.register(
        ReportSection(
            key=LIVE_KEY,
            title="Live test figures",
            template_name="governance/tests/figures.html",
            params_form=forms.Form,
            get_context=lambda params, viewer: {"label": "Luku", "value": LIVE["value"]},
        )
    )


@pytest.fixture
def figures():
    """The live source of the test section's figure, which a test changes."""
    LIVE["value"] = Decimal("437928.50")
    return LIVE


def _embed(meeting, number):
    return SectionEmbedFactory(
        section=AgendaSectionFactory(meeting=meeting, number=number), section_key=LIVE_KEY, params={}
    )


def _text(client, meeting) -> str:
    return client.get(meeting.get_absolute_url()).content.decode().replace("\xa0", " ")


def test_draft_renders_live_and_publishing_freezes(client, coordinator, member, term, figures):
    meeting = MeetingFactory(term=term, number=11)
    _embed(meeting, 110)
    client.force_login(coordinator)
    assert "437 928,50" in _text(client, meeting)
    figures["value"] = Decimal("1.00")
    assert "437 928,50" not in _text(client, meeting)  # a draft is live

    services.publish_agenda(meeting=meeting)
    figures["value"] = Decimal("2.00")
    client.force_login(member)
    page = _text(client, meeting)
    assert "1,00 €" in page and "2,00 €" not in page
    assert "Tilanne " in page


def test_coordinator_refreshes_a_published_agenda_but_never_approved_minutes(coordinator, term, figures):
    meeting = MeetingFactory(term=term, number=12)
    embed = _embed(meeting, 120)
    services.publish_agenda(meeting=meeting)
    figures["value"] = Decimal("3.00")
    services.agenda_refresh(meeting=meeting)
    embed.refresh_from_db()
    assert "3,00" in embed.frozen_web.replace("\xa0", " ")
    assert embed.history.count() >= 3  # created, frozen on publishing, refreshed

    services.meeting_transition(meeting=meeting, action="draft_minutes")
    services.approve_minutes(meeting=meeting)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.agenda_refresh(meeting=meeting)
