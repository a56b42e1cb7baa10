"""Enqueue Celery work by task name, after the transaction commits.

Code that enqueues never imports the module that defines the task (so no services ↔ tasks import cycle and no
function-level import hiding one): the task is looked up by name in the Celery app's registry, which autodiscovery
fills. Only broker connection errors are caught — the row stays as it is and the periodic sweep enqueues it later;
anything else (a bad argument, a misconfigured time limit) is a bug and propagates.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

import kombu.exceptions
import redis.exceptions
from celery import current_app
from django.db import transaction

logger = logging.getLogger(__name__)

# What a broker that is down or unreachable raises: kombu wraps most of it in OperationalError, the Redis client
# raises its own connection/timeout errors, and a socket that cannot connect raises OSError (ConnectionError is one).
BROKER_ERRORS: tuple[type[BaseException], ...] = (
    kombu.exceptions.OperationalError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
    OSError,
)


def enqueue(task_name: str, *args: Any, countdown: float | None = None) -> bool:
    """Send the task now; False (logged) when the broker cannot be reached."""
    app = current_app
    if task_name not in app.tasks:
        app.loader.import_default_modules()  # runs autodiscovery (each app's tasks.py) once, as a worker does at start
    options: dict[str, Any] = {} if countdown is None else {"countdown": countdown}
    try:
        task = app.tasks.get(task_name)
        if task is None:  # not registered in this process (e.g. a web-only deployment): send by name
            app.send_task(task_name, args=args, **options)
        else:  # through the task object, so CELERY_TASK_ALWAYS_EAGER and its time limits apply
            task.apply_async(args=args, **options)
    except BROKER_ERRORS:
        logger.warning("could not enqueue %s%r; the sweep will retry", task_name, args, exc_info=True)
        return False
    return True


def enqueue_on_commit(task_name: str, *args: Any) -> None:
    """Send the task once the current transaction commits (at once outside a transaction); nothing on rollback."""
    transaction.on_commit(partial(enqueue, task_name, *args))
