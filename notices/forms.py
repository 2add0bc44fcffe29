from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from notices.models import Delivery, Kind


class PreferencesForm(forms.Form):
    """The language of one's notices, and per kind: e-mail at once, in a daily digest, or never."""

    language = forms.ChoiceField(label=_("Language of notices and e-mails"), choices=settings.LANGUAGES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in Kind.choices:
            self.fields[kind] = forms.ChoiceField(
                label=label, choices=Delivery.choices, widget=forms.RadioSelect
            )

    def kind_fields(self):
        return [self[kind] for kind in Kind.values]

    def deliveries(self) -> dict[str, str]:
        return {kind: self.cleaned_data[kind] for kind in Kind.values}
