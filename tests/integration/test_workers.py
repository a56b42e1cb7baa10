"""WORKERS section of the hardening checklist with real `celery worker` subprocesses on a real Redis broker.

The database is the test database of this run (PostgreSQL when DATABASE_URL points to it). These tests need Redis:
when the run is not configured for it (no REDIS_URL) they use redis://127.0.0.1:6379/5, and they skip only when no
Redis answers.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings

from sources import fetcher, services
from sources.models import Snapshot
from tests.factories import SourceFactory
from tests.integration.conftest import LocalSite, WorkerFactory, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.timeout(240)]

FALLBACK_REDIS = "redis://127.0.0.1:6379/5"
CRASH_DIR = Path(__file__).resolve().parent / "crash_inject"
ARTICLE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Water prices</title></head><body>
<nav>News | Sport | Weather</nav><article><h1>Water prices</h1>
<p>The regional water company raised prices by 8 per cent on 1 January, the third rise in four years.</p>
<p>Households use on average 120 litres a day, according to the regulator's latest annual survey.</p>
</article><footer>Contact us</footer></body></html>"""


@pytest.fixture
def redis_broker(settings: Any) -> Iterator[str]:
    """Point this test process and the workers it starts at Redis; skip only if Redis is unreachable."""
    import redis

    from factcheck.celery import app

    url = settings.CELERY_BROKER_URL if settings.CELERY_BROKER_URL.startswith("redis") else FALLBACK_REDIS
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except Exception as exc:
        pytest.skip(f"Redis is unreachable at {url} ({exc}); the worker fault-injection tests need a real Redis")
    saved = (app.conf.broker_url, app.conf.broker_transport_options)
    settings.CELERY_BROKER_URL = url
    app.conf.broker_url = url
    app.conf.broker_transport_options = {"visibility_timeout": 3600}
    _reset_producers(app)
    _clear_fetch_gates()
    yield url
    # Not needed for correctness (a SIGKILLed worker's per-host fetch slot frees within REDIS_SLOT_LEASE, 10 s, see
    # the test below), but it keeps one test's dead worker from making the next one wait out that lease.
    _clear_fetch_gates()
    app.conf.broker_url, app.conf.broker_transport_options = saved
    _reset_producers(app)


def _clear_fetch_gates() -> None:
    import redis

    if not django_settings.REDIS_URL:
        return
    client = redis.Redis.from_url(django_settings.REDIS_URL)
    for key in client.scan_iter("factcheck:fetchgate:*"):
        client.delete(key)


def _fetch_slots() -> list[Any]:
    """Per-host fetch slots held in Redis. Without REDIS_URL the workers use file locks,
    which the kernel releases when a process dies, so there is nothing to wait for."""
    import redis

    if not django_settings.REDIS_URL:
        return []
    return list(redis.Redis.from_url(django_settings.REDIS_URL).scan_iter("factcheck:fetchgate:*:slot:*"))


def _reset_producers(app: Any) -> None:
    app._pool = None
    app.amqp._producer_pool = None


def submit(local_site: LocalSite, path: str) -> Snapshot:
    url = local_site.url(path)
    source = SourceFactory(url=url, canonical_url=url, domain="127.0.0.1")
    return services.snapshot_request(source=source)  # transactional_db: enqueued on commit, i.e. at once


def warc_files(snapshot: Snapshot) -> list[Path]:
    return sorted(Path(django_settings.MEDIA_ROOT).rglob(f"snapshot-{snapshot.pk}.*"))


def temp_files() -> list[Path]:
    found = [p for p in Path(django_settings.MEDIA_ROOT).rglob("*") if p.name.endswith(".tmp")]
    temp = Path(django_settings.VAR_DIR) / "tmp" / "warc"
    return found + (sorted(temp.iterdir()) if temp.exists() else [])


def status_of(snapshot: Snapshot) -> str:
    return Snapshot.objects.get(pk=snapshot.pk).status


def test_sigkill_mid_fetch_redelivers_and_leaves_one_snapshot_and_one_warc(
    redis_broker: str, worker: WorkerFactory, local_site: LocalSite
) -> None:
    local_site.add("/water", ARTICLE, delay=6.0)  # stalls: the worker is killed while it waits
    limits = {"CELERY_TASK_SOFT_TIME_LIMIT": "20", "CELERY_TASK_TIME_LIMIT": "25", "CELERY_VISIBILITY_TIMEOUT": "3"}
    first = worker(limits)
    snapshot = submit(local_site, "/water")
    wait_for(lambda: local_site.hits, timeout=30)
    assert status_of(snapshot) == Snapshot.Status.FETCHING
    first.kill()
    local_site.add("/water", ARTICLE)  # answers at once from now on

    # One fetch slot per host, as in production: the killed worker's slot frees within the short Redis lease, long
    # before the row's own lease (the dead worker's time limit + margin) lets the second worker take over.
    second = worker({**limits, "CELERY_TASK_TIME_LIMIT": "5", "CELERY_TASK_SOFT_TIME_LIMIT": "4"})
    # Redis redelivers the unacknowledged message (visibility timeout); the new worker waits out the dead one's
    # lease (its own time limit + margin), then takes the row over.
    try:
        wait_for(lambda: status_of(snapshot) == Snapshot.Status.ARCHIVED, timeout=90)
    except AssertionError:
        raise AssertionError(f"not archived after the kill; worker log:\n{second.log()[-4000:]}") from None

    done = Snapshot.objects.get(pk=snapshot.pk)
    assert Snapshot.objects.filter(source=snapshot.source).count() == 1
    assert done.attempts == 2
    assert local_site.hits == ["/water", "/water"]
    assert len(warc_files(done)) == 1 and warc_files(done)[0] == Path(done.warc_file.path)
    assert temp_files() == []
    assert "8 per cent" in done.extracted_text


