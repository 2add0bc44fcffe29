from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory, modelformset_factory
from django.utils.translation import gettext_lazy as _

from config.forms import LongSelect, VersionedModelForm, check_date_order
from governance.models import Organisation
from projects.models import (
    Call,
    Implementer,
    Indicator,
    IndicatorValue,
    Measure,
    ParticipantTarget,
    Programme,
    Project,
    StaffResource,
    WorkPackage,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LocalizedNumbersMixin:
    """Decimal fields accept and show the Finnish way: "348 854,50" (decimal comma); empty choices
    read "– choose –" in the user's language."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField) and field.empty_label is not None:
                field.empty_label = _("– choose –")
                continue
            choices = getattr(field, "choices", None)
            if isinstance(field, forms.TypedChoiceField) and choices and choices[0][0] == "":
                field.choices = [("", _("– choose –")), *choices[1:]]
            if isinstance(field, forms.DecimalField):
                field.localize = True
                field.widget = forms.TextInput(attrs={"inputmode": "decimal", "class": "num-input"})
                field.widget.is_localized = True


class ProjectFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("status"), required=False, choices=[("", _("all"))] + Project.Status.choices
    )
    programme = forms.ModelChoiceField(
        label=_("programme"), required=False, queryset=Programme.objects.all(), empty_label=_("all")
    )
    organisation = forms.ModelChoiceField(
        label=_("organisation"),
        required=False,
        queryset=Organisation.objects.none(),
        empty_label=_("all"),
        widget=LongSelect,
    )

    def __init__(self, *args, projects=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Only the organisations of projects the user may see: the filter names no one else's partners.
        # Only what the option shows (``Organisation.__str__``): a partner of many national projects
        # sees hundreds of them here.
        self.fields["organisation"].queryset = (
            Organisation.objects.filter(
                implementations__project__in=projects if projects is not None else Project.objects.none()
            )
            .only("pk", "name", "short_name")
            .distinct()
        )


class ProjectForm(VersionedModelForm):
    class Meta:
        model = Project
        fields = [
            "name",
            "acronym",
            "application_number",
            "application_received",
            "register_number",
            "group_code",
            "call",
            "start_date",
            "end_date",
            "scope",
            "background",
            "goals",
            "target_groups",
            "budget_note",
            "regions",
            "municipalities",
        ]
        widgets = {
            "application_received": DATE,
            "start_date": DATE,
            "end_date": DATE,
            "regions": forms.CheckboxSelectMultiple,
            "municipalities": forms.CheckboxSelectMultiple,
        }

    def clean(self):
        cleaned = super().clean()
        check_date_order(self, "start_date", "end_date")
        return cleaned


class ProjectCreateForm(ProjectForm):
    """A new project: its main implementer is one of the organisations the user coordinates."""

    main_organisation = forms.ModelChoiceField(
        label=_("main implementer"), queryset=Organisation.objects.none()
    )

    class Meta(ProjectForm.Meta):
        fields = [
            "name",
            "acronym",
            "call",
            "start_date",
            "end_date",
            "scope",
            "background",
            "goals",
            "target_groups",
        ]

    def __init__(self, *args, organisations=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["main_organisation"].queryset = (
            organisations if organisations is not None else Organisation.objects.all()
        )
        self.fields["call"].queryset = Call.objects.select_related("priority_axis__programme")
        self.fields["call"].help_text = call_missing_help()


def call_missing_help() -> str:
    """Whom a coordinator asks when their call is not in the list: the administrators, by name."""
    from django.contrib.auth import get_user_model

    admins = (
        get_user_model().objects.filter(is_superuser=True, is_active=True).order_by("last_name", "username")
    )
    names = ", ".join(user.get_full_name() or user.get_username() for user in admins)
    return _("Is your call missing? The administrators add calls: %(names)s.") % {"names": names}


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("new status"), choices=Project.Status.choices)

    def __init__(self, *args, project: Project, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        allowed = set(project.next_statuses())
        self.fields["status"].choices = [(v, label) for v, label in Project.Status.choices if v in allowed]


class ImplementerForm(VersionedModelForm):
    class Meta:
        model = Implementer
        fields = ["organisation", "start_date", "end_date", "role", "description", "budget_note"]
        widgets = {"start_date": DATE, "end_date": DATE}

    def __init__(self, *args, project: Project, **kwargs) -> None:
        self.project = project
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The organisation is who the sub-project is; changing it would be a different sub-project.
            self.fields["organisation"].disabled = True

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        check_date_order(self, "start_date", "end_date")
        if start and end and (start < self.project.start_date or end > self.project.end_date):
            self.add_error(None, _("An implementer's period must lie within the project's period."))
        organisation = cleaned.get("organisation")
        if (
            organisation
            and not self.instance.pk
            and self.project.implementers.filter(organisation=organisation).exists()
        ):
            self.add_error("organisation", _("This organisation already implements the project."))
        return cleaned


class WorkPackageForm(VersionedModelForm):
    class Meta:
        model = WorkPackage
        fields = ["code", "name", "description"]


class MeasureForm(VersionedModelForm):
    class Meta:
        model = Measure
        fields = ["code", "name", "timing", "outputs"]
        widgets = {"outputs": forms.Textarea(attrs={"rows": 2})}


MeasureFormSet = inlineformset_factory(WorkPackage, Measure, form=MeasureForm, extra=2, can_delete=True)


class StaffForm(LocalizedNumbersMixin, VersionedModelForm):
    class Meta:
        model = StaffResource
        fields = ["role_title", "fte_percent", "start_date", "end_date"]
        widgets = {"start_date": DATE, "end_date": DATE}


StaffFormSet = inlineformset_factory(Implementer, StaffResource, form=StaffForm, extra=2, can_delete=True)


class DistinctRowsFormSet(BaseInlineFormSet):
    """Rows of a project whose ``distinct`` fields (e.g. implementer and name) must differ from row
    to row. Checked here with a message, because the database's partial unique constraints (one
    per "whole project" and "per implementer") are not seen by the formset's own check."""

    distinct: tuple[str, ...] = ()
    message = ""

    def clean(self) -> None:
        super().clean()
        seen = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not form.has_changed() and not form.instance.pk:
                continue
            key = tuple(data.get(name) for name in self.distinct)
            if key in seen:
                form.add_error(None, self.message)
            seen.add(key)


