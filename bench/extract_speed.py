"""Throughput of the claim-extraction pipeline vs. spaCy's own ``nlp.pipe`` on the same texts.

Run from the repo root: ``python bench/extract_speed.py [--repeat N]``. Both sides use the same
model with the same pipes (see ``claims.extraction.nlp.NEEDED_PIPES``) loaded once, and are warmed
up before timing. The pipeline side runs the full ``extract()`` (language detection, segmentation,
one spaCy pass per paragraph, clause splitting, facts and scoring). Prints articles/s for both,
their ratio (target >= 0.9), measured in alternating rounds (median), the same ratio in CPU time (steadier on a
shared machine) and the peak resident memory of the
process (ru_maxrss).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from claims.extraction import extract, extract_many  # noqa: E402
from claims.extraction import nlp as nlp_models  # noqa: E402
from claims.extraction.pipeline import presplit  # noqa: E402

EVAL_DIR = Path(__file__).resolve().parent / "eval"
SAMPLE = Path(os.environ.get("SAMPLES_DIR") or ROOT.parent / "shared" / "samples") / "nansei-fr.txt"


def french_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(EVAL_DIR.glob("fr-*.txt"))]
    if SAMPLE.exists():
        texts.append(SAMPLE.read_text(encoding="utf-8"))
    return texts


def _timed(work: Callable[[], int], cpu: list[float] | None = None) -> tuple[int, float]:
    """``work()``'s result and wall-clock seconds; its CPU seconds (this process) appended to ``cpu`` if given."""
    t0, c0 = time.perf_counter(), time.process_time()
    result = work()
    if cpu is not None:
        cpu.append(time.process_time() - c0)
    return result, time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="passes over the corpus per measurement")
    parser.add_argument("--rounds", type=int, default=7, help="alternating rounds of the three measurements")
    args = parser.parse_args(argv)
    texts = french_texts()
    corpus = texts * args.repeat
    nlp = nlp_models.get_nlp("fr", presplit)
    if nlp is None:
        print("fr_core_news_sm is not installed", file=sys.stderr)
        return 1
    pipes = [p for p in nlp.pipe_names if p != nlp_models.SENTENCE_PIPE]
    print(f"model fr_core_news_sm, pipes: {', '.join(pipes)}; {len(texts)} texts x {args.repeat}")

    # Warm-up (model load, lingua detector build, first-call costs) outside the timings.
    extract(texts[0])
    with nlp.select_pipes(disable=[nlp_models.SENTENCE_PIPE]):
        list(nlp.pipe(texts[:2]))

    # The sides alternate, round after round, so that a neighbour's load or a frequency change hits them alike; the
    # figures are medians over the rounds, and the ratio is the median of the rounds' own ratios.
    rounds: list[tuple[float, float, float]] = []
    cpu_spacy: list[float] = []
    cpu_batched: list[float] = []
    n_claims = n_single = 0
    for _ in range(args.rounds):
        with nlp.select_pipes(disable=[nlp_models.SENTENCE_PIPE]):
            spacy_s = _timed(lambda: sum(1 for _doc in nlp.pipe(corpus)), cpu_spacy)[1]
        n_claims, batched_s = _timed(lambda: sum(len(r.claims) for r in extract_many(corpus)), cpu_batched)
        n_single, single_s = _timed(lambda: sum(len(extract(text).claims) for text in corpus))  # as pasted, one by one
        rounds.append((spacy_s, batched_s, single_s))
    spacy_s, batched_s, single_s = (statistics.median(r[i] for r in rounds) for i in range(3))
    spacy_rate = len(corpus) / spacy_s
    batched_rate = len(corpus) / batched_s
    single_rate = len(corpus) / single_s
    ratio = statistics.median(r[0] / r[1] for r in rounds)
    ratio_single = statistics.median(r[0] / r[2] for r in rounds)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rss_mb = rss / 1024 / 1024 if sys.platform == "darwin" else rss / 1024
    print(f"spaCy nlp.pipe           {spacy_rate:8.1f} articles/s  ({spacy_s:.2f} s)")
    print(f"extract_many (batched)   {batched_rate:8.1f} articles/s  ({batched_s:.2f} s, {n_claims} claims)")
    print(f"extract() one at a time  {single_rate:8.1f} articles/s  ({single_s:.2f} s, {n_single} claims)")
    print(f"ratio                    {ratio:8.2f}  (target >= 0.90; median of {args.rounds} alternating rounds, each "
          f"{min(r[0] / r[1] for r in rounds):.2f}–{max(r[0] / r[1] for r in rounds):.2f}); one at a time "
          f"{ratio_single:.2f}")  # fmt: skip
    # CPU seconds of this process: what a neighbour's load on a shared machine disturbs least (wall clock counts the
    # time spent waiting for a core too).
    cpu_ratio = statistics.median(s / b for s, b in zip(cpu_spacy, cpu_batched, strict=True))
    print(f"ratio in CPU time        {cpu_ratio:8.2f}  (extract_many {statistics.median(cpu_batched):.2f} s against "
          f"nlp.pipe {statistics.median(cpu_spacy):.2f} s, medians)")  # fmt: skip
    print(f"peak memory (ru_maxrss) {rss_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
