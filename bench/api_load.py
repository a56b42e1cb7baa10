"""API speed at newsroom scale: `make bench-api`.

Recreates and fills PostgreSQL (BENCH_DATABASE_URL, default the `factcheck_api` database: dropped and created
afresh, so never point it at real data) with the data set of
bench/api_fill.py (5,000 articles, 100,000 claims, 20,000 sources, 100,000 evidence links, 50,000
verdicts, 7,142 published fact-checks), serves the app with gunicorn (2 workers, DEBUG off), and
loads it from a separate process (a threaded keep-alive HTTP client): the claim list (50 per page,
unfiltered and filtered), claim detail, the article list, the ClaimReview feed (50 per page, first
and a later page), and `/healthz` (a trivial Django JSON view: one SELECT 1) as the baseline of
the same run. Prints requests/s, p50/p95/p99 and the
queries per request (counted in-process with CaptureQueriesContext on the same database), and the
in-process wall and CPU ms per request (CPU time barely moves when other work shares the cores).
Figures are printed, not asserted. Targets: p95 < 100 ms for a 50-item page, ≤ 10 queries.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/factcheck_api"


def recreate_database(database_url: str) -> None:
    """A fresh, empty bench database (created when missing): the fill starts from nothing, every run alike."""
    import psycopg
    from psycopg import sql

    url = urlsplit(database_url)
    name = url.path.lstrip("/")
    server = urlunsplit(url._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _env(database_url: str, var_dir: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "VAR_DIR": var_dir,
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "0",
        "BEHIND_TLS_PROXY": "0",
        "DB_CONN_MAX_AGE": "300",
        "API_THROTTLE_TOKEN": "1000000/min",
        "API_THROTTLE_USER": "1000000/min",
        "API_THROTTLE_ANON": "1000000/min",
        "DJANGO_SETTINGS_MODULE": "factcheck.settings",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "PYTHONPATH": str(ROOT),
    }


def setup_django(database_url: str, var_dir: str) -> None:
    os.environ.update(_env(database_url, var_dir))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def feed_later_page(path: str) -> str:
    """The feed's page after the tenth (a cursor from the `next` links, as a client would follow)."""
    from urllib.parse import urlsplit

    from django.test import Client

    client = Client()
    for _ in range(10):
        path = urlsplit(client.get(path).json()["next"])._replace(scheme="", netloc="").geturl()
    return path


def feed_path() -> str | None:
    from django.urls import NoReverseMatch, reverse

    for name in ("api-claimreviews",):
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return None


def count_queries(paths: dict[str, str], secret: str) -> dict[str, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_AUTHORIZATION=f"Token {secret}")
    counts = {}
    for name, path in paths.items():
        client.get(path)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code, response.content[:300])
        counts[name] = len(ctx.captured_queries)
    return counts


