"""The pipeline reads a file as it goes: faults deep in it are problems, not errors; values are
converted once per distinct text; new rows are written as COPY text with their history."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from aftercare.models import AreaReport
from config.bulk import insert_rows
from config.imports import pipeline, reading
from config.imports.batches import RowStore, load_batch_rows, stored_rows
from config.imports.importer import Change, Column, Importer, Plan
from config.imports.models import ImportBatch
from config.imports.reading import LazyRows, read_bytes
from config.imports.values import BadValue
from tests.aftercare.factories import ReportingPeriodFactory
from tests.governance.factories import UserFactory, WellbeingAreaFactory


class Counts(Importer):
    kind = "test.counts"
    columns = [Column("label", "label", required=True), Column("n", "n", kind="int", required=True)]

    def plan(self, rows):
        return Plan(changes=[Change("new", row.values["label"]) for row in rows])

    def write(self, plan):
        pass


def test_a_lazy_sheet_reads_only_as_far_as_it_is_asked():
    produced = []

    def produce():
        for n in range(1_000_000):
            produced.append(n)
            yield [str(n)]

    rows = LazyRows(produce)
    assert rows[:3] == [["0"], ["1"], ["2"]] and rows[1] == ["1"]
    assert len(produced) == 3


def test_a_streamed_csv_gives_the_same_rows_as_a_read_one():
    content = "Ikäryhmä;Asiakkaita\r\n18–20;420\r\n;\r\nYhteensä;5\r\n".encode("cp1252")
    assert list(read_bytes("a.csv", content, lazy=True).rows) == read_bytes("a.csv", content).rows


def test_too_many_rows_deep_in_a_file_is_a_problem_of_the_upload(monkeypatch):
    monkeypatch.setattr(reading, "MAX_ROWS", 50)
    content = ("label;n\n" + "a;1\n" * 60).encode()
    with translation.override("en"):
        staged = pipeline.check_file(Counts(user=None, scope="x"), "a.csv", content)
    assert [str(p) for p in staged.problems] == ["The file has more than 50 rows."]


def test_a_remembered_conversion_keeps_bad_values_bad_and_types_apart():
    convert = Counts(user=None, scope="x").converter(Counts.columns[1], {})
    assert convert("1 200") == 1200 and convert("1 200") == 1200
    for _attempt in range(2):
        with pytest.raises(BadValue):
            convert("12,5")
    with pytest.raises(BadValue):
        convert(True)  # equal to 1 as a key, still not a number
    assert convert(1) == 1


def test_every_row_is_converted_as_before_when_values_repeat():
    content = ("label;n\n" + "a;1\nb;2\n" * 500 + "c;x\n").encode()
    with translation.override("en"):
        staged = pipeline.check_file(Counts(user=None, scope="x"), "a.csv", content)
    (problem,) = staged.problems
    assert (problem.row, problem.column) == (1002, "B")
    assert [row.values["n"] for row in staged.table.rows[:4]] == [1, 2, 1, 2]


@pytest.mark.django_db
def test_new_rows_keep_tabs_newlines_and_backslashes_and_get_history():
    user = UserFactory()
    area, period = WellbeingAreaFactory(), ReportingPeriodFactory()
    note = "rivi 1\trivi\\2\nrivi 3\r"
    (pk,) = insert_rows(
        AreaReport,
        ["wellbeing_area_id", "period_id", "clients_total", "note"],
        [(area.pk, period.pk, 5, note)],
        user=user,
    )
    report = AreaReport.objects.get(pk=pk)
    assert (report.note, report.clients_total, report.new_clients, report.version) == (note, 5, 0, 1)
    (history,) = report.history.all()
    assert (history.history_type, history.history_user_id, history.note) == ("+", user.pk, note)


def test_a_stored_batch_gives_back_the_rows_it_was_given():
    importer = Counts(user=None, scope="x")
    staged = pipeline.check_file(importer, "a.csv", ("label;n\n" + "a;1\nb;\n" * 1500).encode())
    store = RowStore(importer, list(staged.table.columns), staged.table.where)
    for row in staged.table.rows:
        store.add(row)
    batch = ImportBatch(data=store.finish(), preview={"keys": store.keys, "where": store.where})
    back = list(stored_rows(importer, batch))
    assert [(r.number, r.values, r.where) for r in back] == [
        (r.number, r.values, r.where) for r in staged.table.rows
    ]


def test_an_upload_streams_into_a_batch(db):
    user = UserFactory()
    upload = SimpleUploadedFile("a.csv", ("label;n\n" + "a;1\n" * 10).encode())
    staged = pipeline.stage(Counts(user=user, scope="x"), upload)
    assert staged.batch.rows == [] and staged.batch.preview["counts"]["new"] == 10
    assert len(load_batch_rows(Counts(user=user, scope="x"), staged.batch)) == 10
