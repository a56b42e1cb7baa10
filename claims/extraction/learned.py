"""A learned, calibrated check-worthiness model: word n-gram TF-IDF + a few structural cues, logistic regression.

Trained on labelled sentences (``train_model``; scikit-learn is needed only there) and stored as plain JSON
(vocabulary, idf, weights, Platt calibration, decision threshold): prediction is pure Python, so loading
it costs no scikit-learn import and a stored model can never run code. The probability is calibrated on
out-of-fold predictions of the training data (a reviewer can read 0.8 as "usually worth checking" *in
the kind of text it was trained on*); the decision threshold is the one that maximises F1 on those same
out-of-fold predictions, never on the dev or test split.

No weights ship with the project (see README, "Check-worthiness model"): the model is trained at setup
time from ``../shared/data/claims/`` into ``var/models/`` and loaded with :func:`configure`. Without it the
rule scorer is used and a notice is logged once.
"""

from __future__ import annotations

import itertools
import json
import logging
import math
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .stance import QUOTE_CHARS

logger = logging.getLogger(__name__)

MODEL_VERSION = 1
MODEL_FILE = "checkworthy-en.json"
_WORD = re.compile(r"(?u)\b\w\w+\b")
DENSE = ("_number", "_date", "_entities", "_question", "_quote", "_first_person", "_words", "_short")
_FIRST_PERSON = re.compile(r"^\W*(?:i|we|i['’]m|i['’]ve|we['’]re|my|our)\b", re.I)


def terms(text: str) -> list[str]:
    """Lower-cased words of two characters or more, and their bigrams."""
    words = [w.lower() for w in _WORD.findall(text)]
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


def dense_features(text: str, *, numbers: int, dates: int, entities: int) -> list[float]:
    words = len(_WORD.findall(text))
    return [
        1.0 if numbers else 0.0,
        1.0 if dates else 0.0,
        min(entities, 3) / 3,
        1.0 if text.rstrip().rstrip("»\"”)’'").endswith("?") else 0.0,
        1.0 if QUOTE_CHARS.search(text) else 0.0,
        1.0 if _FIRST_PERSON.match(text) else 0.0,
        min(words, 40) / 40,
        1.0 if words < 5 else 0.0,
    ]


