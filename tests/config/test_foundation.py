"""The plumbing every app relies on: optimistic locking, history, business IDs, PDFs, settings."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import translation

from config.forms import VersionedModelForm
from config.models import ConcurrentEditError
from config.pdf import StaticOnlyFetcher, render_pdf
from governance.models import Organisation
from tests.conftest import pdf_text
from tests.governance.factories import OrganisationFactory, UserFactory


class OrganisationForm(VersionedModelForm):
    class Meta:
        model = Organisation
        fields = ["name"]


@pytest.mark.django_db
def test_second_save_of_a_stale_copy_is_refused():
    first = OrganisationFactory(name="Alkuperäinen")
    second = Organisation.objects.get(pk=first.pk)
    first.name = "Ensimmäinen muutos"
    first.save()
    second.name = "Toinen muutos"
    with pytest.raises(ConcurrentEditError):
        second.save()
    assert Organisation.objects.get(pk=first.pk).name == "Ensimmäinen muutos"


@pytest.mark.django_db
def test_stale_form_is_refused_with_a_message_and_keeps_what_was_typed():
    org = OrganisationFactory(name="Alkuperäinen")
    opened_version = org.version
    Organisation.objects.get(pk=org.pk).save()  # someone else saves meanwhile
    form = OrganisationForm(data={"name": "Minun muutokseni", "version": opened_version}, instance=org)
    form.instance = Organisation.objects.get(pk=org.pk)
    assert not form.is_valid()
    assert "Someone else saved this record" in str(form.non_field_errors()) or form.non_field_errors()
    assert form.data["name"] == "Minun muutokseni"
    assert Organisation.objects.get(pk=org.pk).name == "Alkuperäinen"


@pytest.mark.django_db
def test_every_change_is_kept_in_history_with_who_made_it():
    org = OrganisationFactory(name="Vanha nimi")
    user = UserFactory()
    org._history_user = user
    org.name = "Uusi nimi"
    org.save()
    names = [record.name for record in org.history.order_by("history_date")]
    assert names == ["Vanha nimi", "Uusi nimi"]
    assert org.history.latest().history_user == user


@pytest.mark.django_db
@pytest.mark.parametrize("business_id", ["0245437-2", "1234567-1"])
def test_valid_business_id_is_accepted(business_id):
    OrganisationFactory.build(business_id=business_id).full_clean(exclude=["host", "region"])


@pytest.mark.django_db
def test_business_id_with_wrong_check_digit_is_refused_by_name():
    with pytest.raises(ValidationError) as error:
        OrganisationFactory.build(business_id="0245437-3").full_clean()
    assert "0245437-3" in str(error.value.message_dict["business_id"])


def test_euros_and_dates_the_finnish_way():
    import datetime
    from decimal import Decimal

    template = Template("{{ amount|eur }} {{ day|date:'SHORT_DATE_FORMAT' }} {{ share|pct }}")
    with translation.override("fi"):
        out = template.render(
            Context({"amount": Decimal("436068"), "day": datetime.date(2023, 3, 29), "share": Decimal("80")})
        )
    assert out.replace("\xa0", " ") == "436 068,00 € 29.3.2023 80,0 %"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "https://example.com/x.css",
        "http://127.0.0.1:8000/static/css/pdf.css",
        "https://portal.pdf.invalid/static/../config/settings.py",
        "https://portal.pdf.invalid/media/upload.png",
        "data:text/css,body{}",
    ],
)
def test_pdf_fetcher_refuses_everything_but_static_files(url):
    with pytest.raises(ValueError):
        StaticOnlyFetcher().fetch(url)


def test_pdf_fetcher_serves_the_portals_own_stylesheet():
    response = StaticOnlyFetcher().fetch("https://portal.pdf.invalid/static/css/pdf.css")
    assert b"@page" in response.read()


@pytest.mark.django_db
def test_pdf_base_has_page_numbers_and_exporter(rf, tmp_path):
    request = rf.get("/")
    request.user = UserFactory(first_name="Kaisa", last_name="Koordinaattori")
    with translation.override("fi"):
        pdf = render_pdf("pdf/smoke.html", {"title": "Koe"}, request=request)
    text = pdf_text(pdf, tmp_path)
    assert "1 / 1" in text
    assert "Kaisa Koordinaattori" in text


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_secret_key_or_hosts(missing, settings):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG"}}
    env.update({"DEBUG": "false", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "portal.example.fi"})
    # Set but empty, so that a developer's local .env cannot fill it in.
    env.update({missing: "", "DJANGO_SETTINGS_MODULE": "config.settings"})
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr


def test_production_settings_pass_the_deploy_checklist(settings):
    test_only = {"DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "SECURE_SSL_REDIRECT", "SECRET_KEY"}
    env = {k: v for k, v in os.environ.items() if k not in test_only}
    env.update(
        {
            "DEBUG": "false",
            "SECRET_KEY": "k" * 20 + "-production-like-key-with-enough-entropy-1234567890",
            "ALLOWED_HOSTS": "portal.example.fi",
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_an_editor_saves_all_its_rows_or_none():
    """``save_all``: when a later form's save is refused (a newer save by someone else in between),
    the earlier ones are rolled back too."""
    from config.forms import save_all

    first, second = OrganisationFactory(name="Eka"), OrganisationFactory(name="Toka")
    forms = [
        OrganisationForm(data={"name": "Eka muutettu", "version": first.version}, instance=first),
        OrganisationForm(data={"name": "Toka muutettu", "version": second.version}, instance=second),
    ]
    assert all(form.is_valid() for form in forms)
    Organisation.objects.get(pk=second.pk).save()  # someone else saves the second meanwhile
    with pytest.raises(ConcurrentEditError):
        save_all(*forms)
    assert Organisation.objects.get(pk=first.pk).name == "Eka"
    assert Organisation.objects.get(pk=second.pk).name == "Toka"
