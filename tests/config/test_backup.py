"""``make backup`` / ``make restore`` (issue 10, hardening): a round trip gives back the same rows and
the same money, table by table."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, models
from django.db.models import Sum

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the SQLite test database lives in memory: nothing to copy"
)


def fingerprint() -> dict:
    """Rows of every table and the sum of every decimal (money, FTE, percentage) column."""
    result = {}
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        decimals = [f.name for f in model._meta.concrete_fields if isinstance(f, models.DecimalField)]
        sums = model._base_manager.aggregate(**{f: Sum(f) for f in decimals}) if decimals else {}
        result[model._meta.label] = (model._base_manager.count(), sums)
    return result


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_the_same_rows_and_money(tmp_path):
    call_command("load_demo", demo=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    before = fingerprint()
    from funding.models import CostLine

    assert before["funding.CostLine"][0] > 0 and before["aftercare.AreaReport"][0] > 0
    money = sum((s or Decimal(0) for s in before["funding.CostLine"][1].values()), Decimal(0))
    assert money > 0
    backup = tmp_path / "portal.dump"
    call_command("backup", str(backup), stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert backup.stat().st_size > 0

    CostLine.objects.filter(pk=CostLine.objects.first().pk).delete()
    CostLine.objects.update(amount=Decimal("1.00"))
    assert fingerprint() != before

    call_command("restore", str(backup), yes=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert fingerprint() == before
