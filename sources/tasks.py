"""Celery tasks for archiving: thin wrappers that take ids and call one service."""

from __future__ import annotations

from celery import shared_task

from sources import services


@shared_task(name="sources.archive_snapshot", acks_late=True, reject_on_worker_lost=True)
def archive_snapshot(snapshot_id: int) -> None:
    services.snapshot_archive(snapshot_id=snapshot_id)


@shared_task(name="sources.sweep_snapshots")
def sweep_snapshots() -> int:
    return services.snapshots_reenqueue_stuck()
