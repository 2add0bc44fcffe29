from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. THL reporting."),
        error_messages={"required": _("Give the token a name, so that you know it later.")},
    )
    days = forms.IntegerField(
        label=_("Valid for (days)"),
        initial=90,
        min_value=1,
        error_messages={
            "required": _("Say for how many days the token is valid."),
            "invalid": _("The number of days must be a whole number."),
        },
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The longest lifetime is a setting, read at request time (the service checks it too).
        self.fields["days"].widget.attrs["max"] = settings.API_TOKEN_MAX_DAYS
