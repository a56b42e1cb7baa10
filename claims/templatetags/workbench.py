"""Template helpers for the reviewer pages."""

from __future__ import annotations

from typing import Any

from django import template

from claims.presentation import fact_rows, safe_http_url

register = template.Library()


@register.filter
def http_href(url: str | None) -> str:
    """Use as `{% with href=url|http_href %}{% if href %}<a href="{{ href }}">…` — only http(s) becomes a link."""
    return safe_http_url(url)


@register.filter
def percent(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{round(float(value) * 100)}%"


@register.filter
def facts_table(facts: Any) -> list[tuple[str, list[str]]]:
    return fact_rows(facts)
