"""The Celery application. Configuration comes from Django settings (CELERY_*)."""

from __future__ import annotations

import os
from typing import Any

from celery import Celery
from celery.signals import task_prerun, worker_init, worker_process_init

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
    # Idempotency keys are kept 24 h; forget the older ones hourly.
    sender.add_periodic_task(3600.0, sender.signature("accounts.purge_idempotency_keys"))
    sender.add_periodic_task(float(settings.SWEEP_INTERVAL), sender.signature("webhooks.sweep_deliveries"))
    # Page watch: re-capture the pages cited by published fact-checks that are due (each source's interval).
    sender.add_periodic_task(float(settings.PAGE_WATCH_INTERVAL), sender.signature("sources.watch_cited_pages"))


@worker_init.connect
def _preload_models(**kwargs: object) -> None:
    """Load every model the tasks use in the worker's main process, before the prefork pool forks its children.

    spaCy's pipelines, the language detector's models and trafilatura/htmldate are loaded and run once here;
    the children then share them copy-on-write, so no task pays the cold start (~6 s for spaCy in each child before)
    and the models are in memory once instead of once per child. ``gc.freeze()`` moves everything loaded so far out
    of the collector's reach, so collections in the children do not touch (and copy) those shared pages.
    """
    import gc
    import logging
    import time

    logger = logging.getLogger(__name__)
    started = time.monotonic()
    loaded: list[str] = []
    for name, warm_up in (("archiving", _warm_up_archiving), ("claims", _warm_up_claims)):
        try:
            loaded.extend(warm_up())
        except Exception:  # never keep a worker from starting: the first task then loads what it needs
            logger.warning("%s models could not be preloaded", name, exc_info=True)
    gc.collect()
    gc.freeze()
    logger.info(
        "models preloaded in the worker's main process (pid %s) in %.1f s: %s",
        os.getpid(),
        time.monotonic() - started,
        ", ".join(loaded) or "none",
    )


@worker_process_init.connect
def _keep_database_connection(**kwargs: object) -> None:
    """With CELERY_DB_REUSE_MAX, Celery's Django fixup keeps a pool child's connection across tasks; the age limit
    is then that count, not DB_CONN_MAX_AGE (0 would close it at the first check)."""
    from django.conf import settings
    from django.db import connections

    if settings.CELERY_DB_REUSE_MAX:
        for alias in connections:
            connections[alias].settings_dict["CONN_MAX_AGE"] = None


@task_prerun.connect
def _check_database_connection(task: Any = None, **kwargs: object) -> None:
    """A reused connection is checked before the task (conn_health_checks), so a restarted database costs nothing."""
    from django.db import connections

    if task is None or getattr(task.request, "is_eager", False):
        return  # in-process: the caller's connection and transaction (a test's) are not ours to close
    for connection in connections.all(initialized_only=True):
        connection.close_if_unusable_or_obsolete()


def _warm_up_archiving() -> list[str]:
    from sources.archiving.extract import warm_up

    warm_up()
    return ["trafilatura", "htmldate"]


def _warm_up_claims() -> list[str]:
    from claims.extraction.preload import warm_up

    return [f"spaCy {language}" for language in warm_up()] + ["lingua"]
