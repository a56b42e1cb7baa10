from __future__ import annotations

from typing import Any

from django import template

from history import selectors
from history.models import HistoryEntry
from history.presentation import readable_changes

register = template.Library()

TIMELINE_LIMIT = 100


@register.simple_tag
def claim_timeline(claim_id: int) -> Any:
    return list(selectors.claim_timeline(claim_id=claim_id)[:TIMELINE_LIMIT])


@register.simple_tag
def article_timeline(article_id: int) -> Any:
    return list(selectors.article_timeline(article_id=article_id)[:TIMELINE_LIMIT])


@register.filter
def history_value(value: Any) -> str:
    """An old/new value as a person reads it: empty values are a dash, 0 and False stay."""
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


@register.filter
def changes_of(entry: HistoryEntry) -> list[dict[str, str]]:
    """Each change with the field's label and readable old and new values."""
    return readable_changes(entry)
