"""Writes history entries. The only code that creates ``HistoryEntry`` rows (called by ``history.tracking``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from history.context import current
from history.models import HistoryEntry

# Long texts (an article body, a page's extracted text) are cut in the log: the log says that they changed.
MAX_VALUE_CHARS = 500


def clip(value: Any) -> Any:
    """A JSON-friendly, bounded copy of a field value."""
    if isinstance(value, str) and len(value) > MAX_VALUE_CHARS:
        return value[:MAX_VALUE_CHARS] + "…"
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, dict)):
        text = repr(value)
        return value if len(text) <= MAX_VALUE_CHARS else text[:MAX_VALUE_CHARS] + "…"
    return value


def field_label(model: type[models.Model] | None, attname: str) -> str:
    """``assignee_id`` → ``assignee``: the field's name, as the admin and the API call it."""
    if model is None:
        return attname
    try:
        return model._meta.get_field(attname).name
    except FieldDoesNotExist:
        return attname


def diff(
    old: Mapping[str, Any], new: Mapping[str, Any], fields: Iterable[str], model: type[models.Model] | None = None
) -> list[dict[str, Any]]:
    return [
        {"field": field_label(model, name), "old": clip(old.get(name)), "new": clip(new.get(name))}
        for name in fields
        if old.get(name) != new.get(name)
    ]


def _refs(model: type[models.Model], row: Mapping[str, Any]) -> dict[str, Any]:
    links = getattr(model, "history_links", {})
    return {f"{ref}_ref": row.get(f"_link_{ref}") for ref in links}


def entry(
    model: type[models.Model],
    pk: Any,
    action: str,
    changes: list[dict[str, Any]],
    *,
    row: Mapping[str, Any] | None = None,
    label: str = "",
) -> HistoryEntry:
    actor = current()
    return HistoryEntry(
        content_type=ContentType.objects.get_for_model(model, for_concrete_model=True),
        object_id=str(pk),
        object_repr=label[:200],
        action=action,
        changes=changes,
        actor_id=actor.user_id,
        actor_label=actor.label,
        via=actor.via,
        token_name=actor.token_name,
        **_refs(model, row or {}),
    )


def save_entries(entries: list[HistoryEntry]) -> None:
    if entries:
        HistoryEntry.objects.bulk_create(entries, batch_size=1000)


def record_change(instance: models.Model, changes: list[dict[str, Any]], action: str = "changed") -> None:
    """One entry for an object whose change is known already (e.g. a user's groups)."""
    save_entries([entry(type(instance), instance.pk, action, changes, label=str(instance))])
