"""Journey 1 of the walking skeleton: the coordinator edits "Elämässä eteenpäin" in the browser, and a
coordinator of an organisation that takes no part in it gets 404 on its edit page.

The demo coordinator works at SONet BOTNIA, a sub-implementer: they edit their own sub-project and
read the shared data, which THL, the main implementer, keeps (issue 12)."""

import pytest
from playwright.sync_api import expect

from governance.models import Organisation
from projects.models import Project
from tests.governance.factories import AffiliationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_DESCRIPTION = "Kuvaus päivitetty selaimessa: NEET-nuorten jälkihuolto koronan jälkeen."


def test_coordinator_edits_their_sub_project_and_sees_it_saved(demo, login):
    page = login("koordinaattori")
    page.get_by_role("link", name="Hankkeet", exact=True).click()
    page.get_by_role("link", name="Elämässä eteenpäin").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Elämässä eteenpäin – Covid 19")
    expect(page.get_by_role("link", name="Muokkaa hanketta")).to_have_count(0)  # THL's shared data
    page.get_by_role("link", name="Muokkaa toteuttajaa").click()
    page.get_by_label("Kuvaus").fill(NEW_DESCRIPTION)
    page.get_by_role("button", name="Tallenna").click()
    expect(page.get_by_role("status")).to_contain_text("Toteuttaja tallennettiin.")
    expect(page.get_by_text(NEW_DESCRIPTION)).to_be_visible()
    project = Project.objects.get(acronym="Elämässä eteenpäin")
    assert project.implementers.get(organisation__short_name="SONet BOTNIA").description == NEW_DESCRIPTION


def test_outsider_coordinator_gets_404_on_the_edit_page(demo, login, live_server):
    iso = Organisation.objects.get(short_name="ISO")  # a competence centre that takes no part in the project
    outsider = UserFactory(username="iso-koordinaattori")
    AffiliationFactory(user=outsider, organisation=iso, is_coordinator=True)
    project = Project.objects.get(acronym="Elämässä eteenpäin")
    page = login(outsider)
    response = page.goto(f"{live_server.url}/projects/{project.pk}/edit/")
    assert response.status == 404
    page.goto(f"{live_server.url}/projects/")
    expect(page.get_by_role("link", name="Elämässä eteenpäin")).to_have_count(0)
