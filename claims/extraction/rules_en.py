"""English post-rules (the English path has no parse), registered among the rules of :mod:`.rules`.

Each runs on a sentence's pieces like the rules of :mod:`.rules`, and can be switched off by name.
"""

from __future__ import annotations

import re

from . import en_words
from .attribution import _EN_VERBS
from .rules import _FINITE, _WORDS, Context, _cut, _with_subject, antecedent_span, rule, subject_span
from .types import Piece
from .verbs import EN_IRREGULAR_PAST, EN_PRESENT

# What opens the object of a transitive verb: a determiner, a pronoun, a number or an amount.
_OBJECT = (
    r"(?:[$€£\d]|(?:the|a|an|its|his|her|their|our|this|these|those|it|them|him|us|more|about|over|nearly|almost|"
    r"some|all|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|thousands|millions|several|most|much|"
    r"many|half|only|just|up|down|out|off|back|to)\b)"
)
_AND_VERB = re.compile(
    rf"(?<=[\w%).\"”])\s+(?=(?:and|but)\s+(?:then\s+|also\s+|later\s+)?(?:[a-z]{{3,}}ed|{EN_IRREGULAR_PAST})\s+{_OBJECT})"
)
_COPULA = re.compile(r"^(?:is|are|was|were|be|been|being|seems?|seemed|remains?|remained|became|becomes?)$", re.I)
_EN_NOT_SUBJECT = re.compile(r"^(?:and|but|or|who|which|that|when|while|if|because)$", re.I)


def _copular_tail(left: str) -> bool:
    """``The beach was quiet`` before ``and relaxed``: an adjective list after a copula, not a new predicate."""
    words = [w.group(0) for w in _WORDS.finditer(left)]
    for i in range(len(words) - 1, -1, -1):
        if _FINITE.match(words[i]):
            return bool(_COPULA.match(words[i])) and len(words) - i - 1 <= 3
    return False


# "was elected in 2015 and re-elected in 2019": a second passive participle of the same auxiliary.
_AND_PASSIVE = re.compile(
    r"(?<=[\w%).\"”])\s+(?=and\s+(?:then\s+|later\s+)?(?:re-)?[a-z]{3,}ed\s+(?:in|on|by|at|for|after|last)\b)"
)
_PASSIVE_LEFT = re.compile(
    rf"\b(?:was|were|is|are|been)\s+(?:\w+ly\s+)?(?:[a-z]{{3,}}ed|{EN_IRREGULAR_PAST}|born|known|shown|given|taken|"
    r"seen|built|won|chosen|sworn)\s+(?:in|on|by|at|for|as|after|last)\b[^,;]*$"
)


def _coordinated_cuts(sent: str) -> list[re.Match[str]]:
    """``and`` + a past verb and its object, or a second passive participle after ``was … -ed in …``."""
    passive = [m for m in _AND_PASSIVE.finditer(sent) if _PASSIVE_LEFT.search(sent[: m.start()])]
    return sorted([*_AND_VERB.finditer(sent), *passive], key=lambda m: m.start())


@rule("coordinated_past_predicate", before="measured_apposition")
def coordinated_past_predicate(ctx: Context, pieces: list[Piece]) -> list[Piece]:
    """A second past-tense verb with its object after ``and``, no comma: read with the sentence's subject.

    ``The army launched the drills on April 21 and deployed 17,000 troops`` -> ``The army launched the drills
    on April 21`` + ``The army … deployed 17,000 troops`` (spans: the subject, the predicate). Not after a
    copula (``was quiet and relaxed``), nor without a verb before (``Smith and Jones said``).
    """
    sent = ctx.sentence_text
    for m in _coordinated_cuts(sent):
        left = sent[: m.start()]
        passive = m.re is _AND_PASSIVE
        if not any(_FINITE.match(w.group(0)) for w in _WORDS.finditer(left)) or (_copular_tail(left) and not passive):
            continue
        if re.search(r"\b(?:between|both|from)\s+[^,]*$", left, re.I):
            continue
        piece = _cut(ctx, pieces, ctx.start + m.end(), dependent=True, rule_name="coordinated_past_predicate")
        if piece is not None:
            _with_subject(piece, subject_span(ctx, ctx.start + m.start()), ctx.text)
    return pieces


