"""Celery tasks for claims: thin wrappers that take ids and call one service."""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.conf import settings

from claims import services


@shared_task(
    name="claims.extract_article",
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=settings.EXTRACTION_TASK_SOFT_TIME_LIMIT,
    time_limit=settings.EXTRACTION_TASK_TIME_LIMIT,
)
def extract_article(article_id: int) -> None:
    services.article_run_extraction(article_id=article_id)


@shared_task(name="claims.sweep_articles")
def sweep_articles() -> int:
    return services.articles_reenqueue_stuck(older_than=timedelta(minutes=2))
