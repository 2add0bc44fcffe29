"""Registries through which an app adds to the pages of an app below it without that app naming it.

``config.sections`` does this for meeting reports; this module does it for the rest: the tabs of
the project page, links beside an implementer, the parts of the project plan PDF and the tables of a
frozen plan version, panels of the front page and of "My groups". Each app declares what it adds in
its own ``extensions.py``, discovered at start-up the way the admin discovers ``admin.py``::

    from config.extensions import Link, Part, extensions

    extensions.add_link("projects.tabs", Link(
        key="budget", label=_("Cost estimate and financing"), url_name="funding:budget", order=30))
    extensions.add_part("projects.plan_pdf.sections", Part(
        key="funding.finances", template_name="funding/plan/sections.html", get_context=plan_context))

The page that owns a slot asks for it by name only (``{% links "projects.tabs" project as tabs %}``,
``{% parts "projects.plan_pdf.sections" project %}``), so imports keep running downwards.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import rules
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Link:
    """A link in a slot; ``url_name`` is reversed with the slot's object's primary key (if any)."""

    key: str
    label: str | Promise
    url_name: str
    order: int = 0
    perm: str | None = None  # shown only to those who have it (so no menu item leads to a 404)

    def url(self, obj=None) -> str:
        return reverse(self.url_name, args=[obj.pk] if obj is not None else None)


@dataclass(frozen=True)
class Part:
    """A piece of a page or document rendered from the contributing app's own template.

    ``get_context(obj, viewer)`` gives the template's context; parts of one page that share the
    same ``get_context`` call it once per object (see ``ExtensionRegistry.render_parts``).
    """

    key: str
    template_name: str
    get_context: Callable[[Any, Any], dict] | None = None
    order: int = 0
    perm: str | None = None  # rendered only for viewers who have it


@dataclass(frozen=True)
class Data:
    """Data an app gives to a slot as plain values, e.g. its tables of a frozen plan version:
    ``get_data(obj)`` returns a list that ``ExtensionRegistry.data`` joins with the other apps'."""

    key: str
    get_data: Callable[[Any], list]
    order: int = 0


class ExtensionRegistry:
    def __init__(self) -> None:
        self._links: dict[str, list[Link]] = defaultdict(list)
        self._parts: dict[str, list[Part]] = defaultdict(list)
        self._data: dict[str, list[Data]] = defaultdict(list)

    def add_link(self, slot: str, link: Link) -> Link:
        if any(existing.key == link.key for existing in self._links[slot]):
            raise ValueError(f"Link {link.key!r} is added to {slot!r} twice")
        self._links[slot].append(link)
        return link

    def add_part(self, slot: str, part: Part) -> Part:
        if any(existing.key == part.key for existing in self._parts[slot]):
            raise ValueError(f"Part {part.key!r} is added to {slot!r} twice")
        self._parts[slot].append(part)
        return part

    def add_data(self, slot: str, data: Data) -> Data:
        if any(existing.key == data.key for existing in self._data[slot]):
            raise ValueError(f"Data {data.key!r} is added to {slot!r} twice")
        self._data[slot].append(data)
        return data

    def data(self, slot: str, obj=None) -> list:
        """What every app gives to ``slot`` for ``obj``, in order, as one list."""
        sources = sorted(self._data.get(slot, []), key=lambda data: (data.order, data.key))
        return [item for source in sources for item in source.get_data(obj)]

    def links(self, slot: str, viewer=None) -> list[Link]:
        """The links of ``slot`` in order; given a viewer, only those the viewer may follow."""
        links = sorted(self._links.get(slot, []), key=lambda link: (link.order, link.key))
        return [link for link in links if viewer is None or _allowed(viewer, link.perm)]

    def parts(self, slot: str, viewer=None) -> list[Part]:
        parts = sorted(self._parts.get(slot, []), key=lambda part: (part.order, part.key))
        return [part for part in parts if viewer is None or _allowed(viewer, part.perm)]

    def render_parts(self, slot: str, obj=None, *, viewer=None, cache: dict | None = None) -> SafeString:
        """Every part of ``slot`` rendered in order. ``cache`` (one per page) lets parts that share a
        ``get_context`` compute it once for the same object."""
        cache = {} if cache is None else cache
        html = []
        for part in self.parts(slot, viewer):
            context: dict = {}
            if part.get_context is not None:
                cache_key = (part.get_context, type(obj), getattr(obj, "pk", None), id(viewer))
                if cache_key not in cache:
                    cache[cache_key] = part.get_context(obj, viewer)
                context = cache[cache_key]
            html.append(render_to_string(part.template_name, {"object": obj, "viewer": viewer, **context}))
        return mark_safe("".join(html))  # noqa: S308 - each part is a template rendered with autoescape


def _allowed(viewer, perm: str | None) -> bool:
    # The portal's permissions are rules predicates: asking rules directly spares the queries that
    # Django's ModelBackend would make for per-model permissions, which the portal does not use.
    return perm is None or rules.has_perm(perm, viewer)


extensions = ExtensionRegistry()


def autodiscover() -> None:
    autodiscover_modules("extensions")
