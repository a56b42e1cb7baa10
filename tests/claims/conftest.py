"""Fixtures the claim-extraction tests share."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from claims.extraction import learned


@pytest.fixture
def debate_model() -> Iterator[None]:
    """A model that, like the debate-trained one, gives a plain news statement a low score (0.05, threshold 0.29):
    whatever is check-worthy then is so by the lifts for news facts, not by the model."""
    learned.set_model(learned.Model({}, [], [0.0] * len(learned.DENSE), -3.0, (-1.0, 0.0), 0.29))
    yield
    learned.configure(None)
