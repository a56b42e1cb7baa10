"""History entries as a person reads them: a field's label (its verbose name, translated) instead of its column
name, a choice's label instead of its stored value, dates in the reader's format."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone

from history.models import HistoryEntry


def _field(model: type[models.Model] | None, name: str) -> Any:
    if model is None:
        return None
    for candidate in (name, name.removesuffix("_id")):
        try:
            return model._meta.get_field(candidate)
        except FieldDoesNotExist:
            continue
    return None


def readable_value(field: Any, value: Any) -> str:
    """An old/new value: empty is a dash (0 and False stay), a choice its label, a date-time local and short."""
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if field is not None and getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.DateTimeField) and isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return formats.date_format(moment, "SHORT_DATETIME_FORMAT")
    if isinstance(value, bool):
        return formats.localize(value)
    return str(value)


def readable_changes(entry: HistoryEntry) -> list[dict[str, str]]:
    model = entry.content_type.model_class()
    rows = []
    for change in entry.changes or []:
        name = str(change.get("field", ""))
        field = _field(model, name)
        label = str(field.verbose_name) if field is not None else name
        rows.append(
            {
                "field": name,
                "label": label[:1].upper() + label[1:],
                "old": readable_value(field, change.get("old")),
                "new": readable_value(field, change.get("new")),
            }
        )
    return rows