# A plural noun after "and" may look like a present verb: only a determiner or an amount opens its object here.
_PRESENT_OBJECT = _OBJECT.replace("up|down|out|off|back|to", "no")
_AND_PRESENT = re.compile(
    rf"(?<=[\w%).\"”])\s+(?=(?:and|but)\s+(?:also\s+|still\s+)?(?:{EN_PRESENT})\s+{_PRESENT_OBJECT})"
)
_PRESENT_WORD = re.compile(rf"^(?:{EN_PRESENT})$")
_THIRD_PERSON = re.compile(rf"^(?:has|is|does|(?=(?:{EN_PRESENT})$)[a-z]+s)$")
# Any other -s verb is trusted only before a figure, after a clause in the present: "has 58 members and bakes about
# 9,500 loaves a day" (a plural noun is not followed by a figure: "cars and vans").
_AND_S_FIGURE = re.compile(
    r"(?<=[\w%).\"”])\s+(?=(?:and|but)\s+(?:also\s+|still\s+|now\s+)?[a-z]{3,}(?<![su])s\s+"
    r"(?:about\s+|around\s+|nearly\s+|almost\s+|some\s+|more than\s+|over\s+)?[$€£]?\d)"
)


def _present_subject(ctx: Context, before: int) -> tuple[int, int] | None:
    """The words opening the sentence up to its first present-tense verb (``Black residents`` make up …)."""
    words = list(_WORDS.finditer(ctx.text, ctx.start, before))[:7]
    for i, w in enumerate(words):
        if i and _PRESENT_WORD.match(w.group(0)):
            first, last = words[0], words[i - 1]
            if re.search(r"[,;:()]", ctx.text[first.start() : last.end()]) or _EN_NOT_SUBJECT.match(first.group(0)):
                return None
            return first.start(), last.end()
    return None


@rule("coordinated_present_predicate", before="measured_apposition")
def coordinated_present_predicate(ctx: Context, pieces: list[Piece]) -> list[Piece]:
    """A second present-tense verb with its object after ``and``/``but``: read with the sentence's subject.

    ``Black residents make up 27% of the population but hold only one of seven seats`` -> ``Black residents make
    up 27% of the population`` + ``Black residents … hold only one of seven seats``. Only verbs of a known list
    count (``and tables`` is a noun), and both sides need a verb (``sells drugs and supplies`` is one list).
    """
    sent = ctx.sentence_text
    known = list(_AND_PRESENT.finditer(sent))
    starts = {m.start() for m in known}
    other = [m for m in _AND_S_FIGURE.finditer(sent) if m.start() not in starts]
    for m in sorted([*known, *other], key=lambda m: m.start()):
        left = sent[: m.start()]
        words = [w.group(0) for w in _WORDS.finditer(left)]
        if not any(_FINITE.match(w) or _PRESENT_WORD.match(w) for w in words[1:]) or _copular_tail(left):
            continue
        if m.re is _AND_S_FIGURE and not any(_THIRD_PERSON.match(w) for w in words[1:]):
            continue  # "will give mothers and newborns 48 hours": no verb in the -s form before, a list of nouns
        if re.search(r"\b(?:between|both|from|not)\s+[^,]*$", left, re.I):
            continue
        piece = _cut(ctx, pieces, ctx.start + m.end(), dependent=True, rule_name="coordinated_present_predicate")
        if piece is not None:
            at = ctx.start + m.start()
            _with_subject(piece, subject_span(ctx, at) or _present_subject(ctx, at), ctx.text)
    return pieces


