"""Celery tasks for archiving: thin wrappers that take ids and call one service."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from sources import imports, services, snapshots, watch
from sources.models import Snapshot


@shared_task(
    name="sources.archive_snapshot",
    acks_late=True,
    reject_on_worker_lost=True,
    # Time limits come from CELERY_TASK_SOFT_TIME_LIMIT / CELERY_TASK_TIME_LIMIT. Celery puts
    # the *sender's* values in the message, so web and worker must share them (they do: one env).
)
def archive_snapshot(snapshot_id: int, recheck: bool = True) -> None:
    snapshot = services.snapshot_archive(snapshot_id=snapshot_id)
    if archive_snapshot.request.is_eager:
        return  # in-process (tests, CELERY_TASK_ALWAYS_EAGER): no timers; the sweep picks retries up
    if snapshot is None:
        # Not ours: done, not due, or held by a worker. A redelivered message (its worker was killed) finds the
        # row still "fetching" under the dead worker's lease: look again once the lease has run out.
        remaining = snapshots.lease_remaining(snapshot_id)
        if recheck and remaining is not None:
            archive_snapshot.apply_async((snapshot_id, False), countdown=remaining + 1)
        return
    if snapshot.status == Snapshot.Status.RETRYING and snapshot.next_attempt_at is not None:
        countdown = max(0.0, (snapshot.next_attempt_at - timezone.now()).total_seconds())
        archive_snapshot.apply_async((snapshot_id,), countdown=countdown)


@shared_task(name="sources.sweep_snapshots")
def sweep_snapshots() -> int:
    return services.snapshots_reenqueue_stuck()


@shared_task(name="sources.import_article", acks_late=True, reject_on_worker_lost=True)
def import_article(import_id: int) -> None:
    imports.article_import_run(import_id=import_id)


@shared_task(name="sources.sweep_imports")
def sweep_imports() -> int:
    return imports.imports_reenqueue_stuck()


@shared_task(name="sources.watch_cited_pages")
def watch_cited_pages() -> int:
    return watch.watch_enqueue_due()


@shared_task(name="sources.watch_source", acks_late=True, reject_on_worker_lost=True)
def watch_source(source_id: int) -> int:
    return len(watch.watch_source(source_id=source_id))
