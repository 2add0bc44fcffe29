"""Registry of report sections that apps offer to steering-group meeting reports.

Each app declares, in its own ``reports.py``, the sections it can render::

    from config.sections import ReportSection, registry

    registry.register(ReportSection(
        key="funding.budget_vs_actual",
        title=_("Budget vs actual"),
        template_name="funding/sections/budget_vs_actual.html",
        params_form=BudgetVsActualParams,   # a forms.Form choosing what to show
        get_context=budget_vs_actual_context,  # (cleaned params, viewer) -> template context
    ))

The registry is filled at start-up the way the admin discovers ``admin.py``. A meeting agenda
section stores only the section key and the raw parameters (JSON), so governance never imports
the apps whose figures it embeds.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.template.loader import render_to_string
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.module_loading import autodiscover_modules
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class ReportSection:
    key: str
    title: str | Promise
    template_name: str
    params_form: type[forms.Form]
    get_context: Callable[[Mapping[str, Any], Any], dict]

    def validate(self, params: Mapping[str, Any]) -> forms.Form:
        """The bound parameter form; ``form.is_valid()`` says whether ``params`` can be shown."""
        return self.params_form(data=params)

    def params_form_for(self, editor, data=None, **kwargs) -> forms.Form:
        """The parameter form for someone choosing what to embed.

        A params form may define ``limit_choices_to_user(user)``: its choices are then limited to
        what the editor may see, so nobody can embed figures they could not open themselves.
        Readers of the meeting see what the editor chose; that is the point of a meeting report.
        """
        form = self.params_form(data, **kwargs)
        limit = getattr(form, "limit_choices_to_user", None)
        if limit is not None:
            limit(editor)
        return form

    def render(self, params: Mapping[str, Any], *, viewer, media: str = "web") -> SafeString:
        form = self.validate(params)
        if not form.is_valid():
            return format_html(
                '<p class="section-error">{}</p>',
                _("This embedded section cannot be shown: its settings are no longer valid."),
            )
        context = {"section": self, "media": media, **self.get_context(form.cleaned_data, viewer)}
        return render_to_string(self.template_name, context)


class SectionRegistry:
    def __init__(self) -> None:
        self._registry: dict[str, ReportSection] = {}

    def register(self, section: ReportSection) -> ReportSection:
        if section.key in self._registry:
            raise ValueError(f"Report section {section.key!r} is registered twice")
        self._registry[section.key] = section
        return section

    def get(self, key: str) -> ReportSection | None:
        return self._registry.get(key)

    def __contains__(self, key: str) -> bool:
        return key in self._registry

    def __iter__(self):
        return iter(sorted(self._registry.values(), key=lambda s: s.key))

    def choices(self) -> list[tuple[str, str]]:
        return [(section.key, str(section.title)) for section in self]

    def render(self, key: str, params: Mapping[str, Any], *, viewer, media: str = "web") -> SafeString:
        section = self.get(key)
        if section is None:
            return format_html(
                '<p class="section-error">{}</p>', _("This embedded section is not available.")
            )
        return section.render(params, viewer=viewer, media=media)


registry = SectionRegistry()


def autodiscover() -> None:
    autodiscover_modules("reports", register_to=registry)
