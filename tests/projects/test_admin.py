"""The admin lists and opens every projects and funding model for an administrator."""

import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db

MODELS = [model for model in admin.site._registry if model._meta.app_label in {"projects", "funding"}]


def test_every_model_is_registered():
    names = {model.__name__ for model in MODELS}
    assert {
        "Project",
        "Implementer",
        "WorkPackage",
        "Indicator",
        "CostLine",
        "FinancingLine",
        "PaymentClaim",
    } <= names


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_and_add_page_open(client, administrator, demo, model):
    client.force_login(administrator)
    info = (model._meta.app_label, model._meta.model_name)
    assert client.get(reverse("admin:{}_{}_changelist".format(*info))).status_code == 200
    assert client.get(reverse("admin:{}_{}_add".format(*info))).status_code == 200
    first = model._default_manager.first()
    if first is not None:
        assert client.get(reverse("admin:{}_{}_change".format(*info), args=[first.pk])).status_code == 200
