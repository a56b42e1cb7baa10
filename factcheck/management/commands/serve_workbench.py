"""Serve the workbench: the web server and a Celery worker side by side. Ctrl-C stops both."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the web server and a Celery worker (with the periodic sweep) until Ctrl-C."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--concurrency", type=int, default=2)

    def handle(self, *args: Any, host: str, port: int, concurrency: int, **options: Any) -> None:
        bin_dir = Path(sys.executable).parent
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        worker_cmd = [
            str(bin_dir / "celery"), "-A", "factcheck", "worker", "--beat", "--loglevel", "INFO",
            "--concurrency", str(concurrency), "--schedule", str(settings.VAR_DIR / "celerybeat-schedule"),
        ]  # fmt: skip
        web_cmd = [sys.executable, "manage.py", "runserver", "--noreload", f"{host}:{port}"]
        procs = [subprocess.Popen(worker_cmd), subprocess.Popen(web_cmd)]
        self.stdout.write(self.style.SUCCESS(f"Workbench at http://{host}:{port}/  (Ctrl-C stops web and worker)"))
        broker, engine = settings.CELERY_BROKER_URL.split("@")[-1], settings.DATABASES["default"]["ENGINE"]
        self.stdout.write(f"Broker: {broker}  Database: {engine}")
        stopping = False

        def stop(*_: object) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        try:
            while not stopping and all(p.poll() is None for p in procs):
                time.sleep(0.5)
        except KeyboardInterrupt:  # Ctrl-C: the terminal sent SIGINT to the children too
            stopping = True
        for p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()
        failed = [p for p in procs if p.returncode not in (0, -signal.SIGTERM, -signal.SIGINT, None)]
        if failed and not stopping:
            raise SystemExit(f"a process exited with status {failed[0].returncode}")
