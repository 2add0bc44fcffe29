"""Spreadsheet import and export of a project's tables through the one pipeline (config.imports).

``ProjectRowsImporter`` is the shape every project table shares: rows of one project, matched by
``id`` (blank for a new row), unique keys checked before the database sees them, each row saved
through the model (version and history). The funding tables add the implementer check on top.
"""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config.bulk import bulk_write
from config.imports.pipeline import PREVIEW_CHANGES, Change, Column, Importer, Plan, Problem, Row, show
from config.imports.safety import inert
from config.imports.values import norm
from projects.models import Indicator, ParticipantTarget, Project

ID = Column(
    "id", "id", ("tunniste", "rivi", "rad"), kind="int", minimum=Decimal(1), maximum=Decimal(2**31 - 1)
)
YEAR = Column(
    "year", gettext_lazy("year"), ("vuosi", "år"), kind="int", minimum=Decimal(2000), maximum=Decimal(2100)
)
BIG = Decimal("9999999999.99")


def choice_synonyms(choices, aliases: dict[str, str]) -> dict[str, str]:
    """Code, English label, and Finnish/Swedish aliases → code (matched case- and accent-free)."""
    mapping = {code: code for code in choices.values}
    mapping |= {str(label): code for code, label in choices.choices}
    return mapping | aliases


class ProjectRowsImporter(Importer):
    model = None
    fields: list[str] = []  # the model fields a row sets, in column order
    unique: tuple[str, ...] = ()  # fields that are unique within the project
    replace_allowed = True

    def __init__(self, *, user, project: Project, replace: bool = False) -> None:
        super().__init__(user=user, scope=f"project:{project.pk}")
        self.project = project
        self.replace = replace

    def queryset(self):
        return self.model.objects.filter(project=self.project)

    def new_instance(self, row: Row):
        return self.model(project=self.project)

    def describe(self, obj) -> str:
        return str(obj)

    def label_of(self, key: str) -> str:
        return str(next(c.label for c in self.columns if c.key == key))

    def validate(self, rows: list[Row]) -> list[Problem]:
        existing = {obj.pk: obj for obj in self.queryset()}
        self.existing = existing
        problems: list[Problem] = []
        seen_ids: dict[int, int] = {}
        for row in rows:
            pk = row.values.get("id")
            if pk is not None and pk not in existing:
                problems.append(
                    row.problem("id", _("No row with this id in this project; leave id empty for a new row."))
                )
            elif pk is not None and pk in seen_ids:
                problems.append(
                    row.problem("id", _("the same id is already on row %(row)s.") % {"row": seen_ids[pk]})
                )
            if pk is not None:
                seen_ids.setdefault(pk, row.number)
            if pk is None:
                for key in self.required_for_new():
                    if row.values.get(key) in (None, ""):
                        problems.append(
                            row.problem(key, _("a new row needs a value here."))
                            if key in row.where
                            else Problem(
                                _("A new row needs the column %(column)s.") % {"column": self.label_of(key)},
                                row.number,
                            )
                        )
        problems += self.validate_rows(rows, existing)
        if not problems and self.unique:
            problems += self._check_unique(rows, existing)
        return problems

    def required_for_new(self) -> list[str]:
        return [
            f
            for f in self.fields
            if self.model._meta.get_field(f).blank is False and not self.model._meta.get_field(f).null
        ]

    def validate_rows(self, rows, existing) -> list[Problem]:
        return []

    def final_values(self, row: Row, obj) -> dict:
        values = {}
        for name in self.fields:
            if name in row.values and (
                row.values[name] not in (None, "") or obj is None or self.model._meta.get_field(name).blank
            ):
                values[name] = row.values[name]
            elif obj is not None:
                values[name] = getattr(obj, name)
            else:
                values[name] = row.values.get(name)
            if values[name] is None and self.model._meta.get_field(name).get_internal_type() in (
                "CharField",
                "TextField",
            ):
                values[name] = ""
        return values

    def _check_unique(self, rows, existing) -> list[Problem]:
        problems = []
        keys = {}
        in_file = {row.values.get("id") for row in rows}
        for obj in existing.values():
            if obj.pk not in in_file or not self.replace:
                keys[tuple(norm(getattr(obj, f)) for f in self.unique)] = ("db", obj.pk)
        for row in rows:
            obj = existing.get(row.values.get("id"))
            values = self.final_values(row, obj)
            key = tuple(norm(values[f]) for f in self.unique)
            if obj is not None:
                old = tuple(norm(getattr(obj, f)) for f in self.unique)
                if keys.get(old) == ("db", obj.pk):
                    del keys[old]
            other = keys.get(key)
            if other is not None:
                where = _("row %(row)s") % {"row": other[1]} if other[0] == "file" else _("an existing row")
                problems.append(
                    row.problem(
                        self.unique[-1],
                        _("the same %(fields)s as %(where)s.")
                        % {"fields": ", ".join(self.label_of(f) for f in self.unique), "where": where},
                    )
                )
            keys[key] = ("file", row.number)
        return problems

    def plan(self, rows: list[Row]) -> Plan:
        existing = getattr(self, "existing", None) or {obj.pk: obj for obj in self.queryset()}
        plan = Plan(payload=[])
        seen = set()
        described = 0  # changes described field by field: only as many as the preview shows
        labels: dict[str, str] = {}

        def label(name: str) -> str:
            if name not in labels:
                labels[name] = self.label_of(name)
            return labels[name]

        for row in rows:
            obj = existing.get(row.values.get("id"))
            values = self.final_values(row, obj)
            detail = described < PREVIEW_CHANGES
            if obj is None:
                fields = [(label(f), "", show(v)) for f, v in values.items()] if detail else []
                name = self.row_label(values) if detail else ""
                plan.changes.append(Change("new", name, fields, row.number))
                described += 1
            else:
                seen.add(obj.pk)
                differing = [f for f, v in values.items() if getattr(obj, f) != v]
                fields = (
                    [(label(f), show(getattr(obj, f)), show(values[f])) for f in differing] if detail else []
                )
                described += bool(differing)
                action = "changed" if differing else "unchanged"
                plan.changes.append(Change(action, self.describe(obj) if detail else "", fields, row.number))
            plan.payload.append((row, obj, values))
        if self.replace:
            for obj in existing.values():
                if obj.pk not in seen and self.replaces(obj, rows):
                    plan.changes.append(Change("deleted", self.describe(obj)))
                    plan.payload.append((None, obj, None))
        return plan

    def replaces(self, obj, rows: list[Row]) -> bool:
        """In replace mode, whether a row missing from the file is deleted."""
        return True

    def row_label(self, values: dict) -> str:
        return " · ".join(show(v) for v in values.values() if v not in (None, ""))[:120]

    def write(self, plan: Plan) -> None:
        """All rows in a few statements (new, changed, deleted), with history and version bumps."""
        new, changed, deleted, fields = [], [], [], set()
        relations = [f.name for f in self.model._meta.concrete_fields if f.is_relation]
        for row, obj, values in plan.payload:
            self.current_row = row.number if row else None
            if values is None:
                deleted.append(obj)
                continue
            if obj is None:
                obj = self.new_instance(row)
                new.append(obj)
            else:
                differing = [f for f, v in values.items() if getattr(obj, f) != v]
                if not differing:
                    continue
                fields.update(differing)
                changed.append(obj)
            for name, value in values.items():
                setattr(obj, name, value)
            # The relations were resolved against this project's rows in ``validate``; asking the
            # database again for each row is what made a 10 000-line file slow.
            obj.full_clean(exclude=relations, validate_unique=False, validate_constraints=False)
        self.current_row = None
        bulk_write(self.model, user=self.user, new=new, changed=changed, fields=fields, deleted=deleted)

    # --- export ----------------------------------------------------------------------------------

    def export_rows(self) -> tuple[list[str], list[list]]:
        headers = [c.key for c in self.columns]
        rows = [[inert(self.export_value(obj, c.key)) for c in self.columns] for obj in self.queryset()]
        return headers, rows

    def export_value(self, obj, key):
        return getattr(obj, key)