class IndicatorForm(LocalizedNumbersMixin, VersionedModelForm):
    class Meta:
        model = Indicator
        fields = ["implementer", "kind", "name", "unit", "target"]

    def __init__(self, *args, project: Project, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["implementer"].queryset = project.implementers.select_related("organisation")
        self.fields["implementer"].label_from_instance = lambda implementer: implementer.organisation.name
        self.fields["implementer"].empty_label = _("whole project")


class IndicatorRowsFormSet(DistinctRowsFormSet):
    distinct = ("implementer", "name")
    message = _("The same indicator is already on another row (implementer and name).")


IndicatorFormSet = inlineformset_factory(
    Project, Indicator, form=IndicatorForm, formset=IndicatorRowsFormSet, extra=2, can_delete=True
)


class IndicatorValueForm(LocalizedNumbersMixin, VersionedModelForm):
    class Meta:
        model = IndicatorValue
        fields = ["indicator", "period", "value"]

    def __init__(self, *args, project: Project, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.filter(project=project)


IndicatorValueFormSet = modelformset_factory(
    IndicatorValue, form=IndicatorValueForm, extra=3, can_delete=True
)


class ParticipantTargetForm(VersionedModelForm):
    class Meta:
        model = ParticipantTarget
        fields = ["work_package", "year", "semester", "target", "actual"]

    def __init__(self, *args, project: Project, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        packages = WorkPackage.objects.filter(implementer__project=project).select_related(
            "implementer__organisation"
        )
        self.fields["work_package"].queryset = packages
        self.fields["work_package"].label_from_instance = lambda package: (
            f"{package} ({package.implementer.organisation.name})"
        )
        self.fields["work_package"].empty_label = _("whole project")


class ParticipantTargetRowsFormSet(DistinctRowsFormSet):
    distinct = ("work_package", "year", "semester")
    message = _("This work package already has a target for this semester on another row.")


ParticipantTargetFormSet = inlineformset_factory(
    Project,
    ParticipantTarget,
    form=ParticipantTargetForm,
    formset=ParticipantTargetRowsFormSet,
    extra=2,
    can_delete=True,
)


CURRENT = "current"


class VersionCompareForm(forms.Form):
    """Two plan versions to compare, or a version and the plan as it is now."""

    old = forms.ChoiceField(label=_("Compare"))
    new = forms.ChoiceField(label=_("with"))

    def __init__(self, *args, numbers: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(n), _("version %(number)s") % {"number": n}) for n in numbers]
        self.fields["old"].choices = choices
        self.fields["new"].choices = [(CURRENT, _("the plan now")), *choices]

    def clean(self) -> dict:
        data = super().clean()
        if data.get("old") and data.get("old") == data.get("new"):
            raise forms.ValidationError(_("Choose two different versions."), code="same")
        return data
