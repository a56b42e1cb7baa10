"""Structured facts found in a claim: dates (ISO), numbers (normalised), entities.

Over 400 lines on purpose: about half is vocabulary (month names, number words, units, places, capitalised
words that are not names) that the three finders share, and each finder is one short section below.
"""

from __future__ import annotations

import re
from typing import Any

from .regex_prefix import with_first_chars

_SP = "[ \u00a0\u202f\u2009\u2007]"

MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    [
        "janvier january jan janv",
        "février fevrier february feb fév févr",
        "mars march mar",
        "avril april apr avr",
        "mai may",
        "juin june jun",
        "juillet july jul juil",
        "août aout august aug",
        "septembre september sep sept",
        "octobre october oct",
        "novembre november nov",
        "décembre decembre december dec déc",
    ],
    start=1,
):
    for _n in _names.split():
        MONTHS[_n] = _i

_MONTH_RE = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_DAY = r"(?P<day>[0-3]?\d)(?:er|st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20|21)\d\d)"

_DIGIT = re.compile(r"\d")
# What a pattern cannot match without (find_dates skips it when the text lacks it): a year of _YEAR (the ISO and
# numeric patterns' years are among them) or a month name as a whole word (each pattern that needs one has a \b or a
# space before the name, and a \b, a space, a period or a comma after it). Each is spelt by the pattern itself, so a
# text without it has no match of that pattern. A lookahead on the first letters of an alternation only spares the
# engine its alternatives at a letter none of them starts with (it never changes what matches).
_ANY_YEAR = re.compile(r"(?:1[89]|20|21)\d\d")
_ANY_MONTH = re.compile(rf"\b(?=[adfjmnos])(?:{_MONTH_RE})\b", re.I)
_NEEDS_YEAR, _NEEDS_MONTH = 1, 2
# Order matters: the most specific patterns first; matched spans are not reused. Only the "monthonly" patterns may
# match a text without a digit (find_dates skips the others there).
_DATE_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"), "day"),
    (re.compile(rf"\b{_DAY}{_SP}+(?:of{_SP}+)?(?P<month>{_MONTH_RE})\.?,?{_SP}+{_YEAR}\b", re.I), "day"),
    (re.compile(rf"\b(?P<month>{_MONTH_RE})\.?{_SP}+{_DAY},?{_SP}+{_YEAR}\b", re.I), "day"),
    (re.compile(r"\b(?P<day>[0-3]?\d)/(?P<month>[01]?\d)/(?P<year>(?:19|20)\d\d)\b"), "day"),
    (re.compile(rf"\b(?P<month>{_MONTH_RE})\.?,?{_SP}+{_YEAR}\b", re.I), "month"),
    (re.compile(rf"\b{_DAY}{_SP}+(?P<month>{_MONTH_RE})\b(?!{_SP}*\d)", re.I), "daymonth"),
    (re.compile(rf"\b(?P<month>{_MONTH_RE}){_SP}+{_DAY}\b(?!,?{_SP}*\d)", re.I), "daymonth"),
    (
        re.compile(
            rf"\b(?=[bdefijlmu])(?:fin|début|mi-|late|early|mid-?|end of|in|en|by|until|jusqu'en){_SP}*"
            rf"(?P<month>{_MONTH_RE})\b(?!{_SP}*\d)",
            re.I,
        ),
        "monthonly",
    ),
    (
        re.compile(
            rf"\b(?=[abdefhijlmopstuwyàé])(?:en|depuis|dès|avant|après|d'ici|jusqu'en|in|since|by|until|before|after|from|"
            rf"of|de|à|to|fin|début|mi|end|early|late|mid|année|l'année|year|the|la|saison|season|budget|exercice|"
            rf"printemps|été|automne|hiver|spring|summer|autumn|fall|winter){_SP}*-?{_SP}*{_YEAR}\b",
            re.I,
        ),
        "year",
    ),
]


