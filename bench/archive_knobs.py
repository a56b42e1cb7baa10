"""What each extraction knob of archiving costs, in one process: `python bench/archive_knobs.py [--pages N]`.

``make bench-archive`` measures the whole worker; this isolates the page extraction it spends most of its time in,
on the same generated pages (``bench/archive_speed.py``), in CPU milliseconds per page (steadier than wall clock on
shared cores; the median of ``--rounds`` interleaved rounds). For every trafilatura variant it also says on how many
pages the extracted text differs from what production extracts (``sources.archiving.extract``'s options), so a
faster option is only worth a look when that count is 0 here and on real pages. Nothing is changed by running it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

from bench.archive_speed import article_page  # noqa: E402

URL = "https://example.org/news/1"


def _bare(html: str, **options: Any) -> Any:
    import trafilatura

    from sources.archiving import extract as page_extract

    settings: dict[str, Any] = {
        "url": URL,
        "include_comments": False,
        "favor_precision": True,
        "include_tables": True,
        "include_images": False,
        "include_links": False,
        "with_metadata": True,
        "date_extraction_params": dict(page_extract._DATE_PARAMS),
    }
    settings.update(options)
    return trafilatura.bare_extraction(html, **settings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)

    import trafilatura
    from trafilatura.metadata import extract_metadata

    from claims.extraction.language import SAMPLE_CHARS, detect_language
    from sources.archiving import extract as page_extract

    bodies = [article_page(i) for i in range(args.pages)]
    htmls = [body.decode("utf-8") for body in bodies]
    page_extract.warm_up()
    texts = [_bare(html).text for html in htmls]

    variants: dict[str, Callable[[str], Any]] = {
        "production: bare_extraction(favor_precision, with_metadata)": lambda h: _bare(h),
        "  fast=True (no readability/justext comparison)": lambda h: _bare(h, fast=True),
        "  favor_precision=False": lambda h: _bare(h, favor_precision=False),
        "  with_metadata=False": lambda h: _bare(h, with_metadata=False),
        "  fast=True, with_metadata=False": lambda h: _bare(h, fast=True, with_metadata=False),
        "trafilatura.extract(html) (the bench's baseline)": lambda h: trafilatura.extract(h),
        "trafilatura.extract(html, with_metadata=True)": lambda h: trafilatura.extract(h, with_metadata=True),
        "extract_metadata(html) alone (parses the page itself)": lambda h: extract_metadata(
            h, URL, dict(page_extract._DATE_PARAMS)
        ),
    }
    whole: dict[str, Callable[[int], Any]] = {
        "extract_page(body): decode, trafilatura, canonical, language": lambda i: page_extract.extract_page(
            bodies[i], content_type="text/html; charset=utf-8", url=URL, time_limit=0
        ),
        f"detect_language(text) (first {SAMPLE_CHARS} characters)": lambda i: detect_language(texts[i]),
    }
    timings: dict[str, list[float]] = {name: [] for name in [*variants, *whole]}
    for _ in range(args.rounds):
        for name, run in variants.items():
            started = time.process_time()
            for html in htmls:
                run(html)
            timings[name].append((time.process_time() - started) * 1000 / len(htmls))
        for name, run_index in whole.items():
            started = time.process_time()
            for index in range(len(htmls)):
                run_index(index)
            timings[name].append((time.process_time() - started) * 1000 / len(htmls))

    def text_changes(options: dict[str, Any]) -> int:
        return sum(getattr(_bare(h, **options), "text", None) != t for h, t in zip(htmls, texts, strict=True))

    differs = {
        "  fast=True (no readability/justext comparison)": text_changes({"fast": True}),
        "  favor_precision=False": text_changes({"favor_precision": False}),
        "  with_metadata=False": text_changes({"with_metadata": False}),
        "  fast=True, with_metadata=False": text_changes({"fast": True, "with_metadata": False}),
    }
    print(f"{len(htmls)} pages of {statistics.mean(len(b) for b in bodies) / 1024:.0f} KB; CPU ms per page, median of "
          f"{args.rounds} rounds; load {os.getloadavg()[0]:.2f}")  # fmt: skip
    for name, values in timings.items():
        note = f"  (text differs on {differs[name]}/{len(htmls)} pages)" if name in differs else ""
        print(f"{name:64} {statistics.median(values):6.2f}{note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