_SPEECH = re.compile(rf"^(?P<speaker>[^,;:«»\"“”()]{{2,80}}?\s+{_EN_VERBS})\s+(?:that\s+)?", re.I)
_AND_THAT = re.compile(r",?\s+and\s+(?=that\s+\w+)", re.I)


@rule("reported_and_that", before="measured_apposition")
def reported_and_that(ctx: Context, pieces: list[Piece]) -> list[Piece]:
    """``He said A and that B``: B is a claim of its own, built from the speaker and verb and B.

    ``He said the factory would close and that 500 workers would lose their jobs`` -> ``He said the factory
    would close`` + ``He said … that 500 workers would lose their jobs`` (the speaker is kept for each).
    """
    sent = ctx.sentence_text
    if _AND_THAT.search(sent) is None:
        return pieces  # no ", and that" anywhere: nothing to rebuild, whoever the speaker (most sentences)
    speech = _SPEECH.match(sent)
    speaker: list[tuple[int, int]] = []
    if speech is not None:
        speaker, after = [(ctx.start, ctx.start + speech.end("speaker"))], speech.end()
    else:  # "Dr Okafor, a neurologist at King's College, pointed out that A and that B": subject … verb
        verb = _SPEECH_VERB.search(sent) or _SPEECH_AFTER_APPOSITION.search(sent)
        subject = subject_span(ctx, ctx.start + verb.end()) if verb else None
        if verb is not None and subject is None and verb.re is _SPEECH_AFTER_APPOSITION and verb.start() < 120:
            subject = (ctx.start, ctx.start + verb.start())  # the speaker with its apposition
        if verb is None or subject is None:
            return pieces
        speaker, after = [subject, (ctx.start + verb.start(), ctx.start + verb.end("verb"))], verb.end()
        if subject[1] >= speaker[1][0] or not ctx.text[subject[1] : speaker[1][0]].strip(" ,"):
            speaker = [(subject[0], speaker[1][1])]
    for m in list(_AND_THAT.finditer(sent, after)):
        at, end = ctx.start + m.start(), ctx.start + m.end()
        piece = _cut(ctx, pieces, at, dependent=True, rule_name="reported_and_that") or next(
            (p for p in pieces if at <= p.start <= end and not p.nested and not p.spans), None
        )  # ", and that …" may already open a piece of its own
        if piece is not None and piece.start > speaker[-1][1]:
            piece.dependent = True
            piece.start = ctx.start + m.end()  # "that 500 workers …", without the "and"
            piece.spans = [*speaker, (piece.start, piece.end)]
    return pieces


_SPEECH_VERB = re.compile(
    rf"\b(?P<verb>{_EN_VERBS}|pointed out|points out|made clear|makes clear|stressed|insisted|argued)\s+that\s", re.I
)
# "Sergeant Liam Ferris, of Wendmoor Police, said officers had …": the speaker's apposition closes before the verb.
_SPEECH_AFTER_APPOSITION = re.compile(rf",\s+(?P<verb>{_EN_VERBS})\s+(?!that\b)(?=[a-z])")


# " and chairs the …", " and pocketed a …", " and are twice …": "and"/"but", maybe an adverb, then a word that reads
# as a finite verb by its form and what follows it (see en_words), whichever verb it is.
_AND_ANY = re.compile(
    r"(?<=[\w%).\"”’])\s+(?:and|but)\s+(?:(?:then|also|later|still|now|[a-z]+ly)\s+)?"
    r"(?P<verb>[a-z][\w'’-]*)(?:\s+(?P<next>[$€£]?[\w'’%.,-]+))?"
)


def _adjectives_after_copula(left: str) -> bool:
    """``He was tired`` before ``and bored``: only a few words and no preposition since the copula."""
    ws = [w.group(0) for w in _WORDS.finditer(left)]
    for i in range(len(ws) - 1, -1, -1):
        if _COPULA.match(ws[i]):
            tail = ws[i + 1 :]
            return len(tail) <= 3 and not any(
                w.lower() in en_words.FUNCTION_WORDS - {"very", "too", "so"} for w in tail
            )
    return False


