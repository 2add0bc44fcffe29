"""Forms of the meeting editor."""

import datetime

from django import forms
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _

from config.forms import VersionedModelForm, check_date_order
from config.sections import registry
from governance.models import (
    AgendaSection,
    Attendance,
    Meeting,
    Membership,
    MinutesCorrection,
    Organisation,
    Person,
    Term,
    WellbeingArea,
)

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class MeetingForm(VersionedModelForm):
    class Meta:
        model = Meeting
        fields = ["term", "number", "title", "kind", "starts_at", "ends_at", "place", "online"]
        widgets = {
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
            "ends_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
        }

    template = forms.ModelChoiceField(
        label=_("Agenda template"),
        queryset=Meeting.objects.none(),
        required=False,
        help_text=_(
            "Start from the sections of an earlier meeting: titles, presentations and proposals, "
            "numbered anew (no decisions)."
        ),
    )

    def __init__(self, *args, group, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.group = group
        self.fields["term"].queryset = Term.objects.filter(group=group)
        if self.instance.pk:
            del self.fields["template"]
        else:
            self.fields["template"].queryset = Meeting.objects.filter(
                group=group, sections__isnull=False
            ).distinct()
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = [DATETIME_FORMAT, "%Y-%m-%d %H:%M"]

    def _get_validation_exclusions(self):
        # The group and year are not on the form but take part in "one number per group and year":
        # check it here, so a clash is a form error rather than an IntegrityError.
        return super()._get_validation_exclusions() - {"group", "year"}


class SectionForm(VersionedModelForm):
    class Meta:
        model = AgendaSection
        fields = ["number", "title", "presentation", "proposal", "decision", "decision_type"]

    def __init__(self, *args, meeting, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.meeting = meeting

    def _get_validation_exclusions(self):
        return super()._get_validation_exclusions() - {"meeting"}


class EmbedChooseForm(forms.Form):
    section_key = forms.ChoiceField(label=_("Report section"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section_key"].choices = registry.choices()


def _primitive(value):
    """A cleaned value as JSON: objects by primary key, dates in ISO form (valid in every
    language's input formats), numbers as exact strings."""
    if isinstance(value, Model):
        return str(value.pk)
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, bool) or value is None:
        return value if value is not None else ""
    if isinstance(value, QuerySet | list | tuple):
        return [_primitive(item) for item in value]
    return str(value)


def params_to_json(form: forms.Form) -> dict:
    """The cleaned values of a section's params form as JSON primitives (what ``form.data`` would
    hold), so the section's own form can validate them again whenever the report is shown."""
    return {name: _primitive(form.cleaned_data.get(name)) for name in form.fields}


class AttendanceForm(forms.Form):
    """One attendance choice per membership of the meeting's term."""

    def __init__(self, *args, meeting: Meeting, memberships, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        current = {a.person_id: a for a in meeting.attendances.all()}
        self.memberships = list(memberships)
        for membership in self.memberships:
            attendance = current.get(membership.person_id)
            self.fields[f"m{membership.pk}"] = forms.ChoiceField(
                label=f"{membership.person} ({membership.get_role_display()})",
                choices=[("", _("not recorded")), *Attendance.Status.choices],
                required=False,
                initial=attendance.status if attendance else "",
            )

    def statuses(self) -> dict[int, str]:
        return {
            m.pk: self.cleaned_data[f"m{m.pk}"] for m in self.memberships if self.cleaned_data[f"m{m.pk}"]
        }


class CorrectionForm(forms.Form):
    section = forms.ModelChoiceField(label=_("Section"), queryset=AgendaSection.objects.none())
    field = forms.ChoiceField(label=_("Corrected field"), choices=MinutesCorrection.Field.choices)
    corrected_text = forms.CharField(label=_("Corrected text"), widget=forms.Textarea)
    reason = forms.CharField(label=_("Reason for the correction"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, meeting: Meeting, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = meeting.sections.all()


class CheckersForm(forms.Form):
    """The two minutes checkers, chosen from the people recorded present."""

    first = forms.ModelChoiceField(label=_("First minutes checker"), queryset=None)
    second = forms.ModelChoiceField(label=_("Second minutes checker"), queryset=None)

    def __init__(self, *args, meeting: Meeting, **kwargs) -> None:
        from governance.models import Person

        current = list(meeting.checks.values_list("person_id", flat=True))
        kwargs.setdefault("initial", dict(zip(["first", "second"], current, strict=False)))
        super().__init__(*args, **kwargs)
        present = Person.objects.filter(
            attendances__meeting=meeting, attendances__status__in=Attendance.PRESENT_STATUSES
        ).order_by("last_name", "first_name")
        for name in ("first", "second"):
            self.fields[name].queryset = present

    def clean(self):
        data = super().clean()
        if data.get("first") and data.get("first") == data.get("second"):
            raise forms.ValidationError(_("Choose two different people."))
        return data

    def person_ids(self) -> list[int]:
        return [self.cleaned_data["first"].pk, self.cleaned_data["second"].pk]


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    confidential = forms.BooleanField(
        label=_("Confidential"),
        required=False,
        help_text=_(
            "Only the group's members and the meeting's preparers can open it; the PDF names it "
            "only as a confidential attachment."
        ),
    )
    file = forms.FileField(label=_("File"), help_text=_("PDF, DOCX, XLSX, ODT, PNG or JPEG, at most 20 MB."))


class TermForm(VersionedModelForm):
    class Meta:
        model = Term
        fields = ["start_year", "end_year"]

    def __init__(self, *args, group, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.group = group
        for name in ("start_year", "end_year"):
            self.fields[name].min_value = 1990
            self.fields[name].max_value = 2100
            self.fields[name].widget.attrs.update({"min": 1990, "max": 2100})

    def _get_validation_exclusions(self):
        # "One term per group and first year" involves the group, which is not on the form.
        return super()._get_validation_exclusions() - {"group"}


class MembershipForm(VersionedModelForm):
    """A membership of a term: an existing person, or a new one named here."""

    new_first_name = forms.CharField(label=_("First name"), max_length=100, required=False)
    new_last_name = forms.CharField(label=_("Last name"), max_length=100, required=False)
    new_title = forms.CharField(label=_("Job title"), max_length=200, required=False)
    new_organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.all(), required=False
    )

    class Meta:
        model = Membership
        fields = [
            "person",
            "role",
            "deputy_of",
            "represents_organisation",
            "represents_region",
            "start",
            "end",
        ]
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}),
            "end": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, term: Term, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.term = term
        self.fields["person"].required = False
        self.fields["person"].help_text = _(
            "Choose someone already in the portal, or name a new person below."
        )
        self.fields["person"].queryset = Person.objects.select_related("organisation")
        others = Membership.objects.filter(term=term).select_related("person").exclude(pk=self.instance.pk)
        self.fields["deputy_of"].queryset = others.exclude(role=Membership.Role.DEPUTY)
        for name in ("start", "end"):
            self.fields[name].input_formats = ["%Y-%m-%d", "%d.%m.%Y"]
        if self.instance.pk:  # the person of a membership stays; another person is another membership
            for name in ("person", "new_first_name", "new_last_name", "new_title", "new_organisation"):
                del self.fields[name]

    def clean(self):
        cleaned = super().clean()
        check_date_order(self, "start", "end")
        if self.instance.pk:
            return cleaned
        named = cleaned.get("new_first_name") or cleaned.get("new_last_name")
        if cleaned.get("person") and named:
            raise forms.ValidationError(
                _("Choose an existing person or name a new one, not both."), code="person_twice"
            )
        if not cleaned.get("person") and not named and "person" not in self.errors:
            self.add_error("person", _("Choose a person or name a new one."))
        elif named and not (cleaned.get("new_first_name") and cleaned.get("new_last_name")):
            self.add_error("new_last_name", _("A new person needs both a first and a last name."))
        return cleaned

    def new_person(self) -> dict | None:
        """The values of the new person named on the form, if any."""
        if self.instance.pk or self.cleaned_data.get("person"):
            return None
        return {
            "first_name": self.cleaned_data["new_first_name"],
            "last_name": self.cleaned_data["new_last_name"],
            "title": self.cleaned_data["new_title"],
            "organisation": self.cleaned_data["new_organisation"],
        }

    def _get_validation_exclusions(self):
        return super()._get_validation_exclusions() - {"term"}


class InviteForm(forms.Form):
    """A new person invited by e-mail, with their first role in an organisation."""

    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    is_coordinator = forms.BooleanField(
        label=_("Coordinator of the organisation"),
        required=False,
        help_text=_("Edits the organisation's projects and prepares its groups' meetings."),
    )

    def __init__(self, *args, organisations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class AffiliationRoleForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    is_coordinator = forms.BooleanField(label=_("Coordinator of the organisation"), required=False)

    def __init__(self, *args, organisations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class AreaRoleForm(forms.Form):
    wellbeing_area = forms.ModelChoiceField(
        label=_("Aftercare manager of the wellbeing area"),
        queryset=WellbeingArea.objects.all(),
        required=False,
        help_text=_("Leave empty to take the role away."),
    )
