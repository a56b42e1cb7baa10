"""Worker memory with the models preloaded before the fork: `make bench-memory` (part of `make bench`).

Starts a real `celery worker` (prefork, concurrency 2 by default) on a throwaway database, broker folder and queue,
waits until its main process has preloaded every model (the "models preloaded" log line) and its pool children are
up and idle, then sums PSS (``/proc/<pid>/smaps_rollup``: shared pages counted once, split between the processes
that share them) and RSS over the worker and its children. With ``--baseline-repo`` (another checkout, e.g. main's)
the same measure is taken for that checkout's worker in the same run and printed beside it, with the ratio.
Figures are printed, not asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.procstat import descendants, proc_kb  # noqa: E402


def measure(repo: Path, concurrency: int, settle: float, timeout: float) -> tuple[int, int, int]:
    """(summed PSS kB, summed RSS kB, processes) of an idle worker started from ``repo`` after its preload."""
    work = Path(tempfile.mkdtemp(prefix="bench-memory-"))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "factcheck.settings", "LOG_LEVEL": "INFO"}
    env.pop("REDIS_URL", None)
    env.pop("CELERY_BROKER_URL", None)
    env.update(
        DATABASE_URL=f"sqlite:///{work / 'bench.sqlite3'}",
        CELERY_BROKER_DIR=str(work / "broker"),
        MEDIA_ROOT=str(work / "archive"),
        CELERY_QUEUE=f"bench-memory-{os.getpid()}",
        CELERY_TASK_ALWAYS_EAGER="0",
    )
    python = repo / ".venv" / "bin" / "python"
    cmd = [str(python if python.exists() else sys.executable), "-m", "celery", "-A", "factcheck", "worker",
           "--loglevel", "INFO", "--concurrency", str(concurrency), "--without-gossip", "--without-mingle",
           "-n", f"memory-{os.getpid()}@%h"]  # fmt: skip
    log_path = work / "worker.log"
    with log_path.open("wb") as log:
        worker = subprocess.Popen(cmd, cwd=repo, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + timeout
            while "models preloaded" not in log_path.read_text(errors="replace"):
                if time.monotonic() > deadline or worker.poll() is not None:
                    raise SystemExit(f"the worker did not finish its preload; see {log_path}")
                time.sleep(0.2)
            while len(descendants(worker.pid)) < concurrency and time.monotonic() < deadline:
                time.sleep(0.2)
            time.sleep(settle)  # let the children finish their own start-up
            pids = [worker.pid, *descendants(worker.pid)]
            samples = [(sum(proc_kb(p, "Pss") for p in pids), sum(proc_kb(p, "Rss") for p in pids))]
            for _ in range(4):
                time.sleep(0.5)
                samples.append((sum(proc_kb(p, "Pss") for p in pids), sum(proc_kb(p, "Rss") for p in pids)))
            pss = int(statistics.median(s[0] for s in samples))
            return pss, int(statistics.median(s[1] for s in samples)), len(pids)
        finally:
            worker.terminate()
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--baseline-repo", type=Path, help="another checkout (with its .venv) to measure alongside")
    parser.add_argument("--settle", type=float, default=3.0, help="seconds to wait once the children are up")
    parser.add_argument("--timeout", type=float, default=180)
    args = parser.parse_args()
    pss, rss, procs = measure(REPO, args.concurrency, args.settle, args.timeout)
    print(f"idle worker after preload, prefork concurrency {args.concurrency} ({procs} processes): "
          f"PSS summed {pss / 1024:.0f} MB, RSS summed {rss / 1024:.0f} MB")  # fmt: skip
    if args.baseline_repo:
        base_pss, base_rss, _ = measure(args.baseline_repo.resolve(), args.concurrency, args.settle, args.timeout)
        print(f"baseline {args.baseline_repo}: PSS summed {base_pss / 1024:.0f} MB, "
              f"RSS summed {base_rss / 1024:.0f} MB; "
              f"ratio PSS {pss / base_pss:.2f} (target <= 1.00)")  # fmt: skip


if __name__ == "__main__":
    main()
