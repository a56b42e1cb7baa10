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


def _warm_up_archiving() -> list[str]:
    from sources.archiving.extract import warm_up

    warm_up()
    return ["trafilatura", "htmldate"]


def _warm_up_claims() -> list[str]:
    from claims.extraction.preload import warm_up

    return [f"spaCy {language}" for language in warm_up()] + ["lingua"]
