"""Issue 10 hole 1: every imported row, new or existing, passes the form's permission on the row's
current and new implementer. Issue 10 hole 4: a preview is confirmed at most once."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from config.imports import pipeline
from config.models import ImportBatch
from funding.models import CostLine, FinancingLine
from funding.resources import CostLineImporter
from tests.funding.factories import CostLineFactory, FinancingLineFactory

pytestmark = pytest.mark.django_db


def upload(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("rivit.csv", text.encode("utf-8"), content_type="text/csv")


def preview(client, project, kind, text):
    return client.post(reverse("funding:import", args=[project.pk, kind]), {"file": upload(text)})


@pytest.fixture
def main_line(project):
    return CostLineFactory(implementer=project.main_implementer, amount=Decimal("60000.00"))


@pytest.mark.parametrize(
    "make_text",
    [
        lambda line, sub: f"id;amount\n{line.pk};1,00\n",  # no implementer column at all
        lambda line, sub: f"id;implementer;amount\n{line.pk};{sub};1,00\n",  # moving it to their own
        lambda line, sub: f"id;implementer;category;year;amount\n{line.pk};;salaries;2021;1,00\n",
    ],
)
def test_a_sub_coordinator_cannot_change_or_take_the_main_implementers_cost_line(
    client, sub_coordinator, project, sub_implementer, main_line, make_text
):
    client.force_login(sub_coordinator)
    response = preview(
        client, project, "cost-lines", make_text(main_line, sub_implementer.organisation.short_name)
    )
    assert response.status_code == 400
    assert not ImportBatch.objects.exists()
    main_line.refresh_from_db()
    assert (main_line.amount, main_line.implementer_id) == (Decimal("60000.00"), project.main_implementer.pk)


def test_the_same_holds_for_financing_lines(client, sub_coordinator, project):
    line = FinancingLineFactory(implementer=project.main_implementer, amount=Decimal("50000.00"))
    client.force_login(sub_coordinator)
    assert preview(client, project, "financing-lines", f"id;amount\n{line.pk};1,00\n").status_code == 400
    line.refresh_from_db()
    assert line.amount == Decimal("50000.00")


def test_a_sub_coordinator_cannot_hand_their_line_to_the_main_implementer(
    client, sub_coordinator, project, sub_implementer
):
    own = CostLineFactory(implementer=sub_implementer, amount=Decimal(100))
    main_name = project.main_implementer.organisation.short_name
    client.force_login(sub_coordinator)
    assert (
        preview(client, project, "cost-lines", f"id;implementer\n{own.pk};{main_name}\n").status_code == 400
    )
    own.refresh_from_db()
    assert own.implementer == sub_implementer


def test_a_sub_coordinator_changes_their_own_line_by_id_alone(
    client, sub_coordinator, project, sub_implementer
):
    own = CostLineFactory(implementer=sub_implementer, amount=Decimal(100))
    client.force_login(sub_coordinator)
    assert preview(client, project, "cost-lines", f"id;amount\n{own.pk};250,50\n").status_code == 200
    batch = ImportBatch.objects.get()
    assert batch.preview["counts"] == {"new": 0, "changed": 1, "unchanged": 0, "deleted": 0}
    response = client.post(
        reverse("funding:import_confirm", args=[project.pk, "cost-lines"]), {"batch": batch.pk}
    )
    assert response.status_code == 200
    own.refresh_from_db()
    assert own.amount == Decimal("250.50")


def test_a_new_row_without_an_implementer_is_refused(client, coordinator, project):
    client.force_login(coordinator)
    assert (
        preview(client, project, "cost-lines", "category;year;amount\nsalaries;2021;100\n").status_code == 400
    )
    assert not CostLine.objects.exists()


def test_permission_is_checked_again_at_confirm(
    client, coordinator, sub_coordinator, project, sub_implementer
):
    """The sub-implementer leaves the project between preview and confirm: nothing is written."""
    own = CostLineFactory(implementer=sub_implementer, amount=Decimal(100))
    importer = CostLineImporter(user=sub_coordinator, project=project)
    staged = pipeline.stage(importer, upload(f"id;amount\n{own.pk};5\n"))
    assert staged.batch is not None
    sub_coordinator.affiliations.update(is_coordinator=False)
    fresh = type(sub_coordinator).objects.get(pk=sub_coordinator.pk)  # permissions are cached per object
    counts, problems = pipeline.confirm(CostLineImporter(user=fresh, project=project), staged.batch)
    assert problems and not counts
    own.refresh_from_db()
    assert own.amount == Decimal(100)


def test_a_preview_is_confirmed_at_most_once(client, coordinator, project, sub_implementer):
    name = sub_implementer.organisation.short_name
    client.force_login(coordinator)
    preview(client, project, "financing-lines", f"implementer;kind;amount\n{name};eu_state;800\n")
    batch = ImportBatch.objects.get()
    url = reverse("funding:import_confirm", args=[project.pk, "financing-lines"])
    assert client.post(url, {"batch": batch.pk}).status_code == 200
    assert client.post(url, {"batch": batch.pk}).status_code == 302  # "already imported"
    assert FinancingLine.objects.count() == 1
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.CONFIRMED and batch.confirmed_at is not None


def test_someone_elses_batch_cannot_be_confirmed(
    client, coordinator, sub_coordinator, project, sub_implementer
):
    name = sub_implementer.organisation.short_name
    client.force_login(coordinator)
    preview(client, project, "financing-lines", f"implementer;kind;amount\n{name};eu_state;800\n")
    batch = ImportBatch.objects.get()
    client.force_login(sub_coordinator)
    client.post(reverse("funding:import_confirm", args=[project.pk, "financing-lines"]), {"batch": batch.pk})
    assert not FinancingLine.objects.exists()


def test_replace_mode_deletes_the_rows_missing_from_the_file(client, coordinator, project, sub_implementer):
    keep = CostLineFactory(implementer=sub_implementer, amount=Decimal(1))
    gone = CostLineFactory(implementer=sub_implementer, amount=Decimal(2))
    client.force_login(coordinator)
    url = reverse("funding:import", args=[project.pk, "cost-lines"])
    response = client.post(url, {"file": upload(f"id;amount\n{keep.pk};3\n"), "replace": "1"})
    assert response.status_code == 200
    batch = ImportBatch.objects.get()
    assert batch.preview["counts"]["deleted"] == 1
    client.post(reverse("funding:import_confirm", args=[project.pk, "cost-lines"]), {"batch": batch.pk})
    assert list(CostLine.objects.values_list("pk", "amount")) == [(keep.pk, Decimal(3))]
    assert not CostLine.objects.filter(pk=gone.pk).exists()


def test_a_sub_implementer_replaces_its_own_part_and_leaves_the_others_alone(
    client, sub_coordinator, project, sub_implementer
):
    """Issue 11: export their own part, drop a line, import it back in replace mode."""
    main_line = CostLineFactory(implementer=project.main_implementer, amount=Decimal(5))
    keep = CostLineFactory(implementer=sub_implementer, amount=Decimal(1))
    gone = CostLineFactory(implementer=sub_implementer, amount=Decimal(2))
    client.force_login(sub_coordinator)
    exported = client.get(reverse("funding:export", args=[project.pk, "cost-lines", "csv"]))
    lines = exported.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 3 and str(main_line.pk) not in [line.split(";")[0] for line in lines]
    kept = [line for line in lines if not line.startswith(f"{gone.pk};")]
    url = reverse("funding:import", args=[project.pk, "cost-lines"])
    response = client.post(url, {"file": upload("\n".join(kept)), "replace": "1"})
    assert response.status_code == 200, response.content.decode()[-2000:]
    batch = ImportBatch.objects.get()
    assert batch.preview["counts"]["deleted"] == 1 and batch.preview["changes"][0]["action"] == "deleted"
    client.post(reverse("funding:import_confirm", args=[project.pk, "cost-lines"]), {"batch": batch.pk})
    assert set(CostLine.objects.values_list("pk", flat=True)) == {main_line.pk, keep.pk}
    assert CostLine.history.filter(id=gone.pk, history_type="-").get().history_user == sub_coordinator
