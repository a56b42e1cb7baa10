"""API speed at newsroom scale: `make bench-api`.

Fills PostgreSQL (BENCH_DATABASE_URL, default the `factcheck_api` database) with 5,000 articles,
100,000 claims, 20,000 sources (each with an archived snapshot), 100,000 evidence links and
50,000 verdicts using set-based INSERT ... SELECT generate_series (seconds, not minutes), serves
the app with gunicorn (2 workers, DEBUG off), and loads it from a separate process (a threaded
keep-alive HTTP client): the claim list (50 per page, unfiltered and filtered), claim detail, the
ClaimReview feed when the publishing app provides one, and `/healthz` (a trivial Django JSON
view: one SELECT 1) as the baseline of the same run. Prints requests/s, p50/p95/p99 and the
queries per request (counted in-process with CaptureQueriesContext on the same database).
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

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/factcheck_api"


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


FILL_SQL = [
    "TRUNCATE sources_evidence, sources_snapshot, sources_source, claims_verdict, claims_claim, claims_article "
    "RESTART IDENTITY CASCADE",
    """INSERT INTO claims_article (title, body, language, url, outlet, published_on, created_by_id, created_at,
         updated_at, extraction_status, extraction_error, extracted_at)
       SELECT 'Article ' || g, repeat('Le conseil a voté un budget de 12 millions d''euros. ', 40), 'fr',
              'https://news.example/a/' || g, 'Outlet ' || (g % 50), DATE '2025-01-01' + (g % 365), %(user)s,
              now() - (g || ' minutes')::interval, now(), 'ready', '', now()
       FROM generate_series(1, 5000) g""",
    """INSERT INTO claims_claim (article_id, text, start, "end", "order", score, checkworthy, kind, reasons, facts,
         needs_context, context, status, assignee_id, version, created_at, updated_at)
       SELECT 1 + (g - 1) / 20, 'Claim number ' || g || ': the budget rose by ' || (g % 97) || ' percent.',
              ((g - 1) % 20) * 60, ((g - 1) % 20) * 60 + 50, (g - 1) % 20, (g % 100) / 100.0, g % 5 <> 0,
              (ARRAY['quantity','event','attribution','plan','comparison','other'])[1 + g % 6],
              '["number"]'::jsonb, '{"numbers": ["12"]}'::jsonb, false, '',
              (ARRAY['new','in_review','needs_second_review','ready'])[1 + g % 4],
              CASE WHEN g % 3 = 0 THEN %(user)s END, 1, now(), now()
       FROM generate_series(1, 100000) g""",
    """INSERT INTO sources_source (url, canonical_url, domain, title, page_canonical_url, created_by_id, created_at)
       SELECT 'https://src' || (g % 400) || '.example/p/' || g, 'https://src' || (g % 400) || '.example/p/' || g,
              'src' || (g % 400) || '.example', 'Source ' || g, '', %(user)s, now()
       FROM generate_series(1, 20000) g""",
    """INSERT INTO sources_snapshot (source_id, status, attempts, requested_at, fetched_at, http_status, final_url,
         redirect_chain, response_headers, content_type, sha256, warc_sha256, warc_file, size, title, author,
         language, extracted_text, robots_decision, timings, error_message, extraction_error)
       SELECT g, 'archived', 1, now(), now(), 200, '', '[]', '[]', 'text/html', md5(g::text) || md5(g::text),
              '', '', 1000, 'Source ' || g, '', 'fr', 'Text of source ' || g, '', '{}', '', ''
       FROM generate_series(1, 20000) g""",
    """INSERT INTO sources_evidence (claim_id, source_id, stance, quote, note, added_by_id, added_at, updated_at,
         anchor_status, selectors, suggestions)
       SELECT g, 1 + g % 20000, (ARRAY['supports','contradicts','context'])[1 + g % 3], 'quoted passage', '',
              %(user)s, now(), now(), 'found', '[]', '[]'
       FROM generate_series(1, 100000) g""",
    """INSERT INTO claims_verdict (claim_id, rating_id, summary, reviewer_id, created_at, updated_at)
       SELECT g * 2, (SELECT id FROM claims_rating ORDER BY value LIMIT 1 OFFSET g % 6), 'Explained.', %(user)s,
              now(), now()
       FROM generate_series(1, 50000) g""",
    "ANALYZE",
]


def setup_django(database_url: str, var_dir: str) -> None:
    os.environ.update(_env(database_url, var_dir))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def fill() -> str:
    """Migrate, insert the data set, return an API token for a reviewer."""
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.db import connection

    from accounts.services import token_create

    call_command("migrate", verbosity=0)
    user, _ = User.objects.get_or_create(username="bench-reviewer")
    user.groups.add(Group.objects.get(name="reviewer"))
    t0 = time.monotonic()
    with connection.cursor() as cursor:
        for sql in FILL_SQL:
            cursor.execute(sql.replace("%(user)s", str(user.pk)))
    print(
        f"filled 5,000 articles, 100,000 claims, 20,000 sources, 100,000 evidence, 50,000 verdicts in "
        f"{time.monotonic() - t0:.1f} s"
    )
    _token, secret = token_create(user=user, name="bench")
    return secret


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


def service_times(paths: dict[str, str], secret: str, n: int = 20) -> dict[str, float]:
    """Median in-process time (Django test client, no HTTP, no queueing), DEBUG off."""
    from django.test import Client

    client = Client(HTTP_AUTHORIZATION=f"Token {secret}")
    out = {}
    for name, path in paths.items():
        samples = []
        for _ in range(n):
            t0 = time.perf_counter()
            client.get(path)
            samples.append(time.perf_counter() - t0)
        out[name] = statistics.median(samples) * 1000
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
    setup_django(args.database_url, var_dir)
    if args.no_fill:
        from django.contrib.auth.models import User

        from accounts.services import token_create

        secret = token_create(user=User.objects.get(username="bench-reviewer"), name="bench")[1]
    else:
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
        paths["ClaimReview feed"] = feed
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
        )
        print(header)
        for name, path in paths.items():
            load(port, path, secret, min(50, args.requests), args.threads)  # warm-up (connections, caches)
            r = load(port, path, secret, args.requests, args.threads)
            flag = f"  ({r['errors']:.0f} errors)" if r["errors"] else ""
            print(
                f"{name:<52} {r['rps']:7.1f} {r['p50']:7.1f} {r['p95']:7.1f} {r['p99']:7.1f} {queries[name]:7d}"
                f" {inproc[name]:6.1f}ms{flag}"
            )
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
