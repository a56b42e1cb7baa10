"""Tests for sources.archiving.passages (pure, no database)."""

from __future__ import annotations

import time

from sources.archiving.anchoring import anchor_quote
from sources.archiving.passages import Passage, split_passages, suggest_passages, tokenize

FR = (
    "Chômage : le taux remonte à 7,4 % au premier trimestre\n"
    "Le taux de chômage au sens du Bureau international du travail a atteint 7,4 % de la population active au "
    "premier trimestre 2024, selon les chiffres publiés jeudi par l'Insee.\n"
    "Le nombre de chômeurs augmente de 23 000 personnes sur le trimestre, pour s'établir à 2,3 millions. La hausse "
    "concerne surtout les jeunes de 15 à 24 ans, dont le taux de chômage progresse de 0,9 point à 18,1 %.\n"
    "Le gouvernement maintient son objectif de plein emploi d'ici 2027. Plusieurs économistes jugent toutefois cet "
    "objectif difficile à atteindre.\n"
    "« Le marché du travail montre des signes d'essoufflement », analyse une économiste de l'OFCE."
)

EN = (
    "City council approves $45 million bridge repair plan\n"
    "The Riverside city council voted 7 to 2 on Wednesday night to approve a $45 million plan to repair the Main "
    "Street bridge, which engineers rated structurally deficient in a 2022 inspection.\n"
    "Work is scheduled to begin in March and will close two of the four lanes for about eighteen months. The city "
    "expects federal grants to cover roughly 60 percent of the cost, with the remainder funded by a municipal bond.\n"
    "Council member Ana Ruiz, who voted against the plan, said the city had not studied cheaper alternatives."
)


def _check(passages: list[Passage], text: str) -> None:
    assert passages == sorted(passages, key=lambda p: -p.score)
    for passage in passages:
        assert passage.score > 0
        assert text[passage.start : passage.end] == passage.text


def test_french_claim_ranks_the_right_paragraph_first() -> None:
    passages = suggest_passages("Le chômage des jeunes a bondi à plus de 18 %", FR, language="fr")
    _check(passages, FR)
    assert 1 <= len(passages) <= 3
    assert "jeunes de 15 à 24 ans" in passages[0].text

    passages = suggest_passages(
        "Selon l'Insee, le taux de chômage atteint 7,4 % de la population active", FR, language="fr"
    )
    assert "Bureau international du travail" in passages[0].text


def test_english_claim_ranks_the_right_paragraph_first() -> None:
    passages = suggest_passages("Federal grants will pay for most of the bridge repairs", EN, language="en", k=2)
    _check(passages, EN)
    assert len(passages) == 2
    assert "federal grants" in passages[0].text

    passages = suggest_passages("Engineers found the bridge was structurally deficient", EN, language="en")
    assert "structurally deficient" in passages[0].text


def test_empty_and_unrelated_inputs() -> None:
    assert suggest_passages("anything", "", language="fr") == []
    assert suggest_passages("anything", "   \n\n ", language="fr") == []
    assert suggest_passages("", FR, language="fr") == []
    assert suggest_passages("le la les de", FR, language="fr") == []  # stop words only
    assert suggest_passages("quantum chromodynamics", EN, language="en") == []
    assert suggest_passages("bridge", EN, language="en", k=0) == []


def test_unknown_language_still_works() -> None:
    passages = suggest_passages("federal grants", EN, language="")
    assert passages and "federal grants" in passages[0].text


def test_long_paragraphs_are_split_into_windows_with_offsets() -> None:
    sentences = [f"Phrase numéro {i} parle du sujet {i} avec quelques mots de remplissage." for i in range(20)]
    sentences[13] = "Le préfet a ordonné la fermeture des écoles de Besançon jusqu'à lundi."
    text = "Titre de l'article\n" + " ".join(sentences)
    spans = list(split_passages(text))
    assert len(spans) > 5
    assert spans[-1][1] == len(text)  # the last sentence is in a window
    for start, end in spans:
        assert text[start:end] == text[start:end].strip()
        assert len(text[start:end]) < 600
    passages = suggest_passages("fermeture des écoles à Besançon", text, language="fr", k=3)
    _check(passages, text)
    assert "fermeture des écoles de Besançon" in passages[0].text
    for a in passages:  # no two suggestions overlap
        for b in passages:
            assert a is b or a.end <= b.start or b.end <= a.start


def test_windows_start_where_claim_extraction_starts_a_sentence() -> None:
    sentences = [f"Selon M. Durand et M. Martin, le projet {i} coûtera {i},5 millions d'euros." for i in range(16)]
    text = " ".join(sentences)
    spans = list(split_passages(text))
    assert len(spans) > 3
    starts = {start for start, _end in spans}
    assert starts <= {text.index(sentence) for sentence in sentences}  # never "Durand, le projet…" after "M."


def test_unpunctuated_giant_paragraph_is_chunked() -> None:
    text = " ".join(f"mot{i}" for i in range(5000))
    spans = list(split_passages(text))
    assert len(spans) > 10
    assert all(end - start <= 1200 for start, end in spans)
    assert spans[-1][1] == len(text)


def test_tokenize() -> None:
    assert tokenize("Les chômeurs et l’âge légal", "fr") == ["chomeur", "age", "legal"]
    assert tokenize("The rates were rated by economists", "en") == ["rat", "rat", "economist"]
    assert tokenize("7,4 % en 2030", "fr") == ["7", "4", "2030"]


def test_passages_read_words_as_quote_anchoring_does() -> None:
    # A soft hyphen or a zero-width space inside a word (common in pages set for narrow columns) is not a word break.
    text = "Le taux de chô\u00admage a baissé au premier trimestre.\nLa météo du jour est clé\u200bmente."
    assert tokenize(text.splitlines()[0], "fr")[:3] == ["tau", "chomag", "baiss"]
    assert tokenize(text.splitlines()[1], "fr")[-1] == "clement"
    [best] = suggest_passages("Le chômage", text, language="fr", k=1)
    assert best.text.startswith("Le taux de chô\u00admage")
    assert anchor_quote("taux de chômage", text).status == "found"


def test_fast_on_large_text() -> None:
    paragraph = "Le conseil municipal a débattu du budget et des investissements prévus pour la voirie. " * 3
    text = "\n".join(paragraph + f"Paragraphe {i}." for i in range(1500))
    started = time.monotonic()
    passages = suggest_passages("budget de la voirie", text, language="fr")
    assert time.monotonic() - started < 5
    assert len(passages) == 3
