"""Speakers across sentences: who says a claim when its own sentence names them only by a pronoun, a surname, a
role, or not at all (an interview answer, the rest of a quotation).

Runs after :func:`claims.extraction.build.build_claims` and only rewrites each claim's ``attribution``:

* ``interview_answer``: in a question-and-answer article, an answer's claims are the interviewee's
  (``Tanaka: ...`` → the full name given earlier; no prefix → the first full name of the introduction);
* ``quote_continuation``: a quoted sentence without a speaker, in a paragraph whose other quote has one, is that
  speaker's (``"Our library is full," Mayor Linda Moreau said. "This expansion will add ..."``);
* ``pronoun_speaker``: ``He added that ...``, ``a-t-elle précisé`` → the last speaker named in full;
* ``short_speaker``: ``Whitaker said``, ``M. Vasseur`` → the full name the article gave before; ``Le ministre``
  → the earlier speaker whose description holds that noun (``Le ministre des Armées, Thierry Vasseur``);
* ``generic_source``: ``The company said``, ``selon la direction`` → shown with the organisation named as a source
  a few sentences before (``The company (Westmoor Water)``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .attribution import is_pronoun
from .furniture import is_byline
from .rules import KNOWN, is_enabled
from .segment import ROLE_QUESTION
from .speaker_words import PERSON_ROLES, SOURCE_NOUNS
from .stance import QUOTE_CHARS
from .types import ExtractedClaim, Sentence, Span

KNOWN.update(["interview_answer", "quote_continuation", "pronoun_speaker", "short_speaker", "generic_source"])

_CAP = r"[A-ZÀ-Ý][\w’'-]*[^\W\d_]"
# "Keiko Tanaka", "Anne-Laure Besson", "Jean de La Fontaine": two or more capitalised words.
_FULL_NAME = re.compile(rf"\b{_CAP}(?:[ \u00a0]+(?:de |du |van |von |da |di )?{_CAP})+")
_NAME_AT_END = re.compile(rf"{_CAP}(?:[ \u00a0]+(?:de |du |van |von |da |di )?{_CAP})+$")
_TITLE = re.compile(r"^(?:M\.|Mme|Mlle|Me|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Pr\.?|Prof\.?)\s+", re.I)
# An answer's speaker prefix: "Tanaka: ...", "Marie Castagné : ..."
_PREFIX = re.compile(rf"^[ \u00a0]*(?P<name>{_CAP}(?:[ \u00a0]+{_CAP}){{0,2}})[ \u00a0]?:\s")
_NOT_NAMES = frozenset(
    [
        "q",
        "a",
        "r",
        "question",
        "answer",
        "réponse",
        "le",
        "la",
        "les",
        "the",
        "this",
        "that",
        "it",
        "il",
        "elle",
        "nous",
        "we",
        "our",
        "notre",
    ]
)
_SENTENCE_BREAK = re.compile(r"[.!?…][»\"”’)]?\s+(?=[A-ZÀ-Ý«\"“])")
_ENDS_WITH_QUESTION = re.compile(r"\?[\s»\"”)’'*_]*$")  # "**How much will it cost?**" (bold, as pasted)
# An interview, not an explainer with question headings: said so, or answered in the first person.
_INTERVIEW_CUE = re.compile(
    r"\b(?:interview|interviewed|Q&A|asked (?:him|her|them)|spoke to us|entretien|interview[ée]e?|"
    r"(?:a|ont) répondu à nos questions|nous l['’]avons interrogée?|propos recueillis)",
    re.I,
)
_FIRST_PERSON = re.compile(r"\b(?:I|I['’]m|we|our|my|us|je|j['’]|nous|notre|nos|mon|ma|mes)\b", re.I)
_QUOTE_OPEN = re.compile(r"^\W{0,3}[«“\"]")
# A role noun heading a speaker phrase: "Le ministre", "l'élue", "the mayor".
_ROLE = re.compile(r"^(?:le|la|les|l['’]|the|this|ce|cette)\s*(?P<noun>[^\W\d_][\w-]+)$", re.I)
_SOURCE_REACH = 6  # sentences back to look for the organisation
# An organisation named by its own name in at most five words ("Westmoor Water", "le groupe Alvéa", "la SNCF"), not
# a document ("figures published by the regulator Ofwat") nor a role ("the council").
_PROPER_SOURCE = re.compile(r"^(?:(?:le|la|les|l['’]|the)\s+)?(?:[a-zà-ÿ]+\s+)?[A-ZÀ-Ý][\w'’&.-]*(?:\s+\S+){0,3}$")
# A name that is an organisation's, not a person's ("Westmoor Water", "Nordbank Securities", "the ONS", "SNCF").
_ORGANISATION = re.compile(
    r"\b(?:[A-Z]{2,}|Water|Energy|Group|Groupe|Council|Bank|Banque|Company|Ltd|Plc|PLC|Inc|SA|SAS|AG|GmbH|Agency|"
    r"Agence|Authority|Ministry|Ministère|University|Université|Institute|Institut|Office|Board|Trust|Union|"
    r"Federation|Fédération|Association|Club|Airlines?|Rail|Health|Services|Holdings|Partners|Capital|Motors|"
    r"Securities|Insurance|Assurances?|Foundation|Fondation|Commission|Department|Hospital|Hôpital|Police)\b"
)


def _is_full_name(phrase: str) -> bool:
    return bool(_FULL_NAME.search(phrase)) and not is_pronoun(phrase)


def _named_person(speaker: str | None) -> str | None:
    """The name a speaker phrase ends on ("Transportation Secretary Daniel Okafor" → "Daniel Okafor"; "Le ministre
    des Armées, Thierry Vasseur" → "Thierry Vasseur"), if it is a short phrase that does."""
    if not speaker or len(speaker.split()) > 8:
        return None
    m = _NAME_AT_END.search(speaker)
    return m.group(0) if m else None


def _full_name_before(text: str, surname: str, end: int) -> str | None:
    """The fullest mention of ``surname`` in ``text[:end]`` ("Dr. Keiko Tanaka" for "Tanaka")."""
    best: str | None = None
    for m in _FULL_NAME.finditer(text, 0, end):
        words = m.group(0).split()
        if words[-1] == surname and len(words) >= 2 and (best is None or len(words) > len(best.split())):
            best = " ".join(words[-3:]) if len(words) > 3 else m.group(0)
    return best


def _short_name(speaker: str) -> str | None:
    """``Whitaker`` / ``M. Vasseur`` / ``Dr Okafor``: the surname of a speaker named short, else None."""
    bare = _TITLE.sub("", speaker.strip())
    if re.fullmatch(_CAP, bare) and bare.lower() not in _NOT_NAMES:
        return bare
    # "M. Vasseur devant la presse": a title and a surname, then what is said about the occasion.
    m = re.match(rf"({_CAP})\s+[a-zà-ÿ]", bare) if bare != speaker.strip() else None
    return m.group(1) if m else None


def _is_question(text: str, span: Span, role: str) -> bool:
    """An interviewer's turn: marked so by the segmenter, or a short paragraph that is one question."""
    body = text[span.start : span.end]
    if role == ROLE_QUESTION:
        return True
    # An introduction may close on a question ("… took our questions. So who pays?"): a turn has one or two sentences.
    return len(body) <= 300 and bool(_ENDS_WITH_QUESTION.search(body)) and len(_SENTENCE_BREAK.findall(body)) < 2


def _interviewee(text: str, paragraph_blocks: Sequence[tuple[Span, str]]) -> tuple[list[int], str | None] | None:
    """The question paragraphs and the first full name of the introduction, in a Q&A article (questions and
    answers alternate: at least two questions, and no more than three answer paragraphs per question)."""
    questions = [i for i, (span, role) in enumerate(paragraph_blocks) if _is_question(text, span, role)]
    if len(questions) < 2:
        return None
    answers = len(paragraph_blocks) - questions[0] - len(questions)
    if answers > 3 * len(questions):
        return None
    # The introduction names the interviewee; its byline ("Interview by Rob Haines") names the interviewer.
    intro = "\n".join(
        text[span.start : span.end]
        for span, _role in paragraph_blocks[: questions[0]]
        if not is_byline(text[span.start : span.end])
    )
    answer_texts = [
        text[span.start : span.end]
        for i, (span, _role) in enumerate(paragraph_blocks)
        if i > questions[0] and i not in questions
    ]
    first_person = sum(1 for body in answer_texts if _FIRST_PERSON.search(body))
    prefixed = any(_PREFIX.match(body) for body in answer_texts)
    if not (prefixed or _INTERVIEW_CUE.search(text) or 3 * first_person >= len(answer_texts)):
        return None  # an explainer's question headings: its answers are the writer's
    # The first person named there: "Kessington Council has published … Council leader Amina Forsyth took our
    # questions" is answered by Amina Forsyth, not by the council.
    person = next((m.group(0) for m in _FULL_NAME.finditer(intro) if not _ORGANISATION.search(m.group(0))), None)
    return questions, person


def _answer_speakers(text: str, paragraph_blocks: Sequence[tuple[Span, str]]) -> dict[int, str]:
    """interview_answer: each answer paragraph's speaker."""
    found = _interviewee(text, paragraph_blocks) if is_enabled("interview_answer") else None
    if found is None:
        return {}
    questions, default = found
    speakers: dict[int, str] = {}
    for i, (span, _role) in enumerate(paragraph_blocks):
        if i <= questions[0] or i in questions or _INTERVIEW_CUE.search(text, span.start, span.end):
            continue
        speaker = default
        m = _PREFIX.match(text, span.start, span.end)
        if m and m.group("name").split()[0].lower() not in _NOT_NAMES:
            name = m.group("name")
            speaker = (_full_name_before(text, name.split()[-1], span.start) or name) if " " not in name else name
        if speaker:
            speakers[i] = speaker
    return speakers


def _quote_speakers(claims: Sequence[ExtractedClaim], text: str, sentences: Sequence[Sentence]) -> dict[int, str]:
    """quote_continuation: the speaker of each quoted sentence left without one, from its paragraph's other quote."""
    by_paragraph: dict[int, list[int]] = {}
    if not is_enabled("quote_continuation"):
        return {}
    for i, sent in enumerate(sentences):
        by_paragraph.setdefault(sent.paragraph, []).append(i)
    said: dict[int, str] = {}
    for claim in claims:
        if claim.attribution and not is_pronoun(claim.attribution):
            said.setdefault(claim.sentence_index, claim.attribution)
    inherited: dict[int, str] = {}
    for indices in by_paragraph.values():
        quoting = [i for i in indices if i in said and QUOTE_CHARS.search(text[sentences[i].start : sentences[i].end])]
        if not quoting:
            continue
        for i in indices:
            if i in said or not _QUOTE_OPEN.match(text[sentences[i].start : sentences[i].end]):
                continue
            before = [q for q in quoting if q < i]
            inherited[i] = said[before[-1] if before else quoting[0]]
    return inherited


_MASCULINE = re.compile(r"\b(?:M\.|Mr\.?|le|il|he|his|him|directeur|président|ministre délégué)(?=\s|$)", re.I)
_FEMININE = re.compile(r"\b(?:Mme|Mrs\.?|Ms\.?|la|elle|she|her|directrice|présidente|ministre déléguée)(?=\s|$)", re.I)


def _stands_for_source(pronoun: str, phrase: str, just_named: bool) -> bool:
    """``a-t-elle ajouté`` right after "..., a précisé la compagnie": a French pronoun (or "they") may stand for a
    source that is no person, named in a short phrase in the sentence just before."""
    return just_named and pronoun.lower() in ("il", "elle", "ils", "elles", "they") and len(phrase.split()) <= 5


def _other_gender(pronoun: str, phrase: str) -> bool:
    """``elle`` cannot stand for "M. Julien Morel", nor ``he`` for "Mrs Patel"."""
    if pronoun.lower() in ("elle", "elles", "she", "her"):
        return bool(_MASCULINE.search(phrase)) and not _FEMININE.search(phrase)
    if pronoun.lower() in ("il", "ils", "he", "lui", "him"):
        return bool(_FEMININE.search(phrase)) and not _MASCULINE.search(phrase)
    return False


# A person set off by commas in the text, with the words around it: "La ministre des Comptes publics, Hélène
# Carrère, s'est félicitée", "le candidat du RN, Thierry Gaudin, qui", "Denise Whitlock, the council's member".
_PERSON_MENTION = re.compile(
    rf"(?:(?P<before>(?:[^\W\d_][\w'’-]*\s+){{0,4}}[^\W\d_][\w'’-]*),\s+)?"
    rf"(?P<name>{_CAP}(?:[ \u00a0]+(?:de |du )?{_CAP})+)"
    rf"(?:(?(before)(?=,|\s+\(|\.(?:\s|$))|,\s+(?:the |a |an |le |la |l['’]|de |[a-zà-ÿ]+\b)[^,.;]*))"
)


def _people_mentioned(text: str, start: int, end: int) -> list[tuple[str, str]]:
    """People named in apposition in ``text[start:end]``, each with the phrase around it (its role, for gender)."""
    return [
        (m.group(0), m.group("name"))
        for m in _PERSON_MENTION.finditer(text, start, end)
        if m.group("name").split()[0].lower() not in ("la", "le", "les", "the", "l")
    ]


def _resolved(
    speaker: str, text: str, at: int, sentence: int, named: list[tuple[str, str | None, int]], since: int = 0
) -> str:
    """pronoun_speaker and short_speaker: the full name a pronoun, a surname or a role stands for (``named``: the
    speakers so far, each phrase with the person's name it ends on, if any, and its sentence)."""
    if is_pronoun(speaker):
        if not is_enabled("pronoun_speaker"):
            return speaker
        # The pronoun is kept, who it stands for shown beside it: "she (Leila Haddad)". A source that is no person
        # ("la compagnie") is meant only right after the sentence naming it.
        for phrase, name, at_sentence in reversed(named):
            if (name or _stands_for_source(speaker, phrase, at_sentence >= sentence - 1)) and not _other_gender(
                speaker, phrase
            ):
                return f"{speaker} ({name or phrase})"
        for phrase, name in reversed(_people_mentioned(text, since, at)):
            if not _other_gender(speaker, phrase):
                return f"{speaker} ({name})"
        return speaker
    if not is_enabled("short_speaker"):
        return speaker
    surname = _short_name(speaker)
    if surname:
        for _phrase, name, _sentence in reversed(named):
            if name and name.split()[-1] == surname:
                return name
        return _full_name_before(text, surname, at) or speaker
    m = _ROLE.match(speaker.strip())
    if m:
        noun = m.group("noun").lower()
        for phrase, name, _sentence in reversed(named):
            if name and re.search(rf"\b{re.escape(noun)}\b", phrase, re.I):
                return phrase
        if noun in PERSON_ROLES:
            person = _person_for_role(PERSON_ROLES[noun], text, at, sentence, named, since)
            if person:
                return f"{speaker} ({person})"
        if noun in SOURCE_NOUNS and is_enabled("generic_source"):
            # "the company", "la direction": the organisation named as a source a few sentences before
            for phrase, name, at_sentence in reversed(named):
                if (
                    (name is None or _ORGANISATION.search(phrase))
                    and at_sentence >= sentence - _SOURCE_REACH
                    and _PROPER_SOURCE.match(phrase.strip())
                    and _capitalised_as_a_name(phrase, text)
                ):
                    return f"{speaker} ({phrase})"
    m = m or _document_of(speaker.strip())
    if m and m.group("noun").lower() in SOURCE_NOUNS and is_enabled("generic_source"):
        # Not named as a source, but named in the article: "la direction de Lumio" → "la direction (Lumio)",
        # "the Meridian Institute for Population Health" → "the institute's report (Meridian Institute …)".
        organisation = _organisation_named_before(m.group("noun"), text, at)
        if organisation:
            return f"{speaker} ({organisation})"
    return speaker


def _person_for_role(
    pronoun: str, text: str, at: int, sentence: int, named: list[tuple[str, str | None, int]], since: int
) -> str | None:
    """The person a role noun stands for: the latest person quoted in the last few sentences, else named in
    apposition since the previous paragraph, of the role's gender; None when there is none."""
    for phrase, name, at_sentence in reversed(named):
        if name and at_sentence >= sentence - _SOURCE_REACH and not (pronoun and _other_gender(pronoun, phrase)):
            return name
    for m in reversed(list(_PERSON_MENTION.finditer(text, since, at))):
        # "Bertrand Joly, PDG de Ferrovia Fret": the person is the name before a capitalised role
        name = m.group("name")
        if _ORGANISATION.search(name) and m.group("before") and _is_full_name(m.group("before")):
            name = m.group("before")
        if _is_full_name(name) and not _ORGANISATION.search(name) and not (pronoun and _other_gender(pronoun, m[0])):
            return name
    return None


# "the institute's report", "l'étude de l'institut": a document standing for the organisation that wrote it.
_DOCUMENT_OF = (
    re.compile(
        r"^(?:the|this)\s+(?P<noun>[a-z][\w-]+)['’]s\s+(?:report|study|survey|data|figures|statement|analysis|findings)$",
        re.I,
    ),
    re.compile(
        r"^(?:le|la|l['’])\s*(?:rapport|étude|enquête|communiqué|note)\s+(?:de\s+la|de\s+l['’]|du)\s*"
        r"(?P<noun>[^\W\d_][\w-]+)$",
        re.I,
    ),
)


def _document_of(speaker: str) -> re.Match[str] | None:
    return next((m for m in (p.match(speaker) for p in _DOCUMENT_OF) if m), None)


_NAME_LINK = r"(?:(?:for|of|on|de|du|des|pour|d['’])[ \u00a0]*)?(?:the[ \u00a0]+|la[ \u00a0]+|l['’])?"


def _organisation_named_before(noun: str, text: str, at: int) -> str | None:
    """The organisation the article named before ``at`` whose name holds ``noun`` ("Institut Clairvision" for
    "l'institut", "Meridian Institute for Population Health" for "the institute") or that ``noun`` was said to be
    part of ("la direction de Lumio" → "Lumio"), the latest one; None when there is none or it would be a person."""
    before = text[max(0, at - 3000) : at]
    word = re.escape(noun)
    part_of = list(
        re.finditer(
            rf"\b{word}\s+(?:de|du|d['’]|of)\s*(?:l['’]|la\s+|the\s+)?(?P<org>{_CAP}(?:[ \u00a0]+{_CAP}){{0,3}})",
            before,
            re.I,
        )
    )
    named_with = list(
        re.finditer(
            rf"\b(?:{_CAP}[ \u00a0]+){{0,3}}{word[0].upper()}{word[1:]}"
            rf"(?:[ \u00a0]+{_NAME_LINK}?{_CAP})*",
            before,
        )
    )
    found = [(m.start(), m.group("org")) for m in part_of] + [
        (m.start(), m.group(0)) for m in named_with if len(m.group(0).split()) > 1
    ]
    if not found:
        return None
    name = max(found)[1].strip()
    return None if _is_full_name(name) and not _ORGANISATION.search(name) else name


def _capitalised_as_a_name(phrase: str, text: str) -> bool:
    """The phrase's first capitalised word is a name: capitalised mid-sentence somewhere in the article too, or more
    than one capital word ("Ofwat", "Westmoor Water"; not "Critics" opening "Critics say …")."""
    caps = re.findall(r"[A-ZÀ-Ý][\w'’&.-]*", phrase)
    if not caps:
        return False
    return len(caps) > 1 or caps[0].isupper() or bool(re.search(rf"[\w,;]\s+{re.escape(caps[0])}\b", text))


def _paragraph_start(paragraph_blocks: Sequence[tuple[Span, str]], index: int) -> int:
    if not paragraph_blocks:
        return 0
    return paragraph_blocks[min(max(index, 0), len(paragraph_blocks) - 1)][0].start


def resolve_speakers(
    claims: list[ExtractedClaim],
    text: str,
    sentences: Sequence[Sentence],
    paragraph_blocks: Sequence[tuple[Span, str]],
) -> list[ExtractedClaim]:
    """The claims, each ``attribution`` completed from the article around it (in place; returned for chaining)."""
    answers = _answer_speakers(text, paragraph_blocks)
    quotes = _quote_speakers(claims, text, sentences)
    named: list[tuple[str, str | None, int]] = []
    for claim in claims:
        speaker = claim.attribution
        if claim.paragraph_index in answers and (
            not speaker or is_pronoun(speaker) or _short_name(speaker) or _FIRST_PERSON.search(speaker)
        ):
            speaker = answers[claim.paragraph_index]
        elif not speaker:
            speaker = quotes.get(claim.sentence_index)
        elif (
            is_pronoun(speaker) or _short_name(speaker) or _ROLE.match(speaker.strip()) or _document_of(speaker.strip())
        ):
            since = _paragraph_start(paragraph_blocks, claim.paragraph_index - 1)
            speaker = _resolved(speaker, text, claim.start, claim.sentence_index, named, since)
        if speaker and not is_pronoun(speaker) and " (" not in speaker:
            named.append((speaker, _named_person(speaker), claim.sentence_index))
        claim.attribution = speaker
    return claims
