"""Terms and memberships kept in the portal by the group's preparers: no detour through the admin."""

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.models import Membership, Person, Term
from tests.governance.factories import AttendanceFactory, MeetingFactory, MembershipFactory


@pytest.mark.django_db
def test_coordinator_creates_a_term_with_a_new_person_and_a_meeting_for_today(client, coordinator, board):
    client.force_login(coordinator)
    this_year = timezone.localdate().year
    response = client.post(
        reverse("governance:term_create", args=[board.pk]),
        {"start_year": this_year, "end_year": this_year + 1},
    )
    assert response.status_code == 302
    term = board.terms.get(start_year=this_year)
    response = client.post(
        reverse("governance:membership_create", args=[term.pk]),
        {"new_first_name": "Aino", "new_last_name": "Puheenjohtaja", "role": "chair"},
    )
    assert response.status_code == 302, response.context["form"].errors
    chair = Membership.objects.get(term=term)
    assert (chair.role, str(chair.person)) == ("chair", "Aino Puheenjohtaja")
    assert chair.history.first().history_user == coordinator  # who, in the history

    page = client.get(reverse("governance:meeting_create", args=[board.pk]))
    assert page.context["form"].initial["term"] == term  # the term covering today, not the latest old one
    today = timezone.localdate()
    response = client.post(
        reverse("governance:meeting_create", args=[board.pk]),
        {
            "term": term.pk,
            "number": 1,
            "kind": "minutes",
            "starts_at": f"{today:%Y-%m-%d}T13:00",
            "place": "Seinäjoki",
        },
    )
    assert response.status_code == 302
    assert board.meetings.get(term=term).starts_at.date() == today


@pytest.mark.django_db
def test_a_second_chair_is_refused_with_a_message_and_nothing_is_written(client, coordinator, term):
    MembershipFactory(term=term, chair=True)
    client.force_login(coordinator)
    people = Person.objects.count()
    response = client.post(
        reverse("governance:membership_create", args=[term.pk]),
        {"new_first_name": "Toinen", "new_last_name": "Puheenjohtaja", "role": "chair"},
    )
    assert response.status_code == 200
    assert "on jo puheenjohtaja" in str(response.context["form"].errors)
    assert Person.objects.count() == people


@pytest.mark.django_db
def test_a_person_is_chosen_or_named_not_both_nor_neither(client, coordinator, term):
    client.force_login(coordinator)
    url = reverse("governance:membership_create", args=[term.pk])
    neither = client.post(url, {"role": "member"})
    assert "person" in neither.context["form"].errors
    person = MembershipFactory().person
    both = client.post(
        url, {"person": person.pk, "new_first_name": "A", "new_last_name": "B", "role": "member"}
    )
    assert both.context["form"].non_field_errors()
    assert not term.memberships.exists()


@pytest.mark.django_db
def test_a_term_ending_before_it_starts_or_leaving_a_meeting_outside_is_refused(client, coordinator, term):
    client.force_login(coordinator)
    response = client.post(
        reverse("governance:term_create", args=[term.group.pk]), {"start_year": 2024, "end_year": 2023}
    )
    assert response.status_code == 200 and response.context["form"].errors
    MeetingFactory(term=term)  # in 2020
    response = client.post(
        reverse("governance:term_edit", args=[term.pk]),
        {"start_year": 2021, "end_year": 2021, "version": term.version},
    )
    assert response.status_code == 200
    assert "2020" in str(response.context["form"].errors)
    term.refresh_from_db()
    assert term.start_year == 2020


@pytest.mark.django_db
def test_a_stale_term_form_is_refused(client, coordinator, term):
    client.force_login(coordinator)
    response = client.post(
        reverse("governance:term_edit", args=[term.pk]),
        {"start_year": 2020, "end_year": 2022, "version": term.version - 1},
    )
    assert response.status_code == 200 and response.context["form"].non_field_errors()


@pytest.mark.django_db
def test_a_membership_named_in_attendance_is_not_removed(client, coordinator, term):
    membership = MembershipFactory(term=term)
    AttendanceFactory(meeting=MeetingFactory(term=term), person=membership.person, membership=membership)
    client.force_login(coordinator)
    response = client.post(reverse("governance:membership_delete", args=[membership.pk]), follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert Membership.objects.filter(pk=membership.pk).exists()
    free = MembershipFactory(term=term)
    client.post(reverse("governance:membership_delete", args=[free.pk]))
    assert not Membership.objects.filter(pk=free.pk).exists()


@pytest.mark.django_db
def test_the_secretary_keeps_the_members_a_member_reads_an_outsider_gets_404(
    client, secretary, member, outsider, term
):
    url = reverse("governance:membership_create", args=[term.pk])
    client.force_login(secretary)
    assert client.get(url).status_code == 200
    client.force_login(member)
    assert client.get(url).status_code == 403
    assert client.get(reverse("governance:group", args=[term.group.pk])).status_code == 200
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    assert client.get(reverse("governance:term_create", args=[term.group.pk])).status_code == 404
    assert client.get(reverse("governance:term_edit", args=[term.pk])).status_code == 404


@pytest.mark.django_db
def test_wrong_method_is_405(client, coordinator, term):
    client.force_login(coordinator)
    membership = MembershipFactory(term=term)
    assert client.get(reverse("governance:membership_delete", args=[membership.pk])).status_code == 405


@pytest.mark.django_db
def test_a_group_without_a_term_sends_the_meeting_creator_to_add_one(client, coordinator, board):
    Term.objects.filter(group=board).delete()
    client.force_login(coordinator)
    response = client.get(reverse("governance:meeting_create", args=[board.pk]))
    assert response.status_code == 302
    assert response.url == reverse("governance:term_create", args=[board.pk])


@pytest.mark.django_db
def test_a_new_meeting_starts_from_an_earlier_meetings_sections_without_decisions(client, coordinator, term):
    from tests.governance.factories import AgendaSectionFactory

    earlier = MeetingFactory(term=term, number=1)
    AgendaSectionFactory(
        meeting=earlier, number=1, title="Kokouksen avaus", proposal="", decision="Avattiin."
    )
    AgendaSectionFactory(meeting=earlier, number=2, title="Seuraava kokous", proposal="Sovitaan.")
    client.force_login(coordinator)
    response = client.post(
        reverse("governance:meeting_create", args=[term.group.pk]),
        {
            "term": term.pk,
            "number": 2,
            "kind": "minutes",
            "starts_at": "2021-03-01T13:00",
            "place": "Vaasa",
            "template": earlier.pk,
        },
    )
    assert response.status_code == 302
    meeting = term.meetings.get(number=2, year=2021)
    copied = list(meeting.sections.order_by("number").values_list("number", "title", "proposal", "decision"))
    assert copied == [(1, "Kokouksen avaus", "", ""), (2, "Seuraava kokous", "Sovitaan.", "")]
