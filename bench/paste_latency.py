"""Paste → claims latency through the real web server, broker and worker: `make bench-paste`.

Starts what ``serve_workbench`` starts (``manage.py runserver`` and ``celery worker --beat``, prefork, concurrency 2)
on a throwaway SQLite database and VAR_DIR, on the embedded filesystem broker and, when REDIS_URL is set, on Redis
(its own queue name). It posts ~2,000-character French articles through ``POST /api/v1/articles/`` (language left
blank, so it is detected) and times each until ``GET /api/v1/articles/{id}/`` says ``extraction_status: ready``:
the first article after the worker is ready, then p50/p95 of the next N (default 20), one at a time as a reviewer
pastes. Beside it, the baseline measured in the same run: ``extract()`` of the same texts in this process, models
loaded. Also prints the worker's memory once idle (PSS of the main process and its pool children).

Then (``--backlog N``, default 20) it queues N captures of a local site that answers in 0.25 s, as an import of
links does, and times three pastes behind them: with extraction on its own queue they wait for one capture at most,
not for the whole batch (``--one-queue`` puts extraction back in the default queue, to compare). ``--trace`` prints
where each article's time goes: the web server and the worker it starts import ``bench/paste_trace/sitecustomize.py``,
which writes a timestamp at each stage (request, row saved, commit and publish, received by the worker, task start and
end with its CPU time and preemptions), beside the bench's own (posted, seen ready).

The texts are built at run time from ``../shared/samples/nansei-fr.txt`` (SAMPLES_DIR to change): its sentences
rotated, so each article is different and about as long. Figures are printed, not asserted.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.procstat import descendants, pss_kb  # noqa: E402

SAMPLE = Path(os.environ.get("SAMPLES_DIR") or REPO.parent / "shared" / "samples") / "nansei-fr.txt"
USER_SETUP = """
from django.contrib.auth.models import Group, User
from accounts.services import token_create
user = User.objects.create_user("bench", password="bench-paste-2026")
user.groups.add(Group.objects.get(name="reviewer"))
print(token_create(user=user, name="bench-paste")[1])
"""


def articles(count: int) -> list[str]:
    text = " ".join(SAMPLE.read_text(encoding="utf-8").split())
    sentences = re.split(r"(?<=[.!?»])\s+(?=[A-ZÀ-Ý«])", text)
    out = []
    for i in range(count):
        k = i % len(sentences)
        rotated = sentences[k:] + sentences[:k]
        out.append(f"Article {i + 1}. " + " ".join(rotated))
    return out


CAPTURES = """
from sources import services
from sources.models import Source
for i in range(COUNT):
    url = f"http://127.0.0.1:PORT/slow/{i}"
    services.snapshot_request(source=Source.objects.create(url=url, canonical_url=url, domain="127.0.0.1"))
