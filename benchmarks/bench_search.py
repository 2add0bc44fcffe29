"""`make bench`: search at national scale — 500 projects and 5 000 meetings of 50 steering groups,
three agenda sections each — on PostgreSQL (the issue's aim: under 100 ms median).

Prints the median and the slowest of 20 searches per query, for an administrator (who may open
everything, so the most rows match) and for a board member (whose rows pass the permission
subqueries), through the selector and through the page. Measures; asserts nothing.
"""

import datetime
import statistics
import time

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from governance.models import AgendaSection, Meeting, Membership, Organisation, Person, SteeringGroup, Term
from projects.models import Call, Implementer, PriorityAxis, Programme, Project
from search.indexing import reindex_all
from search.selectors import search
from tests.governance.factories import UserFactory

PROJECTS, GROUPS, MEETINGS_PER_GROUP, SECTIONS = 500, 50, 100, 3
QUERIES = ["kokous", "päätös", "talousarvio 2021", "jälkihuolto hanke", "terveyskylä"]
RUNS = 20


def _national(member_user):
    organisation = Organisation.objects.create(name="Bench-keskus", kind="competence_centre")
    programme = Programme.objects.create(name="Bench-ohjelma", start_year=2021, end_year=2027)
    axis = PriorityAxis.objects.create(programme=programme, number=9, name="Bench")
    call = Call.objects.create(priority_axis=axis, code="BENCH", name="Bench", aid_rate=80)
    start = datetime.date(2021, 1, 1)
    projects = Project.objects.bulk_create(
        Project(
            name=f"Jälkihuollon kehittämishanke {n}",
            acronym=f"JH{n}",
            call=call,
            start_date=start,
            end_date=start + datetime.timedelta(days=900),
            goals="Hankkeen tavoitteena on kehittää jälkihuollon palveluja yhdessä nuorten kanssa.",
        )
        for n in range(PROJECTS)
    )
    Implementer.objects.bulk_create(
        Implementer(
            project=p, organisation=organisation, is_main=True, start_date=p.start_date, end_date=p.end_date
        )
        for p in projects
    )
    groups = SteeringGroup.objects.bulk_create(
        SteeringGroup(kind="board", owner=organisation, name=f"Johtoryhmä {n}") for n in range(GROUPS)
    )
    terms = Term.objects.bulk_create(Term(group=g, start_year=2000, end_year=2030) for g in groups)
    person = Person.objects.create(first_name="Bench", last_name="Jäsen", user=member_user)
    Membership.objects.create(term=terms[0], person=person)
    when = timezone.make_aware(datetime.datetime(2020, 1, 1, 9))
    meetings = Meeting.objects.bulk_create(
        Meeting(
            group=g,
            term=t,
            year=2000 + n % 30,
            number=n + 1,
            title=f"Johtoryhmän kokous {n}",
            starts_at=when.replace(year=2000 + n % 30),
            status="approved" if n % 2 else "agenda_published",
        )
        for g, t in zip(groups, terms, strict=True)
        for n in range(MEETINGS_PER_GROUP)
    )
    AgendaSection.objects.bulk_create(
        AgendaSection(
            meeting=m,
            number=k + 1,
            title=("Talousarvio 2021", "Hankkeen tilanne", "Sosiaalikylä Terveyskylän rinnalle")[k],
            presentation="Esiteltiin kokouksessa valmisteltu asia ja sen taustat.",
            proposal="Johtoryhmä hyväksyy esityksen.",
            decision="Päätettiin hyväksyä esitys." if m.status == "approved" else "",
        )
        for m in meetings
        for k in range(SECTIONS)
    )


def _timed(fn) -> list[float]:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return times


@pytest.mark.django_db(transaction=True)
def test_search_at_national_scale():
    if connection.vendor != "postgresql":
        pytest.skip("full-text search is measured on PostgreSQL")
    administrator = UserFactory(username="bench-admin", is_staff=True, is_superuser=True)
    member = UserFactory(username="bench-member")
    _national(member)
    started = time.perf_counter()
    documents = reindex_all()
    print(f"\nsearch index: {documents} documents rebuilt in {time.perf_counter() - started:.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_document")
    client = Client()
    client.force_login(member)
    for who, user in (("administrator", administrator), ("member", member)):
        for query in QUERIES:
            times = _timed(lambda: search(user, query))  # noqa: B023 - called at once
            print(
                f"search {who:13} {query!r:22} median {statistics.median(times):6.1f} ms  "
                f"max {max(times):6.1f} ms"
            )
    page = _timed(lambda: client.get("/search/", {"q": "kokous"}))
    print(f"search page   member        'kokous'              median {statistics.median(page):6.1f} ms")
