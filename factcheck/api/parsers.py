"""A JSON parser that refuses deeply nested documents before Python's recursion limit is hit."""

from __future__ import annotations

import codecs
import json
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

_OPEN = {ord("["), ord("{")}
_CLOSE = {ord("]"), ord("}")}
_QUOTE, _BACKSLASH = ord('"'), ord("\\")


def nesting_depth_exceeds(data: bytes, limit: int) -> bool:
    """True when arrays/objects nest deeper than `limit` (brackets inside strings do not count).

    A linear scan of the bytes: json.loads would recurse once per level and raise
    RecursionError (a 500) around 1,000 levels.
    """
    depth = 0
    in_string = escaped = False
    for byte in data:
        if in_string:
            if escaped:
                escaped = False
            elif byte == _BACKSLASH:
                escaped = True
            elif byte == _QUOTE:
                in_string = False
        elif byte == _QUOTE:
            in_string = True
        elif byte in _OPEN:
            depth += 1
            if depth > limit:
                return True
        elif byte in _CLOSE:
            depth -= 1
    return False


class BoundedJSONParser(JSONParser):
    """DRF's JSON parser with a nesting bound (API_JSON_MAX_DEPTH) → 400 problem past it."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Mapping[str, Any] | None = None) -> Any:
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        raw = stream.read() if stream is not None else b""
        limit = settings.API_JSON_MAX_DEPTH
        if nesting_depth_exceeds(raw, limit):
            raise ParseError(_("JSON nested deeper than %(limit)d levels is refused.") % {"limit": limit})
        try:
            return json.loads(codecs.decode(raw, encoding), parse_constant=_refuse_constant)
        except (ValueError, RecursionError) as exc:
            raise ParseError(_("JSON parse error: %(error)s") % {"error": exc}) from exc


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not valid JSON")
