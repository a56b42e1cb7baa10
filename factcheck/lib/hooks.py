"""Late-bound hooks: a lower app calls what a higher app provides, without importing it.

`claims` may not import `sources`, yet the new-article form accepts a link that only `sources` can
fetch. `sources` registers its importer here when Django starts (`SourcesConfig.ready`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured

_article_importer: Callable[..., Any] | None = None


def register_article_importer(importer: Callable[..., Any]) -> None:
    global _article_importer
    _article_importer = importer


def article_importer() -> Callable[..., Any]:
    if _article_importer is None:
        raise ImproperlyConfigured("No article importer is registered (is the sources app installed?).")
    return _article_importer
