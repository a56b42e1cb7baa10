"""Real-worker fixtures: a `celery worker` subprocess on the configured broker and
test database, and a local web site on the fetcher's allow-list.

In CI the broker is Redis and the database PostgreSQL (REDIS_URL / DATABASE_URL);
on a fresh machine the embedded filesystem broker and a SQLite file.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

REPO = Path(__file__).resolve().parents[2]


def wait_for(predicate: Callable[[], Any], timeout: float = 30.0, interval: float = 0.2) -> Any:
    """Poll until predicate() is truthy; return its value or fail with the timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout:.0f}s")


def database_url_for_subprocess() -> str:
    """A URL for the database this test run uses, for a subprocess to open."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    auth = quote(db["USER"] or "", safe="")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"], safe="")
    host = db["HOST"] or "127.0.0.1"
    port = db["PORT"] or 5432
    return f"postgres://{auth}@{host}:{port}/{db['NAME']}"


@dataclass
class WorkerHandle:
    proc: subprocess.Popen[bytes]
    log_path: Path
    name: str

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def kill(self) -> None:
        """SIGKILL the whole worker (main process and pool children): a crash, not a shutdown."""
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


@dataclass
class WorkerFactory:
    tmp: Path
    started: list[WorkerHandle] = field(default_factory=list)

    def __call__(self, env: dict[str, str] | None = None, *, concurrency: int = 1, beat: bool = False) -> WorkerHandle:
        name = f"test-{uuid.uuid4().hex[:8]}"
        worker_env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "factcheck.settings",
            "DATABASE_URL": database_url_for_subprocess(),
            "VAR_DIR": str(settings.VAR_DIR),
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
            "CELERY_BROKER_DIR": str(settings.BROKER_DIR),
            "CELERY_QUEUE": settings.CELERY_TASK_DEFAULT_QUEUE,
            "CELERY_TASK_ALWAYS_EAGER": "0",
            "FETCH_ALLOWLIST": ",".join(settings.FETCH_ALLOWLIST),
            "FETCH_PER_HOST_DELAY": "0",
            "PYTHONUNBUFFERED": "1",
            **(env or {}),
        }
        log_path = self.tmp / f"{name}.log"
        cmd = [
            sys.executable, "-m", "celery", "-A", "factcheck", "worker", "--loglevel", "INFO",
            "--concurrency", str(concurrency), "--pool", "prefork", "-n", f"{name}@%h",
            "--without-gossip", "--without-mingle",
        ]  # fmt: skip
        if beat:
            cmd += ["--beat", "--schedule", str(self.tmp / f"{name}-beat")]
        with log_path.open("wb") as log:
            proc = subprocess.Popen(
                cmd, cwd=REPO, env=worker_env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        handle = WorkerHandle(proc=proc, log_path=log_path, name=name)
        self.started.append(handle)
        try:
            wait_for(lambda: " ready." in handle.log() or proc.poll() is not None, timeout=60)
        except AssertionError:
            handle.kill()
            raise AssertionError(f"worker did not start:\n{handle.log()[-3000:]}") from None
        if proc.poll() is not None:
            raise AssertionError(f"worker exited with {proc.returncode}:\n{handle.log()[-3000:]}")
        return handle


@pytest.fixture
def worker(workbench_roles: None, tmp_path: Path) -> Iterator[WorkerFactory]:
    """Start real `celery worker` subprocesses; tasks published by the test go to them."""
    from factcheck.celery import app

    app.conf.task_always_eager = False
    factory = WorkerFactory(tmp=tmp_path)
    yield factory
    for handle in factory.started:
        handle.stop()
    app.conf.task_always_eager = True


class SiteHandler(BaseHTTPRequestHandler):
    server: LocalSite

    def do_GET(self) -> None:
        self.server.hits.append(self.path)
        page = self.server.pages.get(self.path)
        if page is None:
            self.send_error(404)
            return
        status, content_type, body, delay = page
        if delay:
            time.sleep(delay)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class LocalSite(ThreadingHTTPServer):
    """A small web site on 127.0.0.1 that plays the internet for a test."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), SiteHandler)
        self.pages: dict[str, tuple[int, str, bytes, float]] = {}
        self.hits: list[str] = []

    @property
    def host_port(self) -> str:
        return f"127.0.0.1:{self.server_address[1]}"

    def url(self, path: str) -> str:
        return f"http://{self.host_port}{path}"

    def add(
        self, path: str, body: str | bytes, *, status: int = 200, content_type: str = "text/html; charset=utf-8",
        delay: float = 0.0,
    ) -> str:  # fmt: skip
        data = body.encode() if isinstance(body, str) else body
        self.pages[path] = (status, content_type, data, delay)
        return self.url(path)


@pytest.fixture
def local_site(settings: Any) -> Iterator[LocalSite]:
    """A local site whose host:port is on FETCH_ALLOWLIST (start it before the worker)."""
    site = LocalSite()
    thread = threading.Thread(target=site.serve_forever, daemon=True)
    thread.start()
    settings.FETCH_ALLOWLIST = [site.host_port]
    yield site
    site.shutdown()
    site.server_close()
