"""Helpers and fixtures shared by the fetcher tests.

Every server here listens on 127.0.0.1 and is reached only through an explicit
allow-list entry in the test's policy; default settings allow nothing private.
Public-looking addresses never get a real connection: ``socket.connect`` is
replaced by a spy that refuses anything outside the loopback range.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from sources.fetcher import (
    FetchPolicy,
    FileHostGate,
)
from tests.sources.hostile_server import (
    RawServer,
)

MiB = 1024 * 1024
PUBLIC_IP = "93.184.216.34"  # never really contacted: the connect spy refuses non-loopback addresses


# --------------------------------------------------------------------------- fixtures and helpers


def make_policy(*allow: tuple[str, int], **overrides: Any) -> FetchPolicy:
    values: dict[str, Any] = {
        "allowlist": frozenset(allow),
        "allowed_ports": frozenset({80, 443}),
        "max_bytes": 1 * MiB,
        "connect_timeout": 2.0,
        "read_timeout": 3.0,
        "deadline": 10.0,
        "max_redirects": 5,
        "user_agent": "fetcher-tests/1.0",
        "per_host_delay": 0.0,
        "per_host_concurrency": 1,
        "ca_bundle": None,
    }
    values.update(overrides)
    return FetchPolicy(**values)


@pytest.fixture
def gate(tmp_path: Path) -> FileHostGate:
    return FileHostGate(tmp_path / "hosts", delay=0.0)


@pytest.fixture
def servers() -> Iterator[Callable[..., RawServer]]:
    started: list[RawServer] = []

    def start(handler: Any, **kwargs: Any) -> RawServer:
        server = RawServer(handler, **kwargs)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def web() -> Iterator[HTTPServer]:
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()


class ConnectSpy:
    """Records every socket.connect address; only loopback addresses really connect."""

    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []


@pytest.fixture
def connect_spy(monkeypatch: pytest.MonkeyPatch) -> ConnectSpy:
    spy = ConnectSpy()
    real = socket.socket.connect

    def connect(sock: socket.socket, address: Any) -> Any:
        spy.calls.append(tuple(address))
        host = str(address[0])
        if host.startswith("127.") or host == "::1":
            return real(sock, address)
        raise ConnectionRefusedError(111, "refused by test spy (no real network)")

    monkeypatch.setattr(socket.socket, "connect", connect)
    return spy


class CountingResolver:
    def __init__(self, answers: dict[str, list[list[str]]]) -> None:
        self.answers = answers
        self.calls: list[tuple[str, int]] = []

    def __call__(self, host: str, port: int) -> list[str]:
        self.calls.append((host, port))
        replies = self.answers.get(host)
        if not replies:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        index = min(len(self.calls_for(host)) - 1, len(replies) - 1)
        return list(replies[index])

    def calls_for(self, host: str) -> list[tuple[str, int]]:
        return [c for c in self.calls if c[0] == host]
