"""Archiving throughput with real workers: `make bench-archive`.

Serves N realistic article pages (>= 50 KB each, navigation, sidebars, scripts and footers included) from local
threaded servers on several loopback addresses (127.0.0.2, 127.0.0.3, ...: one "site" each, every one allowlisted as
host:port), submits them round-robin across the sites through the real broker (Redis when REDIS_URL is set, else the
embedded filesystem broker; --broker forces one) to a real `celery worker` subprocess (prefork, concurrency 2), waits
until every snapshot is archived and prints pages/s, p50/p95 submission→archived latency, peak worker memory (RSS
high-water marks summed over the worker and its pool children, and the peak of their summed PSS, which counts shared
pages once), the mean per-stage timings the pipeline records, and trafilatura's extraction-only rate on the same pages
in the same run (one process, `trafilatura.extract(html)`, and with `with_metadata=True`). Figures are printed, not
asserted. The politeness rules are the production ones (FETCH_PER_HOST_DELAY / FETCH_PER_HOST_CONCURRENCY from the
environment or their defaults): throughput comes from many sites, not from a relaxed gate.

Uses its own throwaway SQLite database (or --database-url), VAR_DIR and queue, so it never touches a real
installation.
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

from bench.procstat import descendants, proc_kb, pss_kb  # noqa: E402

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


def bind_sites(count: int) -> list[Site]:
    """One server per loopback address 127.0.0.2 ... on a common port (all of 127/8 is loopback on Linux)."""
    for _attempt in range(20):
        first = Site(("127.0.0.2", 0), Handler)
        port = first.server_address[1]
        sites = [first]
        try:
            for index in range(1, count):
                sites.append(Site((f"127.0.0.{2 + index}", port), Handler))
        except OSError:  # that port is taken on one of the addresses: try another
            for site in sites:
                site.server_close()
            continue
        return sites
    raise SystemExit("could not bind the bench servers on a common port")


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


def create_database(url: str) -> tuple[str, Any]:
    """A fresh PostgreSQL database next to the one in ``url`` (dropped afterwards); SQLite URLs are used as they are."""
    if not url.startswith(("postgres://", "postgresql://")):
        return url, None
    import psycopg

    base, _, _name = url.rpartition("/")
    name = f"bench_archive_{os.getpid()}"
    admin = psycopg.connect(f"{base}/postgres", autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()

    return f"{base}/{name}", drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--hosts", type=int, default=100, help="loopback sites the pages are spread over (default 100)")
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--broker", choices=["auto", "redis", "filesystem"], default="auto",
                        help="auto: Redis when REDIS_URL is set, else the embedded filesystem broker")  # fmt: skip
    parser.add_argument("--database-url", default="", help="PostgreSQL server to create a throwaway database on")
    parser.add_argument("--timeout", type=float, default=240)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-archive-"))
    if args.broker == "redis" and not os.environ.get("REDIS_URL"):
        raise SystemExit("--broker redis needs REDIS_URL")
    if args.broker == "filesystem":
        os.environ.pop("REDIS_URL", None)
        os.environ.pop("CELERY_BROKER_URL", None)
    hosts = max(1, min(args.hosts, 250))
    sites = bind_sites(hosts)
    port = sites[0].server_address[1]
    addresses = [str(site.server_address[0]) for site in sites]
    urls = [f"http://{addresses[i % hosts]}:{port}/news/{i}" for i in range(args.pages)]
    pages = {f"/news/{i}": article_page(i) for i in range(args.pages)}
    warm_path = "/news/warm-up"
    pages[warm_path] = article_page(10**6)
    for site in sites:
        site.pages = pages
        threading.Thread(target=site.serve_forever, daemon=True).start()
    database_url, drop_database = create_database(args.database_url or f"sqlite:///{work / 'bench.sqlite3'}")
    env = {
        "DJANGO_SETTINGS_MODULE": "factcheck.settings",
        "VAR_DIR": str(work),
        "MEDIA_ROOT": str(work / "archive"),
        "DATABASE_URL": database_url,
        "CELERY_QUEUE": f"bench-archive-{os.getpid()}",
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "FETCH_ALLOWLIST": ",".join(f"{address}:{port}" for address in addresses),
        "LOG_LEVEL": "WARNING",
        # Production settings: with DEBUG on Django keeps every SQL statement and its quoted parameters per task.
        "DEBUG": "0",
        "SECRET_KEY": "bench-archive-not-secret",
        "ALLOWED_HOSTS": "localhost",
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
    gate = "Redis" if settings.REDIS_URL else "file locks"
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    sizes = [len(pages[f"/news/{i}"]) for i in range(args.pages)]
    print(f"pages: {args.pages}, {statistics.mean(sizes) / 1024:.0f} KB average (min {min(sizes) / 1024:.0f} KB), "
          f"spread round-robin over {hosts} sites (127.0.0.2-{addresses[-1]}:{port})")  # fmt: skip
    print(f"broker: {broker}; database: {engine} (throwaway); worker: prefork, concurrency {args.concurrency}")
    print(f"politeness: {settings.FETCH_PER_HOST_DELAY:g} s between requests to a site, "
          f"{settings.FETCH_PER_HOST_CONCURRENCY} at a time per site (gate: {gate})")  # fmt: skip

    cmd = [sys.executable, "-m", "celery", "-A", "factcheck", "worker", "--loglevel", "WARNING",
           "--concurrency", str(args.concurrency), "--without-gossip", "--without-mingle",
           "-n", f"bench-{os.getpid()}@%h"]  # fmt: skip
    log = (work / "worker.log").open("wb")
    worker = subprocess.Popen(cmd, cwd=REPO, env={**os.environ}, stdout=log, stderr=subprocess.STDOUT)
    rate = 0.0
    try:
        # Not timed: the worker starts and archives one page (a separate URL) before the clock starts.
        warm_url = f"http://{addresses[0]}:{port}{warm_path}"
        warm = Source.objects.create(url=warm_url, canonical_url=warm_url, domain=addresses[0])
        warm_snapshot = services.snapshot_request(source=warm)
        ready_by = time.monotonic() + 120
        while Snapshot.objects.filter(pk=warm_snapshot.pk, status="archived").count() == 0:
            if time.monotonic() > ready_by or worker.poll() is not None:
                raise SystemExit(f"the worker did not archive the warm-up page; see {work / 'worker.log'}")
            time.sleep(0.1)
        time.sleep(1.0)  # the warm-up site's politeness spacing

        peak_hwm_kb = peak_pss_kb = 0
        started = time.monotonic()
        snapshot_ids = []
        for url in urls:
            host = url.split("/")[2].split(":")[0]
            source = Source.objects.create(url=url, canonical_url=url, domain=host)
            snapshot_ids.append(services.snapshot_request(source=source).pk)
        submitted = time.monotonic()
        deadline = started + args.timeout
        open_rows = len(snapshot_ids)
        while time.monotonic() < deadline:
            pids = [worker.pid, *descendants(worker.pid)]
            peak_hwm_kb = max(peak_hwm_kb, sum(proc_kb(p, "VmHWM", "status") for p in pids))
            peak_pss_kb = max(peak_pss_kb, sum(pss_kb(p) for p in pids))
            open_rows = (
                Snapshot.objects.filter(pk__in=snapshot_ids)
                .exclude(status__in=["archived", "failed", "timed_out"])
                .count()
            )
            if open_rows == 0:
                break
            time.sleep(0.25)
        elapsed = time.monotonic() - started
        rows = list(
            Snapshot.objects.filter(pk__in=snapshot_ids).values("status", "requested_at", "fetched_at", "timings")
        )
        archived = [r for r in rows if r["status"] == "archived"]
        latencies = sorted(
            (r["fetched_at"] - r["requested_at"]).total_seconds() for r in archived if r["fetched_at"] is not None
        )
        rate = len(archived) / elapsed
        print(f"submitted in {submitted - started:.1f}s; archived {len(archived)}/{len(rows)} in {elapsed:.1f}s"
              + (f" ({open_rows} still open at the timeout)" if open_rows else ""))  # fmt: skip
        failed = [r["status"] for r in rows if r["status"] != "archived"]
        if failed:
            print(f"not archived: {statistics.multimode(failed)} ({len(failed)})")
        print(f"archive rate: {rate:.2f} pages/s")
        if latencies:
            p95 = latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))]
            print(f"submission→archived: p50 {statistics.median(latencies):.2f}s, p95 {p95:.2f}s")
            stages = ["wait", "connect", "ttfb", "download", "total", "warc", "extract"]
            means = {k: 1000 * statistics.mean(float(r["timings"].get(k, 0.0)) for r in archived) for k in stages}
            print("per page in the worker (ms, mean): fetch " + ", ".join(f"{k} {v:.1f}" for k, v in means.items()))
        print(f"peak worker memory (worker + {args.concurrency} pool children): RSS high-water marks summed "
              f"{peak_hwm_kb / 1024:.0f} MB, summed PSS {peak_pss_kb / 1024:.0f} MB")  # fmt: skip
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
        log.close()
        for site in sites:
            site.shutdown()
            site.server_close()
        if drop_database is not None:
            from django.db import connections

            connections.close_all()
            drop_database()

    import trafilatura

    htmls = [pages[f"/news/{i}"].decode("utf-8") for i in range(args.pages)]
    t0 = time.monotonic()
    for html in htmls:
        trafilatura.extract(html)
    extract_rate = len(htmls) / (time.monotonic() - t0)
    t0 = time.monotonic()
    for html in htmls:
        trafilatura.extract(html, with_metadata=True)
    metadata_rate = len(htmls) / (time.monotonic() - t0)
    print(f"trafilatura extraction only (1 process): trafilatura.extract(html) {extract_rate:.2f} pages/s; "
          f"with_metadata=True {metadata_rate:.2f} pages/s")  # fmt: skip
    print(f"ratio archive/extraction: {rate / extract_rate:.2f} vs extract(html) (issue 13's target >= 0.7), "
          f"{rate / metadata_rate:.2f} vs extract(html, with_metadata=True)")  # fmt: skip


if __name__ == "__main__":
    main()
