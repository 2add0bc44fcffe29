"""Search finds what the person may open and nothing else (issue 15)."""

import pytest
from django.db import connection

from search.indexing import reindex_all
from search.models import Document
from tests.projects.factories import ImplementerFactory, ProjectFactory
from tests.search import world

# Which of world.WORDS each persona finds. The administrator reads every meeting but not a
# confidential attachment in passing (governance.view_attachment); a member reads a decision only
# once the minutes are approved, and the projects of the organisation whose board they sit on; the
# outsider sees only their own organisation's draft project.
SEES = {
    "coordinator": {"alfaprojekti", "gammakokous", "deltapäätös", "epsilonliite", "zetaliite", "etapäätös"},
    "member": {"alfaprojekti", "epsilonliite", "zetaliite", "etapäätös"},  # reads the overseen project
    "outsider": {"betaluonnos"},
    "area_manager": set(),
    "plain_user": set(),
    "administrator": {"alfaprojekti", "betaluonnos", "gammakokous", "deltapäätös", "zetaliite", "etapäätös"},
}


@pytest.fixture
def built(coordinator, outsider):
    return world.build(coordinator, outsider)


def _found(client, user, query: str, **params) -> str:
    """The results part of the page (the form repeats the query, so it is left out)."""
    client.force_login(user)
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200
    body = response.content.decode()
    return body[body.index("</form>", body.index('class="filters search-filters"')) :]


@pytest.mark.parametrize("persona", sorted(SEES))
def test_each_persona_finds_only_what_they_may_open(request, client, built, persona):
    user = built["member"] if persona == "member" else request.getfixturevalue(persona)
    found = {word for word in world.WORDS if word in _found(client, user, word).lower()}
    assert found == SEES[persona]


def test_anonymous_visitor_is_sent_to_log_in(client, built):
    response = client.get("/search/", {"q": "alfaprojekti"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_decision_type_filter_reveals_no_unapproved_decision(client, built):
    """The published agenda's decision type (amended) is the preparers' until approval."""
    member = built["member"]
    assert "Talous" not in _found(client, member, "talous", decision_type="amended")
    assert "Terveyskylä" in _found(client, member, "terveyskylä", decision_type="approved")


def test_an_inflected_word_finds_the_decision(client, coordinator, built):
    """ "kokous" finds "Kokouksessa", "päätös" finds "Päätettiin" (a shared prefix on SQLite, Finnish
    stems and prefixes on PostgreSQL)."""
    body = _found(client, coordinator, "päätös kokous")
    assert "Terveyskylä" in body
    assert "<mark>Päätettiin</mark>" in body
    assert "<mark>Kokouksessa</mark>" in body


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Finnish stemming is PostgreSQL's")
def test_postgresql_stems_finnish(client, coordinator, built):
    """ "hankkeen" finds the measure "Hanke kokoaa …" by the Finnish stem "hank" alone (its prefix
    "hankke" does not match "hanke")."""
    assert "Yhteiskehittäminen" in _found(client, coordinator, "hankkeen")


def test_results_are_grouped_by_kind(client, coordinator, built):
    body = _found(client, coordinator, "kokous")
    assert body.index('id="kind-meeting"') < body.index('id="kind-section"')
    assert "Kevään <mark>kokous</mark>" in body


def test_filters_by_year_and_group(client, coordinator, built):
    assert "Syksyn <mark>kokous</mark>" in _found(client, coordinator, "kokous", year=2021)
    assert "Kevään <mark>kokous</mark>" not in _found(client, coordinator, "kokous", year=2021)
    assert "Kevään <mark>kokous</mark>" in _found(
        client, coordinator, "kokous", group=built["group"].pk, kind="meeting"
    )


def test_another_groups_id_is_a_message_not_a_leak(client, outsider, built):
    client.force_login(outsider)
    body = client.get("/search/", {"q": "kokous", "group": built["group"].pk}).content.decode()
    assert "Kevään kokous" not in body
    assert 'class="error"' in body


def test_a_bad_year_is_a_message(client, coordinator, built):
    client.force_login(coordinator)
    response = client.get("/search/", {"q": "kokous", "year": "viime vuonna"})
    assert response.status_code == 200
    assert 'class="error"' in response.content.decode()


def test_highlighting_escapes_before_marking(client, coordinator, built):
    project = ProjectFactory(name='<script>alert("x")</script> Kokousprojekti <b>')
    ImplementerFactory(project=project, organisation=built["alfa"].implementers.get().organisation)
    body = _found(client, coordinator, "kokousprojekti")
    assert "<script>alert" not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>Kokousprojekti</mark> &lt;b&gt;" in body


def test_the_header_has_the_search_box(client, coordinator):
    client.force_login(coordinator)
    body = client.get("/").content.decode()
    assert 'role="search"' in body and 'action="/search/"' in body


def test_the_index_follows_changes_and_is_rebuilt(built):
    alfa = built["alfa"]
    alfa.name = "Uusi nimi"
    alfa.save()
    assert Document.objects.get(kind="project", object_id=alfa.pk).title.startswith("Uusi nimi")
    count = Document.objects.count()
    assert reindex_all() == count
    built["beta"].delete()
    assert not Document.objects.filter(kind="project", object_id=built["beta"].pk).exists()


def test_the_number_of_queries_does_not_grow_with_the_results(coordinator, built):
    """Counts and the first hits of every kind come from one scan, whatever the number of matches."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from search.selectors import search
    from tests.governance.factories import AgendaSectionFactory, MeetingFactory

    def count() -> int:
        fresh = type(coordinator).objects.get(pk=coordinator.pk)  # no role sets cached from before
        with CaptureQueriesContext(connection) as queries:
            search(fresh, "kokous")
        return len(queries)

    before = count()
    for _ in range(5):
        meeting = MeetingFactory(term=built["draft"].term, title="Lisäkokous")
        AgendaSectionFactory(meeting=meeting, presentation="Kokouksessa käsiteltiin.")
    assert count() == before
