"""Frozen plan versions as data: the plan's tables as shown, and the comparison of two of them.

A version holds the plan as a list of tables, each ``{"key", "title", "columns", "rows"}`` with rows
``{"key", "cells"}`` whose cells are the texts the plan showed (``436 068,00 €``, ``1.9.2020``).
Every app that owns a part of the plan gives its tables through the ``projects.plan_version.tables``
slot (``config.extensions``), so projects freezes the money parts without knowing funding. Rows are
matched by key (a stable identity such as an organisation, a cost category or a row's id), never by
position, so a comparison shows added, removed and changed rows and the cells that changed.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from config.extensions import extensions
from config.templatetags.portal import num, pct
from projects.selectors import implementers_for_plan, indicators_for_plan

SLOT = "projects.plan_version.tables"


def table(key: str, title, columns: Sequence, rows: Iterable[tuple[str, Sequence]]) -> dict:
    """One table of a version: every title, heading and cell as text, as the plan shows it."""
    return {
        "key": key,
        "title": str(title),
        "columns": [str(column) for column in columns],
        "rows": [{"key": str(row_key), "cells": [_text(cell) for cell in cells]} for row_key, cells in rows],
    }


def _text(value) -> str:
    return "" if value is None else str(value)


def date(value) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else ""


def plan_tables(project) -> list[dict]:
    """The tables of the whole plan as of now, in the portal's own language (Finnish): the record
    is the same whatever language its submitter used. ``project`` comes from
    ``Project.objects.for_page()`` so the money parts find its implementers loaded."""
    with translation.override(settings.LANGUAGE_CODE):
        return extensions.data(SLOT, project)


# --- comparison -------------------------------------------------------------------------------

SAME, CHANGED, ADDED, REMOVED = "same", "changed", "added", "removed"


@dataclass
class Cell:
    old: str | None
    new: str | None

    @property
    def changed(self) -> bool:
        return self.old is not None and self.new is not None and self.old != self.new


@dataclass
class RowDiff:
    key: str
    state: str
    cells: list[Cell]


@dataclass
class TableDiff:
    key: str
    title: str
    columns: list[str]
    state: str
    rows: list[RowDiff] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.state != SAME

    @property
    def changes(self) -> int:
        return sum(row.state != SAME for row in self.rows)


def _columns(old: dict | None, new: dict | None) -> list[str]:
    """The new table's columns, then those only the old one had (e.g. a year no longer planned)."""
    columns = list(new["columns"]) if new else []
    for column in old["columns"] if old else []:
        if column not in columns:
            columns.append(column)
    return columns


def _cells(table_: dict | None, row: dict | None, columns: list[str]) -> list[str | None]:
    if row is None:
        return [None] * len(columns)
    by_column = dict(zip(table_["columns"], row["cells"], strict=False))
    return [by_column.get(column, "") for column in columns]


def _compare_table(old: dict | None, new: dict | None) -> TableDiff:
    columns = _columns(old, new)
    old_rows = {row["key"]: row for row in old["rows"]} if old else {}
    new_rows = {row["key"]: row for row in new["rows"]} if new else {}
    rows = []
    # The new order first; rows that are gone follow where they stood relative to the rows kept.
    order = list(new_rows)
    for position, key in enumerate(old_rows):
        if key not in new_rows:
            before = [k for k in list(old_rows)[:position] if k in order]
            order.insert(order.index(before[-1]) + 1 if before else 0, key)
    for key in order:
        old_cells = _cells(old, old_rows.get(key), columns)
        new_cells = _cells(new, new_rows.get(key), columns)
        cells = [Cell(o, n) for o, n in zip(old_cells, new_cells, strict=True)]
        if key not in old_rows:
            state = ADDED
        elif key not in new_rows:
            state = REMOVED
        else:
            state = CHANGED if any(cell.changed for cell in cells) else SAME
        rows.append(RowDiff(key=key, state=state, cells=cells))
    if old is None:
        state = ADDED
    elif new is None:
        state = REMOVED
    else:
        state = CHANGED if any(row.state != SAME for row in rows) else SAME
    title = (new or old)["title"]
    return TableDiff(key=(new or old)["key"], title=title, columns=columns, state=state, rows=rows)


def compare(old: list[dict], new: list[dict]) -> list[TableDiff]:
    """Tables of two versions side by side, matched by key: each row same, changed (with the cells
    that changed), added or removed.

    >>> old = [table("t", "Costs", ["Category", "Total"], [("salaries", ["Salaries", "10"]),
    ...                                                     ("travel", ["Travel", "2"])])]
    >>> new = [table("t", "Costs", ["Category", "Total"], [("salaries", ["Salaries", "12"]),
    ...                                                     ("other", ["Other", "1"])])]
    >>> [(row.key, row.state) for row in compare(old, new)[0].rows]
    [('salaries', 'changed'), ('travel', 'removed'), ('other', 'added')]
    >>> [cell.changed for cell in compare(old, new)[0].rows[0].cells]
    [False, True]
    """
    old_tables = {t["key"]: t for t in old}
    new_tables = {t["key"]: t for t in new}
    keys = list(new_tables) + [key for key in old_tables if key not in new_tables]
    return [_compare_table(old_tables.get(key), new_tables.get(key)) for key in keys]


