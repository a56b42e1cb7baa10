"""Writes made by a Celery task are the worker's (imported by factcheck.celery)."""

from __future__ import annotations

import contextlib
from contextvars import Token
from typing import Any

from celery.signals import task_postrun, task_prerun

from history.context import VIA_WORKER, Actor, reset, set_actor

_tokens: dict[str, Token[Actor]] = {}


@task_prerun.connect(dispatch_uid="history_task_prerun")
def _task_prerun(task_id: str | None = None, **kwargs: Any) -> None:
    if task_id:
        _tokens[task_id] = set_actor(None, VIA_WORKER)


@task_postrun.connect(dispatch_uid="history_task_postrun")
def _task_postrun(task_id: str | None = None, **kwargs: Any) -> None:
    token = _tokens.pop(task_id or "", None)
    if token is not None:
        # ValueError: set in another context (never with Celery's pools, but never fail a task for it).
        with contextlib.suppress(ValueError):
            reset(token)
