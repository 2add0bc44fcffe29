from django import forms
from django.utils.translation import gettext_lazy as _

from governance.models import AgendaSection, SteeringGroup
from search.models import Kind


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search words"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("All kinds")), *Kind.choices], required=False)
    group = forms.ModelChoiceField(
        label=_("Steering group"),
        queryset=SteeringGroup.objects.none(),
        required=False,
        empty_label=_("All groups"),
        error_messages={"invalid_choice": _("Choose one of your steering groups.")},
    )
    year = forms.IntegerField(
        label=_("Year"),
        min_value=1990,
        max_value=2100,
        required=False,
        error_messages={"invalid": _("The year must be a whole number, e.g. 2020.")},
    )
    decision_type = forms.ChoiceField(
        label=_("Decision type"),
        choices=[("", _("All decision types")), *AgendaSection.DecisionType.choices],
        required=False,
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Only the groups the person may see: another group's existence is not revealed.
        self.fields["group"].queryset = SteeringGroup.objects.visible_to(user)
