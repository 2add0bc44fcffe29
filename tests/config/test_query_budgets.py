"""Query budgets of the main pages, as `make bench` counts them (the transaction's BEGIN/COMMIT and
savepoints not counted): the same number at two sizes of national data, and at most ten a page.

The meeting page is counted on its second view: the sections of approved minutes are rendered once
and cached (a query of the database cache in production, none in the tests' local-memory cache).
"""

import pytest
from django.core.management import call_command
from django.test import Client

from benchmarks.pages import query_count
from governance.models import Meeting, Membership, Organisation, Person, SteeringGroup, WellbeingArea
from projects.models import Project
from tests.governance.factories import AffiliationFactory, AreaManagerFactory, UserFactory

BUDGET = 10
PAGES = [
    "project list",
    "project page",
    "cost estimate",
    "aftercare overview",
    "area page",
    "meeting list",
    "group page",
    "meeting page",
    "search",
]


def _pages(coordinator, manager, member) -> list[tuple[str, object, str]]:
    organisation = coordinator.affiliations.get().organisation
    project = Project.objects.filter(implementers__organisation=organisation).order_by("pk").first()
    group = SteeringGroup.objects.filter(terms__memberships__person__user=member).first()
    meeting = Meeting.objects.filter(group=group, status="approved").order_by("starts_at").first()
    area = WellbeingArea.objects.get(managers__user=manager)
    return [
        ("project list", coordinator, "/projects/"),
        ("project page", coordinator, f"/projects/{project.pk}/"),
        ("cost estimate", coordinator, f"/funding/projects/{project.pk}/budget/"),
        ("aftercare overview", manager, "/aftercare/overview/"),
        ("area page", manager, f"/aftercare/areas/{area.slug}/"),
        ("meeting list", coordinator, "/governance/"),
        ("group page", coordinator, f"/governance/groups/{group.pk}/"),
        ("meeting page", member, f"/governance/meetings/{meeting.pk}/"),
        ("search", coordinator, "/search/?q=hanke"),
    ]


def _counts(pages) -> dict[str, int]:
    counts = {}
    for name, user, path in pages:
        client = Client()
        client.force_login(user)
        client.get(path)  # the session's first request
        counts[name] = query_count(client, path)
    return counts


@pytest.mark.django_db
def test_main_pages_stay_within_their_query_budgets_as_the_data_grows():
    call_command("generate_national_data", scale=0.02, verbosity=0)
    # The personas: a coordinator of the organisation that implements and owns the most, a manager
    # of an area, a member of one of that organisation's groups.
    organisation = Organisation.objects.filter(name__startswith="SYN").order_by("name").first()
    coordinator = UserFactory(username="budget-coordinator")
    AffiliationFactory(user=coordinator, organisation=organisation, is_coordinator=True)
    manager = UserFactory(username="budget-manager")
    AreaManagerFactory(user=manager, wellbeing_area=WellbeingArea.objects.order_by("pk").first())
    member = UserFactory(username="budget-member")
    group = SteeringGroup.objects.filter(owner=organisation).order_by("pk").first()
    person = Person.objects.filter(memberships__term__group=group, memberships__role="member").first()
    person.user = member
    person.save()
    assert Membership.objects.filter(person__user=member).exists()
    pages = _pages(coordinator, manager, member)
    small = _counts(pages)

    call_command("generate_national_data", scale=0.1, verbosity=0)  # five times the projects and groups
    assert sorted(small) == sorted(PAGES)
    assert _counts(pages) == small
    over = {name: count for name, count in small.items() if count > BUDGET}
    assert not over, over
