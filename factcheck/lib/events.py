"""Domain events for outside tools: `emit_event("snapshot.archived", {...})` from any app.

The event is handed to the `webhooks.emit` task by name once the transaction commits, so
the emitting app never imports `webhooks` and a rolled-back write emits nothing. Payloads
are small JSON objects of ids and states (see the README's webhook section).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from factcheck.lib.queue import enqueue_on_commit

EVENTS = (
    "article.extracted",
    "snapshot.archived",
    "verdict.submitted",
    "claim.published",
    "claim.corrected",
)


# Set by the webhooks app when it loads: does any active subscription want this event? Without it every event is
# queued (the fan-out task finds no one and does nothing); with it an event nobody listens to costs one small read
# instead of a whole task on the broker (every archived page and extracted article emits one).
_wanted: list[Callable[[str], bool]] = []


def register_listener_check(check: Callable[[str], bool]) -> None:
    """Install the "is anyone subscribed to this event?" test (the webhooks app calls this once)."""
    _wanted[:] = [check]


def emit_event(name: str, payload: dict[str, Any]) -> None:
    """Queue `name` with `payload` for webhook delivery after commit, unless no subscription wants it."""
    if name not in EVENTS:
        raise ValueError(f"unknown event {name!r}; add it to factcheck.lib.events.EVENTS")
    if _wanted and not _wanted[0](name):
        return
    enqueue_on_commit("webhooks.emit", name, payload)
