"""Cost lines import in the same number of queries for 10 and for 50 lines, new or changed; the
lines keep their history with who imported them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from config.imports import pipeline
from funding.models import CostLine
from funding.resources import CostLineImporter

pytestmark = pytest.mark.django_db


def run(user, project, lines: list[str]) -> tuple[int, int]:
    text = "\ufeffid;toteuttaja;kustannuslaji;vuosi;selite;summa\n" + "\n".join(lines)
    upload = SimpleUploadedFile("rivit.csv", text.encode("utf-8"))
    with CaptureQueriesContext(connection) as staging:
        staged = pipeline.stage(CostLineImporter(user=user, project=project), upload)
    assert staged.batch is not None, [str(p) for p in staged.problems]
    with CaptureQueriesContext(connection) as confirming:
        _counts, problems = pipeline.confirm(CostLineImporter(user=user, project=project), staged.batch)
    assert not problems, [str(p) for p in problems]
    return len(staging), len(confirming)


def test_cost_line_queries_do_not_grow_with_rows(coordinator, project, sub_implementer):
    name = sub_implementer.organisation.short_name
    run(coordinator, project, [f";{name};palkat;2020;Ensimmäinen;1,00"])  # fills the per-process caches
    small = [f";{name};palkat;2021;Rivi {n};{n} 000,00" for n in range(10)]
    large = [f";{name};matkat;2022;Rivi {n};{n} 000,00" for n in range(50)]
    assert run(coordinator, project, small) == run(coordinator, project, large)
    assert CostLine.objects.count() == 61

    # Changing them all back costs the same for both sizes too.
    ids = list(CostLine.objects.order_by("pk").values_list("pk", flat=True))[1:]
    small = [f"{pk};{name};muut;2021;Uusi;1,00" for pk in ids[:10]]
    large = [f"{pk};{name};muut;2021;Uusi;2,00" for pk in ids[10:]]
    assert run(coordinator, project, small) == run(coordinator, project, large)
    line = CostLine.objects.get(pk=ids[-1])
    assert (line.category, str(line.amount), line.version) == ("other", "2.00", 2)
    record = line.history.first()
    assert (record.history_type, record.history_user, str(record.amount)) == ("~", coordinator, "2.00")
