"""Politeness: per-host spacing and concurrency limits shared by every worker (file locks on one machine, Redis
leases across machines). ``default_gate`` picks the one the settings call for.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import os
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Protocol, TypeVar

from sources.fetcher.errors import HostBusy
from sources.fetcher.policy import FetchPolicy

logger = logging.getLogger(__name__)


class HostGate(Protocol):
    def slot(self, host: str) -> contextlib.AbstractContextManager[float]:
        """Enter when this host may be contacted; yields the seconds spent waiting."""
        ...


_Slot = TypeVar("_Slot")


def _host_key(host: str) -> str:
    return hashlib.sha256(host.lower().encode()).hexdigest()[:32]


def _take_slot(
    host: str, try_slot: Callable[[int], _Slot | None], concurrency: int, *, give_up: float, delay: float, pause: float
) -> _Slot:
    """Try every concurrency slot until one is free; ``HostBusy`` once ``give_up`` (a monotonic time) is past."""
    while True:
        for index in range(concurrency):
            taken = try_slot(index)
            if taken is not None:
                return taken
        if time.monotonic() > give_up:
            raise HostBusy(f"{host} is busy: no free fetch slot", retry_after=delay or 1.0)
        time.sleep(pause)


class FileHostGate:
    """Per-host spacing and concurrency across processes of one machine, with ``fcntl`` locks.

    ``concurrency`` lock files per host bound parallel fetches; a small state file
    holds the earliest time the next request to the host may start.
    """

    def __init__(self, directory: Path | str, *, delay: float, concurrency: int = 1, max_wait: float = 120.0) -> None:
        self.directory = Path(directory)
        self.delay = max(0.0, delay)
        self.concurrency = max(1, concurrency)
        self.max_wait = max_wait

    @contextlib.contextmanager
    def slot(self, host: str) -> Iterator[float]:
        self.directory.mkdir(parents=True, exist_ok=True)
        key = _host_key(host)
        started = time.monotonic()
        give_up = started + self.max_wait

        def try_slot(index: int) -> int | None:
            fd = os.open(self.directory / f"{key}.slot{index}", os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                return None
            return fd

        slot_fd = _take_slot(host, try_slot, self.concurrency, give_up=give_up, delay=self.delay, pause=0.02)
        try:
            self._wait_for_spacing(key, host, give_up)
            yield time.monotonic() - started
        finally:
            fcntl.flock(slot_fd, fcntl.LOCK_UN)
            os.close(slot_fd)

    def _wait_for_spacing(self, key: str, host: str, give_up: float) -> None:
        if self.delay <= 0:
            return
        state = self.directory / f"{key}.next"
        while True:
            fd = os.open(state, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
                raw = os.read(fd, 64).decode("ascii", "replace").strip()
                try:
                    next_start = float(raw) if raw else 0.0
                except ValueError:
                    next_start = 0.0
                now = time.time()
                if now >= next_start:
                    os.lseek(fd, 0, os.SEEK_SET)
                    os.ftruncate(fd, 0)
                    os.write(fd, repr(now + self.delay).encode("ascii"))
                    return
                wait = min(next_start - now, self.delay)  # a clock jump can't make us wait forever
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
                os.close(fd)
            if time.monotonic() + wait > give_up:
                raise HostBusy(f"{host} is busy: waited too long for politeness spacing", retry_after=wait)
            time.sleep(wait)


# Compare-and-delete / compare-and-extend: only the holder (the token it wrote) may release or renew a slot.
_RELEASE_SCRIPT = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0"
_RENEW_SCRIPT = (
    "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end return 0"
)
REDIS_SLOT_LEASE = 10.0  # seconds; renewed every third of it while the holder is alive


class RedisHostGate:
    """The same gate across machines: lease keys (``SET NX PX``) for slots and a spacing key per host.

    A slot is a short lease (``lease`` seconds, 10 by default) that a daemon thread of the holding process renews
    every ``lease / 3`` while the fetch runs, however long it takes. A holder that dies (SIGKILL, OOM, power loss)
    stops renewing, so its slot frees within one lease instead of blocking the host for the whole fetch deadline.
    Release and renewal are atomic compare-and-act Lua scripts on the holder's random token, so a holder whose lease
    ran out (e.g. paused past it) can neither free nor extend the slot someone else took meanwhile.
    """

    def __init__(
        self,
        client: Any,
        *,
        delay: float,
        concurrency: int = 1,
        lease: float = REDIS_SLOT_LEASE,
        max_wait: float = 120.0,
        prefix: str = "factcheck:fetchgate",
    ) -> None:
        self.client = client
        self.delay = max(0.0, delay)
        self.concurrency = max(1, concurrency)
        self.lease_ms = max(1000, int(lease * 1000))
        self.max_wait = max_wait
        self.prefix = prefix
        self._release = client.register_script(_RELEASE_SCRIPT)
        self._renew = client.register_script(_RENEW_SCRIPT)
        self._held: dict[str, str] = {}  # slot key -> token, for the renewer
        self._held_lock = threading.Lock()
        self._renewer_pid = 0

    def _hold(self, slot_key: str, token: str) -> None:
        if self._renewer_pid != os.getpid():  # first use in this process (or a forked child): its own renewer
            self._held_lock = threading.Lock()
            self._held = {}
            self._renewer_pid = os.getpid()
            renewer = threading.Thread(target=self._renew_loop, args=(os.getpid(),), name="fetchgate-renewer")
            renewer.daemon = True
            renewer.start()
        with self._held_lock:
            self._held[slot_key] = token

    def _drop(self, slot_key: str) -> None:
        with self._held_lock:
            self._held.pop(slot_key, None)

    def _renew_loop(self, pid: int) -> None:
        interval = self.lease_ms / 3000
        while self._renewer_pid == pid:
            time.sleep(interval)
            with self._held_lock:
                held = list(self._held.items())
            for slot_key, token in held:
                try:
                    self._renew(keys=[slot_key], args=[token, self.lease_ms])
                except Exception:  # Redis briefly away: the next round tries again (the lease has 2 more thirds)
                    logger.warning("could not renew the fetch slot %s", slot_key, exc_info=True)

    @contextlib.contextmanager
    def slot(self, host: str) -> Iterator[float]:
        key = _host_key(host)
        token = uuid.uuid4().hex
        started = time.monotonic()
        give_up = started + self.max_wait

        def try_slot(index: int) -> str | None:
            slot_key = f"{self.prefix}:{key}:slot:{index}"
            return slot_key if self.client.set(slot_key, token, nx=True, px=self.lease_ms) else None

        held = _take_slot(host, try_slot, self.concurrency, give_up=give_up, delay=self.delay, pause=0.05)
        self._hold(held, token)
        try:
            if self.delay > 0:
                spacing_key = f"{self.prefix}:{key}:spacing"
                while not self.client.set(spacing_key, token, nx=True, px=max(1, int(self.delay * 1000))):
                    ttl_ms = self.client.pttl(spacing_key)
                    wait = min(self.delay, max(0.01, (ttl_ms if ttl_ms and ttl_ms > 0 else 10) / 1000))
                    if time.monotonic() + wait > give_up:
                        raise HostBusy(f"{host} is busy: waited too long for politeness spacing", retry_after=wait)
                    time.sleep(wait)
            yield time.monotonic() - started
        finally:
            self._drop(held)
            # Release only our own lease (it may have expired and been taken by someone else), atomically.
            self._release(keys=[held], args=[token])


_gate_cache: dict[tuple[Any, ...], HostGate] = {}
_gate_lock = threading.Lock()


def default_gate(policy: FetchPolicy) -> HostGate:
    """Redis-backed when ``settings.REDIS_URL`` is set, else file locks under ``VAR_DIR/hosts``."""
    from django.conf import settings

    redis_url = getattr(settings, "REDIS_URL", "") or ""
    max_wait = policy.deadline + policy.per_host_delay + 5.0
    key: tuple[Any, ...]
    if redis_url:
        key = ("redis", redis_url, policy.per_host_delay, policy.per_host_concurrency, max_wait)
    else:
        key = ("file", str(settings.VAR_DIR), policy.per_host_delay, policy.per_host_concurrency, max_wait)
    with _gate_lock:
        gate = _gate_cache.get(key)
        if gate is None:
            if redis_url:
                import redis

                gate = RedisHostGate(
                    redis.Redis.from_url(redis_url),
                    delay=policy.per_host_delay,
                    concurrency=policy.per_host_concurrency,
                    lease=REDIS_SLOT_LEASE,
                    max_wait=max_wait,
                )
            else:
                gate = FileHostGate(
                    Path(settings.VAR_DIR) / "hosts",
                    delay=policy.per_host_delay,
                    concurrency=policy.per_host_concurrency,
                    max_wait=max_wait,
                )
            _gate_cache[key] = gate
        return gate
