"""The administrator manages groups, terms, and meetings in the admin."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model",
    [
        "steeringgroup",
        "term",
        "meeting",
        "agendasection",
        "minutescorrection",
    ],
)
def test_admin_pages_answer(client, administrator, demo, model):
    client.force_login(administrator)
    assert client.get(f"/admin/governance/{model}/").status_code == 200
    if model != "minutescorrection":
        assert client.get(f"/admin/governance/{model}/add/").status_code == 200


def test_term_admin_lists_the_boards_members(client, administrator, demo):
    from governance.models import Term

    client.force_login(administrator)
    term = Term.objects.get(group__kind="board")
    page = client.get(f"/admin/governance/term/{term.pk}/change/").content.decode()
    assert "Kivelä" in page and "Rantanen" in page