@dataclass(slots=True)
class Model:
    vocabulary: dict[str, int]
    idf: list[float]
    weights: list[float]  # one per vocabulary term, then one per DENSE feature
    intercept: float
    platt: tuple[float, float]  # p = 1 / (1 + exp(a * margin + b))
    threshold: float
    about: dict[str, Any] = field(default_factory=dict)

    def _vector(self, text: str) -> dict[int, float]:
        counts: dict[int, int] = {}
        for term in terms(text):
            index = self.vocabulary.get(term)
            if index is not None:
                counts[index] = counts.get(index, 0) + 1
        vec = {i: (1.0 + math.log(c)) * self.idf[i] for i, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {i: v / norm for i, v in vec.items()}

    def margin(self, text: str, dense: Sequence[float]) -> float:
        vec = self._vector(text)
        offset = len(self.vocabulary)
        value = self.intercept + sum(self.weights[i] * v for i, v in vec.items())
        return value + sum(self.weights[offset + j] * d for j, d in enumerate(dense))

    def probability(self, text: str, dense: Sequence[float]) -> float:
        a, b = self.platt
        z = a * self.margin(text, dense) + b
        return 1.0 / (1.0 + math.exp(z)) if z > -500 else 1.0

    def weighing_terms(self, text: str, k: int = 3) -> list[str]:
        """The words of ``text`` that raise the score most (shown to the reviewer as a reason)."""
        vec = self._vector(text)
        inverse = {i: t for t, i in self.vocabulary.items() if i in vec}
        ranked = sorted(((self.weights[i] * v, inverse[i]) for i, v in vec.items()), reverse=True)
        return [t for w, t in ranked[:k] if w > 0.05]

    def to_json(self) -> dict[str, Any]:
        ordered = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        return {
            "version": MODEL_VERSION,
            "terms": ordered,
            "idf": [round(v, 5) for v in self.idf],
            "weights": [round(v, 6) for v in self.weights],
            "dense": list(DENSE),
            "intercept": self.intercept,
            "platt": list(self.platt),
            "threshold": self.threshold,
            "about": self.about,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Model:
        if data.get("version") != MODEL_VERSION or data.get("dense") != list(DENSE):
            raise ValueError("model file of another version: train it again")
        vocabulary = {t: i for i, t in enumerate(data["terms"])}
        if len(data["idf"]) != len(vocabulary) or len(data["weights"]) != len(vocabulary) + len(DENSE):
            raise ValueError("model file is inconsistent: train it again")
        a, b = data["platt"]
        return cls(vocabulary, list(data["idf"]), list(data["weights"]), float(data["intercept"]), (a, b),
                   float(data["threshold"]), dict(data.get("about", {})))  # fmt: skip


# --- loading ---------------------------------------------------------------------------------------------------------

_state: dict[str, Any] = {"path": None, "model": None, "loaded": False}
_lock = threading.Lock()


def configure(path: str | Path | None) -> None:
    """Use the model stored at ``path`` (loaded on first use); None: rule scorer only."""
    with _lock:
        _state.update(path=Path(path) if path else None, model=None, loaded=False)


def get_model() -> Model | None:
    """The configured English model, or None (the rule scorer is then used; a notice is logged once)."""
    with _lock:
        if _state["loaded"]:
            return _state["model"]
        _state["loaded"] = True
        path: Path | None = _state["path"]
        if path is None:
            return None
        try:
            _state["model"] = Model.from_json(json.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            logger.warning(
                "No check-worthiness model at %s: English claims are scored by the rules. "
                "Train it with `make model` (needs ../shared/data/claims/).",
                path,
            )
        except (ValueError, KeyError, TypeError, json.JSONDecodeError) as exc:
            logger.warning("Check-worthiness model at %s not usable (%s): scoring by the rules.", path, exc)
        return _state["model"]


@contextmanager
def using(path: str | Path | None) -> Iterator[None]:
    """Use the model at ``path`` inside the block, then go back to what was configured (bench scripts)."""
    with _lock:
        before = dict(_state)
    configure(path)
    try:
        yield
    finally:
        with _lock:
            _state.update(before)


def set_model(model: Model | None) -> None:
    """Use ``model`` directly (tests, benchmarks)."""
    with _lock:
        _state.update(model=model, loaded=True)


# --- training (scikit-learn) -----------------------------------------------------------------------------------------

Featurize = Callable[[str], list[float]]


def train_model(
    texts: Sequence[str], labels: Sequence[int], featurize: Featurize, *, min_df: int = 2, about: dict | None = None
) -> Model:
    """Fit the model; calibrate and pick its threshold on 5-fold out-of-fold predictions of the same data."""
    import numpy as np
    from scipy.sparse import csr_matrix, hstack
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    df: dict[str, int] = {}
    tokenised = [terms(t) for t in texts]
    for toks in tokenised:
        for term in set(toks):
            df[term] = df.get(term, 0) + 1
    kept = sorted(t for t, n in df.items() if n >= min_df)
    vocabulary = {t: i for i, t in enumerate(kept)}
    n_docs = len(texts)
    idf = [math.log((1 + n_docs) / (1 + df[t])) + 1.0 for t in kept]
    probe = Model(vocabulary, idf, [], 0.0, (-1.0, 0.0), 0.5)
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for r, text in enumerate(texts):
        for c, v in probe._vector(text).items():
            rows.append(r)
            cols.append(c)
            vals.append(v)
    sparse = csr_matrix((vals, (rows, cols)), shape=(n_docs, len(kept)))
    x = hstack([sparse, csr_matrix(np.array([featurize(t) for t in texts]))]).tocsr()
    y = np.array(labels)
    lr = LogisticRegression(C=4.0, class_weight="balanced", max_iter=3000)
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=12)
    oof = cross_val_predict(lr, x, y, cv=folds, method="decision_function")
    platt = LogisticRegression(C=1e6, max_iter=1000).fit(oof.reshape(-1, 1), y)
    a, b = -float(platt.coef_[0][0]), -float(platt.intercept_[0])
    probs = 1.0 / (1.0 + np.exp(a * oof + b))
    threshold, best = 0.5, -1.0
    for cut in np.arange(0.2, 0.8, 0.01):
        pred = probs >= cut
        tp = float(np.sum(pred & (y == 1)))
        f1 = 2 * tp / (float(np.sum(pred)) + float(np.sum(y == 1)) or 1.0)
        if f1 > best:
            threshold, best = float(round(cut, 2)), f1
    lr.fit(x, y)
    info = dict(about or {})
    info.update(oof_f1=round(best, 4), sentences=n_docs, positives=int(np.sum(y)))
    return Model(vocabulary, idf, [float(w) for w in lr.coef_[0]], float(lr.intercept_[0]), (a, b), threshold, info)


def save(model: Model, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(model.to_json(), ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)  # never a half-written model


def load_rows(path: Path) -> tuple[list[str], list[int]]:
    rows: Iterable[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    texts, labels = [], []
    for row in rows:
        texts.append(str(row["text"]))
        labels.append(int(row["label"]))
    return texts, labels
