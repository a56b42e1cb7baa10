"""One lease rule for every row a worker claims (articles being extracted, snapshots being archived).

A worker owns a row from the moment it claims it (the claim time it wrote is the lease token) until the task's hard
time limit plus a margin: past that, the worker is certainly dead (Celery killed it, or it was SIGKILLed), so another
worker — or the sweep — may take the row over. Every write after the claim checks the token, so a worker that lost
its lease can never overwrite the work of the one that took over.
"""

from __future__ import annotations

from datetime import datetime, timedelta

LEASE_MARGIN_SECONDS = 10


def lease_seconds(time_limit: float) -> float:
    """How long a claim lasts for a task whose hard time limit is ``time_limit`` seconds."""
    return float(time_limit) + LEASE_MARGIN_SECONDS


def lease_cutoff(now: datetime, time_limit: float) -> datetime:
    """Rows claimed before this moment have an expired lease."""
    return now - timedelta(seconds=lease_seconds(time_limit))


def lease_remaining(claimed_at: datetime, now: datetime, time_limit: float) -> float:
    """Seconds until a claim made at ``claimed_at`` expires (0 when it already has)."""
    expires = claimed_at + timedelta(seconds=lease_seconds(time_limit))
    return max(0.0, (expires - now).total_seconds())
