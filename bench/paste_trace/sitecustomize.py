"""Stage timestamps for ``bench/paste_latency.py --trace`` (imported by the web server and the worker it starts).

Put on PYTHONPATH by the bench only: it appends ``wall-clock pid stage article-id`` lines to PASTE_TRACE_FILE from
Django's and Celery's signals, so the time each article spends between stages can be read without a profiler.
"""

from __future__ import annotations

import contextlib
import os
import resource
import time

_PATH = os.environ.get("PASTE_TRACE_FILE", "")


def _mark(stage: str, key: object, extra: str = "") -> None:
    line = f"{time.time():.6f} {os.getpid()} {stage} {key} {extra}".rstrip().encode() + b"\n"
    fd = os.open(_PATH, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line)  # one small O_APPEND write: lines from several processes do not interleave
    finally:
        os.close(fd)


def _article_id(args: object) -> object:
    return args[0] if isinstance(args, (list, tuple)) and args else "-"


def _install() -> None:
    from celery import signals as cs
    from django.core import signals as ds
    from django.db.models import signals as ms

    def request_started(environ: dict | None = None, **kw: object) -> None:
        if environ and environ.get("REQUEST_METHOD") == "POST" and environ.get("PATH_INFO") == "/api/v1/articles/":
            _mark("web.request", "-")

    def post_save(sender: type, instance: object, created: bool = False, **kw: object) -> None:
        if sender.__name__ == "Article" and created:
            _mark("web.saved", getattr(instance, "pk", "-"))

    def before_publish(sender: str | None = None, body: object = None, **kw: object) -> None:
        if sender == "claims.extract_article":
            _mark("web.commit+publish", _article_id(body[0] if isinstance(body, tuple) else body))

    def after_publish(sender: str | None = None, body: object = None, **kw: object) -> None:
        if sender == "claims.extract_article":
            _mark("web.published", _article_id(body[0] if isinstance(body, tuple) else body))

    def received(request: object = None, **kw: object) -> None:
        if getattr(request, "name", "") == "claims.extract_article":
            _mark("worker.received", _article_id(getattr(request, "args", None)))

    started: list[tuple[float, int]] = []
    profiled: list[object] = []

    def prerun(sender: object = None, args: object = None, **kw: object) -> None:
        if getattr(sender, "name", "") == "claims.extract_article":
            started[:] = [(time.process_time(), resource.getrusage(resource.RUSAGE_SELF).ru_nivcsw)]
            if os.environ.get("PASTE_TRACE_PROFILE") and not profiled:  # the first task of each pool child
                import cProfile

                profiled.append(cProfile.Profile())
                profiled[0].enable()
            _mark("worker.start", _article_id(args))

    def postrun(sender: object = None, args: object = None, **kw: object) -> None:
        if getattr(sender, "name", "") == "claims.extract_article":
            cpu, preempted = started[0] if started else (time.process_time(), 0)
            involuntary = resource.getrusage(resource.RUSAGE_SELF).ru_nivcsw - preempted
            if profiled and getattr(profiled[0], "enable", None):
                profiled[0].disable()  # type: ignore[attr-defined]
                profiled[0].dump_stats(f"{_PATH}.{os.getpid()}.prof")  # type: ignore[attr-defined]
                profiled[0] = None
            # the task's own CPU seconds and how often the kernel preempted it (CPU contention, not waiting on I/O)
            _mark("worker.done", _article_id(args), f"cpu={time.process_time() - cpu:.6f} preempted={involuntary}")

    ds.request_started.connect(request_started, weak=False)
    ms.post_save.connect(post_save, weak=False)
    cs.before_task_publish.connect(before_publish, weak=False)
    cs.after_task_publish.connect(after_publish, weak=False)
    cs.task_received.connect(received, weak=False)
    cs.task_prerun.connect(prerun, weak=False)
    cs.task_postrun.connect(postrun, weak=False)


if _PATH:
    with contextlib.suppress(ImportError):  # a process without Django or Celery: nothing to trace
        _install()
