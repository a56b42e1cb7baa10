"""The Celery application. Configuration comes from Django settings (CELERY_*)."""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

app = Celery("factcheck")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_finalize.connect
def _schedule_periodic_tasks(sender: Celery, **kwargs: object) -> None:
    from django.conf import settings

    # The sweep re-enqueues work stuck in pending/fetching (broker down when a
    # reviewer submitted, worker killed mid-task, lost filesystem messages).
    sender.add_periodic_task(float(settings.SWEEP_INTERVAL), sender.signature("sources.sweep_snapshots"))
    sender.add_periodic_task(float(settings.SWEEP_INTERVAL), sender.signature("claims.sweep_articles"))
