"""Approved minutes never move: nothing of them is deleted or edited anywhere (model, queryset,
admin, views; superusers too), and a refused change is a clear message, never a 500."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from governance import services
from governance.models import AgendaSection, Attachment, Meeting, MinutesLocked, SectionEmbed
from tests.governance.factories import AgendaSectionFactory, MeetingFactory, SectionEmbedFactory

pytestmark = pytest.mark.django_db

LOCKED_TEXT = "Kokouksen pöytäkirja on hyväksytty ja lukittu."


@pytest.fixture
def approved(term):
    """Approved minutes with one section, an embed and an attachment, approved through the service."""
    meeting = MeetingFactory(term=term, number=5, minutes_drafted=True)
    section = AgendaSectionFactory(meeting=meeting, number=50)
    SectionEmbedFactory(section=section)
    Attachment.objects.create(section=section, title="Talousarvio 2020")
    services.approve_minutes(meeting=meeting)
    return meeting


def _admin(client, administrator):
    client.force_login(administrator)
    return client


# --- model and queryset ----------------------------------------------------------------------


def test_every_part_of_approved_minutes_refuses_change_and_delete(approved):
    section = approved.sections.get()
    embed = section.embeds.get()
    attachment = section.attachments.get()
    for obj in (approved, section, embed, attachment):
        with pytest.raises(MinutesLocked):
            obj.delete()
    for obj in (section, embed, attachment):
        with pytest.raises(MinutesLocked):
            obj.save()
    approved.title = "Muutettu"
    with pytest.raises(MinutesLocked):
        approved.save()


@pytest.mark.parametrize(
    "queryset",
    [
        lambda m: Meeting.objects.filter(pk=m.pk),
        lambda m: AgendaSection.objects.filter(meeting=m),
        lambda m: SectionEmbed.objects.filter(section__meeting=m),
        lambda m: Attachment.objects.filter(section__meeting=m),
    ],
)
def test_bulk_delete_and_update_refuse_approved_minutes(approved, queryset):
    with pytest.raises(MinutesLocked):
        queryset(approved).delete()
    with pytest.raises(MinutesLocked):
        queryset(approved).update(updated_at=approved.updated_at)
    assert queryset(approved).exists()


def test_bulk_delete_of_a_draft_still_works(term):
    draft = MeetingFactory(term=term, number=6)
    AgendaSectionFactory(meeting=draft, number=60)
    AgendaSection.objects.filter(meeting=draft).delete()
    Meeting.objects.filter(pk=draft.pk).delete()
    assert not Meeting.objects.filter(pk=draft.pk).exists()


def test_year_is_derived_from_the_date(term):
    meeting = MeetingFactory(term=term, number=7)
    assert meeting.year == 2020


# --- the admin, as a superuser ---------------------------------------------------------------


def test_admin_change_form_of_approved_meeting_is_read_only(client, administrator, approved):
    url = reverse("admin:governance_meeting_change", args=[approved.pk])
    page = _admin(client, administrator).get(url).content.decode()
    assert 'name="_save"' not in page
    response = client.post(url, {"title": "Muutettu", "number": approved.number})
    assert response.status_code == 403
    approved.refresh_from_db()
    assert approved.title != "Muutettu"


def test_admin_section_of_approved_minutes_is_read_only(client, administrator, approved):
    section = approved.sections.get()
    url = reverse("admin:governance_agendasection_change", args=[section.pk])
    page = _admin(client, administrator).get(url).content.decode()
    assert 'name="_save"' not in page
    assert client.post(url, {"title": "Muutettu"}).status_code == 403


@pytest.mark.parametrize("model", ["meeting", "agendasection"])
def test_admin_delete_view_refuses_approved_minutes(client, administrator, approved, model):
    obj = approved if model == "meeting" else approved.sections.get()
    url = reverse(f"admin:governance_{model}_delete", args=[obj.pk])
    assert _admin(client, administrator).post(url, {"post": "yes"}).status_code == 403
    assert type(obj).objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("model", ["meeting", "agendasection"])
def test_admin_delete_selected_refuses_approved_minutes(client, administrator, approved, term, model):
    draft = MeetingFactory(term=term, number=8)
    draft_section = AgendaSectionFactory(meeting=draft, number=80)
    if model == "meeting":
        selected = [approved.pk, draft.pk]
    else:
        selected = [approved.sections.get().pk, draft_section.pk]
    response = _admin(client, administrator).post(
        reverse(f"admin:governance_{model}_changelist"),
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: selected, "post": "yes"},
        follow=True,
    )
    assert LOCKED_TEXT in response.content.decode()
    # All or nothing: the draft in the same selection is not deleted either.
    assert Meeting.objects.filter(pk__in=[approved.pk, draft.pk]).count() == 2
    assert AgendaSection.objects.filter(pk=draft_section.pk).exists()
    assert approved.sections.exists()


def test_admin_delete_selected_deletes_drafts(client, administrator, term):
    draft = MeetingFactory(term=term, number=8)
    _admin(client, administrator).post(
        reverse("admin:governance_meeting_changelist"),
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: [draft.pk], "post": "yes"},
    )
    assert not Meeting.objects.filter(pk=draft.pk).exists()


# --- the portal's own views, as a superuser ----------------------------------------------------


@pytest.mark.parametrize(
    "name, method, data",
    [
        ("meeting_edit", "get", None),
        ("section_create", "get", None),
        ("attendance", "post", {}),
        ("embed_create", "post", {"section_key": "tests.figures", "params-label": "x", "params-value": "1"}),
        ("embed_delete", "post", {}),
        ("section_edit", "post", {"title": "Muutettu"}),
    ],
)
def test_superuser_changing_approved_minutes_gets_a_message(
    client, administrator, approved, name, method, data
):
    section = approved.sections.get()
    pk = {"embed_create": section.pk, "section_edit": section.pk, "embed_delete": section.embeds.get().pk}
    url = reverse(f"governance:{name}", args=[pk.get(name, approved.pk)])
    client.force_login(administrator)
    response = getattr(client, method)(url, data, follow=True)
    assert response.redirect_chain[-1] == (approved.get_absolute_url(), 302)
    assert LOCKED_TEXT in response.content.decode()
    assert section.embeds.count() == 1


def test_superuser_sees_no_edit_buttons_on_approved_minutes(client, administrator, approved):
    client.force_login(administrator)
    page = client.get(approved.get_absolute_url()).content.decode()
    assert reverse("governance:section_create", args=[approved.pk]) not in page
    assert reverse("governance:embed_create", args=[approved.sections.get().pk]) not in page
    assert reverse("governance:correction_create", args=[approved.pk]) in page


def test_correction_still_changes_approved_minutes_with_a_record(approved, coordinator):
    section = approved.sections.get()
    correction = services.minutes_correct(
        section=section,
        field="decision",
        corrected_text="Korjattu.",
        reason="Kirjoitusvirhe",
        user=coordinator,
    )
    section.refresh_from_db()
    assert section.decision == "Korjattu." and correction.previous_text == "Hyväksyttiin."
    # Without its record the same change is refused.
    section.decision = "Toinen"
    with pytest.raises(MinutesLocked):
        section.save()


# --- the meeting's history --------------------------------------------------------------------


def test_meeting_history_lists_parts_with_who_and_when(client, coordinator, member, term):
    meeting = MeetingFactory(term=term, number=14, minutes_drafted=True)
    section = AgendaSectionFactory(meeting=meeting, number=140, title="Historiallinen pykälä")
    embed = SectionEmbedFactory(section=section)
    Attachment.objects.create(section=section, title="Poistettava liite").delete()
    client.force_login(coordinator)
    client.post(
        reverse("governance:section_edit", args=[section.pk]),
        {"number": 140, "title": "Uusi otsikko", "version": section.version},
    )
    services.embed_remove(embed=embed)
    page = client.get(reverse("governance:meeting_history", args=[meeting.pk])).content.decode()
    assert "Historiallinen pykälä" in page or "Uusi otsikko" in page
    assert "Poistettava liite" in page and "poistettu" in page
    assert "otsikko" in page  # the changed field is named
    assert coordinator.get_full_name() in page
    client.force_login(member)
    assert client.get(reverse("governance:meeting_history", args=[meeting.pk])).status_code == 404
