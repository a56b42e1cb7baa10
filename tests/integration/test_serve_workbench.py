"""`make run`'s last step: web server and worker side by side, both stopped by Ctrl-C."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from tests.integration.conftest import REPO, database_url_for_subprocess, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.timeout(180)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def test_serve_workbench_runs_web_and_worker_and_ctrl_c_stops_both(transactional_db: Any, tmp_path: Path) -> None:
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url_for_subprocess(),
        "VAR_DIR": str(tmp_path),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "CELERY_QUEUE": settings.CELERY_TASK_DEFAULT_QUEUE,
    }
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "manage.py", "serve_workbench", "--port", str(port), "--concurrency", "1"],
            cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    try:
        wait_for(lambda: healthy(port), timeout=90)
        wait_for(lambda: " ready." in log.read_text(errors="replace"), timeout=90)
        assert f"Workbench at http://127.0.0.1:{port}/" in log.read_text()
        os.killpg(proc.pid, signal.SIGINT)  # what the terminal does on Ctrl-C
        assert proc.wait(timeout=60) == 0, log.read_text()[-3000:]
        assert not healthy(port)

        def group_gone() -> bool:
            leftover = subprocess.run(["pgrep", "-a", "-g", str(proc.pid)], capture_output=True, text=True)
            return leftover.stdout.strip() == ""

        try:
            wait_for(group_gone, timeout=20)
        except AssertionError:
            ps = subprocess.run(["pgrep", "-a", "-g", str(proc.pid)], capture_output=True, text=True).stdout
            raise AssertionError(f"outlived Ctrl-C:\n{ps}") from None
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
