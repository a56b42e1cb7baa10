"""Tests for sources.archiving.anchoring (pure, no database)."""

from __future__ import annotations

import random
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from sources.archiving.anchoring import FUZZY_THRESHOLD, Anchor, anchor_quote, reanchor
from sources.archiving.fold import fold

TEXT = (
    "Le gouvernement a présenté jeudi son projet de réforme des retraites, qui prévoit de relever l’âge légal de "
    "départ de 62 à 64 ans d’ici 2030.\n"
    "« Nous ne reculerons pas », a déclaré la Première ministre — devant l’Assemblée nationale, le 16 mars 2023.\n"
    "Selon le ministère du Travail, la mesure doit rapporter 17,7 milliards d’euros par an à l’horizon 2030, un "
    "chiffre contesté par plusieurs économistes."
)


def _check_offsets(anchor: Anchor, text: str) -> None:
    assert anchor.start is not None and anchor.end is not None
    assert 0 <= anchor.start < anchor.end <= len(text)
    assert text[anchor.start : anchor.end] == anchor.exact


def test_exact_match() -> None:
    quote = "la mesure doit rapporter 17,7 milliards d’euros par an"
    anchor = anchor_quote(quote, TEXT)
    assert (anchor.status, anchor.method, anchor.score) == ("found", "exact", 1.0)
    assert anchor.start == TEXT.index(quote)
    _check_offsets(anchor, TEXT)
    assert anchor.exact == quote


def test_whitespace_case_and_accents_are_ignored() -> None:
    anchor = anchor_quote("  LA MESURE doit\n rapporter   17,7 MILLIARDS d'euros  ", TEXT)
    assert (anchor.status, anchor.method) == ("found", "normalized")
    _check_offsets(anchor, TEXT)
    assert anchor.exact == "la mesure doit rapporter 17,7 milliards d’euros"

    anchor = anchor_quote("a declare la premiere ministre", TEXT)
    assert anchor.status == "found"
    assert anchor.exact == "a déclaré la Première ministre"


def test_curly_vs_straight_quotes_and_dashes() -> None:
    anchor = anchor_quote('"Nous ne reculerons pas", a déclaré la Première ministre - devant l\'Assemblée', TEXT)
    assert anchor.status == "found"
    _check_offsets(anchor, TEXT)
    assert anchor.exact == "« Nous ne reculerons pas », a déclaré la Première ministre — devant l’Assemblée"

    text = "He said “it’s over” – and left."
    anchor = anchor_quote('He said "it\'s over" - and left.', text)
    assert anchor.status == "found" and anchor.exact == text


def test_decomposed_accents_and_zero_width_characters() -> None:
    text = "Le cafe\u0301 est ferme\u0301 depuis lundi, pre\u00adcise la mairie."
    anchor = anchor_quote("café est fermé", text)
    assert anchor.status == "found"
    assert anchor.exact == "cafe\u0301 est ferme\u0301"
    anchor = anchor_quote("précise la mairie", text)
    assert anchor.exact == "pre\u00adcise la mairie"


def test_one_changed_word_is_fuzzy() -> None:
    quote = "le ministère du Travail estime que la mesure doit rapporter 17,7 milliards d'euros par an"
    anchor = anchor_quote(quote, TEXT)
    assert anchor.status == "fuzzy"
    assert FUZZY_THRESHOLD <= anchor.score < 1
    _check_offsets(anchor, TEXT)
    assert "la mesure doit rapporter 17,7 milliards" in anchor.exact

    anchor = anchor_quote("Le gouvernement a présenté mardi son projet de réforme des retraites", TEXT)
    assert anchor.status == "fuzzy"
    assert anchor.exact.startswith("Le gouvernement a présenté jeudi son projet")


def test_absent_quote_is_not_found() -> None:
    for quote in ("Le président a annoncé un référendum sur l'immigration", "", "   ", "zzz"):
        anchor = anchor_quote(quote, TEXT)
        assert anchor.status == "not_found"
        assert anchor.start is None and anchor.end is None
        assert anchor.selectors() == []
    assert anchor_quote("quelque chose", "").status == "not_found"


def test_selectors() -> None:
    anchor = anchor_quote("plusieurs économistes", TEXT)
    quote_sel, position_sel = anchor.selectors()
    assert quote_sel == {
        "type": "TextQuoteSelector",
        "exact": "plusieurs économistes",
        "prefix": TEXT[anchor.start - 32 : anchor.start],  # type: ignore[operator]
        "suffix": ".",
    }
    assert len(quote_sel["prefix"]) == 32
    assert position_sel == {"type": "TextPositionSelector", "start": anchor.start, "end": anchor.end}