# What each pattern of _DATE_PATTERNS spells: ISO (a year), "5 March 2025", "March 5, 2025" (a month and a year),
# "5/3/2025" (a year), "March 2025" (both), "5 March", "March 5" (a month), "en 2025" (a year). "fin mars" is left
# to run: "finmars" would match it, with no word boundary before the name.
_DATE_NEEDS = (
    _NEEDS_YEAR,
    _NEEDS_YEAR | _NEEDS_MONTH,
    _NEEDS_YEAR | _NEEDS_MONTH,
    _NEEDS_YEAR,
    _NEEDS_YEAR | _NEEDS_MONTH,
    _NEEDS_MONTH,
    _NEEDS_MONTH,
    0,
    _NEEDS_YEAR,
)


def find_dates(text: str, reference_year: int | None = None, language: str | None = None) -> list[dict[str, Any]]:
    """Dates in ``text``, each ``{"text", "iso", "start", "end"}`` (offsets relative to ``text``).

    ``iso`` is ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` depending on precision; a day and month
    without a year use ``reference_year`` when given, else ``--MM-DD``. Numeric ``a/b/yyyy`` dates are
    read month first in English (``3/14/2025``), day first otherwise, and the other way round when only
    that order is valid.
    """
    found: list[dict[str, Any]] = []
    taken: list[tuple[int, int]] = []
    has_digit = _DIGIT.search(text) is not None
    # Most claims hold neither a year nor a month name: two cheap searches spare them most of the nine patterns.
    missing = (0 if has_digit and _ANY_YEAR.search(text) else _NEEDS_YEAR) | (
        0 if _ANY_MONTH.search(text) else _NEEDS_MONTH
    )
    for (pattern, precision), needs in zip(_DATE_PATTERNS, _DATE_NEEDS, strict=True):
        if not has_digit and precision != "monthonly":
            continue  # every other pattern reads a day, a month or a year in digits: none can match
        if needs & missing:
            continue
        for m in pattern.finditer(text):
            s, e = m.span()
            if precision == "year":
                s, e = m.span("year")
            if any(s < te and ts < e for ts, te in taken):
                continue
            groups = m.groupdict()
            if "/" in m.group(0) and groups.get("day") and groups.get("month"):
                first, second = int(groups["day"]), int(groups["month"])
                if (language == "en" and first <= 12 and second <= 31) or (second > 12 and first <= 12):
                    groups["day"], groups["month"] = str(second), str(first)
            month_raw = groups.get("month")
            month = 0
            if month_raw:
                month = int(month_raw) if month_raw.isdigit() else MONTHS.get(month_raw.lower().rstrip("."), 0)
                if not month or month > 12:
                    continue
            day = int(groups["day"]) if groups.get("day") else 0
            if day > 31:
                continue
            if precision == "daymonth" and month_raw == "may":
                continue  # "may 5": the verb, not the month
            year = groups.get("year")
            if precision == "day" and year:
                iso = f"{year}-{month:02d}-{day:02d}"
            elif precision == "month" and year:
                iso = f"{year}-{month:02d}"
            elif precision == "monthonly":
                if (month_raw or "").lower() in (
                    "may",
                    "mar",
                    "jan",
                    "dec",
                    "sep",
                    "oct",
                    "nov",
                    "feb",
                    "apr",
                    "jun",
                    "jul",
                ):
                    continue
                s, e = m.span("month")
                iso = f"{reference_year}-{month:02d}" if reference_year else f"--{month:02d}"
            elif precision == "daymonth":
                iso = f"{reference_year}-{month:02d}-{day:02d}" if reference_year else f"--{month:02d}-{day:02d}"
            else:
                iso = str(year)
            taken.append((s, e))
            found.append({"text": text[s:e], "iso": iso, "start": s, "end": e})
    found.sort(key=lambda d: d["start"])
    return found


# --- numbers -------------------------------------------------------------------------------------------------------

