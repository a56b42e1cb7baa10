"""The Celery application. Configuration comes from Django settings (CELERY_*)."""

from __future__ import annotations

import os

from celery import Celery
from celery.signals import worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

app = Celery("factcheck")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Writes made inside a task are logged as the worker's (history.context).
import history.celery_signals  # noqa: E402,F401


@app.on_after_finalize.connect
def _schedule_periodic_tasks(sender: Celery, **kwargs: object) -> None:
    from django.conf import settings

    # The sweep re-enqueues work stuck in pending/fetching (broker down when a
    # reviewer submitted, worker killed mid-task, lost filesystem messages).
    sender.add_periodic_task(float(settings.SWEEP_INTERVAL), sender.signature("sources.sweep_snapshots"))
    sender.add_periodic_task(float(settings.SWEEP_INTERVAL), sender.signature("claims.sweep_articles"))
    sender.add_periodic_task(float(settings.SWEEP_INTERVAL), sender.signature("sources.sweep_imports"))
    # Page watch: re-capture the pages cited by published fact-checks that are due (each source's interval).
    sender.add_periodic_task(float(settings.PAGE_WATCH_INTERVAL), sender.signature("sources.watch_cited_pages"))


@worker_init.connect
def _warm_up_extraction(**kwargs: object) -> None:
    """Load trafilatura and the language models in the worker's main process, before the pool forks its children.

    The children then share them copy-on-write and none pays the ~0.5 s first-page cost (imports, lingua models).
    """
    import logging

    try:
        from sources.archiving.extract import warm_up

        warm_up()
    except Exception:  # never keep a worker from starting: the first page then loads what it needs
        logging.getLogger(__name__).warning("extraction warm-up failed", exc_info=True)
