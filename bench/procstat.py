"""Memory of a process tree, read from /proc (Linux): what the bench scripts print beside their figures."""

from __future__ import annotations

from pathlib import Path


def proc_kb(pid: int, key: str, source: str = "smaps_rollup") -> int:
    """A ``key:`` line of /proc/<pid>/<source> in kB (``Pss``/``Rss`` of smaps_rollup, ``VmHWM`` of status); 0 when
    the process is gone or the file cannot be read."""
    try:
        for line in Path(f"/proc/{pid}/{source}").read_text().splitlines():
            if line.startswith(f"{key}:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def pss_kb(pid: int) -> int:
    """Proportional set size: shared pages counted once, split between the processes that share them."""
    return proc_kb(pid, "Pss")


def descendants(pid: int) -> list[int]:
    """Every child of ``pid``, and theirs (a Celery worker's pool)."""
    found: list[int] = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                found += [int(child), *descendants(int(child))]
    except OSError:
        pass
    return found
