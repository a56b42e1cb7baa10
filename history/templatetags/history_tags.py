from __future__ import annotations

from typing import Any

from django import template

from history import selectors

register = template.Library()

TIMELINE_LIMIT = 100


@register.simple_tag
def claim_timeline(claim_id: int) -> Any:
    return list(selectors.claim_timeline(claim_id=claim_id)[:TIMELINE_LIMIT])


@register.simple_tag
def article_timeline(article_id: int) -> Any:
    return list(selectors.article_timeline(article_id=article_id)[:TIMELINE_LIMIT])
