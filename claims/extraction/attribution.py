"""Who says it: ``Selon Kyodo, ...``, ``X a déclaré que ...``, ``..., said the minister``."""

from __future__ import annotations

import re

from .regex_prefix import with_first_chars

_FR_VERBS = (
    r"(?:déclar|affirm|annonc|indiqu|estim|expliqu|rapport|précis|soulign|assur|confirm|ajout|dénonc|reconn|"
    r"prévien|prévenu|avert|rappel|insist|promi|promet|martel|écri|dit|soutien|soutenu|admi|avou|révél|"
    r"signal|not|observ|jug|pens|craign|regrett|répond|répét|déplor|relev|relèv|concèd|concéd|démen|nié|ni|défend|plaid|"
    r"résum|détaill|nuanc|tempér|poursuiv|réag|comment|ironis|tranch|rétorqu|object)"
)
_EN_VERBS = (
    r"(?:said|says|say|told|tells|reported|reports|announced|announces|claimed|claims|stated|states|wrote|writes|"
    r"added|adds|confirmed|confirms|estimated|estimates|warned|warns|argued|argues|noted|notes|explained|explains|"
    r"insisted|insists|acknowledged|admitted|denied|denies|revealed|reveals|predicted|predicts|found|finds|showed|shows|"
    r"believe|believes|believed|maintained|maintains|asserted|asserts|declared|declares)"
)
_SRC = r"(?P<src>[^,;:«»\"“”()]{2,90}?)"
# A speaker phrase may end with an abbreviated title ("Dr. Leila Haddad"): a period after one does not end it.
# So may a single capital's period: "the U.S. Geological Survey".
_ABBREV = (
    r"(?<!\b[A-Z])"
    r"(?<!\bDr)(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bSt)(?<!\bProf)(?<!\bGen)(?<!\bGov)(?<!\bSen)(?<!\bRep)(?<!\bMe)"
)
_SRC_DOTTED = r"(?P<src>[^,;:«»\"“”()]{2,90}?)"
# (a comma inside a figure, "3,000", ends nothing: "…, said the team planned a follow-up with 3,000 pupils" is no
# speaker phrase)
_END = rf"\s*(?=,(?!\d)|[;!?»\"”]|{_ABBREV}\.|$)"
# A proper name set off after a role: "le maire de la commune, Hervé Le Goff, ..."
_NAME = r"[A-ZÀ-Ý][\w’'-]+(?:\s+(?:de|du|des|van|von|da|di|le|la|[A-ZÀ-Ý][\w’'.-]*)){0,3}"
_APPOS = rf"(?:,\s*(?P<name>{_NAME}))?"
_ROLE = r"(?P<src>[^,;:«»\"“”()]{2,60}?,\s*[^,;:«»\"“”()]{2,60}?)"
_FR_AUX = r"(?:a|ont|avait|avaient|aurait|auraient)"
# Speech tags of feeling after a quote: "« … », s'enthousiasme la présidente", "s'est félicité le maire".
_FR_FEELING = r"(?:enthousiasm|félicit|inquièt|inquiét|réjoui|agac|alarm|indign|étonn|amus|lament|désol|exclam)"
_FR_ANNOUNCE = r"(?:annoncé|promis|confirmé|dévoilé|révélé|officialisé)\b"
_FR_PATTERNS: list[re.Pattern[str]] = [
    with_first_chars(
        rf"\b(?:[Ss]elon|[Dd]'après|[Dd]’après|[Aa]ccording to|[Cc]iting)\s+{_SRC}"
        rf"(?:,\s*(?P<name>{_NAME})(?=,))?\s*(?=[,;:!?»\"”]|{_ABBREV}\.|$)"
    ),
    # "La présidente de la Région, Carole Delga, a déclaré que ..." (subject with an apposition)
    re.compile(rf"^{_ROLE},\s+(?:{_FR_AUX}\s+(?:\w+\s+)?)?{_FR_VERBS}\w*(?:\s+\w+){{0,2}}\s*(?:que\b|qu['’]|:)"),
    re.compile(
        rf"^(?:[^,]{{0,40}},\s*)?{_SRC}\s+{_FR_AUX}\s+(?:\w+\s+)?{_FR_VERBS}\w*(?:\s+\w+){{0,2}}\s+(?:que|qu['’])"
    ),
    re.compile(rf"^(?:[^,]{{0,40}},\s*)?{_SRC}\s+{_FR_VERBS}\w*\s+(?:que|qu['’]|:)"),
    # Announcements with a direct object: "Le maire de Lille, Arnaud Leroy, a annoncé l'ouverture de ..."
    re.compile(rf"^{_ROLE},\s+{_FR_AUX}\s+(?:\w+\s+)?{_FR_ANNOUNCE}"),
    re.compile(rf"^(?:[^,]{{0,40}},\s*)?{_SRC}\s+{_FR_AUX}\s+(?:\w+\s+)?{_FR_ANNOUNCE}"),
    re.compile(
        rf"[,»]\s*(?:a|ont|avait|s['’]est|se sont)(?:-t-|\s+)?(?:il|elle|ils|elles)?\s*"
        rf"(?:{_FR_VERBS}|{_FR_FEELING})\w*\s+{_SRC_DOTTED}{_APPOS}{_END}"
    ),
    re.compile(
        rf"[,»]\s*(?:s['’]|se\s+)?(?:{_FR_VERBS}|{_FR_FEELING})\w*(?:-t-|-)?(?:il|elle|ils|elles)?\s+{_SRC_DOTTED}{_APPOS}"
        rf"{_END}"
    ),
    re.compile(rf"[,»]\s*(?:a|ont)-t-(?P<src>il|elle|ils|elles)\s+{_FR_VERBS}"),
]
# These read an English reporting verb (_EN_VERBS, spelt in each after a space, a comma or a quote): a text without one
# as a whole word, as most French sentences are, has no match of any of them, and find_attribution does not try them.
_EN_PATTERNS: list[re.Pattern[str]] = [
    # "The state's attorney general, Robert Hale, told reporters that ..." (subject with an apposition)
    re.compile(rf"^{_ROLE},\s+(?:has\s+|have\s+|had\s+)?{_EN_VERBS}\b"),
    re.compile(rf"[,”\"]+\s*(?:{_EN_VERBS})\s+{_SRC_DOTTED}{_APPOS}{_END}"),
    re.compile(rf"[,”\"]+\s*{_SRC}\s+(?:{_EN_VERBS})\b"),
    re.compile(rf"^(?:[^,]{{0,40}},\s*)?{_SRC}\s+(?:has\s+|have\s+|had\s+)?{_EN_VERBS}\b"),
]
# Either language's verbs: tried last, always.
_ANY_PATTERNS: list[re.Pattern[str]] = [
    # "Westmoor Water, which supplies 2.3 million customers, says …": the subject before a relative set off by commas
    re.compile(rf"^{_SRC},\s+(?:which|who|qui)\b[^;:]{{3,200}}?,\s+(?:{_EN_VERBS}|{_FR_VERBS}\w*)\b"),
]
_PATTERNS = _FR_PATTERNS + _EN_PATTERNS + _ANY_PATTERNS
_PATTERNS_WITHOUT_EN = _FR_PATTERNS + _ANY_PATTERNS
_EN_VERB_ANY = with_first_chars(rf"\b{_EN_VERBS}\b")
_MEDIA = re.compile(
    r"^(?:l['’]|le |la |les |the )?(?:agence(?: de presse)?|quotidien|journal|hebdomadaire|magazine|chaîne|radio|site|"
    r"média|(?:news )?agency|newspaper|daily|broadcaster|outlet|magazine|channel|cabinet|institut|institute|"
    r"think tank|ong|ngo)\s+(?:\w+\s+)*?(?P<name>[A-ZÀ-Ý][\w’'&.-]*(?:\s+[A-ZÀ-Ý][\w’'&.-]*)*)$",
    re.I,
)
_TRAILING_NOISE = re.compile(
    r"\s+(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|mardi soir|ce matin|dans un communiqué|"
    r"on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|yesterday|last week|in a statement|"
    r"on Monday|on Tuesday|on Wednesday|on Thursday|on Friday|on Saturday|on Sunday)\b.*$",
    re.I,
)
_NOT_SPEAKERS = frozenset(
    [
        "le",
        "la",
        "les",
        "il",
        "elle",
        "ils",
        "elles",
        "on",
        "nous",
        "that",
        "this",
        "it",
        "which",
        "who",
        "there",
        "we",
        "i",
        "the",
        "a",
        "an",
        "un",
        "une",
        "ce",
        "cela",
        "ceci",
    ]
)
# "selon lui", "according to them": object forms stand for a speaker as the subject forms do.
_PRONOUNS = frozenset(["il", "elle", "ils", "elles", "he", "she", "they", "lui", "eux", "him", "her", "them"])
# "It also said", "Elle a encore précisé": an adverb after the speaker is not part of it.
_TRAILING_ADVERB = re.compile(r"\s+(?:also|further|later|again|then|too|aussi|encore|ensuite|également|enfin)$", re.I)
# Nobody said it, or what precedes "said"/"estime" is a clause, not a speaker.
_NOT_A_SOURCE = re.compile(
    r"^(?:nobody|no one|no-one|none|nothing|everyone|everybody|anyone|anybody|personne|rien|aucun|aucune|nul|"
    r"tout le monde|chacun)\b|^(?:it|this|that|there|il|ce|c['’]|cela|ça)\s*(?:is|was|were|are|will|would|'s|’s|"
    r"est|était|sera|serait|semble|reste|faut|y a)\b|\b(?:is|are|was|were|difficult|hard|easy|possible|"
    r"impossible|difficile|facile)\b",
    re.I,
)


