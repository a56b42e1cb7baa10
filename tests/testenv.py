"""Loaded with `-p tests.testenv` before Django's settings: give each test run its
own state folder and Celery queue, so a run never touches `make run`'s database,
archives or broker, and two runs on one machine (or one Redis) never mix."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="factcheck-test-"))
os.environ.setdefault("CELERY_QUEUE", f"factcheck-test-{os.getpid()}")
