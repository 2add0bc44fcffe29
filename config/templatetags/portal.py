"""Formatting shared by every page and PDF: euros, percentages and figures the Finnish way."""

from decimal import Decimal, InvalidOperation

from django import template
from django.forms.formsets import BaseFormSet
from django.template.defaultfilters import floatformat
from django.utils.formats import get_format
from django.utils.text import capfirst
from django.utils.translation import pgettext

from config.money import round_to

register = template.Library()

NBSP = "\xa0"
MINUS = "\u2212"


def _minus(text: str) -> str:
    """Negative figures take the typographic minus sign (−1 860,50 €), not a hyphen."""
    return MINUS + text[1:] if text.startswith("-") else text


def _figure(value, places: int) -> str:
    """``value`` rounded by the portal's one rule (``config.money``) and grouped the Finnish way."""
    try:
        places = int(places)
        value = round_to(Decimal(str(value)), Decimal(1).scaleb(-places))
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    return _minus(_grouped(value, places))


def _grouped(value: Decimal, places: int) -> str:
    """What ``floatformat(value, f"{places}g")`` gives for a value already rounded to ``places``,
    without its general path: a table of figures calls this hundreds of times a page."""
    grouping = get_format("NUMBER_GROUPING")
    if places < 0 or grouping != 3:
        return floatformat(value, f"{places}g")
    text = f"{value:,.{places}f}"
    if not value:
        text = text.removeprefix("-")  # no "−0,0"
    decimal, thousands = get_format("DECIMAL_SEPARATOR"), get_format("THOUSAND_SEPARATOR")
    return text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)


@register.filter
def eur(value, places: int = 2) -> str:
    """``Decimal('436068')`` → ``436 068,00 €`` (non-breaking spaces, decimal comma)."""
    if value is None or value == "":
        return ""
    try:
        Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    return f"{_figure(value, places)}{NBSP}€"


@register.filter
def pct(value, places: int = 1) -> str:
    """``Decimal('80.0')`` → ``80,0 %``; shares take two places: ``{{ share|pct:2 }}`` → ``16,18 %``."""
    if value is None or value == "":
        return ""
    return f"{_figure(value, places)}{NBSP}%"


@register.filter
def num(value, places: int = 0) -> str:
    """A figure with Finnish grouping: ``988216`` → ``988 216``; ``2.5`` with 1 → ``2,5``."""
    if value is None or value == "":
        return ""
    return _figure(value, places)


@register.inclusion_tag("partials/breadcrumbs.html")
def breadcrumbs(*trail) -> dict:
    """The one breadcrumb trail: pairs of address and label, then (optionally) the current page's
    label: ``{% url 'projects:list' as list_url %}{% breadcrumbs list_url _("Projects") project %}``."""
    *pairs, current = trail if len(trail) % 2 else (*trail, None)
    return {"links": list(zip(pairs[::2], pairs[1::2], strict=True)), "current": current}


@register.simple_tag(takes_context=True)
def links(context, slot: str, obj=None) -> list[dict]:
    """The links apps add to ``slot`` (``config.extensions``) that the page's user may follow:
    ``{% links "projects.tabs" project as tabs %}`` gives each one's ``key``, ``label`` and ``url``."""
    from config.extensions import extensions

    viewer = context.get("user")
    return [
        {"key": link.key, "label": link.label, "url": link.url(obj)}
        for link in extensions.links(slot, viewer)
    ]


@register.simple_tag(takes_context=True)
def parts(context, slot: str, obj=None) -> str:
    """The parts apps add to ``slot``, rendered in order:
    ``{% parts "projects.plan_pdf.sections" project %}``."""
    from config.extensions import extensions

    # One cache per page, kept on the template context (shared with includes), so parts that need
    # the same figures compute them once.
    cache = context.render_context.get("portal_parts_cache")
    if cache is None:
        cache = context.render_context["portal_parts_cache"] = {}
    return extensions.render_parts(slot, obj, viewer=context.get("user"), cache=cache)


@register.simple_tag
def form_token() -> str:
    """A one-time token for a create form: sent twice, it is saved once (``config.formtokens``)."""
    from django.utils.html import format_html

    from config.formtokens import FIELD, new_token

    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())


@register.simple_tag
def current_url(links, path) -> str:
    """Of the menu's links, the one whose section holds ``path`` most closely (the longest prefix):
    ``/projects/programmes/`` is "Programmes and calls", not also "Projects"."""
    matching = [link["url"] for link in links if str(path).startswith(link["url"])]
    return max(matching, key=len, default="")


@register.inclusion_tag("partials/form_errors.html")
def error_summary(*forms_and_formsets) -> dict:
    """Every error of the page's forms and formsets at the top, each linked to its field.

    Rows of a formset are named by their number (``Rivi 2, Summa: …``), so a person who reads the
    summary first (a screen reader does: the summary takes focus) knows where to go.
    """
    entries: list[tuple[str, str]] = []  # (anchor id or "", message)

    def add_form(form, row: int | None = None) -> None:
        prefix = pgettext("error summary", "Row %(row)s, ") % {"row": row} if row else ""
        entries.extend(("", f"{prefix}{error}") for error in form.non_field_errors())
        for field in form:
            for error in field.errors:
                label = capfirst(field.label) if field.label else field.name
                anchor = "" if field.is_hidden else field.id_for_label
                entries.append((anchor, f"{prefix}{label}: {error}"))

    for item in forms_and_formsets:
        if item is None or item == "":
            continue
        if isinstance(item, BaseFormSet):
            entries.extend(("", str(error)) for error in item.non_form_errors())
            for row, form in enumerate(item.forms, start=1):
                add_form(form, row)
        else:
            add_form(item)
    return {"entries": entries}
