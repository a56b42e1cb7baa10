"""Domain events for outside tools: `emit_event("snapshot.archived", {...})` from any app.

The event is handed to the `webhooks.emit` task by name once the transaction commits, so
the emitting app never imports `webhooks` and a rolled-back write emits nothing. Payloads
are small JSON objects of ids and states (see the README's webhook section).
"""

from __future__ import annotations

from typing import Any

from factcheck.lib.queue import enqueue_on_commit

EVENTS = (
    "article.extracted",
    "snapshot.archived",
    "verdict.submitted",
    "claim.published",
    "claim.corrected",
)


def emit_event(name: str, payload: dict[str, Any]) -> None:
    """Queue `name` with `payload` for webhook delivery after commit."""
    if name not in EVENTS:
        raise ValueError(f"unknown event {name!r}; add it to factcheck.lib.events.EVENTS")
    enqueue_on_commit("webhooks.emit", name, payload)
