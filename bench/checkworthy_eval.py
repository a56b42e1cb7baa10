"""Precision, recall and F1 of the check-worthiness decision on labelled English sentences.

The data is the CheckThat! 2024 English split in ``../shared/data/claims/`` (read its README: the
files stay there and are never copied into the project)::

    .venv/bin/python bench/checkworthy_eval.py              # the dev split
    .venv/bin/python bench/checkworthy_eval.py --baseline   # also a class-balanced TF-IDF + LR baseline

Each sentence is given to :func:`claims.extraction.extract` on its own (as a one-sentence article, in
English); the sentence counts as check-worthy when any claim extracted from it is. The figure printed
is F1 of the positive class (label 1), the measure the lab reports. ``--baseline`` fits a word n-gram
TF-IDF + logistic regression (class-balanced) on the train split in the same run, the yardstick the
issue compares with. The workbench scores English with the learned model in ``var/models/`` when it has
been trained (``make model``; ``CHECKWORTHY_MODEL`` overrides the path), else with the rules
(``--rules`` forces them). Exit status 1 when the data is not there.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from claims.extraction import ExtractionInputError, extract, learned  # noqa: E402

MODEL = Path(
    os.environ.get(
        "CHECKWORTHY_MODEL", str(Path(os.environ.get("VAR_DIR", ROOT / "var")) / "models" / learned.MODEL_FILE)
    )
)

# the same variable as the app's setting (a git worktree has no ../shared beside it)
DATA_DIR = Path(os.environ.get("CHECKWORTHY_DATA_DIR") or ROOT.parent / "shared" / "data" / "claims")


def load(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))


def prf(gold: list[int], predicted: list[int]) -> tuple[float, float, float]:
    tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g and p)
    fp = sum(1 for g, p in zip(gold, predicted, strict=True) if not g and p)
    fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g and not p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def predict_workbench(texts: list[str]) -> list[int]:
    out = []
    for text in texts:
        try:
            claims = extract(text, language="en").claims
        except ExtractionInputError:  # a sentence the extractor refuses (only punctuation) is not check-worthy
            claims = []
        out.append(int(any(c.checkworthy for c in claims)))
    return out


def predict_baseline(train: list[dict], texts: list[str]) -> list[int]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    x = vec.fit_transform([r["text"] for r in train])
    model = LogisticRegression(class_weight="balanced", max_iter=2000)
    model.fit(x, [int(r["label"]) for r in train])
    return [int(v) for v in model.predict(vec.transform(texts))]


def _line(label: str, gold: list[int], predicted: list[int], seconds: float) -> str:
    p, r, f = prf(gold, predicted)
    return f"{label:28} precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}  ({sum(predicted)} flagged, {seconds:.1f} s)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="folder holding ct24_en_{train,dev}.json")
    parser.add_argument("--split", default="dev", help="split to score (default: dev)")
    parser.add_argument("--baseline", action="store_true", help="also score a TF-IDF + LR baseline fitted on train")
    parser.add_argument("--rules", action="store_true", help="score with the rules even when a model is trained")
    args = parser.parse_args(argv)
    with learned.using(None if args.rules else MODEL):
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    path = args.data / f"ct24_en_{args.split}.json"
    if not path.is_file():
        print(f"no data at {path}: see ../shared/data/claims/README.md", file=sys.stderr)
        return 1
    rows = load(path)
    texts = [r["text"] for r in rows]
    gold = [int(r["label"]) for r in rows]
    print(f"ct24 English {args.split}: {len(rows)} sentences, {sum(gold)} check-worthy")
    t0 = time.perf_counter()
    scorer = "learned model" if learned.get_model() is not None else "rules"
    print(_line(f"workbench ({scorer})", gold, predict_workbench(texts), time.perf_counter() - t0))
    if args.baseline:
        t0 = time.perf_counter()
        predicted = predict_baseline(load(args.data / "ct24_en_train.json"), texts)
        print(_line("baseline TF-IDF + LR", gold, predicted, time.perf_counter() - t0))
    return 0


if __name__ == "__main__":
    sys.exit(main())