def test_the_sweep_reconciles_a_row_left_in_fetching_by_a_killed_worker(
    redis_broker: str, worker: WorkerFactory, local_site: LocalSite, settings: Any
) -> None:
    local_site.add("/stuck", ARTICLE, delay=6.0)
    limits = {"CELERY_TASK_SOFT_TIME_LIMIT": "3", "CELERY_TASK_TIME_LIMIT": "4"}  # lease = 4 s + margin
    # The sweep in this process uses the same lease. Both limits, as in the worker: a hard limit under the soft one
    # makes Celery refuse to send the task (that ValueError used to be swallowed as "broker down").
    settings.CELERY_TASK_SOFT_TIME_LIMIT, settings.CELERY_TASK_TIME_LIMIT = 3, 4
    first = worker({**limits, "CELERY_TASK_SOFT_TIME_LIMIT": "30", "CELERY_TASK_TIME_LIMIT": "40"})
    snapshot = submit(local_site, "/stuck")
    wait_for(lambda: local_site.hits, timeout=30)
    first.kill()  # the message stays unacknowledged for an hour (default visibility timeout): only the sweep helps
    local_site.add("/stuck", ARTICLE)
    Snapshot.objects.filter(pk=snapshot.pk).update(started_at=django_settings_now_minus(60))

    # The dead worker's per-host fetch slot is no longer renewed: it frees within the short lease, by itself.
    wait_for(lambda: not _fetch_slots(), timeout=fetcher.REDIS_SLOT_LEASE + 2)
    second = worker(limits)  # one slot per host, as in production
    assert services.snapshots_reenqueue_stuck() == 1
    try:
        wait_for(lambda: status_of(snapshot) == Snapshot.Status.ARCHIVED, timeout=60)
    except AssertionError:
        raise AssertionError(f"not archived after the sweep; worker log:\n{second.log()[-4000:]}") from None
    assert Snapshot.objects.filter(source=snapshot.source).count() == 1
    assert len(warc_files(Snapshot.objects.get(pk=snapshot.pk))) == 1
    assert temp_files() == []


def django_settings_now_minus(seconds: int) -> Any:
    from datetime import timedelta

    from django.utils import timezone

    return timezone.now() - timedelta(seconds=seconds)


def test_a_task_that_always_crashes_stops_after_n_attempts_as_failed(
    redis_broker: str, worker: WorkerFactory, local_site: LocalSite
) -> None:
    local_site.add("/crash", ARTICLE)
    env = {
        "FETCH_MAX_ATTEMPTS": "3",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(CRASH_DIR), os.environ.get("PYTHONPATH", "")])),
    }
    handle = worker(env)
    snapshot = submit(local_site, "/crash")
    try:
        wait_for(lambda: status_of(snapshot) == Snapshot.Status.FAILED, timeout=90)
    except AssertionError:
        raise AssertionError(f"not failed; worker log:\n{handle.log()[-4000:]}") from None
    done = Snapshot.objects.get(pk=snapshot.pk)
    assert done.attempts == 3
    assert done.error_message.startswith("Gave up after 3 attempts")
    assert "injected crash" in done.error_message
    assert local_site.hits == []


def test_soft_time_limit_marks_timed_out(
    redis_broker: str, worker: WorkerFactory, local_site: LocalSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sources.tasks import archive_snapshot

    local_site.add("/slow", ARTICLE, delay=8.0)
    # Celery sends the sender's limits in the message: set them here as in the worker.
    monkeypatch.setattr(archive_snapshot, "soft_time_limit", 2)
    monkeypatch.setattr(archive_snapshot, "time_limit", 6)
    monkeypatch.setattr(archive_snapshot, "_exec_options", None)  # Celery caches them on first send
    handle = worker({"CELERY_TASK_SOFT_TIME_LIMIT": "2", "CELERY_TASK_TIME_LIMIT": "6"})
    snapshot = submit(local_site, "/slow")
    try:
        wait_for(lambda: status_of(snapshot) == Snapshot.Status.TIMED_OUT, timeout=60)
    except AssertionError:
        raise AssertionError(f"not timed out; worker log:\n{handle.log()[-4000:]}") from None
    done = Snapshot.objects.get(pk=snapshot.pk)
    assert "longer than 2 seconds" in done.error_message
    assert not done.warc_file
