"""Put on a worker's PYTHONPATH by tests/integration/test_workers.py: every fetch in that worker raises.

Python imports `sitecustomize` at start-up, so the worker subprocess gets a fetcher that always crashes with an
unexpected exception (not a FetchError), the "task that always crashes" of the hardening checklist.
"""

from typing import Any

from celery.signals import worker_init, worker_process_init


def _break_fetching(**_kwargs: Any) -> None:
    from sources import fetcher

    def crash(*_args: Any, **_kw: Any) -> Any:
        raise RuntimeError("injected crash: the fetcher always fails in this worker")

    fetcher.fetch = crash  # type: ignore[assignment]


worker_init.connect(_break_fetching, weak=False)
worker_process_init.connect(_break_fetching, weak=False)
