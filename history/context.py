"""Who is writing right now, and through what: one context variable per request, task or command.

Set by ``history.middleware`` (web: ``ui`` or ``admin`` by path), by API authentication (``api`` plus the
token's name, through :func:`set_actor`), by a Celery ``task_prerun`` signal (``worker``); anything else — a
management command, a shell — is ``command``. Read by :mod:`history.recorder` when it writes an entry.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from dataclasses import dataclass
from typing import Any

VIA_UI = "ui"
VIA_API = "api"
VIA_ADMIN = "admin"
VIA_WORKER = "worker"
VIA_COMMAND = "command"


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    label: str
    via: str
    token_name: str = ""


COMMAND = Actor(user_id=None, label="command", via=VIA_COMMAND)
_current: ContextVar[Actor] = ContextVar("history_actor", default=COMMAND)


def _actor(user: Any, via: str, token_name: str) -> Actor:
    if user is not None and getattr(user, "is_authenticated", False):
        return Actor(user_id=user.pk, label=user.get_username(), via=via, token_name=token_name[:100])
    return Actor(user_id=None, label=via, via=via, token_name=token_name[:100])


def set_actor(user: Any, via: str, token_name: str = "") -> Token[Actor]:
    """Record who acts from here on in this context; returns a token for :func:`reset`.

    API authentication calls this once it knows the user and the token (``via="api"``).
    """
    return _current.set(_actor(user, via, token_name))


def reset(token: Token[Actor]) -> None:
    _current.reset(token)


def current() -> Actor:
    return _current.get()


@contextmanager
def acting_as(user: Any, via: str, token_name: str = "") -> Iterator[Actor]:
    token = set_actor(user, via, token_name)
    try:
        yield current()
    finally:
        reset(token)
