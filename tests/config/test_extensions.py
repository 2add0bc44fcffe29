"""The page-extension registry: apps add links and parts to slots of pages below them."""

import pytest
import rules
from django.urls import reverse

from config.extensions import Data, ExtensionRegistry, Link, Part, extensions


def test_links_come_in_order_and_reverse_with_the_objects_key():
    registry = ExtensionRegistry()
    registry.add_link("slot", Link(key="b", label="B", url_name="projects:plan", order=20))
    registry.add_link("slot", Link(key="a", label="A", url_name="projects:detail", order=10))
    assert [link.key for link in registry.links("slot")] == ["a", "b"]
    assert registry.links("slot")[0].url(type("P", (), {"pk": 7})()) == reverse("projects:detail", args=[7])
    assert registry.links("empty") == []


def test_a_key_added_twice_to_a_slot_is_refused():
    registry = ExtensionRegistry()
    registry.add_part("slot", Part(key="x", template_name="x.html"))
    with pytest.raises(ValueError, match="twice"):
        registry.add_part("slot", Part(key="x", template_name="y.html"))


def test_parts_sharing_a_context_compute_it_once(settings, tmp_path):
    (tmp_path / "one.html").write_text("[{{ figure }}]")
    (tmp_path / "two.html").write_text("({{ figure }})")
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], tmp_path]}]
    calls = []

    def context(obj, viewer):
        calls.append(obj)
        return {"figure": obj.pk * 2}

    registry = ExtensionRegistry()
    registry.add_part("slot", Part(key="two", template_name="two.html", get_context=context, order=2))
    registry.add_part("slot", Part(key="one", template_name="one.html", get_context=context, order=1))
    obj = type("P", (), {"pk": 21})()
    assert registry.render_parts("slot", obj) == "[42](42)"
    assert calls == [obj]


def test_the_project_page_gets_its_tabs_from_every_app():
    keys = [link.key for link in extensions.links("projects.tabs")]
    assert keys == ["overview", "plan", "budget", "actuals", "transfer", "versions", "history"]
    assert [link.url_name for link in extensions.links("projects.implementer_actions")] == [
        "funding:costs_edit",
        "funding:financing_edit",
    ]


class Viewer:
    def __init__(self, allowed: bool):
        self.allowed = allowed


@pytest.fixture
def view_x_rule():
    rules.add_perm("app.view_x", rules.predicate(lambda user: user.allowed))
    yield
    rules.remove_perm("app.view_x")


def test_links_and_parts_needing_a_permission_are_left_out_for_viewers_without_it(view_x_rule):
    registry = ExtensionRegistry()
    registry.add_link("slot", Link(key="open", label="O", url_name="projects:list"))
    registry.add_link("slot", Link(key="closed", label="C", url_name="projects:list", perm="app.view_x"))
    registry.add_part("slot", Part(key="closed", template_name="x.html", perm="app.view_x"))
    assert [link.key for link in registry.links("slot", Viewer(False))] == ["open"]
    assert {link.key for link in registry.links("slot", Viewer(True))} == {"open", "closed"}
    assert registry.parts("slot", Viewer(False)) == []
    assert [part.key for part in registry.parts("slot", Viewer(True))] == ["closed"]


@pytest.mark.django_db
def test_menu_and_front_page_offer_aftercare_only_to_those_who_may_open_it(client, plain_user, area_manager):
    client.force_login(plain_user)
    assert client.get(reverse("aftercare:home")).status_code in (403, 404)
    assert reverse("aftercare:home") not in client.get("/").content.decode()
    client.force_login(area_manager)
    body = client.get("/").content.decode()
    assert body.count(f'href="{reverse("aftercare:home")}"') == 2  # the menu item and the card


def test_data_of_a_slot_comes_joined_in_order():
    registry = ExtensionRegistry()
    registry.add_data("slot", Data(key="late", get_data=lambda obj: [f"{obj}-c"], order=20))
    registry.add_data("slot", Data(key="early", get_data=lambda obj: [f"{obj}-a", f"{obj}-b"], order=10))
    assert registry.data("slot", "x") == ["x-a", "x-b", "x-c"]
    assert registry.data("empty", "x") == []
    with pytest.raises(ValueError, match="twice"):
        registry.add_data("slot", Data(key="late", get_data=list))
