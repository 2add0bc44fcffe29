"""The shape every project table's import shares, through the one pipeline (config.imports).

``ProjectRowsImporter``: rows of one project, matched by ``id`` (blank for a new row), unique keys
checked before the database sees them, written all at once with version and history.
``OwnedRowsImporter`` adds the implementer check: every row belongs to an implementer (directly, or
through its work package or indicator) or to the whole project, and is written only by whoever may
edit that part. ``ChildRowsImporter``: rows under a work package or an indicator found by its code
or name. The importers of the projects' and the funding tables (``projects.resources``,
``funding.resources``) are made of these.
"""

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config.bulk import bulk_write, insert_rows
from config.imports.importer import (
    MEMO_SIZE,
    PREVIEW_CHANGES,
    Change,
    Column,
    Importer,
    Plan,
    Problem,
    Row,
    show,
)
from config.imports.safety import inert
from config.imports.values import norm
from governance.permissions import coordinated_organisation_ids
from projects.models import (
    Implementer,
    Project,
)

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
    offers_mapping = True
    # New rows written as plain values (COPY), each value checked by its model field as
    # ``full_clean`` would, without a model instance per row: only for a model whose ``clean``
    # checks nothing that the importer's ``validate_rows`` does not (say so where it is set).
    plain_new_rows = False

    def __init__(self, *, user, project: Project, replace: bool = False) -> None:
        super().__init__(user=user, scope=f"project:{project.pk}")
        self.project = project
        self.replace = replace

    @property
    def profile_owner(self) -> str:
        """Mappings belong to the user's implementer organisation (the main one first): its
        coordinators share them. Administrators map a file for that file only."""
        coordinated = coordinated_organisation_ids(self.user)
        ours = sorted(
            (i for i in self.project.implementers.all() if i.organisation_id in coordinated),
            key=lambda i: not i.is_main,
        )
        return f"organisation:{ours[0].organisation_id}" if ours else ""

    def owner_name(self) -> str:
        """The organisation whose profile keeps the user's answers on the mapping page."""
        owner = self.profile_owner
        found = next(
            (i for i in self.project.implementers.all() if owner == f"organisation:{i.organisation_id}"),
            None,
        )
        return str(found.organisation.short_name or found.organisation) if found else ""

    def label_choices(self, key: str) -> list[tuple[str, str]]:
        """A choice column's values, named as the model names them in the user's language."""
        if key not in self.fields or not self.model._meta.get_field(key).choices:
            return super().label_choices(key)
        return [(code, str(name)) for code, name in self.model._meta.get_field(key).choices]

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
        required = self.required_for_new()
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
                for key in required:
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
        given = row.values
        for name, blank, text in self._field_kinds():
            if name in given and (given[name] not in (None, "") or obj is None or blank):
                values[name] = given[name]
            elif obj is not None:
                values[name] = getattr(obj, name)
            else:
                values[name] = given.get(name)
            if values[name] is None and text:
                values[name] = ""
        return values

    def _field_kinds(self) -> list[tuple[str, bool, bool]]:
        """(name, may be blank, is text) of each of ``fields``, worked out once per import."""
        kinds = self.__dict__.get("_kinds")
        if kinds is None:
            get = self.model._meta.get_field
            kinds = self._kinds = [
                (name, get(name).blank, get(name).get_internal_type() in ("CharField", "TextField"))
                for name in self.fields
            ]
        return kinds

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
                fields = [(label(f), "", self.show(f, v)) for f, v in values.items()] if detail else []
                name = self.row_label(values) if detail else ""
                plan.changes.append(Change("new", name, fields, row.number))
                described += 1
            else:
                seen.add(obj.pk)
                differing = [f for f, v in values.items() if getattr(obj, f) != v]
                fields = (
                    [(label(f), self.show(f, getattr(obj, f)), self.show(f, values[f])) for f in differing]
                    if detail
                    else []
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
        return " · ".join(self.show(f, v) for f, v in values.items() if v not in (None, ""))[:120]

    def show(self, name: str, value) -> str:
        """A value as the preview shows it: a year as a year (2021, not 2 021), a choice by its
        name in the user's language (palkat, not salaries)."""
        if name == "year" and value is not None:
            return str(value)
        if name in self.fields and self.model._meta.get_field(name).choices and value:
            return str(dict(self.model._meta.get_field(name).flatchoices).get(value, value))
        return show(value)

    def write(self, plan: Plan) -> None:
        """All rows in a few statements (new, changed, deleted), with history and version bumps."""
        new, changed, deleted, fields, plain = [], [], [], set(), []
        relations = [f.name for f in self.model._meta.concrete_fields if f.is_relation]
        check = self.plain_check() if self.plain_new_rows else None
        names = None
        for row, obj, values in plan.payload:
            self.current_row = row.number if row else None
            if values is None:
                deleted.append(obj)
                continue
            if obj is None and check is not None:
                names = names or list(values)
                plain.append(check(values))
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
        if plain:
            extra = self.plain_extra()
            insert_rows(self.model, [*names, *extra], [(*r, *extra.values()) for r in plain], user=self.user)

    def plain_extra(self) -> dict:
        """What ``new_instance`` gives every new row, as attnames and values."""
        has_project = any(f.name == "project" for f in self.model._meta.concrete_fields)
        return {"project_id": self.project.pk} if has_project else {}

    def plain_check(self):
        """A function of a new row's final values → their cleaned values as a tuple, raising the
        ``ValidationError`` ``full_clean`` would (the same messages, by field), without an
        instance: each field's ``clean`` as ``clean_fields`` runs it (relations were resolved in
        ``validate``; blank values of fields that may be blank are not checked), each distinct
        value once."""
        meta = self.model._meta
        checked: dict[tuple, Any] = {}
        fields: dict[str, Any] = {}

        def check(values: dict) -> tuple:
            cleaned, errors = [], {}
            for name, value in values.items():
                field = fields.get(name)
                if field is None:
                    field = fields[name] = meta.get_field(name)
                if field.is_relation or field.blank and value in field.empty_values:
                    cleaned.append(value)
                    continue
                key = (name, value.__class__, str(value) if isinstance(value, Decimal) else value)
                try:
                    found = checked.get(key)
                except TypeError:  # not hashable: checked each time
                    key, found = None, None
                if found is None:
                    try:
                        found = (field.clean(value, None), None)
                    except ValidationError as error:
                        found = (None, error.error_list)
                    if key is not None and len(checked) < MEMO_SIZE:
                        checked[key] = found
                if found[1] is not None:
                    errors[field.name] = found[1]
                cleaned.append(found[0])
            if errors:
                raise ValidationError(errors)
            return tuple(cleaned)

        return check

    # --- export ----------------------------------------------------------------------------------

    def export_rows(self) -> tuple[list[str], list[list]]:
        headers = [c.key for c in self.columns]
        rows = [[inert(self.export_value(obj, c.key)) for c in self.columns] for obj in self.queryset()]
        return headers, rows

    def export_value(self, obj, key):
        return getattr(obj, key)


IMPLEMENTER = Column(
    "implementer", gettext_lazy("implementer"), ("toteuttaja", "osatoteuttaja", "genomförare", "organisaatio")
)
WORK_PACKAGE = Column(
    "work_package", gettext_lazy("work package"), ("työpaketti", "tp", "arbetspaket"), max_length=10
)


class OwnedRowsImporter(ProjectRowsImporter):
    """Rows that belong to one implementer of the project: directly (``parent = "implementer"``) or
    through their work package or indicator. Every row, new or existing, passes the form's
    permission on its current and its new implementer, so a sub-implementer's coordinator can
    neither change, nor take over, nor hand over another implementer's rows. With
    ``shared_allowed`` a row may belong to the whole project (no implementer): only whoever changes
    the project's shared data (the main implementer's coordinators) writes those."""

    parent = "implementer"  # the foreign key a row sets; not in ``fields``
    shared_allowed = False

    # --- what the subclasses say ------------------------------------------------------------------

    def parents(self) -> dict:
        """The project's possible parents by pk (work packages, indicators …)."""
        return self.implementers

    def owner_of(self, parent_pk) -> int | None:
        """The implementer a parent belongs to (None: the whole project)."""
        if parent_pk is None:
            return None
        parent = self.parents()[parent_pk]
        return parent.pk if self.parent == "implementer" else parent.implementer_id

    def find_parent(self, row: Row, named, current) -> tuple[Any, Problem | None]:
        """(parent pk or None, problem) from the row's cells; ``named``: the implementer the row
        names, if any; ``current``: the row's existing record, if any."""
        if named is not None:
            return named.pk, None
        if current is not None or self.shared_allowed:
            return getattr(current, f"{self.parent}_id", None), None
        if "implementer" in row.where:
            return None, row.problem("implementer", _("Name the implementer of a new row."))
        return None, Problem(
            _("A new row needs the column %(column)s.") % {"column": IMPLEMENTER.label}, row.number
        )

    def parent_label(self, parent) -> str:
        return str(parent)

    # --- shared steps ---------------------------------------------------------------------------

    def queryset(self):
        if self.parent == "implementer":
            related = "implementer__organisation"
            rows = self.model.objects.filter(implementer__project=self.project)
        else:
            related = f"{self.parent}__implementer__organisation"
            rows = self.model.objects.filter(**{f"{self.parent}__in": list(self.parents())})
        if self.shared_allowed:
            rows = self.model.objects.filter(project=self.project)
        return rows.select_related(related)

    def new_instance(self, row: Row):
        has_project = any(f.name == "project" for f in self.model._meta.concrete_fields)
        return self.model(project=self.project) if has_project else self.model()

    @property
    def implementers(self) -> dict:
        if not hasattr(self, "_implementers"):
            found = Implementer.objects.filter(project=self.project).select_related("organisation")
            self._implementers = {i.pk: i for i in found}
        return self._implementers

    def writable(self) -> tuple[set, bool]:
        """(implementers whose rows the user may write, whether also the project's shared rows)."""
        if not hasattr(self, "_writable"):
            editable = set(
                Implementer.objects.filter(project=self.project)
                .editable_by(self.user)
                .values_list("pk", flat=True)
            )
            shared = self.user.has_perm("projects.change_project", self.project)
            self._writable = (editable, shared)
        return self._writable

    def may_write(self, owner: int | None) -> bool:
        editable, shared = self.writable()
        return owner in editable if owner is not None else shared

    def _refusal(self, owner: int | None) -> str:
        if owner is None:
            return _("Only the main implementer's coordinators edit the rows of the whole project.")
        organisation = self.implementers[owner].organisation
        return _("You may not edit the figures of %(name)s.") % {"name": organisation}

    def validate_rows(self, rows, existing) -> list[Problem]:
        by_name = {}
        for implementer in self.implementers.values():
            organisation = implementer.organisation
            for name in (organisation.short_name, organisation.name, organisation.business_id):
                if norm(name):
                    by_name.setdefault(norm(name), implementer)
        problems = []
        for row in rows:
            current = existing.get(row.values.get("id"))
            text = row.values.get("implementer") or ""
            named = by_name.get(norm(text)) if text else None
            if text and named is None:
                problems.append(
                    row.problem(
                        "implementer", _("“%(value)s” does not implement this project.") % {"value": text}
                    )
                )
                continue
            if current is not None:
                owner = self.owner_of(getattr(current, f"{self.parent}_id"))
                if not self.may_write(owner):
                    key = "id" if "id" in row.where else "implementer"
                    problems.append(row.problem(key, self._refusal(owner)))
                    continue
            parent, problem = self.find_parent(row, named, current)
            if problem is not None:
                problems.append(problem)
                continue
            owner = self.owner_of(parent)
            if not self.may_write(owner):
                key = self.parent if self.parent in row.where else "implementer"
                problems.append(row.problem(key, self._refusal(owner)))
                continue
            row.values["_parent"] = parent
            row.values["_owner"] = owner
        return problems

    def final_values(self, row: Row, obj) -> dict:
        values = super().final_values(row, obj)
        values[f"{self.parent}_id"] = row.values["_parent"]
        return values

    def label_of(self, key: str) -> str:
        if key == f"{self.parent}_id":  # named as the file names it: its column's heading
            column = next((c for c in self.columns if c.key == self.parent), None)
            return str(column.label if column else self.model._meta.get_field(self.parent).verbose_name)
        return super().label_of(key)

    def row_label(self, values: dict) -> str:
        parent = self.parents().get(values.get(f"{self.parent}_id"))
        named = {**values, f"{self.parent}_id": self.parent_label(parent) if parent else None}
        return super().row_label(named)

    def plan(self, rows):
        self.__dict__.pop("_in_file", None)
        # The preview shows parents by name, not by the id the plan compares.
        names = {show(pk): self.parent_label(parent) for pk, parent in self.parents().items()}
        heading = self.label_of(f"{self.parent}_id")
        plan = super().plan(rows)
        for change in plan.changes:
            change.fields = [
                (h, names.get(o, o), names.get(n, n)) if h == heading else (h, o, n)
                for h, o, n in change.fields
            ]
        return plan

    def replaces(self, obj, rows) -> bool:
        """Replace mode deletes only rows of the implementers the file is about: a
        sub-implementer's coordinator replaces their own part and no one else's."""
        if not hasattr(self, "_in_file"):
            self._in_file = {row.values.get("_owner", -1) for row in rows}
        return self.owner_of(getattr(obj, f"{self.parent}_id")) in self._in_file

    def export_rows(self):
        """The rows the user may edit (their own part), or all of them for a reader who may edit
        none; each names its implementer and parent as the import reads them back."""
        headers = [c.key for c in self.columns]
        editable, shared = self.writable()
        rows = []
        for obj in self.queryset():
            owner = self.owner_of(getattr(obj, f"{self.parent}_id"))
            if (editable or shared) and not self.may_write(owner):
                continue
            rows.append([inert(self.export_value(obj, c.key, owner)) for c in self.columns])
        return headers, rows

    def export_value(self, obj, key, owner=None):
        if key == "implementer":
            implementer = self.implementers.get(owner)
            return str(implementer.organisation.short_name or implementer.organisation) if implementer else ""
        if key == self.parent:
            parent = getattr(obj, key)
            return self.parent_code(parent) if parent is not None else ""
        return getattr(obj, key)

    def parent_code(self, parent) -> str:
        return str(parent)


class ChildRowsImporter(OwnedRowsImporter):
    """Rows under a work package or an indicator, found by its code or name in the row's own column
    (within the implementer the row names, when two implementers use the same)."""

    parent_column: Column

    def parents(self) -> dict:
        if not hasattr(self, "_parents"):
            self._parents = {p.pk: p for p in self.parent_queryset()}
        return self._parents

    def parent_queryset(self):
        raise NotImplementedError

    def find_parent(self, row: Row, named, current):
        key = self.parent_column.key
        text = row.values.get(key) or ""
        if not text:
            if current is not None:
                return getattr(current, f"{self.parent}_id"), None
            if self.shared_allowed and named is None:
                return None, None
            if key in row.where:
                return None, row.problem(key, _("a new row needs a value here."))
            return None, Problem(
                _("A new row needs the column %(column)s.") % {"column": self.parent_column.label}, row.number
            )
        found = [
            p
            for p in self.parents().values()
            if norm(self.parent_code(p)) == norm(text) and (named is None or p.implementer_id == named.pk)
        ]
        if not found:
            return None, row.problem(key, _("“%(value)s” is not in this project.") % {"value": text})
        if len(found) > 1:
            # The same name in several implementers' plans: the user's own, if only one is theirs.
            found = [p for p in found if self.may_write(self.owner_of(p.pk))] or found
        if len(found) > 1:
            return None, row.problem(
                key,
                _("“%(value)s” is in the plan of several implementers: name the implementer.")
                % {"value": text},
            )
        return found[0].pk, None
