"""Spreadsheet import and export (django-import-export) of a project's indicators and participant
targets, and the shared machinery the funding resources build on.

Every resource is bound to one project and one user: it only finds and writes rows of that project,
only into implementers the user may edit; text cells starting with = + - @ are refused on import and
made harmless on export; Finnish number formats ("348 854,00") and Finnish headers are accepted.
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from config.imports import inert, looks_like_formula
from config.money import euros
from projects.models import Implementer, Indicator, ParticipantTarget, Project


class FinnishDecimalWidget(widgets.DecimalWidget):
    """Accepts 348854, 348854.5, "348 854,50" and "348 854,50 €"; exports numbers as numbers."""

    def __init__(self, **kwargs) -> None:
        super().__init__(coerce_to_string=False, **kwargs)

    def clean(self, value, row=None, **kwargs):
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, float):
            value = repr(value)
        text = str(value).replace("\xa0", "").replace("\u202f", "").replace(" ", "").replace("€", "")
        text = text.replace(",", ".")
        try:
            return euros(Decimal(text))
        except InvalidOperation:
            raise ValueError(_("“%(value)s” is not a number.") % {"value": value}) from None

    def render(self, value, obj=None, **kwargs):
        return value


class ChoiceWidget(widgets.Widget):
    """A choice by its code or its label in any language the portal speaks (case-insensitive)."""

    def __init__(self, choices, aliases: dict[str, str] | None = None) -> None:
        self.choices = choices
        self.aliases = {k.lower(): v for k, v in (aliases or {}).items()}

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip().lower()
        for code, label in self.choices.choices:
            if text in (code, str(label).lower()):
                return code
        if text in self.aliases:
            return self.aliases[text]
        allowed = ", ".join(code for code, _label in self.choices.choices)
        raise ValueError(_("“%(value)s” is not one of: %(allowed)s.") % {"value": value, "allowed": allowed})

    def render(self, value, obj=None, **kwargs):
        return value


class ProjectScopedResource(resources.ModelResource):
    """A resource bound to ``project`` and ``user``; see the module docstring."""

    # Finnish (and other) column names → the resource's own column names.
    HEADER_ALIASES: dict[str, str] = {}
    NUMERIC_COLUMNS: set[str] = set()

    def __init__(self, *, project: Project, user=None) -> None:
        super().__init__()
        self.project = project
        self.user = user

    # --- import ---------------------------------------------------------------------------

    def before_import(self, dataset, **kwargs):
        aliases = {k.lower(): v for k, v in self.HEADER_ALIASES.items()}
        dataset.headers = [
            aliases.get(str(h or "").strip().lower(), str(h or "").strip().lower()) for h in dataset.headers
        ]
        super().before_import(dataset, **kwargs)

    def before_import_row(self, row, **kwargs):
        errors = {}
        for column, value in row.items():
            if looks_like_formula(value, numeric=column in self.NUMERIC_COLUMNS):
                errors[column] = _("Text may not start with = + - or @ (a spreadsheet formula).")
        if errors:
            raise ValidationError(errors)
        super().before_import_row(row, **kwargs)

    def after_init_instance(self, instance, new, row, **kwargs):
        if new and str(row.get("id") or "").strip():
            raise ValidationError(
                {"id": _("No row with this id in this project; leave id empty for a new row.")}
            )
        super().after_init_instance(instance, new, row, **kwargs)

    # --- export ---------------------------------------------------------------------------

    def export_field(self, field, instance, **kwargs):
        return inert(super().export_field(field, instance, **kwargs))


class ImplementerWidget(widgets.Widget):
    """An implementer of the project by its organisation's short name, name or business ID, and
    only one whose figures the user may edit."""

    def __init__(self, resource: ProjectScopedResource) -> None:
        self.resource = resource

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip().lower()
        for implementer in self.resource.implementers:
            organisation = implementer.organisation
            if text and text in {
                organisation.short_name.lower(),
                organisation.name.lower(),
                organisation.business_id.lower(),
            }:
                if implementer.pk not in self.resource.editable_implementer_ids:
                    raise ValueError(_("You may not edit the figures of %(name)s.") % {"name": organisation})
                return implementer
        raise ValueError(_("“%(value)s” does not implement this project.") % {"value": value})

    def render(self, value, obj=None, **kwargs):
        return str(value.organisation) if value else ""


class ImplementerScopedResource(ProjectScopedResource):
    def __init__(self, *, project: Project, user=None) -> None:
        super().__init__(project=project, user=user)
        self.implementers = list(Implementer.objects.filter(project=project).select_related("organisation"))
        editable = Implementer.objects.filter(project=project)
        if user is not None:
            editable = editable.editable_by(user)
        self.editable_implementer_ids = set(editable.values_list("pk", flat=True))
        self.fields["implementer"].widget = ImplementerWidget(self)


class IndicatorResource(ProjectScopedResource):
    HEADER_ALIASES = {
        "tyyppi": "kind",
        "laji": "kind",
        "nimi": "name",
        "indikaattori": "name",
        "yksikkö": "unit",
        "tavoite": "target",
    }
    NUMERIC_COLUMNS = {"target", "id"}

    id = fields.Field(attribute="id", column_name="id", widget=widgets.IntegerWidget(coerce_to_string=False))
    kind = fields.Field(
        attribute="kind",
        column_name="kind",
        widget=ChoiceWidget(
            Indicator.Kind,
            {
                "tuotos": "output",
                "tuotosindikaattori": "output",
                "tulos": "result",
                "tulosindikaattori": "result",
            },
        ),
    )
    name = fields.Field(attribute="name", column_name="name")
    unit = fields.Field(attribute="unit", column_name="unit")
    target = fields.Field(attribute="target", column_name="target", widget=FinnishDecimalWidget())

    class Meta:
        model = Indicator
        fields = ["id", "kind", "name", "unit", "target"]
        import_id_fields = ["id"]
        use_transactions = True
        skip_unchanged = True

    def get_queryset(self):
        return Indicator.objects.filter(project=self.project)

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        instance.project = self.project


class ParticipantTargetResource(ProjectScopedResource):
    HEADER_ALIASES = {
        "vuosi": "year",
        "lukukausi": "semester",
        "kausi": "semester",
        "tavoite": "target",
        "toteuma": "actual",
    }
    NUMERIC_COLUMNS = {"year", "target", "actual", "id"}

    id = fields.Field(attribute="id", column_name="id", widget=widgets.IntegerWidget(coerce_to_string=False))
    year = fields.Field(
        attribute="year", column_name="year", widget=widgets.IntegerWidget(coerce_to_string=False)
    )
    semester = fields.Field(
        attribute="semester",
        column_name="semester",
        widget=ChoiceWidget(
            ParticipantTarget.Semester,
            {"kevät": "spring", "syksy": "autumn", "vår": "spring", "höst": "autumn"},
        ),
    )
    target = fields.Field(
        attribute="target", column_name="target", widget=widgets.IntegerWidget(coerce_to_string=False)
    )
    actual = fields.Field(
        attribute="actual", column_name="actual", widget=widgets.IntegerWidget(coerce_to_string=False)
    )

    class Meta:
        model = ParticipantTarget
        fields = ["id", "year", "semester", "target", "actual"]
        import_id_fields = ["id"]
        use_transactions = True
        skip_unchanged = True

    def get_queryset(self):
        return ParticipantTarget.objects.filter(project=self.project)

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        instance.project = self.project