def test_reanchor_in_later_snapshot() -> None:
    first = anchor_quote("17,7 milliards d’euros par an", TEXT)
    edited = "Mise à jour : un paragraphe a été ajouté en tête.\n" + TEXT
    again = reanchor(first.selectors(), edited)
    assert again.status == "found"
    assert again.start == first.start + len("Mise à jour : un paragraphe a été ajouté en tête.\n")  # type: ignore[operator]

    reworded = TEXT.replace("17,7 milliards d’euros", "17,8 milliards d’euros")
    fuzzy = reanchor(first.selectors(), reworded)
    assert fuzzy.status in {"fuzzy", "not_found"}
    assert fuzzy.status != "found"

    removed = TEXT.split("\n")[0]
    assert reanchor(first.selectors(), removed).status == "not_found"
    assert reanchor([], TEXT).status == "not_found"
    assert reanchor([{"type": "TextPositionSelector", "start": 1, "end": 4}], TEXT).status == "not_found"
    assert reanchor(first.selectors()[0], TEXT).start == first.start


def test_repeated_quote_is_disambiguated_by_context() -> None:
    text = "Premier point : le taux est de 5 %. Deuxième point : le taux est de 5 %. Fin."
    second = text.rindex("le taux est de 5 %")
    stored = [
        {"type": "TextQuoteSelector", "exact": "le taux est de 5 %", "prefix": "Deuxième point : ", "suffix": ". Fin"},
        {"type": "TextPositionSelector", "start": second, "end": second + 18},
    ]
    assert reanchor(stored, text).start == second
    assert reanchor(stored, "Intro. " + text).start == second + len("Intro. ")
    assert anchor_quote("le taux est de 5 %", text).start == text.index("le taux est de 5 %")
    assert anchor_quote("le taux est de 5 %", text, position_hint=second).start == second


def test_fuzzy_is_fast_on_200kb_text() -> None:
    rng = random.Random(7)
    vocabulary = [f"mot{i}" for i in range(400)] + ["le", "la", "de", "et", "un", "une", "des", "les"]
    words = [rng.choice(vocabulary) for _ in range(33_000)]
    text = " ".join(words)
    assert len(text) > 200_000
    quote_words = words[20_000:20_014]
    quote_words[6] = "remplacé"
    started = time.monotonic()
    anchor = anchor_quote(" ".join(quote_words), text)
    absent = anchor_quote("rien de tout cela ne figure dans le texte source", text)
    assert time.monotonic() - started < 3
    assert anchor.status == "fuzzy"
    assert anchor.exact == " ".join(words[20_000:20_014])
    assert absent.status == "not_found"


def test_fold() -> None:
    assert fold("  L’Été\u00a0—  «\u202fOui\u202f» !  ") == 'l\'ete -"oui"!'


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=300), st.data())
def test_any_substring_is_found_exactly(text: str, data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(text) - 1))
    j = data.draw(st.integers(i + 1, len(text)))
    quote = text[i:j]
    anchor = anchor_quote(quote, text)
    if not quote.strip():
        assert anchor.status == "not_found"
        return
    assert (anchor.status, anchor.method) == ("found", "exact")
    _check_offsets(anchor, text)
    assert anchor.exact == quote.strip()


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=200), st.text(max_size=40))
def test_offsets_always_slice_back(text: str, quote: str) -> None:
    anchor = anchor_quote(quote, text)
    if anchor.status != "not_found":
        _check_offsets(anchor, text)
        assert anchor.prefix == text[max(0, anchor.start - 32) : anchor.start]  # type: ignore[operator]
        assert anchor.suffix == text[anchor.end : anchor.end + 32]


def test_a_quote_whose_figure_changed_is_not_an_approximate_match() -> None:
    text = "Le chômage a atteint 7,4 % au troisième trimestre selon l'Insee, contre 7,3 % un an plus tôt."
    assert anchor_quote("Le chômage a atteint 7,4 % au troisième trimestre", text).status == "found"
    changed = anchor_quote("Le chômage a atteint 7,9 % au troisieme trimestre", text)
    assert changed.status == "not_found"


def test_an_approximate_quote_without_figures_still_matches_approximately() -> None:
    text = "The council approved a budget of 12 million euros on Tuesday after a long debate."
    anchor = anchor_quote("approved the budget of twelve million euros on Tuesday", text)
    assert anchor.status == "fuzzy"
    assert "12 million euros on Tuesday" in text[anchor.start : anchor.end]
