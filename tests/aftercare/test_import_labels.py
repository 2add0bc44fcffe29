"""Issue 11 (3): a label the portal does not know ("Nuoret 18-20", "Jälkihuoltotyöntekijä") is
asked on the mapping page, with the valid choices and the file's first rows; the answers kept in the
area's profile make the next upload of the same report go straight to the preview."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from config.models import ImportBatch, MappingProfile
from tests.aftercare.test_import_finnish_excel import (
    HEADER,
    ROWS,
    WIDE,
    _confirm,
    _report,
    csv_bytes,
    xlsx_bytes,
)
from tests.aftercare.test_import_finnish_excel import as_varha as as_varha  # noqa: PLC0414
from tests.aftercare.test_import_finnish_excel import import_url as import_url  # noqa: PLC0414

pytestmark = pytest.mark.django_db


def with_own_labels(rows):
    """The report as another client system labels its rows."""
    rows = [list(row) for row in rows]
    rows[2][1] = "Nuoret 18-20"  # an age band
    rows[5][2] = "Jälkihuoltotyöntekijä"  # a role
    rows[7][2] = "jälkihuoltotyöntekijä"  # the same role, written again
    return rows


def questions(response) -> list[tuple[str, list[str]]]:
    """(label text, the values offered) of each question on the mapping page."""
    body = response.content.decode()
    found = []
    for number, label in re.findall(r'<label for="label-(\d+)">(.*?)</label>', body):
        select = re.search(rf'<select name="label-{number}".*?</select>', body, re.S)[0]
        found.append((label, re.findall(r'<option value="([^"]+)"', select)))
    return found


def answer(client, url, response, answers: dict[int, str], save: bool = True):
    batch = re.search(r'name="mapping" value="(\d+)"', response.content.decode())[1]
    data = {"mapping": batch} | {f"label-{n}": code for n, code in answers.items()}
    return client.post(url, data | ({"save": "1"} if save else {}))


def test_unknown_labels_are_asked_once_and_remembered(as_varha, import_url, varha, open_period):
    content = csv_bytes([HEADER, *with_own_labels(ROWS)])
    response = as_varha.post(import_url, {"file": SimpleUploadedFile("lifecare.csv", content)})
    assert response.status_code == 200 and 'name="batch"' not in response.content.decode()
    asked = questions(response)
    assert [label for label, _choices in asked] == [
        "Rivi 4, sarake B (Ikäryhmä / työntekijä): ”Nuoret 18-20”",
        "Rivi 7, sarake C (Ammattinimike): ”Jälkihuoltotyöntekijä”",
    ]  # one question per label, however often it is written
    assert asked[0][1] == ["18–20", "21–25"]
    assert asked[1][1] == ["sosiaalityontekija", "ohjaaja", "erityissosiaaliohjaaja"]
    assert "Effica" not in response.content.decode() and "Ikäryhmä" in response.content.decode()

    response = answer(as_varha, import_url, response, {0: "18–20", 1: "ohjaaja"})
    assert response.status_code == 200 and 'name="batch"' in response.content.decode()
    assert _confirm(as_varha, import_url, response).status_code == 302
    report = _report(varha, open_period)
    assert {c.band.label: c.clients for c in report.age_counts.all()} == {"18–20": 730, "21–25": 480}
    assert sorted((w.label, w.role) for w in report.workers.all()) == [
        ("A", "social_worker"),
        ("B", "counsellor"),
    ]
    assert MappingProfile.objects.get(owner=f"area:{varha.pk}").labels == {
        "tunniste": {"nuoret1820": "18–20"},
        "rooli": {"jalkihuoltotyontekija": "ohjaaja"},
    }

    response = as_varha.post(import_url, {"file": SimpleUploadedFile("lifecare.csv", content)})
    assert 'name="batch"' in response.content.decode() and not questions(response)  # straight on


def test_answers_not_saved_are_asked_again(as_varha, import_url, varha):
    content = csv_bytes([HEADER, *with_own_labels(ROWS)])
    response = as_varha.post(import_url, {"file": SimpleUploadedFile("a.csv", content)})
    response = answer(as_varha, import_url, response, {0: "18–20", 1: "ohjaaja"}, save=False)
    assert 'name="batch"' in response.content.decode()
    assert not MappingProfile.objects.exists()
    response = as_varha.post(import_url, {"file": SimpleUploadedFile("a.csv", content)})
    assert len(questions(response)) == 2


def test_every_label_needs_a_valid_answer(as_varha, import_url, varha, open_period):
    """No "ignore this row": a figure left out would change the totals. A value not offered is no
    answer either."""
    content = csv_bytes([HEADER, *with_own_labels(ROWS)])
    response = as_varha.post(import_url, {"file": SimpleUploadedFile("a.csv", content)})
    assert "required" in re.search(r'<select name="label-0".*?>', response.content.decode())[0]
    response = answer(as_varha, import_url, response, {0: "18–20", 1: "<script>"})
    assert [label for label, _c in questions(response)] == [
        "Rivi 7, sarake C (Ammattinimike): ”Jälkihuoltotyöntekijä”"
    ]
    assert not MappingProfile.objects.exists() and _report(varha, open_period) is None


def test_an_unknown_label_beside_a_real_error_is_refused_with_both(as_varha, import_url, open_period):
    rows = with_own_labels(ROWS)
    rows[0][3] = "tuhat"
    response = as_varha.post(import_url, {"file": SimpleUploadedFile("a.csv", csv_bytes([HEADER, *rows]))})
    body = response.content.decode()
    assert response.status_code == 400 and not questions(response)
    assert re.search(r"Rivi 2, sarake D \(Asiakkaat\)", body) and "Jälkihuoltotyöntekijä" in body
    assert ImportBatch.objects.count() == 0


def test_unknown_headers_first_then_labels(as_varha, import_url, varha, open_period):
    header = ["Luku", "Ryhmä", "Tehtävänimike", "Lukumäärä", "Täytetyt", "Avoimet", "Kausi"]
    content = xlsx_bytes([header, *with_own_labels(ROWS)])
    response = as_varha.post(import_url, {"file": SimpleUploadedFile("effica.xlsx", content)})
    assert 'name="map-C"' in response.content.decode() and not questions(response)
    batch = ImportBatch.objects.get()
    chosen = {"map-C": "rooli", "map-D": "asiakkaita", "map-E": "htv_taytetty", "map-F": "htv_avoin"}
    response = as_varha.post(import_url, {"mapping": batch.pk, "save": "1"} | chosen)
    assert [label for label, _c in questions(response)][0].startswith("Rivi 4, sarake B (Ryhmä)")
    assert 'name="map-C"' not in response.content.decode()
    response = answer(as_varha, import_url, response, {0: "18–20", 1: "ohjaaja"})
    assert _confirm(as_varha, import_url, response).status_code == 302
    assert _report(varha, open_period).clients_total == 1210
    profile = MappingProfile.objects.get()
    assert profile.headers["tehtavanimike"] == "rooli" and profile.labels["rooli"]

    response = as_varha.post(import_url, {"file": SimpleUploadedFile("effica.xlsx", content)})
    assert 'name="batch"' in response.content.decode()


def test_a_row_label_of_the_wide_shape_may_mean_an_age_band_a_role_or_a_figure(
    as_varha, import_url, varha, open_period
):
    rows = [list(row) for row in WIDE]
    rows[3][0] = "Nuoret 18–20"
    rows[7][0] = "Jälkihuoltotyöntekijä"
    response = as_varha.post(import_url, {"file": SimpleUploadedFile("pegasos.csv", csv_bytes(rows))})
    asked = questions(response)
    assert [label for label, _c in asked] == [
        "Rivi 4, sarake A: ”Nuoret 18–20”",
        "Rivi 8, sarake A: ”Jälkihuoltotyöntekijä”",
    ]
    assert {"uudet_asiakkaat", "18–20", "ohjaaja"} <= set(asked[0][1])
    response = answer(as_varha, import_url, response, {0: "18–20", 1: "ohjaaja"})
    assert _confirm(as_varha, import_url, response).status_code == 302
    report = _report(varha, open_period)
    assert {c.band.label: c.clients for c in report.age_counts.all()} == {"18–20": 730, "21–25": 480}
    assert {s.role for s in report.staffing.all()} == {"social_worker", "counsellor"}