_FIRST_PERSON_CLAUSE = re.compile(r"^\W*(?:nous|je|j['’]|we|i|vous|you)\s+\w", re.I)
_LEADING_NOISE = re.compile(
    r"^(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|aujourd['’]hui|ce matin|ce soir)"
    r"(?:\s+(?:matin|soir|après-midi))?|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"yesterday|today|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\s+",
    re.I,
)
_DOCUMENT = re.compile(
    r"^(?:(?:a|an|the|un|une|le|la|l['’])\s*)?(?:(?:joint\s+|press\s+)?statement|report|study|survey|press release|"
    r"communiqué|rapport|étude|enquête|note|courrier|lettre|letter)"
    r"(?:\s+(?:annual|annuel|latest|dernier|final|quarterly|trimestriel|monthly|mensuel|new|nouveau|nouvelle))?"
    r"\s+(?P<link>from|by|of|de la|de l['’]|du|des|de)\s*",
    re.I,
)
# "le rapport annuel du service déchets" stands for "le service déchets": the article the link word held.
_LINK_ARTICLE = {"du": "le ", "des": "les ", "de la": "la ", "de l'": "l'", "de l’": "l’"}
# "les chiffres publiés vendredi par le rectorat", "figures published by the regulator Ofwat": figures stand for
# whoever published them.
_PUBLISHED_BY = re.compile(
    r"^(?:(?:the|les|le|la|l['’]|des|new|latest|official)\s*)*(?:[\w-]+\s+){0,2}?(?:figures|data|statistics|"
    r"forecasts|numbers|results|estimates|chiffres|données|statistiques|prévisions|résultats|bilan|estimations|"
    r"projections)\s+(?:[\w-]+\s+){0,2}?(?:published|released|issued|compiled|provided|presented|"
    r"publiée?s?|communiquée?s?|présentée?s?|dévoilée?s?|diffusée?s?|transmise?s?|fournie?s?)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:by|par)\s+(?P<org>\S.*)$",
    re.I,
)