"""
CAPTURE_SECONDS = 0.25  # each page of the local site answers after this long: a slow site, as many are


class SlowPage(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        time.sleep(CAPTURE_SECONDS)
        body = f"<html><head><title>Page {self.path}</title></head><body><p>{'Slow page. ' * 80}</p></body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body.encode())))
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, format: str, *args: Any) -> None:
        pass


def paste_behind_captures(api: Api, env: dict[str, str], texts: list[str], count: int) -> list[float]:
    """Queue ``count`` captures of a slow site (as an import of links does), then paste: how long each paste waits."""
    site_port = env["FETCH_ALLOWLIST"].rsplit(":", 1)[1]
    script = CAPTURES.replace("COUNT", str(count)).replace("PORT", site_port)
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script], cwd=REPO, env=env, check=True, capture_output=True
    )
    return [api.paste_and_wait(text, f"Behind captures {i + 1}") for i, text in enumerate(texts)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Api:
    def __init__(self, base: str, token: str, trace: Path | None = None) -> None:
        self.base, self.token, self.trace = base, token, trace

    def mark(self, stage: str, key: object) -> None:
        if self.trace is not None:
            with self.trace.open("a") as out:
                out.write(f"{time.time():.6f} {os.getpid()} {stage} {key}\n")

    def call(self, method: str, path: str, payload: dict[str, Any] | None = None) -> Any:
        data = json.dumps(payload).encode() if payload is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Authorization", f"Token {self.token}")
        request.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def paste_and_wait(self, text: str, title: str, timeout: float = 120) -> float:
        """Seconds from the POST to the first GET that says the claims are ready."""
        started = time.perf_counter()
        self.mark("bench.post", "-")
        article = self.call("POST", "/api/v1/articles/", {"title": title, "body": text})
        self.mark("bench.posted", article["id"])
        while time.perf_counter() - started < timeout:
            status = self.call("GET", f"/api/v1/articles/{article['id']}/")["extraction_status"]
            if status == "ready":
                elapsed = time.perf_counter() - started
                self.mark("bench.ready", article["id"])
                return elapsed
            if status == "failed":
                raise SystemExit(f"extraction failed for {title}")
            time.sleep(0.01)
        raise SystemExit(f"{title} not extracted within {timeout:.0f}s")


STAGES = ("bench.post", "web.request", "web.saved", "web.commit+publish", "web.published", "bench.posted",
          "worker.received", "worker.start", "worker.done", "bench.ready")  # fmt: skip


def read_trace(path: Path) -> list[dict[str, float]]:
    """One {stage: wall-clock time} per article, in posting order (a line without an id: the article being posted)."""
    records: list[dict[str, float]] = []
    by_id: dict[str, dict[str, float]] = {}
    lines = [line.split() for line in path.read_text().splitlines() if line.strip()]
    for stamp, _pid, stage, key, *extra in sorted(lines, key=lambda parts: float(parts[0])):
        if stage == "bench.post":
            records.append({})
        if not records:
            continue
        record = by_id.setdefault(key, records[-1]) if key != "-" else records[-1]
        record.setdefault(stage, float(stamp))
        for name, _, value in (item.partition("=") for item in extra):  # e.g. the task's cpu=… preempted=…
            record[f"{stage}.{name}"] = float(value)
    return records


def trace_summary(records: list[dict[str, float]]) -> list[str]:
    """Time spent reaching each stage from the one before: the first article, then median and max of the others."""
    out = []
    for previous, stage in itertools.pairwise(STAGES):
        gaps = [r[stage] - r[previous] for r in records if stage in r and previous in r]
        if not gaps:
            continue
        rest = gaps[1:] or gaps
        out.append(f"  {previous:>18s} → {stage:<18s} first {gaps[0] * 1000:7.1f} ms; "
                   f"others median {statistics.median(rest) * 1000:6.1f} ms, "
                   f"max {max(rest) * 1000:7.1f} ms")  # fmt: skip
    cpu = [r["worker.done.cpu"] for r in records if "worker.done.cpu" in r]
    preempted = [r["worker.done.preempted"] for r in records if "worker.done.preempted" in r]
    if cpu:
        others = cpu[1:] or cpu
        out.append(f"  task CPU time: first {cpu[0] * 1000:.1f} ms; "
                   f"others median {statistics.median(others) * 1000:.1f} ms, max {max(others) * 1000:.1f} ms; "
                   f"preempted (involuntary switches) median "
                   f"{statistics.median(preempted):.0f}, max {max(preempted):.0f}")  # fmt: skip
    return out


def stack_env(work: Path, broker: str, redis_url: str, site_port: int, trace_file: Path | None,
              one_queue: bool) -> dict[str, str]:  # fmt: skip
    """The environment of the web server and worker: throwaway database and VAR_DIR, this broker, the slow site."""
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "CELERY_BROKER_URL", "DATABASE_URL")}
    env.update({
        "DJANGO_SETTINGS_MODULE": "factcheck.settings", "VAR_DIR": str(work), "MEDIA_ROOT": str(work / "archive"),
        "DATABASE_URL": f"sqlite:///{work / 'bench.sqlite3'}", "CELERY_QUEUE": f"bench-paste-{os.getpid()}",
        "CELERY_TASK_ALWAYS_EAGER": "0", "LOG_LEVEL": "WARNING", "DEBUG": "1",
        "API_THROTTLE_TOKEN": "100000/min", "API_THROTTLE_USER": "100000/min",  # the poller GETs every ~10 ms
        "PYTHONUNBUFFERED": "1",
        "FETCH_ALLOWLIST": f"127.0.0.1:{site_port}", "FETCH_PER_HOST_DELAY": "0", "FETCH_PER_HOST_CONCURRENCY": "2",
    })  # fmt: skip
    if broker == "redis":
        env["REDIS_URL"] = redis_url
    if one_queue:
        env["CELERY_EXTRACTION_QUEUE"] = env["CELERY_QUEUE"]
    if trace_file is not None:
        env["PASTE_TRACE_FILE"] = str(trace_file)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "bench" / "paste_trace"), env.get("PYTHONPATH")]))
    return env


def run_stack(broker: str, texts: list[str], redis_url: str, trace: bool = False, backlog: int = 0,
              one_queue: bool = False) -> dict[str, Any]:  # fmt: skip
    work = Path(tempfile.mkdtemp(prefix=f"bench-paste-{broker}-"))
    site = ThreadingHTTPServer(("127.0.0.1", 0), SlowPage)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    trace_file = work / "trace.log" if trace else None
    env = stack_env(work, broker, redis_url, site.server_port, trace_file, one_queue)
    py = sys.executable
    subprocess.run([py, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=REPO, env=env, check=True)
    token = (
        subprocess.run(
            [py, "manage.py", "shell", "-c", USER_SETUP], cwd=REPO, env=env, check=True, capture_output=True, text=True
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    port = free_port()
    log = (work / "stack.log").open("wb")
    worker_cmd = [py, "-m", "celery", "-A", "factcheck", "worker", "--beat", "--loglevel", "INFO", "--concurrency", "2",
                  "--schedule", str(work / "celerybeat-schedule"), "--without-gossip", "--without-mingle"]  # fmt: skip
    web_cmd = [py, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]
    started = time.monotonic()
    worker = subprocess.Popen(worker_cmd, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    web = subprocess.Popen(web_cmd, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    api = Api(f"http://127.0.0.1:{port}", token, trace_file)
    try:
        while " ready." not in (work / "stack.log").read_text(errors="replace"):
            if time.monotonic() - started > 120 or worker.poll() is not None:
                raise SystemExit(f"the worker did not start; see {work / 'stack.log'}")
            time.sleep(0.1)
        while True:
            try:
                api.call("GET", "/api/v1/ratings/")
                break
            except urllib.error.HTTPError:
                raise
            except OSError:
                if time.monotonic() - started > 120 or web.poll() is not None:
                    raise SystemExit(f"the web server did not start; see {work / 'stack.log'}") from None
                time.sleep(0.1)
        startup = time.monotonic() - started
        first = api.paste_and_wait(texts[0], "Article 1")
        rest = [api.paste_and_wait(text, f"Article {i + 2}") for i, text in enumerate(texts[1:])]
        behind = paste_behind_captures(api, env, texts[:3], backlog) if backlog else []
        pids = [worker.pid, *descendants(worker.pid)]
        pss_mb = sum(pss_kb(p) for p in pids) / 1024
        traced = read_trace(trace_file) if trace_file is not None and trace_file.exists() else []
        return {
            "startup": startup,
            "first": first,
            "rest": rest,
            "pss_mb": pss_mb,
            "procs": len(pids),
            "trace": traced,
            "behind": behind,
        }
    finally:
        site.shutdown()
        for proc in (web, worker):
            proc.terminate()
        for proc in (web, worker):
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
        log.close()
        if sys.exc_info()[0] is None and not os.environ.get("PASTE_TRACE_PROFILE"):  # kept: the profiles are in it
            shutil.rmtree(work, ignore_errors=True)
        else:
            print((work / "stack.log").read_text(errors="replace")[-3000:], file=sys.stderr)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20, help="articles timed after the first (default 20)")
    parser.add_argument("--broker", choices=["all", "filesystem", "redis"], default="all",
                        help="all: the filesystem broker, and Redis when REDIS_URL is set")  # fmt: skip
    parser.add_argument("--trace", action="store_true",
                        help="time each article's stages (request, commit, worker, seen ready)")  # fmt: skip
    parser.add_argument("--backlog", type=int, default=20,
                        help="then queue this many slow captures, time 3 pastes behind them (0: skip)")  # fmt: skip
    parser.add_argument("--one-queue", action="store_true",
                        help="extraction in the default queue, as before (to compare)")  # fmt: skip
    args = parser.parse_args()
    if not SAMPLE.exists():
        print(f"{SAMPLE} not found (set SAMPLES_DIR)", file=sys.stderr)
        return 1
    texts = articles(args.articles + 1)
    redis_url = os.environ.get("REDIS_URL", "")
    brokers = ["filesystem", "redis"] if args.broker == "all" else [args.broker]
    if "redis" in brokers and not redis_url:
        if args.broker == "redis":
            raise SystemExit("--broker redis needs REDIS_URL")
        brokers.remove("redis")
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} (1, 5, 15 min) on "
          f"{os.cpu_count()} cores; extraction queue: {'the default' if args.one_queue else 'its own'}")  # fmt: skip
    print(f"{len(texts)} French articles of ~{statistics.mean(map(len, texts)):.0f} characters, posted one at a time")

    from claims.extraction import extract
    from claims.extraction.preload import warm_up

    warm_up()
    t_in = []
    for text in texts:
        t0 = time.perf_counter()
        extract(text)
        t_in.append(time.perf_counter() - t0)
    baseline = f"in-process extract() of the same texts: p50 {statistics.median(t_in):.3f}s, p95 {p95(t_in):.3f}s"
    print(f"baseline (this run) {baseline}", flush=True)
    for broker in brokers:
        result = run_stack(broker, texts, redis_url, trace=args.trace, backlog=args.backlog, one_queue=args.one_queue)
        rest = result["rest"]
        print(f"{broker:10s} paste→claims: first after start {result['first']:.2f}s (target <= 1.5); next {len(rest)}: "
              f"p50 {statistics.median(rest):.3f}s, p95 {p95(rest):.3f}s (target <= 0.5); "
              f"stack ready in {result['startup']:.1f}s; worker PSS {result['pss_mb']:.0f} MB over {result['procs']} "
              f"processes")  # fmt: skip
        if result["behind"]:
            behind = result["behind"]
            print(f"{broker:10s} paste→claims with {args.backlog} captures of a slow site ({CAPTURE_SECONDS:g} s a "
                  f"page) queued before: {', '.join(f'{t:.2f}s' for t in behind)} (target: as without)")  # fmt: skip
        if result["trace"]:
            print("\n".join(trace_summary(result["trace"])), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
