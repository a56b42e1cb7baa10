"""Services for importing an article from its link: validate the URL, archive the page like any source
(through the safe fetcher, WARC and all), take its text and metadata, then let claim extraction follow.

Kept beside `services.py` (which it uses) so that neither module grows past one concern.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from claims import editing
from claims.models import Article
from factcheck.lib.errors import InvalidTransition
from factcheck.lib.queue import enqueue, enqueue_on_commit
from sources.models import ArticleImport, Snapshot
from sources.services import snapshot_archive, snapshot_request, source_for_url

logger = logging.getLogger(__name__)


IMPORT_ARTICLE_TASK = "sources.import_article"


def _enqueue_import(import_id: int) -> None:
    # Broker down: the import stays pending and the sweep enqueues it later.
    enqueue(IMPORT_ARTICLE_TASK, import_id)


@transaction.atomic
def article_import_from_url(
    *,
    url: str,
    created_by: User | None,
    title: str = "",
    language: str = "",
    outlet: str = "",
    published_on: date | None = None,
) -> Article:
    """Store an article known only by its link and enqueue the fetch. A refused URL raises ValidationError."""
    source, _created = source_for_url(url=url, created_by=created_by)
    article = editing.article_start_import(
        url=url, created_by=created_by, title=title, language=language, outlet=outlet, published_on=published_on
    )
    job = ArticleImport.objects.create(article=article, source=source)
    enqueue_on_commit(IMPORT_ARTICLE_TASK, job.pk)
    return article


def _finish(
    job: ArticleImport, status: str, error: str = "", *, code: str = "", params: dict[str, Any] | None = None
) -> None:
    """``error`` is the English detail; ``code`` and ``params`` are put into words on the page (sources.problems)."""
    ArticleImport.objects.filter(pk=job.pk).update(
        status=status, error_message=error[:2000], error_code=code, error_params=params or {}, updated_at=timezone.now()
    )
    editing.article_touch(article_id=job.article_id)


def article_import_run(*, import_id: int) -> ArticleImport | None:
    """Fetch and archive the page, then give the article its text. None when another worker has it."""
    claimed = ArticleImport.objects.filter(pk=import_id, status=ArticleImport.Status.PENDING).update(
        status=ArticleImport.Status.FETCHING, updated_at=timezone.now()
    )
    if not claimed:
        return None
    job = ArticleImport.objects.select_related("article", "source").get(pk=import_id)
    editing.article_touch(article_id=job.article_id)
    snapshot = snapshot_request(source=job.source, enqueue=False)
    ArticleImport.objects.filter(pk=job.pk).update(snapshot=snapshot)
    snapshot_archive(snapshot_id=snapshot.pk)
    snapshot.refresh_from_db()
    if snapshot.status != Snapshot.Status.ARCHIVED:
        reason = snapshot.error_message or "The page could not be fetched."
        _finish(
            job,
            ArticleImport.Status.FAILED,
            f"The page could not be imported: {reason}",
            code="import_fetch_failed",
            params={
                "snapshot_code": snapshot.error_code,
                "snapshot_params": snapshot.error_params,
                "snapshot_message": snapshot.error_message,
            },
        )
    elif not snapshot.extracted_text.strip():
        _finish(
            job,
            ArticleImport.Status.FAILED,
            "No article text was found on this page; paste the text instead.",
            code="import_no_text",
        )
    else:
        try:
            editing.article_fill_from_import(
                article=job.article,
                body=snapshot.extracted_text,
                title=snapshot.title,
                language=snapshot.language,
                outlet=job.source.domain,
                published_on=snapshot.published,
            )
        except ValidationError as exc:
            detail = " ".join(exc.messages)
            _finish(job, ArticleImport.Status.FAILED, detail, code="import_rejected", params={"detail": detail})
        else:
            _finish(job, ArticleImport.Status.DONE)
    return ArticleImport.objects.get(pk=import_id)


@transaction.atomic
def article_import_retry(*, job: ArticleImport) -> ArticleImport:
    """A reviewer asks for a failed import again."""
    updated = ArticleImport.objects.filter(pk=job.pk, status=ArticleImport.Status.FAILED).update(
        status=ArticleImport.Status.PENDING, error_message="", error_code="", error_params={}, updated_at=timezone.now()
    )
    if not updated:
        raise InvalidTransition(_("Only a failed import can be tried again."))
    editing.article_touch(article_id=job.article_id)
    enqueue_on_commit(IMPORT_ARTICLE_TASK, job.pk)
    job.refresh_from_db()
    return job


def imports_reenqueue_stuck(*, older_than: timedelta = timedelta(minutes=1)) -> int:
    """Safety net for the sweep: imports whose message was lost, or whose worker died while fetching."""
    now = timezone.now()
    dead = now - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT * 2)
    ArticleImport.objects.filter(status=ArticleImport.Status.FETCHING, updated_at__lt=dead).update(
        status=ArticleImport.Status.PENDING, updated_at=now
    )
    ids = list(
        ArticleImport.objects.filter(
            Q(status=ArticleImport.Status.PENDING, updated_at__lt=now - older_than)
        ).values_list("pk", flat=True)[:200]
    )
    for import_id in ids:
        _enqueue_import(import_id)
    return len(ids)