def _document_author(src: str) -> str:
    """The author a document phrase stands for: ``le rapport annuel du service déchets`` -> ``le service déchets``."""
    m = _DOCUMENT.match(src)
    if m is None:
        return src
    return _LINK_ARTICLE.get(m.group("link").lower(), "") + src[m.end() :]


# What follows a speaker set off by a comma is about the speaker, not part of its name: "The mayor, who took office
# in 2019, said" → "The mayor"; "The police chief, speaking on Tuesday, said" → "The police chief".
_SPEAKER_ASIDE = re.compile(r",\s*(?:who|which|whose|qui|dont|lequel|laquelle|\w+ing)\b.*$", re.I | re.S)
# A speaker never begins inside a number nor ends on a conjunction: in "employs 4,000 people and reported a loss"
# the verb is a predicate of the subject, and "000 people and" is no one.
_NOT_A_PHRASE = re.compile(r"^\d|\b(?:and|or|but|et|ou|mais)$", re.I)


# A phrase with a finite auxiliary is a clause, not who says it ("its reservoirs are at 47%", "the plan was dropped").
_CLAUSE_NOT_SPEAKER = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|est|sont|était|étaient|ont)\b"
)


_PERSON_NAME = re.compile(r"\b[A-ZÀ-Ý][\w’'-]+\s+[A-ZÀ-Ý][\w’'-]+$")


