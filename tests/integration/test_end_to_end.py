"""The thin path end to end with a real worker: article → claims → source → archived snapshot."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings

from claims.models import Article, Claim
from claims.services import article_create
from sources.models import Snapshot
from sources.services import evidence_attach
from tests.factories import UserFactory
from tests.integration.conftest import LocalSite, WorkerFactory, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.timeout(180)]

REPORT_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Harbour authority annual report</title></head><body>
<nav>Home | About | Subscribe</nav>
<article><h1>Harbour authority annual report</h1>
<p>The harbour handled 4.2 million containers in 2024, up from 3.9 million in 2023, the authority said on Monday.</p>
<p>Its board approved a 310 million euro dredging programme that will start in April 2026.</p>
<p>Container volumes have grown in each of the last five years, according to the report.</p>
</article><footer>Follow us on social media</footer></body></html>"""


def test_a_source_attached_to_an_extracted_claim_is_archived_by_the_worker(
    worker: WorkerFactory, local_site: LocalSite
) -> None:
    url = local_site.add("/reports/2024", REPORT_PAGE)
    handle = worker()
    broker, engine = settings.CELERY_BROKER_URL.split("://")[0], settings.DATABASES["default"]["ENGINE"]
    print(f"\nworker on broker {broker}://, database {engine}")
    reviewer = UserFactory(username="rita", role="reviewer")

    article = article_create(
        title="Port traffic",
        body="The port handled 4.2 million containers in 2024. Its board approved a dredging programme.",
        language="en",
        created_by=reviewer,
    )
    wait_for(lambda: Article.objects.get(pk=article.pk).extraction_status == Article.ExtractionStatus.READY, 60)
    claim = Claim.objects.filter(article=article).order_by("order").first()
    assert claim is not None and "4.2 million containers" in claim.text

    evidence = evidence_attach(
        claim=claim, url=url, stance="supports", added_by=reviewer,
        quote="handled 4.2 million containers in 2024",
    )  # fmt: skip

    def archived() -> Snapshot | None:
        return Snapshot.objects.filter(source=evidence.source, status=Snapshot.Status.ARCHIVED).first()

    try:
        snapshot = wait_for(archived, timeout=60)
    except AssertionError:
        raise AssertionError(f"not archived; worker log:\n{handle.log()[-4000:]}") from None
    assert len(snapshot.sha256) == 64
    assert "4.2 million containers" in snapshot.extracted_text
    assert "Follow us on social media" not in snapshot.extracted_text
    assert snapshot.warc_file and snapshot.warc_file.storage.exists(snapshot.warc_file.name)
    assert local_site.hits == ["/reports/2024"]
    evidence.refresh_from_db()
    assert evidence.anchor_status == evidence.AnchorStatus.FOUND


def test_the_worker_subprocess_uses_the_configured_broker(worker: WorkerFactory, settings: Any) -> None:
    handle = worker()
    expected = "redis" if settings.CELERY_BROKER_URL.startswith("redis") else "filesystem"
    assert f"transport:   {expected}" in handle.log() or f"{expected}://" in handle.log()
