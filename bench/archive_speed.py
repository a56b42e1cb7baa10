"""Archiving throughput with real workers: `make bench-archive`.

Serves N realistic article pages (>= 50 KB each, navigation, sidebars, scripts and footers included) from a local
threaded server, submits them through the real broker (Redis when REDIS_URL is set, else the embedded filesystem
broker) to a real `celery worker` subprocess (concurrency 2), waits until every snapshot is archived and prints
pages/s, p50/p95 submission→archived latency, peak worker RSS (VmHWM of the worker and its pool children), and
trafilatura's extraction-only rate on the same pages in the same run. Figures are printed, not asserted.

Uses its own throwaway SQLite database, VAR_DIR and queue, so it never touches a real installation.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

SUBJECTS = ["The city council", "The regional health authority", "The national statistics office", "The port authority",
            "The education ministry", "The water company", "A cross-party committee", "The central bank",
            "The transport agency", "The environment agency"]  # fmt: skip
VERBS = ["approved", "published", "announced", "rejected", "postponed", "revised", "confirmed", "questioned"]
OBJECTS = ["a budget of {n} million euros", "a report on {n} hospitals", "a plan to build {n} homes",
           "figures showing {n} per cent growth", "a study of {n} schools", "a {n}-year investment programme",
           "new rules affecting {n} thousand drivers", "a survey of {n} households"]  # fmt: skip
TAILS = ["on Tuesday after a long debate.", "despite protests outside the building.", "according to officials.",
         "in a statement published on its website.", "following a request from opposition members.",
         "after months of negotiation.", "citing rising costs.", "for the first time since 2019."]  # fmt: skip
QUOTES = ["“We cannot wait any longer,” said a spokesperson.", "Critics called the decision premature.",
          "Residents said they had not been consulted.", "Experts said the figures should be read with caution.",
          "The opposition promised to challenge the plan in court."]  # fmt: skip
SECTIONS = ["news", "politics", "business", "sport", "culture", "science", "opinion", "weather", "podcasts"]
NAV = "".join(f'<li><a href="/section/{s}">{s.title()}</a></li>' for s in SECTIONS)


def sentence(rng: random.Random) -> str:
    obj = rng.choice(OBJECTS).format(n=rng.randint(2, 950))
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {obj} {rng.choice(TAILS)}"


def article_page(index: int, min_bytes: int = 52_000) -> bytes:
    rng = random.Random(index)
    title = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS).format(n=index)}"
    paragraphs: list[str] = []
    sidebar = "".join(f'<li><a href="/story/{rng.randint(1, 99999)}">{sentence(rng)[:70]}</a></li>' for _ in range(25))
    script = "window.dataLayer=window.dataLayer||[];" + "".join(f"dataLayer.push({{k{i}:{i}}});" for i in range(300))
    head = (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title} | Daily Example</title>'
        f'<meta name="author" content="Reporter {index % 37}">'
        f'<meta property="article:published_time" content="2025-{1 + index % 12:02d}-{1 + index % 28:02d}T08:00:00Z">'
        f"<script>{script}</script><style>{'.c{color:#333}' * 200}</style></head><body>"
        f"<header><nav><ul>{NAV}</ul></nav>"
        '<div class="cookie">We use cookies to improve your experience.</div></header>'
        f"<main><article><h1>{title}</h1><p class=byline>By Reporter {index % 37}</p>"
    )
    tail = (
        f"</article><aside><h2>Most read</h2><ul>{sidebar}</ul></aside></main>"
        f"<footer><p>Copyright Daily Example. All rights reserved.</p><ul>{NAV}</ul></footer></body></html>"
    )
    size = len(head) + len(tail)
    while size < min_bytes:
        body = " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))
        if rng.random() < 0.4:
            body += " " + rng.choice(QUOTES)
        block = f"<p>{body}</p>"
        if rng.random() < 0.15:
            block += f'<div class="ad"><a href="/ads/{rng.randint(1, 999)}">Advertisement</a></div>'
        paragraphs.append(block)
        size += len(block)
    return (head + "".join(paragraphs) + tail).encode("utf-8")


class Site(ThreadingHTTPServer):
    daemon_threads = True
    pages: dict[str, bytes]


class Handler(BaseHTTPRequestHandler):
    server: Site

    def do_GET(self) -> None:
        body = self.server.pages.get(self.path)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


def vm_hwm_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError, ValueError):
        pass
    return 0


def descendants(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                found.append(int(child))
                found.extend(descendants(int(child)))
    except (FileNotFoundError, ProcessLookupError):
        pass
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=1800)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-archive-"))
    pages = {f"/news/{i}": article_page(i) for i in range(args.pages)}
    site = Site(("127.0.0.1", 0), Handler)
    site.pages = pages
    threading.Thread(target=site.serve_forever, daemon=True).start()
    host_port = f"127.0.0.1:{site.server_address[1]}"
    env = {
        "DJANGO_SETTINGS_MODULE": "factcheck.settings",
        "VAR_DIR": str(work),
        "MEDIA_ROOT": str(work / "archive"),
        "DATABASE_URL": f"sqlite:///{work / 'bench.sqlite3'}",
        "CELERY_QUEUE": f"bench-archive-{os.getpid()}",
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "FETCH_ALLOWLIST": host_port,
        "FETCH_PER_HOST_DELAY": "0",
        "FETCH_PER_HOST_CONCURRENCY": str(args.concurrency),
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from sources import services
    from sources.models import Snapshot, Source

    broker = settings.CELERY_BROKER_URL.split("://")[0]
    sizes = [len(p) for p in pages.values()]
    print(f"pages: {len(pages)}, {statistics.mean(sizes) / 1024:.0f} KB average (min {min(sizes) / 1024:.0f} KB)")
    print(f"broker: {broker}, database: SQLite (throwaway, {work}), worker concurrency {args.concurrency}")

    cmd = [sys.executable, "-m", "celery", "-A", "factcheck", "worker", "--loglevel", "WARNING",
           "--concurrency", str(args.concurrency), "--without-gossip", "--without-mingle",
           "-n", f"bench-{os.getpid()}@%h"]  # fmt: skip
    log = (work / "worker.log").open("wb")
    worker = subprocess.Popen(cmd, cwd=REPO, env={**os.environ}, stdout=log, stderr=subprocess.STDOUT)
    time.sleep(3)
    try:
        peak_kb = 0
        started = time.monotonic()
        for path in pages:
            url = f"http://{host_port}{path}"
            source = Source.objects.create(url=url, canonical_url=url, domain="127.0.0.1")
            services.snapshot_request(source=source)
        submitted = time.monotonic()
        deadline = started + args.timeout
        while time.monotonic() < deadline:
            peak_kb = max(peak_kb, sum(vm_hwm_kb(p) for p in [worker.pid, *descendants(worker.pid)]))
            open_rows = Snapshot.objects.exclude(status__in=["archived", "failed", "timed_out"]).count()
            if open_rows == 0:
                break
            time.sleep(0.5)
        elapsed = time.monotonic() - started
        rows = list(Snapshot.objects.values("status", "requested_at", "fetched_at"))
        archived = [r for r in rows if r["status"] == "archived"]
        latencies = sorted((r["fetched_at"] - r["requested_at"]).total_seconds() for r in archived)
        rate = len(archived) / elapsed
        print(f"submitted in {submitted - started:.1f}s; archived {len(archived)}/{len(rows)} in {elapsed:.1f}s")
        print(f"archive rate: {rate:.2f} pages/s")
        if latencies:
            p95 = latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))]
            print(f"submission→archived: p50 {statistics.median(latencies):.1f}s, p95 {p95:.1f}s")
        print(f"peak worker RSS (VmHWM, worker + pool children): {peak_kb / 1024:.0f} MB")
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
        log.close()
        site.shutdown()

    import trafilatura

    t0 = time.monotonic()
    for body in pages.values():
        trafilatura.extract(body.decode("utf-8"), with_metadata=True)
    extract_rate = len(pages) / (time.monotonic() - t0)
    print(f"trafilatura extraction only (1 process): {extract_rate:.2f} pages/s")
    print(f"ratio archive/extraction: {rate / extract_rate:.2f} (target >= 0.5)")


if __name__ == "__main__":
    main()
