"""English post-rule: the second and third bare verbs a modal shares (the English path has no parse).

``Services will start at 7.30am and finish by 6.30pm`` -> ``Services will start at 7.30am`` + ``Services will …
finish by 6.30pm``; ``The council will keep a register, carry out checks and issue fines`` -> three claims. A
noun after ``and`` ("will include a gym and pool") is told apart by a list of common verbs (:data:`.verbs.EN_BARE`):
only they count, and only after a modal and a first bare verb. ``shared_modal`` then keeps the modal with each.
"""

from __future__ import annotations

import re

from . import en_words
from .rules import Context, _cut, _with_subject, rule, subject_span
from .types import Piece
from .verbs import EN_BARE

_MODAL_VERB = re.compile(
    r"\b(?:will|would|can|could|may|might|must|should|shall)\s+(?:(?:also|not|now|then|[a-z]+ly)\s+)?"
    r"(?P<verb>[a-z]+)\b"
)
# ", carry out" (an item of a verb list) or "and finish" / "or issue" (its last item), then a word opening the object
_NEXT_BARE = re.compile(
    rf"(?P<sep>,\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:(?:then|also|later|[a-z]+ly)\s+)?(?P<verb>(?:{EN_BARE}))"
    r"(?=\s+[$€£\w])"
)
_BARE = re.compile(rf"^(?:{EN_BARE})$")


def _another_clause(word: str) -> bool:
    low = word.lower()
    return bool(en_words.AUXILIARY.match(word)) or (len(low) > 4 and low.endswith("ed")) or low in _CLAUSE_OPENERS


_CLAUSE_OPENERS = {"which", "who", "that", "while", "but", "when", "if", "because", "although", "whereas"}


def _chain(sent: str, after: int) -> list[re.Match[str]]:
    """The verbs sharing the modal after ``after``: comma items count only when an ``and``/``or`` item closes them."""
    found: list[re.Match[str]] = []
    pos = after
    for m in _NEXT_BARE.finditer(sent, after):
        between = re.findall(r"[A-Za-z][\w'’-]*", sent[pos : m.start()])
        if any(_another_clause(w) for w in between):
            break  # another clause came in between
        found.append(m)
        pos = m.end()
        if not m.group("sep").strip(" ,"):
            continue  # a comma item: the list goes on
    while found and not found[-1].group("sep").strip(" ,"):
        found.pop()  # no "and"/"or" closed the list: a comma before a verb may be anything else
    return found


@rule("modal_second_verb", before="shared_modal")
def modal_second_verb(ctx: Context, pieces: list[Piece]) -> list[Piece]:
    """Each further bare verb after a modal and its first verb is a claim of its own, read with the subject."""
    sent = ctx.sentence_text
    if not en_words.looks_english(sent):
        return pieces
    for modal in _MODAL_VERB.finditer(sent):
        if not _BARE.match(modal.group("verb")):
            continue
        subject = subject_span(ctx, ctx.start + modal.start()) or _words_before(ctx, modal.start())
        for m in reversed(_chain(sent, modal.end())):  # from the last: each cut leaves the earlier ones whole
            at = ctx.start + m.start("sep") + len(m.group("sep")) - len(m.group("sep").lstrip(" ,"))
            piece = _cut(ctx, pieces, at, dependent=True, rule_name="modal_second_verb")
            if piece is not None:
                _with_subject(piece, subject, ctx.text)
    return pieces


def _words_before(ctx: Context, end: int) -> tuple[int, int] | None:
    """The sentence's words before its modal, when they are a plain subject (no comma, at most eight words)."""
    head = ctx.sentence_text[:end].rstrip()
    if not head or "," in head or len(head.split()) > 8:
        return None
    return ctx.start, ctx.start + len(head)