def clean_speaker(raw: str, *, explicit: bool = False) -> str | None:
    """A cleaned speaker phrase, or None. ``explicit``: introduced by ``selon``/``according to``, so a bare
    common noun (``police``) is a source too."""
    raw = _SPEAKER_ASIDE.sub("", raw)
    published = _PUBLISHED_BY.match(raw.strip(" ,.;:…"))
    if published is not None:
        raw = published.group("org")
    if _NOT_A_PHRASE.search(raw.strip(" ,.;:…")):
        return None
    src = _TRAILING_NOISE.sub("", raw.strip(" ,.;:…"))
    src = _document_author(_LEADING_NOISE.sub("", src.strip())).strip()
    src = _TRAILING_ADVERB.sub("", src)
    if not src or src.lower() in _NOT_SPEAKERS - _PRONOUNS:
        return None
    if re.search(r"\b(?:that|que|qu['’])\b", src, re.I):
        return None  # a reported clause, not a speaker ("told reporters that ...")
    if _CLAUSE_NOT_SPEAKER.search(src):
        return None  # "…, says its reservoirs are at 47% of capacity": the reported clause itself
    if _NOT_A_SOURCE.match(src):
        return None  # "attributed to Nobody", "attributed to It is difficult to"
    if _FIRST_PERSON_CLAUSE.match(src):
        return None  # the quote's own words ("Nous doublons notre présence ..., précisant que"), not its speaker
    src = re.sub(r"^[lL]['’](?=[A-ZÀ-Ý])", "", src)
    m = _MEDIA.match(src)
    if m:
        return m.group("name")
    if len(src.split()) > 10:
        # "Lead author Dr Imogen Fairley, a sleep researcher at Kingsmere University": the name before the role.
        head = src.split(",")[0].strip()
        return head if "," in src and _PERSON_NAME.search(head) and len(head.split()) <= 6 else None
    first = re.sub(r"^[lLdD]['’](?=\w)", "", src)
    if explicit and len(src.split()) <= 4:
        return src
    common_noun = src[0].islower() and not any(ch.isupper() for ch in src) and first == src  # "l'observatoire" is ok
    if common_noun and src.split()[0].lower() not in (
        "le", "la", "les", "l'", "l’", "the", "un", "une", "a", "an", "des", "il", "elle", "ils", "elles", "he",
        "she", "they", "plusieurs", "several", "officials", "experts", "des", "deux", "two", "ses", "its", "his",
        "her", "their", "leur", "leurs", "son", "sa",
    ):  # fmt: skip
        return None
    return src


def _is_role(phrase: str) -> bool:
    """``le maire de la commune``, ``the club's manager``: a common-noun phrase, not a name."""
    words = re.sub(r"^(?:[lLdD]['’])", "", phrase.strip()).split()
    if not words:
        return False
    if words[0].lower() in ("le", "la", "les", "the", "son", "sa", "ses", "leur", "its", "his", "her", "their", "un",
                            "une", "a", "an") and len(words) > 1:  # fmt: skip
        words = words[1:]
    return words[0][:1].islower()


# "The company reported a loss of $4 million", "Acme reports higher sales": reporting a result is what the subject did,
# not what it says ("reported that ...", "..., the agency reported" stay attributions).
_REPORTED_RESULT = re.compile(
    r"\s*(?:a|an|its|their|his|her|the|record|net|higher|lower|strong|weak|quarterly|annual|first|second|third|"
    r"fourth|\d|[$€£])",
    re.I,
)


def _reports_a_result(text: str, m: re.Match[str]) -> bool:
    verb = re.search(r"\b(?:reported|reports)\s*$", text[: m.end()], re.I)
    return bool(verb and _REPORTED_RESULT.match(text, m.end()))


def find_attribution(text: str) -> str | None:
    """The speaker or source a statement is attributed to, if any.

    A role followed by a name in apposition is kept whole: ``La présidente de la Région, Carole Delga``.
    """
    patterns = _PATTERNS if _EN_VERB_ANY.search(text) else _PATTERNS_WITHOUT_EN
    for index, pattern in enumerate(patterns):
        m = pattern.search(text)
        if m and not _reports_a_result(text, m):
            raw = m.group("src")
            name = m.groupdict().get("name")
            if name and _is_role(raw):
                raw = f"{raw.strip()}, {name}"
            speaker = clean_speaker(raw, explicit=index == 0)
            if speaker:
                return speaker
    return None


def is_pronoun(speaker: str | None) -> bool:
    return bool(speaker) and speaker.lower() in _PRONOUNS  # type: ignore[union-attr]
