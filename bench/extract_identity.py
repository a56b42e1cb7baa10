"""A digest of the full ``extract()`` output on every evaluation text: a speed change must leave it unchanged.

Run from the repo root: ``python bench/extract_identity.py`` prints one SHA-256 over every claim's ``to_dict()`` of
every text in ``bench/eval/`` (all sets, French and English, plus the shared French sample when present), each text
extracted alone and all of them batched through ``extract_many``; the two must agree. Compare the line before and
after a change (``git stash`` / ``git worktree``): the speed work in issue 13 must not move a single claim.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from claims.extraction import extract, extract_many, learned  # noqa: E402

EVAL_DIR = ROOT / "bench" / "eval"
SAMPLE = Path(os.environ.get("SAMPLES_DIR") or ROOT.parent / "shared" / "samples") / "nansei-fr.txt"


def texts() -> list[tuple[str, str]]:
    files = sorted(EVAL_DIR.rglob("*.txt"))
    found = [(str(p.relative_to(EVAL_DIR)), p.read_text(encoding="utf-8")) for p in files if not p.stem.isupper()]
    if SAMPLE.exists():
        found.append(("sample/" + SAMPLE.name, SAMPLE.read_text(encoding="utf-8")))
    return found


def digest(results: list[tuple[str, list[dict[str, object]]]]) -> str:
    sha = hashlib.sha256()
    for name, claims in results:
        sha.update(name.encode())
        sha.update(json.dumps(claims, sort_keys=True, ensure_ascii=False, default=str).encode())
    return sha.hexdigest()


def main() -> int:
    # English is scored by the learned model as in the app (VAR_DIR/models, or CHECKWORTHY_MODEL); rules without it.
    var_dir = Path(os.environ.get("VAR_DIR") or ROOT / "var")
    model = Path(os.environ.get("CHECKWORTHY_MODEL", str(var_dir / "models" / learned.MODEL_FILE)))
    with learned.using(model if model.exists() else None):
        return _run()


def _run() -> int:
    corpus = texts()
    alone = [(name, extract(text).to_list()) for name, text in corpus]
    batched = [(name, r.to_list()) for (name, _), r in zip(corpus, extract_many([t for _, t in corpus]), strict=True)]
    one, many = digest(alone), digest(batched)
    claims = sum(len(c) for _, c in alone)
    scorer = "learned model" if learned.get_model() is not None else "rules"
    print(f"{len(corpus)} texts, {claims} claims (English scored by the {scorer}); extract() {one}")
    if one != many:
        print(f"extract_many() differs: {many}", file=sys.stderr)
        return 1
    print("extract_many() gives the same output")
    return 0


if __name__ == "__main__":
    sys.exit(main())
