"""factcheck.lib.spans: the one whitespace-trimming rule for spans."""

from __future__ import annotations

import pytest

from factcheck.lib.spans import trim_span


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ("  Le port.  ", (0, 12), (2, 10)),
        ("a\n\tb", (1, 4), (3, 4)),
        ("   ", (0, 3), (3, 3)),
        ("abc", (1, 1), (1, 1)),
    ],
)
def test_trim_span_drops_the_whitespace_at_either_end(
    text: str, span: tuple[int, int], expected: tuple[int, int]
) -> None:
    assert trim_span(text, *span) == expected