_WORD_NUMBERS = {
    # French
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
    "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20,
    "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "cent": 100, "mille": 1000,
    "dizaine": 10, "douzaine": 12, "centaine": 100, "millier": 1000,
    # English
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "hundred": 100, "thousand": 1000, "dozen": 12,
}  # fmt: skip
# Words that only count as numbers in a range or before a noun phrase, never alone ("un", "une", "one").
_WEAK_WORDS = {"un", "une", "one", "neuf"}
_SCALES = {
    "k": 1e3, "mille": 1e3, "thousand": 1e3, "millier": 1e3, "milliers": 1e3,
    "million": 1e6, "millions": 1e6, "m": 1e6, "mn": 1e6, "md": 1e9, "mds": 1e9, "mrd": 1e9, "mrds": 1e9,
    "milliard": 1e9, "milliards": 1e9, "billion": 1e9, "billions": 1e9, "bn": 1e9,
    "trillion": 1e12, "trillions": 1e12, "billion_fr": 1e12,
}  # fmt: skip
_UNITS = {
    "%": "percent", "pour cent": "percent", "percent": "percent", "per cent": "percent", "pourcent": "percent",
    "points de pourcentage": "percentage points", "percentage points": "percentage points", "points": "points",
    "point de pourcentage": "percentage points", "percentage point": "percentage points",
    "€": "EUR", "euros": "EUR", "euro": "EUR", "eur": "EUR", "$": "USD", "dollars": "USD", "dollar": "USD",
    "usd": "USD", "£": "GBP", "livres": "GBP", "pounds": "GBP", "yens": "JPY", "yen": "JPY",
    "km": "km", "kilomètres": "km", "kilometres": "km", "kilometers": "km", "miles": "miles", "m²": "m2",
    "hectares": "ha", "ha": "ha", "tonnes": "t", "tons": "t", "kg": "kg", "mw": "MW", "gw": "GW", "twh": "TWh",
    "degrés": "degrees", "degrees": "degrees", "°c": "°C", "ans": "years", "years": "years", "jours": "days",
    "days": "days", "mois": "months", "months": "months", "heures": "hours", "hours": "hours", "habitants": "people",
    "personnes": "people", "people": "people", "morts": "deaths", "deaths": "deaths", "victimes": "victims",
    "emplois": "jobs", "jobs": "jobs", "voix": "votes", "votes": "votes", "sièges": "seats", "seats": "seats",
}  # fmt: skip

_DIGITS = rf"\d{{1,3}}(?:(?:{_SP}|,(?=\d{{3}}\b)|\.(?=\d{{3}}\b))\d{{3}})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_WORDNUM = "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True))
_SCALE_RE = "|".join(sorted((re.escape(s) for s in _SCALES if s != "billion_fr"), key=len, reverse=True))
_UNIT_RE = "|".join(sorted((re.escape(u) for u in _UNITS), key=len, reverse=True))
# Every number opens with a currency sign, a digit or a number word's first letter: the lookahead spares the engine
# the number words at every other character (it changes no match).
_NUMBER_FIRST = "".join(sorted({word[0] for word in _WORD_NUMBERS}))
_NUMBER = re.compile(
    rf"(?=[$€£\d{_NUMBER_FIRST}])(?P<pre>[$€£]{_SP}?)?(?P<num>(?<![\w.,]){_DIGITS}|\b(?:{_WORDNUM})\b)"
    rf"(?:{_SP}*(?P<scale>(?:{_SCALE_RE})\b))?"
    rf"(?:{_SP}*(?:de{_SP}+|d'|d’|of{_SP}+)?(?P<unit>(?:{_UNIT_RE})(?!\w)|%))?",
    re.I,
)
# What every range holds between its two ends: a text without it has no range (most claims: the range pattern, which
# tries the number words at each word, is not run on them).
_RANGE_LINK = re.compile(rf"{_SP}+(?:à|et|to|and|-|–){_SP}+", re.I)
_RANGE = re.compile(
    rf"\b(?:de|entre|from|between)?{_SP}*(?P<a>{_DIGITS}|{_WORDNUM}){_SP}+(?:à|et|to|and|-|–){_SP}+(?P<b>{_DIGITS}|{_WORDNUM})\b",
    re.I,
)


