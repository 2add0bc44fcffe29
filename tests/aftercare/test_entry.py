"""The manager's entry form: save, hard errors, soft warnings (explained at submit), submit, reopen."""

import pytest
from django.urls import reverse

from aftercare.models import AreaReport, Reopening, WarningAcknowledgement

pytestmark = pytest.mark.django_db


def form_data(**values) -> dict:
    data = {
        "workers-TOTAL_FORMS": "3",
        "workers-INITIAL_FORMS": "0",
        "workers-MIN_NUM_FORMS": "0",
        "workers-MAX_NUM_FORMS": "200",
    }
    data.update({k: str(v) for k, v in values.items()})
    return data


@pytest.fixture
def entry_url(varha, open_period):
    return reverse("aftercare:entry", args=[varha.slug, open_period.pk])


@pytest.fixture
def as_varha(client, varha_manager):
    client.force_login(varha_manager)
    return client


def _report(varha, open_period):
    return AreaReport.objects.for_page().filter(wellbeing_area=varha, period=open_period).first()


def test_the_form_shows_the_previous_periods_figures(as_varha, entry_url):
    response = as_varha.get(entry_url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Q4/2023" in html and ">900<" in html  # previous clients in total beside the field
    assert ">15,0<" in html  # previous social-worker FTE, Finnish decimal comma


def test_saving_figures_within_norms_needs_no_acknowledgement(as_varha, entry_url, varha, open_period):
    data = form_data(
        clients_total=910,
        new_clients=40,
        age_18="",
        fte_filled_social_worker="19,0",
        fte_filled_counsellor="37,5",
    )
    data.update({"workers-0-label": "A", "workers-0-role": "social_worker", "workers-0-clients": "45"})
    response = as_varha.post(entry_url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    report = _report(varha, open_period)
    assert (report.clients_total, report.new_clients, report.status) == (910, 40, "draft")
    assert {line.role: line.fte_filled for line in report.staffing.all()} == {
        "social_worker": 19,
        "counsellor": 37.5,
    }
    assert [(w.label, w.clients) for w in report.workers.all()] == [("A", 45)]
    assert not WarningAcknowledgement.objects.exists()


def test_a_big_change_warns_but_a_draft_saves_and_the_warning_is_explained_at_submit(
    as_varha, entry_url, varha, open_period, varha_manager
):
    """Issue 12: warnings are acknowledged at submit, with one comment, not at a draft's save."""
    response = as_varha.post(entry_url, form_data(clients_total=1200))
    assert response.status_code == 302  # the draft is saved as it is
    report = _report(varha, open_period)
    assert report.clients_total == 1200 and report.status == "draft"
    html = as_varha.get(entry_url).content.decode().replace("\xa0", " ")
    assert "33,3 %" in html  # (1200 − 900) / 900, still shown on the figures
    submit_url = reverse("aftercare:submit", args=[varha.slug, open_period.pk])
    response = as_varha.post(submit_url)  # the submit button: the warnings and one comment field
    assert response.status_code == 200
    assert "33,3 %" in response.content.decode().replace("\xa0", " ")
    assert 'name="comment"' in response.content.decode()
    assert as_varha.post(submit_url, {"comment": "  "}).status_code == 400  # a comment is needed
    assert _report(varha, open_period).status == "draft"
    assert as_varha.post(submit_url, {"comment": "Kaksi kuntaa yhdistettiin."}).status_code == 302
    assert _report(varha, open_period).status == "submitted"
    acknowledgement = WarningAcknowledgement.objects.get()
    assert acknowledgement.comment == "Kaksi kuntaa yhdistettiin."
    assert acknowledgement.acknowledged_by == varha_manager
    assert "33,3 %" in acknowledgement.warnings.replace("\xa0", " ")


def test_a_role_above_its_norm_warns(as_varha, entry_url, varha, open_period):
    # 900 clients / 10 social worker FTE = 90 per FTE, above the norm of 50.
    response = as_varha.post(entry_url, form_data(clients_total=900, fte_filled_social_worker="10"))
    assert response.status_code == 302
    assert "90,0" in as_varha.get(entry_url).content.decode()
    assert _report(varha, open_period).status == "draft"


def test_a_new_period_starts_with_the_previous_periods_workers(as_varha, entry_url, varha, open_period):
    response = as_varha.get(entry_url)
    previous = list(response.context["workers"].initial)
    assert previous  # the fixture's Q4/2023 has workers
    assert response.context["prefilled_workers"]
    data = form_data(clients_total=910)
    data["workers-TOTAL_FORMS"] = str(len(previous) + 1)
    for n, row in enumerate(previous):
        data |= {f"workers-{n}-{key}": str(value) for key, value in row.items()}
    assert as_varha.post(entry_url, data).status_code == 302
    saved = {(w.label, w.role, w.clients) for w in _report(varha, open_period).workers.all()}
    assert saved == {(row["label"], row["role"], row["clients"]) for row in previous}


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"clients_total": 900, "neet_clients": -3}, "ei voi olla negatiivinen"),
        ({"clients_total": 900, "age_1": 400, "age_2": 400}, "ikäryhmien summa on 800"),
        (
            {
                "clients_total": 100,
                "workers-0-label": "A",
                "workers-0-clients": 80,
                "workers-0-role": "counsellor",
                "workers-1-label": "B",
                "workers-1-clients": 40,
                "workers-1-role": "counsellor",
            },
            "enemmän kuin",
        ),  # fmt: skip
        (
            {
                "clients_total": 900,
                "workers-0-label": "Maija",
                "workers-0-clients": 3,
                "workers-0-role": "counsellor",
            },
            "ei koskaan nimeä",
        ),  # fmt: skip
    ],
)
def test_hard_errors_save_nothing(as_varha, entry_url, varha, open_period, values, message):
    from aftercare.models import AgeBand

    bands = list(AgeBand.objects.order_by("lower"))
    # A mapping, not chained str.replace: on PostgreSQL the bands' ids follow the sequence (e.g. 21),
    # and "age_1" → "age_21" would then be rewritten again by the second replace.
    names = {"age_1": f"age_{bands[0].pk}", "age_2": f"age_{bands[1].pk}"}
    values = {names.get(k, k): v for k, v in values.items()}
    response = as_varha.post(entry_url, form_data(**values))
    assert response.status_code == 200
    assert message in response.content.decode().lower()
    assert _report(varha, open_period) is None


