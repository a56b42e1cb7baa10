"""A real worker loads the spaCy model once, in its main process, before the pool forks its children."""

from __future__ import annotations

import re

import pytest

from claims.extraction import nlp as nlp_models
from claims.models import Article
from claims.services import article_create
from tests.factories import UserFactory
from tests.integration.conftest import WorkerFactory, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.timeout(180)]

ARTICLE = (
    "Le conseil municipal a voté mardi un budget de {n} millions d'euros, selon le maire.\n\n"
    "Il prévoit la construction de {n}00 logements d'ici 2027."
)


@pytest.mark.skipif(not nlp_models.model_available("fr"), reason="fr_core_news_sm is not installed: nothing to load")
def test_pool_children_extract_articles_with_the_model_the_main_process_loaded(worker: WorkerFactory) -> None:
    handle = worker(concurrency=2)
    main_pid = handle.proc.pid
    assert f"models preloaded in the worker's main process (pid {main_pid})" in handle.log()
    reviewer = UserFactory(username="paula", role="reviewer")

    articles = [
        article_create(title=f"Budget {n}", body=ARTICLE.format(n=n), language="", created_by=reviewer)
        for n in range(2, 8)
    ]

    def all_ready() -> bool:
        statuses = set(
            Article.objects.filter(pk__in=[a.pk for a in articles]).values_list("extraction_status", flat=True)
        )
        return statuses == {Article.ExtractionStatus.READY}

    try:
        wait_for(all_ready, timeout=90)
    except AssertionError:
        raise AssertionError(f"not extracted; worker log:\n{handle.log()[-4000:]}") from None
    assert all(a.claims.exists() for a in Article.objects.filter(pk__in=[a.pk for a in articles]))
    loads = re.findall(r"spaCy model (\S+) loaded in process (\d+)", handle.log())
    assert loads == [("fr_core_news_sm", str(main_pid))]