# Compiled once (every number and every name run of every claim goes through them).
_SP_RE = re.compile(_SP)
_COMMA_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_DECIMAL_COMMA = re.compile(r"\d+,\d+")
_YEAR_LIKE = re.compile(r"(?:19|20)\d\d")
_ELIDED_ARTICLE = re.compile(r"^[LD]['’]")


def parse_number(raw: str, language: str = "fr") -> float | None:
    """``"8 700"`` -> 8700, ``"9,4"`` -> 9.4 (French), ``"17,000"`` -> 17000, ``"cinq"`` -> 5."""
    s = raw.strip().lower()
    if s in _WORD_NUMBERS:
        return float(_WORD_NUMBERS[s])
    s = _SP_RE.sub("", s)
    if _COMMA_THOUSANDS.fullmatch(s):
        s = s.replace(",", "")
    elif _DOT_THOUSANDS.fullmatch(s):
        s = s.replace(".", "").replace(",", ".")
    elif _DECIMAL_COMMA.fullmatch(s):
        s = s.replace(",", ".")
    try:
        return float(s)
    except ValueError:
        return None


def _clean_value(value: float) -> float | int:
    return int(value) if value.is_integer() and abs(value) < 1e15 else value


def find_numbers(text: str, language: str = "fr", exclude: list[tuple[int, int]] | None = None) -> list[dict[str, Any]]:
    """Numbers in ``text`` as ``{"text", "value", "unit", "start", "end"}``.

    Spans listed in ``exclude`` (dates) are skipped. A range such as ``cinq à neuf`` yields both ends.
    """
    exclude = list(exclude or [])
    out: list[dict[str, Any]] = []
    for m in _NUMBER.finditer(text):
        s, e = m.span()
        if any(s < xe and xs < e for xs, xe in exclude):
            continue
        raw = m.group("num")
        low = raw.lower()
        is_word = low in _WORD_NUMBERS
        scale = (m.group("scale") or "").lower()
        unit_raw = (m.group("unit") or "").lower()
        if is_word and low in _WEAK_WORDS and not scale and not unit_raw:
            # "un", "une", "neuf" are numbers only inside a range: handled below.
            continue
        if is_word and not scale and not unit_raw and low in ("cent", "mille", "hundred", "thousand"):
            continue
        value = parse_number(raw, language)
        if value is None:
            continue
        if scale:
            factor = _SCALES.get(scale, 1.0)
            if scale in ("m",) and not m.group("pre"):
                factor = 1e6 if unit_raw or language == "en" else 1.0
            value *= factor
        unit = _UNITS.get(unit_raw.strip(), unit_raw) if unit_raw else None
        pre = (m.group("pre") or "").strip()
        if pre:
            unit = _UNITS.get(pre, pre)
        if scale == "m" and factor == 1.0:
            unit = "m"
        # A bare 4-digit year-like integer without unit is a year, already in dates.
        if not unit and not scale and _YEAR_LIKE.fullmatch(raw):
            continue
        out.append({"text": text[s:e].strip(), "value": _clean_value(value), "unit": unit, "start": s, "end": e})
    for m in _RANGE.finditer(text) if _RANGE_LINK.search(text) else ():
        a, b = m.group("a"), m.group("b")
        if a.lower() not in _WORD_NUMBERS and b.lower() not in _WORD_NUMBERS:
            continue  # digit ranges are already covered by the number pattern
        if any(m.start("a") < xe and xs < m.end("b") for xs, xe in exclude):
            continue
        va, vb = parse_number(a, language), parse_number(b, language)
        if va is None or vb is None or va >= vb:
            continue
        have = {(n["start"], n["value"]) for n in out}
        for grp, val in (("a", va), ("b", vb)):
            if (m.start(grp), _clean_value(val)) not in have:
                out.append(
                    {"text": m.group(grp), "value": _clean_value(val), "unit": None, "start": m.start(grp),
                     "end": m.end(grp)}
                )  # fmt: skip
    out.sort(key=lambda d: d["start"])
    return out


# --- entities (rule-based, for languages without a model) ---------------------------------------------------------

