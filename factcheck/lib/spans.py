"""Character spans over a text (plain Python, no Django): shared by claim editing and passage splitting."""

from __future__ import annotations


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span ``text[start:end]`` without the whitespace at either end (``(n, n)`` when it is all whitespace)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