_SUBORDINATOR = re.compile(r"^(?:when|if|because|as|while|although|though|since|after|before|unless|once|until)$", re.I)


_GIVE = re.compile(
    r"^(?:give|gives|gave|giving|offer|offers|offered|send|sends|sent|grant|granted|show|shows|showed|tell|tells|told|"
    r"pay|pays|paid|owe|owes|owed|promise|promised|hand|handed|award|awarded|allow|allowed|deny|denied|cost|costs)$",
    re.I,
)


# The last verb before "and" is a participle with its agent ("made by the commanders on the spot"), no auxiliary.
_PARTICIPLE_PHRASE = re.compile(
    rf"(?<!\bwas\s)(?<!\bwere\s)(?<!\bhas\s)(?<!\bhad\s)(?<!\bbeen\s)(?<!\bhave\s)(?<!\bis\s)(?<!\bare\s)"
    rf"\b{en_words.PAST_PARTICIPLE}\s+(?:by|with)\s+[^,;]*$"
)


def _shared_or_embedded(left: str, ws: list[str], m_verb: str) -> bool:
    """The verb after ``and`` shares the object (``aided and abetted by``, ``pushed for and passed``), or both verbs
    sit in a subordinate clause or a relative inside the subject (``people who are idealistic and have dreams, are``).
    """
    if not ws:
        return True
    last = ws[-1].lower()
    if (len(last) > 4 and last.endswith("ed")) or last in en_words.FUNCTION_WORDS:
        return True
    opening = [w for w in ws[:2] if w.lower() not in ("and", "but", "so", "now", "well")]
    if opening and _SUBORDINATOR.match(opening[0]) and "," not in left:
        return True
    if m_verb.endswith("ed") and _PARTICIPLE_PHRASE.search(left):
        return True  # "promoted by President Bush and supported by Senator McCain": two participles, no predicate
    if any(_GIVE.match(w) for w in ws[-4:-1]) and re.search(r"s$", m_verb, re.I):
        return True  # "give mothers and newborns 48 hours": two indirect objects, not a second verb
    for i, w in enumerate(ws):
        if w.lower() in ("who", "which", "that") and i:
            follow = [*ws[1:i], ""]
            return not any(
                _FINITE.match(v) or en_words.is_finite(v, n) for v, n in zip(ws[1:i], follow[1:], strict=True)
            )
    return False


def _finite_cuts(sent: str) -> list[re.Match[str]]:
    return [
        m for m in _AND_ANY.finditer(sent) if en_words.is_finite(m.group("verb"), (m.group("next") or "").rstrip(".,"))
    ]


@rule("coordinated_finite_predicate", before="measured_apposition")
def coordinated_finite_predicate(ctx: Context, pieces: list[Piece]) -> list[Piece]:
    """Any second finite verb after ``and``/``but``, no comma: read with the sentence's subject.

    ``The company employs 4,000 people and reported a loss of $3m`` -> ``The company employs 4,000 people`` +
    ``The company … reported a loss of $3m``. The verb is told by its form and what opens its object, not by a
    list (see :mod:`.en_words`). Not after a copula (``was quiet and relaxed``), within ``between … and``, nor
    when no verb comes before (``Smith and Jones said``); ``rock and roll`` has no finite form.
    """
    sent = ctx.sentence_text
    if not en_words.looks_english(sent):
        return pieces
    for m in _finite_cuts(sent):
        left = sent[: m.start()]
        ws = [w.group(0) for w in _WORDS.finditer(left)]
        follow = [*ws[1:], ""]
        if not any(_FINITE.match(w) or en_words.is_finite(w, n) for w, n in zip(ws[1:], follow[1:], strict=True)):
            continue
        if (_copular_tail(left) or _adjectives_after_copula(left)) and not en_words.AUXILIARY.match(m.group("verb")):
            continue
        if re.search(r"\b(?:between|both|from|either|neither)\s+[^,]*$", left, re.I) or _shared_or_embedded(
            left, ws, m.group("verb")
        ):
            continue
        cut_at = ctx.start + m.start() + len(sent[m.start() :]) - len(sent[m.start() :].lstrip())
        piece = _cut(ctx, pieces, cut_at, dependent=True, rule_name="coordinated_finite_predicate")
        if piece is not None:
            _with_subject(piece, subject_span(ctx, ctx.start + m.start()), ctx.text)
    return pieces