def service_times(paths: dict[str, str], secret: str, n: int = 20) -> dict[str, tuple[float, float]]:
    """Median in-process (wall, CPU) ms per request (Django test client, no HTTP, no queueing), DEBUG off.

    CPU time is this process's own: it hardly moves with other work on the machine, wall time does."""
    from django.test import Client

    client = Client(HTTP_AUTHORIZATION=f"Token {secret}")
    out = {}
    for name, path in paths.items():
        wall, cpu = [], []
        for _ in range(n):
            t0, c0 = time.perf_counter(), time.process_time()
            client.get(path)
            wall.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        out[name] = (statistics.median(wall) * 1000, statistics.median(cpu) * 1000)
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_up(port: int, timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not come up")


def client_main(port: int, path: str, secret: str, requests: int, threads: int) -> None:
    """Runs in its own process: `threads` keep-alive connections share `requests` GETs; prints JSON."""
    latencies: list[float] = []
    lock = threading.Lock()
    remaining = [requests]
    errors = [0]

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while True:
            with lock:
                if remaining[0] <= 0:
                    return
                remaining[0] -= 1
            t0 = time.perf_counter()
            conn.request("GET", path, headers={"Authorization": f"Token {secret}"})
            response = conn.getresponse()
            response.read()
            elapsed = time.perf_counter() - t0
            with lock:
                latencies.append(elapsed)
                if response.status != 200:
                    errors[0] += 1

    started = time.perf_counter()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    wall = time.perf_counter() - started
    print(json.dumps({"latencies": latencies, "wall": wall, "errors": errors[0]}))


def load(port: int, path: str, secret: str, requests: int, threads: int) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--client", str(port), path, secret, str(requests), str(threads)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    data = json.loads(out)
    lat = sorted(data["latencies"])
    q = statistics.quantiles(lat, n=100)
    return {
        "rps": len(lat) / data["wall"],
        "p50": q[49] * 1000,
        "p95": q[94] * 1000,
        "p99": q[98] * 1000,
        "errors": data["errors"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--requests", type=int, default=400, help="requests per endpoint")
    parser.add_argument("--threads", type=int, default=2, help="concurrent client connections (2 = one per worker)")
    parser.add_argument("--no-fill", action="store_true", help="reuse the data of a previous run")
    args = parser.parse_args()
    var_dir = tempfile.mkdtemp(prefix="factcheck-bench-api-")
    if not args.no_fill:
        recreate_database(args.database_url)
    setup_django(args.database_url, var_dir)
    if args.no_fill:
        from django.contrib.auth.models import User

        from accounts.services import token_create

        secret = token_create(user=User.objects.get(username="bench-reviewer"), name="bench")[1]
    else:
        from bench.api_fill import fill

        secret = fill()
    from claims.models import Claim

    claim_id = Claim.objects.order_by("id").values_list("id", flat=True)[5000]
    paths = {
        "baseline /healthz (trivial JSON view)": "/healthz",
        "claim list, 50/page": "/api/v1/claims/?page_size=50",
        "claim list, 50/page, filtered": "/api/v1/claims/?page_size=50&status=in_review&checkworthy=true&kind=quantity",
        "claim list, 50/page, by verdict": "/api/v1/claims/?page_size=50&verdict=False",
        "claim detail": f"/api/v1/claims/{claim_id}/",
        "article list, 50/page": "/api/v1/articles/?page_size=50",
    }
    feed = feed_path()
    if feed:
        paths["ClaimReview feed, 50/page"] = f"{feed}?page_size=50"
        paths["ClaimReview feed, 50/page, 11th page"] = feed_later_page(f"{feed}?page_size=50")
    queries = count_queries(paths, secret)
    inproc = service_times(paths, secret)
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "factcheck.wsgi",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=_env(args.database_url, var_dir),
    )
    try:
        wait_up(port)
        print(f"\ngunicorn 2 workers, {args.threads} client connections, {args.requests} requests per endpoint\n")
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (other processes share them)")
        header = (
            f"{'endpoint':<52} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'queries':>7} {'in-proc':>8}"
            f" {'cpu':>7}"
        )
        print(header)
        for name, path in paths.items():
            load(port, path, secret, min(50, args.requests), args.threads)  # warm-up (connections, caches)
            r = load(port, path, secret, args.requests, args.threads)
            flag = f"  ({r['errors']:.0f} errors)" if r["errors"] else ""
            print(
                f"{name:<52} {r['rps']:7.1f} {r['p50']:7.1f} {r['p95']:7.1f} {r['p99']:7.1f} {queries[name]:7d}"
                f" {inproc[name][0]:6.1f}ms {inproc[name][1]:5.1f}ms{flag}"
            )
        print(f"load average {os.getloadavg()[0]:.1f} at the end")
        if not feed:
            print("ClaimReview feed: pending (the publishing app provides it; not on this branch)")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--client":
        port_, path_, secret_, n_, threads_ = sys.argv[2:7]
        client_main(int(port_), path_, secret_, int(n_), int(threads_))
    else:
        main()