def test_submit_locks_the_report_and_a_coordinator_reopens_it_with_a_reason(
    client, as_varha, entry_url, varha, open_period, varha_coordinator
):
    as_varha.post(entry_url, form_data(clients_total=910))
    submit_url = reverse("aftercare:submit", args=[varha.slug, open_period.pk])
    assert as_varha.get(submit_url).status_code == 405
    assert as_varha.post(submit_url).status_code == 302
    report = _report(varha, open_period)
    assert report.status == "submitted" and report.submitted_at is not None
    assert as_varha.get(entry_url).status_code == 403  # locked
    assert as_varha.post(entry_url, form_data(clients_total=1)).status_code == 403
    reopen_url = reverse("aftercare:reopen", args=[report.pk])
    assert as_varha.post(reopen_url, {"reason": "x"}).status_code == 403  # a manager cannot reopen

    client.force_login(varha_coordinator)
    assert client.post(reopen_url, {"reason": ""}).status_code == 200  # a reason is required
    assert client.post(reopen_url, {"reason": "Ikäryhmät väärin päin."}).status_code == 302
    report.refresh_from_db()
    assert report.status == "draft"
    assert Reopening.objects.get(report=report).reason == "Ikäryhmät väärin päin."
    assert report.history.filter(status="submitted").exists()  # the submitted state stays in history


def test_a_stale_form_is_refused(as_varha, entry_url, varha, open_period):
    as_varha.post(entry_url, form_data(clients_total=910))
    report = _report(varha, open_period)
    as_varha.post(entry_url, form_data(clients_total=911, version=report.version))
    response = as_varha.post(entry_url, form_data(clients_total=912, version=report.version))
    assert response.status_code == 200
    assert _report(varha, open_period).clients_total == 911


def test_wrong_method_is_405(as_varha, entry_url):
    assert as_varha.put(entry_url).status_code == 405
    assert as_varha.post(reverse("aftercare:overview")).status_code == 405
