"""Messages stored as a stable code plus parameters, put into words when shown.

A worker writes ``{"code": "http_gone", "params": {"status": 404}}``; the page, in the reader's language, reads
"The page is gone (HTTP 404)." Rows written before codes existed keep their text, shown as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils import formats
from django.utils.functional import Promise


def _localised(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and abs(value) < 10000:
        return str(value)  # an HTTP status, a port, a count of attempts: never "8 080"
    if isinstance(value, int | float):
        return formats.number_format(value, decimal_pos=2 if isinstance(value, float) else None, force_grouping=True)
    if isinstance(value, list | tuple):
        return ", ".join(str(_localised(item)) for item in value)
    return value


def render(
    messages: Mapping[str, Promise | str], code: str, params: Mapping[str, Any] | None, fallback: str = ""
) -> str:
    """The sentence for ``code`` in the active language; ``fallback`` (the stored text) when the code is unknown
    or its parameters do not fit the sentence."""
    template = messages.get(code or "")
    if template is None:
        return fallback or code
    try:
        return str(template) % {key: _localised(value) for key, value in (params or {}).items()}
    except (KeyError, TypeError, ValueError):
        return fallback or str(template)


def as_dict(code: str, params: Mapping[str, Any] | None = None) -> dict[str, Any]:
    return {"code": code, "params": dict(params or {})}