class IndicatorImporter(ProjectRowsImporter):
    kind = "projects.indicators"
    model = Indicator
    fields = ["kind", "name", "unit", "target"]
    unique = ("name",)
    columns = [
        ID,
        Column(
            "kind",
            gettext_lazy("kind"),
            ("tyyppi", "laji", "typ"),
            kind="choice",
            choices=choice_synonyms(
                Indicator.Kind,
                {
                    "tuotos": "output",
                    "tuotosindikaattori": "output",
                    "tulos": "result",
                    "tulosindikaattori": "result",
                    "prestation": "output",
                    "resultat": "result",
                },
            ),
        ),
        Column("name", gettext_lazy("name"), ("nimi", "indikaattori", "namn"), max_length=300),
        Column("unit", gettext_lazy("unit"), ("yksikkö", "enhet"), max_length=40),
        Column(
            "target",
            gettext_lazy("target"),
            ("tavoite", "mål"),
            kind="decimal",
            minimum=Decimal(0),
            maximum=BIG,
        ),
    ]


class ParticipantTargetImporter(ProjectRowsImporter):
    kind = "projects.participant-targets"
    model = ParticipantTarget
    fields = ["year", "semester", "target", "actual"]
    unique = ("year", "semester")
    columns = [
        ID,
        YEAR,
        Column(
            "semester",
            gettext_lazy("semester"),
            ("lukukausi", "kausi", "termin"),
            kind="choice",
            choices=choice_synonyms(
                ParticipantTarget.Semester,
                {"kevät": "spring", "syksy": "autumn", "vår": "spring", "höst": "autumn", "kevat": "spring"},
            ),
        ),
        Column(
            "target",
            gettext_lazy("target"),
            ("tavoite", "mål"),
            kind="int",
            minimum=Decimal(0),
            maximum=Decimal(2**31 - 1),
        ),
        Column(
            "actual",
            gettext_lazy("actual"),
            ("toteuma", "utfall"),
            kind="int",
            minimum=Decimal(0),
            maximum=Decimal(2**31 - 1),
        ),
    ]