_ORG_WORDS = re.compile(
    r"\b(?:Inc|Ltd|Corp|Corporation|Company|Group|Bank|Agency|Ministry|Department|Council|Commission|Committee|"
    r"University|Institute|Association|Federation|Union|Party|Court|Office|Authority|Organization|Organisation|"
    r"Fund|Board|Parliament|Senate|Congress|Police|Service|Services|Airlines|Motors|Reuters|Press|News|Times|"
    r"Post|Journal|Foundation|Club|FC|League|Assembly|Government|Army|Navy|Force|Forces|Ministère|Banque|"
    r"Agence|Conseil|Commission|Université|Institut|Tribunal|Cour|Parti|Assemblée|Sénat)\b"
)
_PERSON_TITLES = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|President|Prime Minister|Minister|Secretary|Senator|Governor|Mayor|Judge|Chief|CEO|"
    r"chief executive|spokesman|spokeswoman|spokesperson|coach|striker|captain|director|professor|M\.|Mme|"
    r"ministre|président|présidente|maire|juge|porte-parole|directeur|directrice|entraîneur|député|sénateur)\.?\s+$",
    re.I,
)
# Titles that precede a person's name; what follows the last one in a capitalised run is the name.
_TITLE_WORDS = (
    "mr mrs ms dr prof professor president minister secretary senator sen governor gov mayor judge justice "
    "chancellor commissioner ambassador chair chairman chairwoman chairperson manager coach captain general "
    "colonel lieutenant sergeant officer inspector detective sheriff sir dame lord lady king queen prince "
    "princess pope bishop archbishop rev reverend rabbi imam director ceo spokesman spokeswoman spokesperson "
    "striker midfielder defender goalkeeper forward m mme mlle me maître docteur président présidente ministre "
    "maire juge sénateur sénatrice député députée directeur directrice entraîneur capitaine"
)
_NAME_TITLES = frozenset(_TITLE_WORDS.split())
# "in Leeds", "near Bengaluru", "à Rouen": a short capitalised name after these is most likely a place.
_PLACE_CUE = re.compile(r"\b(?:in|near|outside|across|à|près de)\s+$")
_PLACES = frozenset(
    [
        "France",
        "Paris",
        "Lyon",
        "Marseille",
        "Europe",
        "Germany",
        "Berlin",
        "Spain",
        "Madrid",
        "Italy",
        "Rome",
        "Britain",
        "England",
        "London",
        "Scotland",
        "Wales",
        "Ireland",
        "Dublin",
        "Belgium",
        "Brussels",
        "Netherlands",
        "Amsterdam",
        "Switzerland",
        "Geneva",
        "Portugal",
        "Lisbon",
        "Poland",
        "Ukraine",
        "Kyiv",
        "Kiev",
        "Russia",
        "Moscow",
        "China",
        "Beijing",
        "Japan",
        "Tokyo",
        "Taiwan",
        "Taipei",
        "Korea",
        "Seoul",
        "India",
        "Delhi",
        "Pakistan",
        "Iran",
        "Israel",
        "Gaza",
        "Egypt",
        "Turkey",
        "Africa",
        "Nigeria",
        "Kenya",
        "Brazil",
        "Mexico",
        "Canada",
        "Ottawa",
        "Toronto",
        "Australia",
        "Sydney",
        "America",
        "Washington",
        "California",
        "Texas",
        "Florida",
        "York",
        "Chicago",
        "Boston",
        "Manila",
        "Philippines",
        "Indonesia",
        "Vietnam",
        "Thailand",
        "Singapore",
        "Asia",
        "Arctic",
        "Atlantic",
        "Pacific",
        "Mediterranean",
        "Alps",
        "Greece",
        "Athens",
        "Sweden",
        "Norway",
        "Denmark",
        "Finland",
        "Austria",
        "Vienna",
        "Hungary",
        "Romania",
        "Syria",
        "Iraq",
    ]
)
_CAP_RUN = with_first_chars(
    r"(?<![\w'’])(?:[A-ZÀ-ÖØ-Þ][\w’'&.-]*|[A-Z]{2,})(?:\s+(?:of|de|du|des|la|le|for|and|the|d'|&)?\s*"
    r"(?:[A-ZÀ-ÖØ-Þ][\w’'&.-]*))*"
)
_STOP_CAPS = frozenset(
    [
        "The",
        "A",
        "An",
        "It",
        "He",
        "She",
        "They",
        "We",
        "I",
        "This",
        "That",
        "These",
        "Those",
        "There",
        "But",
        "And",
        "In",
        "On",
        "At",
        "For",
        "As",
        "After",
        "Before",
        "However",
        "Meanwhile",
        "Le",
        "La",
        "Les",
        "L",
        "Un",
        "Une",
        "Il",
        "Elle",
        "Ils",
        "Elles",
        "On",
        "Nous",
        "Je",
        "Ce",
        "Cette",
        "Ces",
        "Cela",
        "Mais",
        "Et",
        "En",
        "Au",
        "Aux",
        "Dans",
        "Pour",
        "Selon",
        "Depuis",
        "Après",
        "Avant",
        "Lors",
        "Par",
        "Ainsi",
        "If",
        "When",
        "While",
        "Its",
        "His",
        "Her",
        "Their",
        "Our",
        "Some",
        "Many",
        "Most",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "According",
        "Read",
        "Share",
        "Subscribe",
        "Follow",
        "Click",
        "Lire",
        "Partager",
        "Suivez",
        "Abonnez",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
    ]
)


