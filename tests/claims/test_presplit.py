"""``presplit`` marks sentence starts exactly as setting ``Token.is_sent_start`` token by token does."""

from __future__ import annotations

from pathlib import Path

import pytest

from claims.extraction.pipeline import presplit
from claims.extraction.segment import sentences_in
from claims.extraction.types import Span

spacy = pytest.importorskip("spacy")
EVAL_DIR = Path(__file__).resolve().parents[2] / "bench" / "eval"


def test_presplit_marks_what_the_token_setter_marks():
    nlp = spacy.blank("fr")
    paragraphs = [
        p
        for path in sorted(EVAL_DIR.glob("fr-*.txt"))
        for p in path.read_text(encoding="utf-8").split("\n")
        if p.strip()
    ]
    assert paragraphs
    for text in [*paragraphs, "Un.", "M. Dupont est parti. Il reviendra le 3 mars. « C'est fini. » Fin."]:
        expected = nlp.make_doc(text)
        starts = {s.start for s in sentences_in(text, Span(0, len(text)))}
        for tok in expected:
            tok.is_sent_start = tok.i == 0 or tok.idx in starts
        doc = presplit(nlp.make_doc(text))
        assert [t.is_sent_start for t in doc] == [t.is_sent_start for t in expected]
    assert len(presplit(nlp.make_doc(""))) == 0
