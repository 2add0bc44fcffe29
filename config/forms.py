"""Form plumbing shared by every app."""

from django import forms
from django.db import transaction
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from config.models import ConcurrentEditError


class LongSelect(forms.Select):
    """A ``<select>`` of hundreds of options (e.g. every partner organisation of a busy coordinator's
    projects) written out in Python: Django's own renders a template per option, which at national
    scale took most of a list page's time. The same markup; flat choices only (no option groups)."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(v) for v in self.format_value(value)}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((str(v), " selected" if str(v) in selected else "", label) for v, label in self.choices),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', name, flatatt(self.build_attrs(self.attrs, attrs)), options
        )


class VersionedModelForm(forms.ModelForm):
    """A model form that carries the record's version through the page.

    If someone else saved the record after this page was opened, the save is refused with a clear
    message and what was typed stays on the page. ``PortalModel.save`` makes the same check
    atomically, so a race between two saves cannot slip through either.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        # A browser cuts typed or pasted text at maxlength without a word; leaving the attribute out
        # lets the field's max_length (the model's) refuse it with a message that says how long it
        # may be and how long it was.
        for field in self.fields.values():
            field.widget.attrs.pop("maxlength", None)

    def clean(self):
        cleaned = super().clean()
        version = cleaned.get("version")
        # A form for an existing record must bring the version it was read at: one without it (a
        # stale page from before versions, a hand-made post) would overwrite unseen changes.
        if self.instance.pk and version != self.instance.version:
            raise forms.ValidationError(ConcurrentEditError.message, code="stale")
        return cleaned

    def _post_clean(self) -> None:
        super()._post_clean()
        version = self.cleaned_data.get("version") if hasattr(self, "cleaned_data") else None
        if self.instance.pk and version is not None:
            self.instance.version = version


def check_date_order(form: forms.Form, start_field: str, end_field: str) -> None:
    """Add an error to ``end_field`` when it comes before ``start_field`` (both cleaned)."""
    start, end = form.cleaned_data.get(start_field), form.cleaned_data.get(end_field)
    if start and end and end < start:
        form.add_error(end_field, _("The end date cannot be before the start date."))


class UploadForm(forms.Form):
    """A spreadsheet upload: CSV (semicolons, commas or tabs; UTF-8, Windows-1252 or ISO-8859-15),
    XLSX or ODS. The content is read by ``config.imports``."""

    file = forms.FileField(label=_("File (CSV, XLSX or ODS)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".csv", ".xlsx", ".ods")):
            raise forms.ValidationError(_("Upload a CSV, XLSX or ODS file."), code="file_type")
        return upload


@transaction.atomic
def save_all(*forms_and_formsets: forms.ModelForm | forms.BaseModelFormSet) -> None:
    """Save an editor's validated form and its table rows together: all of them or (on an error,
    such as someone else's newer save) none. The one saver for pages that edit rows in place."""
    for form in forms_and_formsets:
        form.save()
