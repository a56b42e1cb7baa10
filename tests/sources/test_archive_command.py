"""`manage.py archive_url`: the pipeline in the foreground, with a JSON contract."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from pytest_httpserver import HTTPServer

from sources.models import Snapshot

pytestmark = pytest.mark.django_db

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Harbour report</title>
<meta property="article:published_time" content="2025-03-04T10:00:00Z"></head><body><nav>Menu | Login</nav>
<article><h1>Harbour report</h1><p>The harbour handled 4.2 million containers in 2024, up from 3.9 million a year
earlier, the port authority said in its annual report published on Tuesday.</p>
<p>The board approved a dredging programme worth 310 million euros that will start in April 2026.</p></article>
</body></html>"""


def test_json_output_describes_the_archived_snapshot(site: HTTPServer) -> None:
    site.expect_request("/report").respond_with_data(PAGE, content_type="text/html; charset=utf-8")
    out = StringIO()
    call_command("archive_url", site.url_for("/report"), "--json", stdout=out)
    data = json.loads(out.getvalue())

    assert set(data) >= {
        "status", "final_url", "http_status", "sha256", "warc", "title", "published", "language", "text_length",
        "error",
    }  # fmt: skip
    assert data["status"] == "archived"
    assert data["final_url"] == site.url_for("/report")
    assert data["http_status"] == 200
    assert len(data["sha256"]) == 64
    assert Path(data["warc"]).is_absolute() and Path(data["warc"]).is_file()
    assert data["title"] == "Harbour report"
    assert data["published"] == "2025-03-04"
    assert data["language"] == "en"
    assert data["text_length"] > 100
    assert data["error"] == ""
    assert Snapshot.objects.get().status == Snapshot.Status.ARCHIVED


def test_plain_output_is_key_value_lines(site: HTTPServer) -> None:
    site.expect_request("/report").respond_with_data(PAGE, content_type="text/html")
    out = StringIO()
    call_command("archive_url", site.url_for("/report"), stdout=out)
    lines = dict(line.split(": ", 1) for line in out.getvalue().splitlines() if ": " in line)
    assert lines["status"] == "archived"
    assert lines["http_status"] == "200"


def test_a_refused_url_exits_non_zero_with_the_reason(settings: Any) -> None:
    settings.FETCH_ALLOWLIST = []
    with pytest.raises(CommandError, match="URL refused"):
        call_command("archive_url", "http://127.0.0.1/", "--json", stdout=StringIO())
    assert Snapshot.objects.count() == 0


def test_a_failed_fetch_exits_non_zero_after_printing(site: HTTPServer) -> None:
    site.expect_request("/gone").respond_with_data("gone", status=410)
    out = StringIO()
    with pytest.raises(CommandError, match="410"):
        call_command("archive_url", site.url_for("/gone"), "--json", stdout=out)
    assert json.loads(out.getvalue())["status"] == "failed"


def test_the_command_exits_non_zero_in_a_subprocess(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    # The URL is refused before any database access; a throwaway SQLite file keeps real databases out of it.
    env = {**os.environ, "FETCH_ALLOWLIST": "", "VAR_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path}/x.db"}
    manage = Path(__file__).resolve().parents[2] / "manage.py"
    proc = subprocess.run(
        [sys.executable, str(manage), "archive_url", "http://127.0.0.1/", "--json"],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode != 0
    assert "URL refused" in proc.stderr