_PARTICIPLE_OPEN = re.compile(rf"{en_words.PAST_PARTICIPLE}\s+(?:by|in|on|at|from|for|after|during|under|with)\b")


# "the course record of 2:11:53", "an operating loss of £3.4 million": a noun phrase closing on an amount.
_OF_AMOUNT = re.compile(
    r"\b(?:the|a|an|its|their|his|her|our)\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]+\s+of\s+[$€£]?\d[\d.,:]*"
    r"(?:\s*(?:%|million|billion|bn|m|k|tons?|tonnes?|euros?|dollars?|pounds?))?$"
)


@rule("participle_antecedent", before="restore_subject")
def participle_antecedent(ctx: Context, pieces: list[Piece]) -> list[Piece]:
    """A trailing past participle qualifies the noun before its comma: ``That gap is now a 210-space car park,
    approved by the planning committee last March`` -> ``a 210-space car park … approved by the planning committee``.

    A noun phrase closing on an amount is taken whole (``the course record of 2:11:53, set by Tigist Assefa``).
    """
    if not en_words.looks_english(ctx.sentence_text):
        return pieces
    for index, piece in enumerate(pieces):
        if not index or not piece.dependent or piece.spans or piece.nested:
            continue
        if not _PARTICIPLE_OPEN.match(ctx.text, piece.start):
            continue
        comma = piece.start
        while comma > ctx.start and ctx.text[comma - 1] in " ,":
            comma -= 1
        of_amount = _OF_AMOUNT.search(ctx.text, ctx.start, comma)
        ante = (of_amount.start(), comma) if of_amount else antecedent_span(ctx, comma)
        if ante is not None and ctx.text[ante[0] : ante[1]].lower() in en_words.FUNCTION_WORDS:
            ante = None  # "people aged 65 and over, compared with …": "over" is no noun to qualify
        _with_subject(piece, ante or subject_span(ctx, comma), ctx.text)
    return pieces


_CONNECTED_VERB = re.compile(r"(?:and|but|yet)\s+(?:also\s+|then\s+|still\s+)?([a-z][\w'’-]*)\s+([$€£]?[\w'’%-]+)")


@rule("finite_predicate_subject", before="restore_subject")
def finite_predicate_subject(ctx: Context, pieces: list[Piece]) -> list[Piece]:
    """A piece opening with ``but``/``and`` and a finite verb of any kind gets the sentence's subject back.

    ``The budget keeps the tax rate unchanged, but raises water fees by 6%`` -> ``The budget … raises water fees by
    6%`` (the verb is told by its form, see :mod:`.en_words`; after ``but`` any lowercase -s or -ed word is one).
    """
    if not en_words.looks_english(ctx.sentence_text):
        return pieces
    for index, piece in enumerate(pieces):
        if not index or not piece.dependent or piece.spans or piece.nested:
            continue
        m = _CONNECTED_VERB.match(ctx.text, piece.start, piece.end)
        if m is None:
            continue
        verb, nxt = m.group(1), m.group(2)
        contrast = not ctx.text.startswith("and", piece.start)
        if en_words.is_finite(verb, nxt) or (contrast and re.fullmatch(r"[a-z]{3,}(?:s|ed)", verb) is not None):
            _with_subject(piece, subject_span(ctx, piece.start) or _relative_subject(ctx, piece.start), ctx.text)
    return pieces


