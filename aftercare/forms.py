"""Forms of the aftercare app: the manager's entry form, reopening, report choices."""

from decimal import Decimal

from django import forms
from django.core.validators import RegexValidator
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from aftercare.calculations import Figures
from aftercare.models import AgeBand, AreaReport, ReportingPeriod, Role
from aftercare.validation import hard_errors, soft_warnings
from config.forms import VersionedModelForm
from governance.models import WellbeingArea

worker_label_validator = RegexValidator(
    r"^[A-ZÅÄÖ0-9]{1,3}$",
    _("Use an anonymous label of one to three capital letters or digits (A, B, C1…), never a name."),
)


class WorkerForm(forms.Form):
    label = forms.CharField(label=_("Worker"), max_length=3, validators=[worker_label_validator])
    # A blank first choice keeps an untouched extra row unchanged, so it is skipped.
    role = forms.ChoiceField(label=_("Role"), choices=[("", "---------"), *Role.choices])
    clients = forms.IntegerField(label=_("Clients"))


WorkerFormSet = forms.formset_factory(WorkerForm, extra=3, can_delete=True, max_num=200)


def worker_rows(formset) -> list[tuple[str, str, int]]:
    """(label, role, clients) of the filled, undeleted rows of a bound, valid worker formset.

    A row counts when it is filled, changed or not: rows pre-filled from the previous period and
    kept as they were are this period's workers too."""
    if not formset.is_bound or not formset.is_valid():
        return []
    return [
        (f.cleaned_data["label"], f.cleaned_data["role"], f.cleaned_data["clients"])
        for f in formset.forms
        if f.cleaned_data.get("label") and not f.cleaned_data.get("DELETE")
    ]


class EntryForm(VersionedModelForm):
    """The figures of one area and one period, with the previous period's figures beside each field.

    Hard errors (negative numbers, age bands that do not add up, worker caseloads above the clients)
    stop saving. Soft warnings (a big change, a role above its norm) are shown but do not stop a
    draft: they are explained with one comment when the figures are submitted (``SubmitForm``).
    """

    class Meta:
        model = AreaReport
        fields = [
            "clients_total",
            "new_clients",
            "ended_clients",
            "neet_clients",
            "other_area_clients",
            "note",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(
        self, *args, bands: list[AgeBand], previous: Figures | None, norms, workers, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.bands, self.previous, self.norms, self.workers = bands, previous, norms, workers
        self.warnings: list[str] = []
        if not self.instance.pk:
            # Version 0: "this page created the report". If another tab creates it first, this one
            # is refused with a conflict instead of overwriting it.
            self.fields["version"].initial = 0
        for name in Figures.COUNT_FIELDS:
            # Negative numbers are reported by the shared checks, in one clear message.
            model_field = AreaReport._meta.get_field(name)
            self.fields[name] = forms.IntegerField(
                label=capfirst(model_field.verbose_name),
                help_text=model_field.help_text,
                required=name == "clients_total",
            )
            if not self.instance.pk:
                self.initial.pop(name, None)  # a new report starts empty, not with zeros
        current = Figures.from_report(self.instance) if self.instance.pk else Figures()
        for band in bands:
            self.fields[f"age_{band.pk}"] = forms.IntegerField(
                label=_("Age %(band)s") % {"band": band.label},
                required=False,
                initial=current.age_bands.get(band.label),
            )
        for role, role_label in Role.choices:
            filled, vacant = current.staffing.get(role, (None, None))
            self.fields[f"fte_filled_{role}"] = forms.DecimalField(
                label=_("%(role)s, FTE filled") % {"role": str(role_label).capitalize()},
                required=False,
                max_digits=6,
                decimal_places=2,
                initial=filled,
                localize=True,
            )
            self.fields[f"fte_vacant_{role}"] = forms.DecimalField(
                label=_("%(role)s, FTE vacant") % {"role": str(role_label).capitalize()},
                required=False,
                max_digits=6,
                decimal_places=2,
                initial=vacant,
                localize=True,
            )

    # --- rows for the template: (bound field, previous period's value) ---------------------------

    def count_rows(self):
        prev = self.previous
        return [(self[name], getattr(prev, name) if prev else None) for name in Figures.COUNT_FIELDS]

    def band_rows(self):
        prev = self.previous.age_bands if self.previous else {}
        return [(self[f"age_{band.pk}"], prev.get(band.label)) for band in self.bands]

    def staffing_rows(self):
        prev = self.previous.staffing if self.previous else {}
        return [
            (label, self[f"fte_filled_{role}"], self[f"fte_vacant_{role}"], prev.get(role, (None, None)))
            for role, label in Role.choices
        ]

    # --- checks ----------------------------------------------------------------------------------

    def figures(self) -> Figures:
        data = self.cleaned_data
        staffing = {}
        for role in Role.values:
            filled, vacant = data.get(f"fte_filled_{role}"), data.get(f"fte_vacant_{role}")
            if filled is not None or vacant is not None:
                staffing[role] = (filled or Decimal(0), vacant or Decimal(0))
        return Figures(
            **{name: data.get(name) for name in Figures.COUNT_FIELDS},
            age_bands={band.label: data.get(f"age_{band.pk}") for band in self.bands},
            staffing=staffing,
            workers=self.workers,
        )

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        figures = self.figures()
        for problem in hard_errors(figures):
            self.add_error(self._field_for(problem.field), problem.message)
        if self.errors:
            return cleaned
        self.warnings = soft_warnings(figures, previous=self.previous, norms=self.norms)
        return cleaned

    def _field_for(self, name: str) -> str | None:
        if name in Figures.COUNT_FIELDS:
            return name
        if name.startswith("staffing:"):
            return f"fte_filled_{name.split(':', 1)[1]}"
        return None


class SubmitForm(forms.Form):
    """Submitting figures that have warnings: one comment explains them all."""

    comment = forms.CharField(
        label=_("Comment on the warnings"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why are the figures right despite the warnings? The comment is kept with the figures."),
    )

    def __init__(self, *args, warnings: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.warnings = warnings

    def clean_comment(self) -> str:
        comment = self.cleaned_data["comment"].strip()
        if self.warnings and not comment:
            raise forms.ValidationError(_("Explain the warnings in a comment to submit the figures."))
        return comment


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("Reason for reopening"), widget=forms.Textarea(attrs={"rows": 3}))


class ReportChoiceForm(forms.Form):
    """Which areas and periods a caseload report (PDF, meeting section) shows."""

    areas = forms.ModelMultipleChoiceField(
        label=_("Wellbeing areas"),
        queryset=WellbeingArea.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    periods = forms.ModelMultipleChoiceField(
        label=_("Periods"),
        queryset=ReportingPeriod.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
