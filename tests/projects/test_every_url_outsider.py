"""Every projects and funding URL answers 404 to an outsider: a coordinator of an organisation that
takes no part in the project. The patterns are enumerated, so a new URL is covered when it is added."""

import pytest
from django.urls import get_resolver, reverse

from tests.funding.factories import CostLineFactory
from tests.projects.factories import WorkPackageFactory

POST_ONLY = {"projects:status", "projects:change_application", "funding:import", "funding:import_confirm"}
NO_OBJECT = {"projects:list", "projects:create"}
# Pages about no project: the programme tree (administrators, tests/projects/test_programmes.py) and
# a centre's own funding years and budgets (tests/funding/test_funding_year_editor.py).
NO_OBJECT |= {"projects:programmes", "projects:programme_part_new", "projects:programme_part_edit"}
NO_OBJECT |= {"funding:funding_year_create", "funding:budget_create"}


def app_patterns():
    resolver = get_resolver()
    for namespace in ("projects", "funding"):
        for pattern in resolver.namespace_dict[namespace][1].url_patterns:
            yield f"{namespace}:{pattern.name}", pattern


def _kwargs(pattern, project, implementer, work_package) -> dict:
    route = str(pattern.pattern)
    kwargs = {}
    if "<int:pk>" in route:
        kwargs["pk"] = implementer.pk if route.startswith("implementers/") else project.pk
    if "<int:wp>" in route:
        kwargs["wp"] = work_package.pk
    if "<slug:kind>" in route:
        kwargs["kind"] = "cost-lines"
    if "<slug:fmt>" in route:
        kwargs["fmt"] = "csv"
    if "<int:number>" in route:
        kwargs["number"] = 1
    return kwargs


def test_enumeration_sees_the_apps_urls():
    names = {name for name, _pattern in app_patterns()}
    assert {
        "projects:list",
        "projects:detail",
        "projects:edit",
        "funding:budget",
        "funding:costs_edit",
    } <= names


# The list and the create page hide nothing: the list shows nothing of others (tested below).
PER_OBJECT = [(name, pattern) for name, pattern in app_patterns() if name not in NO_OBJECT]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "pattern"), PER_OBJECT, ids=[name for name, _ in PER_OBJECT])
def test_outsider_gets_404(client, outsider, project, sub_implementer, name, pattern):
    work_package = WorkPackageFactory(implementer=sub_implementer)
    CostLineFactory(implementer=sub_implementer)
    client.force_login(outsider)
    path = reverse(name, kwargs=_kwargs(pattern, project, sub_implementer, work_package))
    response = client.post(path) if name in POST_ONLY else client.get(path)
    assert response.status_code == 404, (name, path, response.status_code)


@pytest.mark.django_db
def test_outsider_sees_no_project_in_the_list(client, outsider, project):
    client.force_login(outsider)
    response = client.get("/projects/")
    assert response.status_code == 200
    assert project.name not in response.content.decode()
