"""sources.fetcher.gates: per-host politeness across threads, processes and machines."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from sources import fetcher
from sources.fetcher import (
    FetchPolicy,
    FileHostGate,
    HostBusy,
    RedisHostGate,
    fetch,
    gates,
)
from tests.sources.fetcher.support import CountingResolver, make_policy
from tests.sources.hostile_server import (
    RawServer,
    respond,
)

# --------------------------------------------------------------------------- politeness


def two_host_setup(server: RawServer) -> tuple[CountingResolver, FetchPolicy]:
    resolver = CountingResolver({"a.example": [["127.0.0.1"]], "b.example": [["127.0.0.1"]]})
    policy = make_policy(("a.example", server.port), ("b.example", server.port), per_host_delay=0.6)
    return resolver, policy


def test_fetches_to_one_host_are_spaced_and_other_hosts_are_not_delayed(
    servers: Callable[..., RawServer], tmp_path: Path
) -> None:
    server = servers(respond(body=b"x"))
    resolver, policy = two_host_setup(server)
    gate = FileHostGate(tmp_path / "hosts", delay=policy.per_host_delay)
    base = f":{server.port}/"

    fetch("http://a.example" + base, policy=policy, resolver=resolver, gate=gate)
    started = time.monotonic()
    fetch("http://b.example" + base, policy=policy, resolver=resolver, gate=gate)
    other_host = time.monotonic() - started
    second = fetch("http://a.example" + base, policy=policy, resolver=resolver, gate=gate)

    times = server.request_times
    assert times[2] - times[0] >= 0.6 - 0.02
    assert other_host < 0.3
    assert second.timings["wait"] > 0.2


def test_concurrent_fetches_to_one_host_are_limited_and_other_hosts_run_in_parallel(
    servers: Callable[..., RawServer], tmp_path: Path
) -> None:
    def slow(conn: socket.socket, head: bytes, server: RawServer) -> None:
        server.wait(0.4)
        respond(body=b"done")(conn, head, server)

    server = servers(slow)
    resolver, policy = two_host_setup(server)
    policy = make_policy(*policy.allowlist, per_host_delay=0.0)
    gate = FileHostGate(tmp_path / "hosts", delay=0.0, concurrency=1)
    errors: list[BaseException] = []

    def run(host: str) -> None:
        try:
            fetch(f"http://{host}:{server.port}/", policy=policy, resolver=resolver, gate=gate)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(h,)) for h in ["a.example", "a.example", "a.example"]]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert not errors
    assert server.max_active == 1
    same_host_times = sorted(server.request_times)
    assert same_host_times[-1] - same_host_times[0] >= 0.75

    server.max_active = 0
    threads = [threading.Thread(target=run, args=(h,)) for h in ["a.example", "b.example"]]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert not errors
    assert server.max_active == 2


def test_the_file_gate_spaces_separate_processes(tmp_path: Path) -> None:
    script = (
        "import sys, time\n"
        "sys.path.insert(0, sys.argv[2])\n"
        "from sources.fetcher import FileHostGate\n"
        "gate = FileHostGate(sys.argv[1], delay=0.5)\n"
        "with gate.slot('news.example'):\n"
        "    print(time.time(), flush=True)\n"
    )
    repo = str(Path(__file__).resolve().parents[3])
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "factcheck.settings"}
    procs = [
        subprocess.Popen(
            [os.sys.executable, "-c", script, str(tmp_path / "hosts"), repo],  # type: ignore[attr-defined]
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(2)
    ]
    stamps = sorted(float(p.communicate(timeout=30)[0].strip()) for p in procs)
    assert stamps[1] - stamps[0] >= 0.45


def test_the_default_gate_uses_file_locks_under_var_dir_without_redis(settings: Any, tmp_path: Path) -> None:
    settings.REDIS_URL = ""
    settings.VAR_DIR = tmp_path
    gate = fetcher.default_gate(make_policy(per_host_delay=0.25))
    assert isinstance(gate, FileHostGate)
    assert gate.directory == tmp_path / "hosts"
    assert gate.delay == 0.25


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proc = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(5)


def test_the_redis_gate_spaces_one_host_and_leaves_others_alone(redis_url: str, settings: Any) -> None:
    import redis

    settings.REDIS_URL = redis_url
    gates._gate_cache.clear()
    gate = fetcher.default_gate(make_policy(per_host_delay=0.5))
    assert isinstance(gate, RedisHostGate)
    gate2 = RedisHostGate(redis.Redis.from_url(redis_url), delay=0.5)
    starts: dict[str, list[float]] = {"a": [], "b": []}
    with gate.slot("a.example"):
        starts["a"].append(time.monotonic())
    began = time.monotonic()
    with gate2.slot("b.example"):
        starts["b"].append(time.monotonic())
    assert starts["b"][0] - began < 0.2
    with gate2.slot("a.example") as waited:
        starts["a"].append(time.monotonic())
    assert starts["a"][1] - starts["a"][0] >= 0.45
    assert waited > 0.2
    gates._gate_cache.clear()


def test_a_redis_slot_outlives_its_lease_while_the_holder_lives_and_frees_within_it_when_killed(redis_url: str) -> None:
    import redis

    client = redis.Redis.from_url(redis_url)
    holder = (
        "import sys, time, redis\n"
        "from sources.fetcher import RedisHostGate\n"
        f"gate = RedisHostGate(redis.Redis.from_url({redis_url!r}), delay=0, lease=1.0)\n"
        "with gate.slot('killed.example'):\n"
        "    print('held', flush=True)\n"
        "    time.sleep(60)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", holder], cwd=Path(__file__).resolve().parents[3], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "held"
        time.sleep(2.0)  # twice the lease: the holder's renewals keep the slot
        with pytest.raises(HostBusy), RedisHostGate(client, delay=0, lease=1.0, max_wait=0.3).slot("killed.example"):
            pass
    finally:
        proc.kill()
        proc.wait(5)
    killed = time.monotonic()
    with RedisHostGate(client, delay=0, lease=1.0, max_wait=5.0).slot("killed.example") as waited:
        freed_after = time.monotonic() - killed
    assert freed_after <= 1.0 + 0.3  # one lease (the dead holder's last renewal) and the polling step
    assert waited <= 1.0 + 0.3
    assert not list(client.scan_iter("factcheck:fetchgate:*:slot:*"))  # released on exit


def test_a_redis_slot_is_released_only_by_its_holder(redis_url: str) -> None:
    import redis

    client = redis.Redis.from_url(redis_url)
    gate = RedisHostGate(client, delay=0, lease=1.0)
    with gate.slot("shared.example"):
        (slot_key,) = client.scan_iter("factcheck:fetchgate:*:slot:*")
        client.set(slot_key, "someone-else", px=5000)  # our lease ran out and another worker took the slot
    assert client.get(slot_key) == b"someone-else"
    time.sleep(0.5)  # our renewer must not extend the other holder's lease either
    assert 0 < client.pttl(slot_key) <= 4500


def test_the_default_redis_gate_uses_a_short_lease(redis_url: str, settings: Any) -> None:
    settings.REDIS_URL = redis_url
    gates._gate_cache.clear()
    gate = fetcher.default_gate(make_policy(deadline=60.0))
    assert isinstance(gate, RedisHostGate)
    assert gate.lease_ms == int(fetcher.REDIS_SLOT_LEASE * 1000) <= 15_000
    gates._gate_cache.clear()
