"""Project pages cost the same number of queries for 1 and for 20 work packages, lines and sub-projects."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.funding.factories import (
    ActualCostFactory,
    CostLineFactory,
    CostModelFactory,
    FinancingLineFactory,
    RegionalSplitFactory,
)
from tests.governance.factories import AffiliationFactory, UserFactory
from tests.projects.factories import (
    ImplementerFactory,
    IndicatorFactory,
    MeasureFactory,
    ParticipantTargetFactory,
    ProjectFactory,
    StaffResourceFactory,
    WorkPackageFactory,
)

PAGES = ["projects:detail", "projects:plan", "projects:history", "funding:budget", "funding:actuals"]


def build(n: int):
    """A group project with ``n`` sub-projects, each with ``n`` of everything."""
    project = ProjectFactory()
    main = ImplementerFactory(project=project, main=True)
    user = UserFactory(username=f"coord-{n}")
    AffiliationFactory(user=user, organisation=main.organisation, is_coordinator=True)
    for implementer in [main, *(ImplementerFactory(project=project) for _ in range(n))]:
        CostModelFactory(implementer=implementer)
        RegionalSplitFactory(implementer=implementer)
        for i in range(n):
            MeasureFactory(work_package=WorkPackageFactory(implementer=implementer, code=f"TP{i + 1}"))
            CostLineFactory(implementer=implementer, year=2020 + i % 3)
            FinancingLineFactory(implementer=implementer)
            StaffResourceFactory(implementer=implementer)
            ActualCostFactory(
                implementer=implementer, as_of=datetime.date(2021, 1, 1) + datetime.timedelta(days=i)
            )
    for i in range(n):
        IndicatorFactory(project=project)
        ParticipantTargetFactory(project=project, year=2020 + i)
    return project, user


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_query_count_does_not_grow(client, django_assert_num_queries, name):
    small, small_user = build(1)
    big, big_user = build(20)
    client.force_login(small_user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse(name, args=[small.pk])).status_code == 200
    client.force_login(big_user)
    with django_assert_num_queries(len(queries)):
        assert client.get(reverse(name, args=[big.pk])).status_code == 200