# "Teenagers who use …", "The drivers that took part …": a short noun phrase opening the sentence, then a relative.
_RELATIVE_OPENING = re.compile(
    r"\s*(?P<np>(?:(?:the|a|an|these|those|its|their|many|most|some)\s+)?(?:[\w'’-]+\s+){0,2}[\w'’-]+)"
    r"\s+(?:who|that)\s+[a-z]"
)


def _relative_subject(ctx: Context, before: int) -> tuple[int, int] | None:
    """The noun phrase a relative qualifies at the sentence's start, when the main verb after the relative is one the
    forms do not tell (``Teenagers who use phones after midnight sleep less … and are twice as likely …``).

    Not when a word of the phrase is a verb (``He said that …``) or a comma comes before the cut.
    """
    m = _RELATIVE_OPENING.match(ctx.text, ctx.start, before)
    if m is None or "," in ctx.text[m.end() : before]:
        return None
    ws = m.group("np").split()
    if any(_FINITE.match(w) or w.lower() in en_words.FUNCTION_WORDS - {"the", "a", "an", "these", "those"} for w in ws):
        return None
    if re.search(rf"\b(?:{_EN_VERBS})\b", m.group("np"), re.I):
        return None
    return m.start("np"), m.end("np")


_MODALS = r"\b(?:will|would|can|could|may|might|must|should|shall|to)\b"
_MODAL_BEFORE = re.compile(rf"{_MODALS}(?![\s\S]*{_MODALS})", re.I)  # the last modal before the second verb


@rule("shared_modal", before="measured_apposition")
def shared_modal(ctx: Context, pieces: list[Piece]) -> list[Piece]:
    """A bare verb after ``and`` shares the modal before the first verb: the claim keeps the words up to it.

    ``He added that a full replacement would cost $210 million and take four years`` -> ``He added that a full
    replacement would … take four years`` (the speaker, the subject and ``would`` stay with the second verb).
    """
    if not en_words.looks_english(ctx.sentence_text):
        return pieces
    for piece in pieces:
        if not piece.spans or len(piece.spans) != 2 or piece.nested:
            continue
        (s0, s1), (p0, p1) = piece.spans
        verb = re.match(r"[a-z][\w'’-]*", ctx.text[p0:p1])
        if verb is None or re.search(r"(?:s|ed)$", verb.group(0)) or en_words.AUXILIARY.match(verb.group(0)):
            continue
        if en_words.is_past(verb.group(0)) or verb.group(0) in en_words.FUNCTION_WORDS:
            continue
        modal = _MODAL_BEFORE.search(ctx.text, s1, p0)
        if modal is None or ctx.text[modal.end() : p0].count(",") > 2:
            continue
        piece.spans = [(s0, modal.end()), (p0, p1)]
    return pieces


_WHO_AFTER_NAME = re.compile(r"\b[A-Z][\w'’.-]*\s+(?=who\s+\w)")  # "King's College London who …"


@rule("person_relative", before="restore_subject")
def person_relative(ctx: Context, pieces: list[Piece]) -> list[Piece]:
    """``who`` after a place or an organisation in a person's description is about the person: ``Professor Mark
    Ellison, a sleep specialist at King's College London who was not involved in the research`` gives as well
    ``Professor Mark Ellison … who was not involved in the research``."""
    for piece in list(pieces):
        if not piece.nested or not piece.spans:
            continue
        a0 = piece.spans[0][0]
        name_end = ctx.text.find(",", a0, piece.end)
        m = _WHO_AFTER_NAME.search(ctx.text, max(name_end, a0), piece.end)
        if name_end < 0 or m is None or not en_words.looks_english(ctx.sentence_text):
            continue
        name = ctx.text[a0:name_end]
        if not re.fullmatch(r"(?:[A-Z][\w'’.-]*\s+){0,4}[A-Z][\w'’-]+", name):
            continue  # the description must follow a person's name
        begin = m.end()
        pieces.append(Piece(begin, piece.end, piece.sentence, True, name, piece.attribution, nested=True,
                            spans=[(a0, name_end), (begin, piece.end)], rule="person_relative"))  # fmt: skip
    return pieces
