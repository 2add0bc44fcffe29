"""config.compiled: a query of a fixed shape compiled once gives what its queryset gives, for every
argument, and refuses a build whose arguments do not come out as parameters of the SQL."""

import pytest
from django.db import connection
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext

from config.compiled import CompiledQuery
from governance.models import Affiliation, Organisation
from tests.governance.factories import AffiliationFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _affiliations(user_id):
    return (
        Affiliation.objects.filter(user_id=user_id)
        .order_by("organisation_id")
        .values_list("organisation_id", "is_coordinator", Q(organisation__short_name="A"))
    )


def test_each_call_reads_its_own_arguments_rows_as_the_queryset_would():
    first, second, nobody = UserFactory(), UserFactory(), UserFactory()
    a, b = OrganisationFactory(short_name="A"), OrganisationFactory(short_name="B")
    AffiliationFactory(user=first, organisation=a, is_coordinator=True)
    AffiliationFactory(user=first, organisation=b, is_coordinator=False)
    AffiliationFactory(user=second, organisation=b, is_coordinator=True)
    query = CompiledQuery(_affiliations)

    for user in (first, second, nobody, first):
        assert query(user.pk) == list(_affiliations(user.pk))
    assert query(first.pk) == [(a.pk, True, True), (b.pk, False, False)]
    assert query(nobody.pk) == []


def test_a_change_in_the_data_shows_at_the_next_call():
    user = UserFactory()
    query = CompiledQuery(_affiliations)
    assert query(user.pk) == []
    affiliation = AffiliationFactory(user=user, is_coordinator=False)
    assert query(user.pk) == [(affiliation.organisation_id, False, False)]


def test_several_arguments_and_constants_of_the_query_keep_their_places():
    user = UserFactory()
    for name in ("A", "B", "C"):
        AffiliationFactory(user=user, organisation=OrganisationFactory(short_name=name))
    query = CompiledQuery(
        lambda user_id, organisation_id: (
            Affiliation.objects.filter(user_id=user_id, organisation__short_name__in=["A", "B"])
            .exclude(organisation_id=organisation_id)
            .values_list("organisation__short_name", flat=True)
        ),
        arguments=2,
    )
    a = Organisation.objects.get(short_name="A")
    assert query(user.pk, a.pk) == [("B",)]
    assert sorted(query(user.pk, 0)) == [("A",), ("B",)]


def test_aggregates_compile_once_too():
    user = UserFactory()
    AffiliationFactory.create_batch(3, user=user)
    query = CompiledQuery(
        lambda user_id: (
            Affiliation.objects.filter(user_id=user_id)
            .order_by()
            .values("user_id")
            .annotate(n=Count("pk"))
            .values_list("n")
        )
    )
    assert query(user.pk) == [(3,)]


def test_it_is_one_query_of_the_connection_and_counted_as_such():
    user = UserFactory()
    query = CompiledQuery(_affiliations)
    query(user.pk)  # compiled here
    with CaptureQueriesContext(connection) as queries:
        query(user.pk)
    assert len(queries) == 1


def test_an_argument_that_does_not_come_out_as_a_parameter_is_refused():
    # The ORM turns the stand-in into something else (here: a list it never sees): the SQL could not
    # take the real argument, so the query must not be compiled at all.
    query = CompiledQuery(lambda user_id: Affiliation.objects.filter(user_id=1).values_list("pk"))
    with pytest.raises(ValueError, match="parameter"):
        query(1)


def test_the_number_of_arguments_is_checked():
    with pytest.raises(TypeError):
        CompiledQuery(_affiliations)(1, 2)


def test_model_instances_come_with_their_related_objects_annotations_and_prefetches():
    user = UserFactory()
    first, second = AffiliationFactory(user=user), AffiliationFactory(user=user)
    query = CompiledQuery(
        lambda pk: (
            Organisation.objects.filter(pk=pk)
            .annotate(members=Count("affiliations"))
            .prefetch_related("affiliations__user")
        )
    )
    for affiliation in (first, second):
        (organisation,) = query.objects(affiliation.organisation_id)
        assert organisation == affiliation.organisation and organisation.members == 1
        with CaptureQueriesContext(connection) as queries:
            assert [a.user for a in organisation.affiliations.all()] == [user]
        assert len(queries) == 0  # prefetched
    assert query.objects(0) == []
    joined = CompiledQuery(lambda pk: Affiliation.objects.select_related("organisation").filter(pk=pk))
    (found,) = joined.objects(first.pk)
    with CaptureQueriesContext(connection) as queries:
        assert found.organisation.short_name == first.organisation.short_name
    assert len(queries) == 0


@pytest.mark.django_db(transaction=True)
def test_a_query_compiled_in_one_thread_runs_in_another_on_that_threads_connection():
    """Threaded servers (runserver, gthread workers) each have their own database connection: the
    compiled query never runs on the connection of the thread that compiled it."""
    import threading

    from django.db import connections

    user = UserFactory()
    affiliation = AffiliationFactory(user=user)
    rows = CompiledQuery(_affiliations)
    one = CompiledQuery(lambda pk: Affiliation.objects.select_related("organisation").filter(pk=pk))
    assert rows(user.pk) and one.objects(affiliation.pk)  # compiled here
    found, errors = {}, []

    def other_thread():
        try:
            found["rows"] = rows(user.pk)
            found["objects"] = one.objects(affiliation.pk)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=other_thread)
    thread.start()
    thread.join()
    assert errors == []
    assert found["rows"] == [(affiliation.organisation_id, False, False)]
    assert found["objects"] == [affiliation]


@pytest.mark.parametrize("pk", [2**31, 2**63 - 1, 2**63, 10**20, -(2**63) - 1])
@pytest.mark.parametrize(
    "path",
    [
        "/projects/{pk}/",
        "/funding/projects/{pk}/budget/",
        "/governance/groups/{pk}/",
        "/governance/meetings/{pk}/",
    ],
)
def test_a_page_asked_for_a_key_no_row_can_have_is_not_found(client, coordinator, path, pk):
    """A mistyped address with a huge number: 404, as the ORM answers it, not the driver's overflow."""
    client.force_login(coordinator)
    assert client.get(path.format(pk=pk)).status_code == 404
