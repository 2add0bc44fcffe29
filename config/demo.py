"""Helpers for the idempotent demo loader (``manage.py load_demo``)."""

from django.db.models import Model


def upsert[M: Model](model: type[M], lookup: dict, defaults: dict | None = None) -> M:
    """Get or create the row matching ``lookup``; save it only if ``defaults`` differ.

    Unlike ``update_or_create`` this writes nothing (no history row, no version bump) when the
    demo is loaded again unchanged, so running the loader twice changes nothing.
    """
    defaults = defaults or {}
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        return model._default_manager.create(**lookup, **defaults)
    changed = [name for name, value in defaults.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, defaults[name])
        obj.save()
    return obj
