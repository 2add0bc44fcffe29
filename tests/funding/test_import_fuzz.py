"""Generated bad files (issue 10): wrong types, missing and extra columns, huge and negative numbers,
empty files, wrong encodings, formula payloads and XML tricks. Every importer answers each with a
clear report or a refusal: no exception (a 500), and a refused file writes no row.

``IMPORT_FUZZ_EXAMPLES`` (environment) sets the examples per importer; the default, 1 000, is what
issue 10 asks for. Set it lower for a quick local run.
"""

import io
import os

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aftercare.models import AreaReport, ReportingPeriod
from aftercare.resources import FiguresImporter
from aftercare.selectors import age_bands
from config.imports import pipeline
from config.models import ImportBatch
from funding.models import CostLine, FinancingLine
from funding.resources import CostLineImporter, FinancingLineImporter
from governance.models import Municipality, WellbeingArea
from governance.resources import municipality_importer
from projects.models import Indicator, ParticipantTarget
from projects.resources import IndicatorImporter, ParticipantTargetImporter

pytestmark = pytest.mark.django_db
EXAMPLES = int(os.environ.get("IMPORT_FUZZ_EXAMPLES", "1000"))

CELLS = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.sampled_from(
        ["=1+2", "+41", "@SUM(A1)", "-cmd", "=HYPERLINK(\"http://x\")", "\t=1", "Yhteensä", "ei", "NaN",
         "1e999", "-1", "−5", "1 000,5", "9" * 30, "18-20 v", "Ohjaaja", "salaries", "eu_state", "2021",
         "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>", "\x00", "Q1/2024", "varha"]
    ),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
)  # fmt: skip


def headers_for(importer) -> list[str]:
    names = []
    for column in importer.columns:
        names += [column.key, *column.synonyms[:1]]
    return names + ["extra", "", "Yhteensä"]


@st.composite
def files(draw, headers: list[str]):
    kind = draw(st.sampled_from(["csv", "csv", "xlsx", "bytes", "empty"]))
    if kind == "bytes":
        return "x." + draw(st.sampled_from(["csv", "xlsx", "ods"])), draw(st.binary(max_size=300))
    if kind == "empty":
        return "x." + draw(st.sampled_from(["csv", "xlsx", "ods"])), draw(
            st.sampled_from([b"", b" ", b"\r\n"])
        )
    header = draw(st.lists(st.sampled_from(headers), min_size=0, max_size=8))
    rows = draw(st.lists(st.lists(CELLS, max_size=9), max_size=8))
    if kind == "xlsx":
        book = openpyxl.Workbook()
        for row in [header, *rows]:
            try:
                book.active.append(row)
            except Exception:  # noqa: BLE001 - openpyxl refuses some control characters itself
                book.active.append([None])
        out = io.BytesIO()
        book.save(out)
        return "x.xlsx", out.getvalue()
    delimiter = draw(st.sampled_from([";", ",", "\t"]))
    text = "\n".join(delimiter.join("" if c is None else str(c) for c in row) for row in [header, *rows])
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    return "x.csv", text.encode(encoding, errors="replace")


def counts(models) -> list[int]:
    return [model.objects.count() for model in models]


def run(make_importer, models, name, content):
    before = counts(models)
    importer = make_importer()
    staged = pipeline.stage(importer, SimpleUploadedFile(name, content))
    if staged.needs_mapping:  # stored for the mapping page, not confirmable
        assert staged.batch.state == ImportBatch.State.MAPPING and counts(models) == before
        with pytest.raises(pipeline.AlreadyConfirmed):
            pipeline.confirm(make_importer(), staged.batch)
        assert counts(models) == before
        return
    if staged.batch is None:
        assert staged.problems and all(str(p) for p in staged.problems)
        assert counts(models) == before
        return
    written, problems = pipeline.confirm(make_importer(), staged.batch)
    if problems:
        assert counts(models) == before


def fuzz(make_importer, models):
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
        ],
    )
    @given(file=files(headers_for(make_importer())))
    def check(file):
        run(make_importer, models, *file)

    check()
    assert ImportBatch.objects.count() >= 0


@pytest.mark.parametrize(
    ("kind", "models"),
    [
        (CostLineImporter, [CostLine]),
        (FinancingLineImporter, [FinancingLine]),
        (IndicatorImporter, [Indicator]),
        (ParticipantTargetImporter, [ParticipantTarget]),
    ],
)
def test_project_importers_survive_generated_files(kind, models, coordinator, project, sub_implementer):
    fuzz(lambda: kind(user=coordinator, project=project), models)


def test_the_aftercare_importer_survives_generated_files(demo, django_user_model):
    manager = django_user_model.objects.get(username="esihenkilo-varha")
    area, period = WellbeingArea.objects.get(slug="varha"), ReportingPeriod.objects.get(is_open=True)
    bands = age_bands()
    fuzz(lambda: FiguresImporter(user=manager, area=area, period=period, bands=bands), [AreaReport])


def test_the_municipality_importer_survives_generated_files(db):
    fuzz(municipality_importer, [Municipality])
