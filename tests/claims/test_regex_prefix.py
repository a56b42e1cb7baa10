"""``with_first_chars`` only ever adds a lookahead that changes no match."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claims.extraction import attribution, checkworthiness, facts, furniture, stance
from claims.extraction.regex_prefix import with_first_chars

EVAL_DIR = Path(__file__).resolve().parents[2] / "bench" / "eval"
TEXTS = [p.read_text(encoding="utf-8") for name in ("", "styles") for p in sorted((EVAL_DIR / name).glob("*.txt"))]
WRAPPED = [
    checkworthiness._COMPARISON,
    furniture._BOILERPLATE_ANYWHERE,
    checkworthiness._OPINION,
    checkworthiness._PROPORTION,
    stance._EVALUATIVE,
    stance._ARGUMENT,
    stance._DISCLAIMER,
    stance._EMPTY_PROMISE,
    stance._ADVICE,
    stance._FIRST_PERSON_ATTITUDE,
    furniture._BIBLIO,
    facts._CAP_RUN,
    attribution._PATTERNS[0],
    attribution._EN_VERB_ANY,
]


@pytest.mark.parametrize("wrapped", WRAPPED, ids=lambda p: p.pattern[:30])
def test_a_wrapped_pattern_finds_what_the_bare_one_finds(wrapped):
    assert wrapped.pattern.startswith("(?=[")
    bare = re.compile(wrapped.pattern.split("])(?:", 1)[1][:-1], wrapped.flags)
    for text in TEXTS:
        for line in text.splitlines():
            assert [(m.span(), m.groups()) for m in wrapped.finditer(line)] == [
                (m.span(), m.groups()) for m in bare.finditer(line)
            ]


@pytest.mark.parametrize(
    ("pattern", "flags", "lookahead"),
    [
        (r"\b(?:plus|moins)\b", re.I, "(?=[mp])"),
        (r"(?:^|[«,]\s*)(?:je|nous)\b", re.I, "(?=[,jn«])"),
        (r"\d+(?:er)?|\bmars\b", 0, r"(?=[\dm])"),
    ],
)
def test_the_lookahead_holds_every_first_character(pattern, flags, lookahead):
    assert with_first_chars(pattern, flags).pattern == f"{lookahead}(?:{pattern})"


@pytest.mark.parametrize(
    "pattern",
    [r"\w+ed\b", r"(?:le|la)?\s*", r"[^,]+,", r".ici", r"(?-i:and)|or", r"(?i)mars"],
)
def test_a_pattern_whose_first_characters_cannot_be_told_is_left_as_it_is(pattern):
    assert with_first_chars(pattern, 0).pattern == pattern


def test_case_folding_is_the_same_in_the_lookahead():
    wrapped = with_first_chars(r"\b(?:selon|kelvin)\b", re.I)
    for text in ("SELON lui", "Selon", "ſelon", "\u212aelvin", "KELVIN"):
        assert bool(wrapped.search(text)) == bool(re.search(r"\b(?:selon|kelvin)\b", text, re.I))


@pytest.mark.parametrize(
    "ending", [checkworthiness._FUTURE_ENDING, checkworthiness._STATEMENT_ENDING], ids=["future", "statement"]
)
def test_an_ending_found_from_its_end_is_a_whole_word_with_three_letters_before_it(ending):
    suffixes = ending.pattern.split(r"(?<=\w\w\w)(?:", 1)[1].split(r")\b", 1)[0]
    whole_word = re.compile(rf"\b\w{{3,}}(?:{suffixes})\b", re.I)
    for text in TEXTS:
        for line in text.splitlines():
            for word in [line, *line.split()]:
                assert bool(ending.search(word)) == bool(whole_word.search(word))


def test_the_attribution_patterns_skipped_without_an_english_verb_all_spell_one():
    english = attribution._EN_PATTERNS  # the patterns find_attribution skips when no English verb is there
    assert english and all(attribution._EN_VERBS in p.pattern for p in english)