# "I'm", "I've", "I'd", "I'll" (and "I'm told" runs) are the speaker, not a named entity.
_FIRST_PERSON_CONTRACTION = re.compile(r"^I['’](?:m|ve|d|ll|re)\b", re.I)


def rule_entities(text: str) -> list[dict[str, str]]:
    """Capitalised name runs, typed with cheap cues (titles, organisation words, a short place list)."""
    out: list[dict[str, str]] = []
    seen: set[str] = set()
    for m in _CAP_RUN.finditer(text):
        name = _ELIDED_ARTICLE.sub("", m.group(0).strip(" .,'’"))
        words = name.split()
        while words and words[0] in _STOP_CAPS:
            words = words[1:]
        if not words:
            continue
        titled = False
        if not _ORG_WORDS.search(" ".join(words)):
            for i in range(len(words) - 1, 0, -1):
                if words[i - 1].rstrip(".").lower() in _NAME_TITLES:
                    if all(w[:1].isupper() for w in words[i:]):
                        words = words[i:]  # "Prime Minister Keir Starmer" -> "Keir Starmer"
                        titled = True
                    break
        name = " ".join(words)
        if name.lower() in MONTHS or len(name) < 2 or not name[0].isupper() or _FIRST_PERSON_CONTRACTION.match(name):
            continue
        start = m.start() + m.group(0).find(words[0])
        at_sentence_start = start == 0 or text[:start].rstrip().endswith((".", "!", "?", "«", '"', ":"))
        if at_sentence_start and len(words) == 1 and not name.isupper() and name not in _PLACES:
            continue
        if name in seen:
            continue
        seen.add(name)
        if _ORG_WORDS.search(name) or (name.isupper() and len(name) <= 6):
            kind = "organisation"
        elif (any(w in _PLACES for w in words) and len(words) <= 2) or (
            len(words) <= 2 and not titled and _PLACE_CUE.search(text[max(0, start - 12) : start])
        ):
            kind = "place"
        elif (
            titled
            or _PERSON_TITLES.search(text[max(0, start - 40) : start])
            or (len(words) in (2, 3) and all(w[0].isupper() and w[1:].islower() for w in words if len(w) > 1))
        ):
            kind = "person"
        else:
            kind = "other"
        out.append({"text": name, "type": kind})
    return out


SPACY_LABELS = {
    "PER": "person", "PERSON": "person", "ORG": "organisation", "LOC": "place", "GPE": "place", "FAC": "place",
    "NORP": "other", "MISC": "other", "EVENT": "other", "PRODUCT": "other", "WORK_OF_ART": "other", "LAW": "other",
}  # fmt: skip