# --- the tables projects itself gives --------------------------------------------------------


def project_tables(project) -> list[dict]:
    """Basic data, implementers, work packages with their measures, and staff."""
    call = project.call
    period = pgettext("time span", "Period")
    basic = [
        ("name", [_("Name"), project.name]),
        ("acronym", [_("Acronym"), project.acronym]),
        ("programme", [_("Programme"), call.priority_axis.programme]),
        ("priority_axis", [_("Priority axis"), call.priority_axis]),
        ("call", [_("Call"), f"{call} ({_('aid rate')} {pct(call.aid_rate)})"]),
        ("funding_authority", [_("Funding authority"), call.funding_authority or ""]),
        ("application_number", [_("Application number"), project.application_number]),
        ("register_number", [_("Register number (Dnro)"), project.register_number]),
        ("period", [period, f"{date(project.start_date)}–{date(project.end_date)}"]),
        ("scope", [_("National or regional"), project.get_scope_display()]),
        ("background", [_("Background"), project.background]),
        ("goals", [_("Goals"), project.goals]),
        ("target_groups", [_("Target groups"), project.target_groups]),
        ("budget_note", [_("Budget as stated in the plan"), project.budget_note]),
    ]
    implementers = implementers_for_plan(project)
    implementer_rows, package_rows, staff_rows = [], [], []
    for implementer in implementers:
        organisation = implementer.organisation
        role = _("main implementer") if implementer.is_main else _("sub-implementer")
        implementer_rows.append(
            (
                f"organisation-{organisation.pk}",
                [
                    organisation.name,
                    organisation.business_id,
                    role,
                    f"{date(implementer.start_date)}–{date(implementer.end_date)}",
                    implementer.budget_note,
                ],
            )
        )
        for package in implementer.work_packages.all():
            measures = list(package.measures.all()) or [None]
            for measure in measures:
                package_rows.append(
                    (
                        f"package-{package.pk}:measure-{measure.pk if measure else ''}",
                        [
                            organisation.name,
                            f"{package.code} {package.name}",
                            f"{measure.code} {measure.name}" if measure else "",
                            measure.timing if measure else "",
                            "\n".join(measure.output_list()) if measure else "",
                        ],
                    )
                )
        for post in implementer.staff.all():
            staff_rows.append(
                (
                    f"staff-{post.pk}",
                    [
                        organisation.name,
                        post.role_title,
                        num(post.fte_percent),
                        f"{date(post.start_date)}–{date(post.end_date)}",
                        num(post.person_years, 2),
                    ],
                )
            )
    return [
        table("basic", _("Basic data"), [_("Field"), _("Value")], basic),
        table(
            "implementers",
            _("Implementers"),
            [_("Implementer"), _("Business ID"), _("Role"), period, _("Budget as stated in the plan")],
            implementer_rows,
        ),
        table(
            "work_packages",
            _("Work packages and measures"),
            [_("Implementer"), _("Work package"), _("Measure"), _("Timing"), _("Outputs")],
            package_rows,
        ),
        table(
            "staff",
            _("Staff"),
            [_("Implementer"), _("Role"), _("FTE %"), period, _("Person-years")],
            staff_rows,
        ),
    ]


def results_tables(project) -> list[dict]:
    """The project area, indicators and participant targets."""
    area = [(f"region-{region.pk}", [_("Region"), str(region)]) for region in project.regions.all()]
    area += [
        (f"municipality-{m.pk}", [_("Municipality"), f"{m} ({m.code})"]) for m in project.municipalities.all()
    ]
    indicators = [
        (
            f"indicator-{indicator.pk}",
            [
                indicator.name,
                indicator.get_kind_display(),
                indicator.unit,
                num(indicator.target),
                num(indicator.realised()),
            ],
        )
        for indicator in indicators_for_plan(project)
    ]
    targets = [
        (
            f"{row.year}-{row.semester}",
            [
                f"{row.get_semester_display().capitalize()} {row.year}",
                num(row.target),
                num(row.actual) or "–",
            ],
        )
        for row in project.participant_targets.all()
    ]
    return [
        table("area", _("Project area"), [_("Kind"), _("Name")], area),
        table(
            "indicators",
            _("Indicators"),
            [_("Indicator"), _("Kind"), _("Unit"), _("Target"), _("Realised")],
            indicators,
        ),
        table("participants", _("Participant targets"), [_("Semester"), _("Target"), _("Actual")], targets),
    ]
