"""Behaviour of ``claims.extraction`` a fact-checker notices (no database needed)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from claims.extraction import ExtractionInputError, extract
from claims.extraction import reasons as R
from claims.extraction.facts import find_dates, find_numbers
from claims.extraction.language import SAMPLE_CHARS, detect_language
from claims.extraction.segment import split_sentences
from claims.extraction.spans import compose

# The shared samples sit beside the repository (../shared/samples), or where SAMPLES_DIR says.
SAMPLES_DIR = Path(os.environ.get("SAMPLES_DIR") or Path(__file__).resolve().parents[3] / "shared" / "samples")
SAMPLE = SAMPLES_DIR / "nansei-fr.txt"

FR_ARTICLE = (
    "Le chômage recule à 7,3 %\n"
    "Selon l'Insee, le taux de chômage a reculé à 7,3 % au troisième trimestre, soit une baisse de 0,2 point.\n"
    "Le gouvernement a annoncé le 25 novembre 2024 un plan de 8\u202f700 milliards, et les syndicats ont appelé à "
    "une grève en février 2023.\n"
    "Lire aussi : nos articles sur l'emploi\n"
    "Faut-il s'en inquiéter ?\n"
)


def _find(result, fragment: str):
    matches = [c for c in result.claims if fragment in c.text]
    assert matches, f"no claim contains {fragment!r}: {[c.text for c in result.claims]}"
    return matches[0]


def test_spans_index_the_original_text():
    result = extract(FR_ARTICLE, language="fr")
    assert result.claims
    for claim in result.claims:
        assert FR_ARTICLE[claim.start : claim.end] == claim.text
        assert claim.to_dict()["text"] == claim.text


def test_trailing_soit_clause_is_its_own_claim_and_attribution_is_kept():
    result = extract(FR_ARTICLE, language="fr")
    main = _find(result, "le taux de chômage a reculé")
    assert main.text.startswith("Selon l'Insee")
    assert main.attribution == "Insee"
    extra = _find(result, "soit une baisse de 0,2 point")
    assert "reculé" not in extra.text
    assert extra.attribution == "Insee"
    assert extra.numbers[0]["value"] == 0.2


def test_coordinated_main_clauses_are_split():
    result = extract(FR_ARTICLE, language="fr")
    plan = _find(result, "Le gouvernement a annoncé")
    strike = _find(result, "les syndicats ont appelé")
    assert plan is not strike
    assert plan.dates[0]["iso"] == "2024-11-25"
    assert plan.numbers[0]["value"] == 8.7e12
    assert strike.dates[0]["iso"] == "2023-02"


def test_boilerplate_and_questions_are_not_checkworthy():
    result = extract(FR_ARTICLE, language="fr")
    assert not _find(result, "Lire aussi").checkworthy
    question = _find(result, "Faut-il")
    assert not question.checkworthy
    assert {R.QUESTION, R.INTERVIEWER_QUESTION} & set(R.codes(question.reasons))


def test_english_rule_path():
    text = (
        "Prices rose 4.2% in March, up from 3.9% in February, the Office for National Statistics said.\n"
        "The company hired 17,000 people on April 21, 2025, and it plans to open 12 new stores.\n"
        "Read more: our coverage of the economy\n"
        "Subscribe to our newsletter.\n"
        "Why does this matter?\n"
    )
    result = extract(text, language="en")
    assert result.engine == "rules"
    assert result.language == "en"
    rise = _find(result, "Prices rose 4.2%")
    assert rise.numbers[0]["value"] == 4.2 and rise.numbers[0]["unit"] == "percent"
    assert "up from" not in rise.text
    assert _find(result, "up from 3.9%").checkworthy
    hires = _find(result, "17,000 people")
    assert hires.numbers[0]["value"] == 17000
    assert hires.dates[0]["iso"] == "2025-04-21"
    stores = _find(result, "it plans to open")
    assert stores.needs_context and "17,000" in stores.context
    for noise in ("Read more", "Subscribe", "Why does"):
        assert not _find(result, noise).checkworthy


def test_needs_context_gives_the_antecedent():
    text = "Le Japon a construit trois bases militaires en 2023.\nCes bases accueilleront 500 soldats."
    result = extract(text, language="fr")
    bases = _find(result, "Ces bases accueilleront")
    assert bases.needs_context
    assert bases.context == "trois bases militaires"  # the noun phrase "Ces bases" names again


def test_dates_and_numbers_are_normalised():
    assert find_dates("le 25 novembre 2024")[0]["iso"] == "2024-11-25"
    assert find_dates("en février 2023")[0]["iso"] == "2023-02"
    assert find_dates("April 21, 2025")[0]["iso"] == "2025-04-21"
    values = [n["value"] for n in find_numbers("de cinq à neuf")]
    assert values == [5, 9]
    assert find_numbers("8\u202f700 milliards")[0]["value"] == 8.7e12
    pct = find_numbers("une hausse de 9,4 %")[0]
    assert (pct["value"], pct["unit"]) == (9.4, "percent")
    assert find_numbers("17,000 troops", "en")[0]["value"] == 17000


def test_a_month_without_any_digit_is_still_a_date():
    # The only dates a text without digits can hold: a month on its own ("fin mars", "by June").
    assert [d["iso"] for d in find_dates("Les travaux reprendront fin mars, puis en juillet.", 2025)] == [
        "2025-03",
        "2025-07",
    ]
    assert [d["iso"] for d in find_dates("Work resumes by June.")] == ["--06"]
    assert find_dates("Le conseil a voté le budget mardi soir.") == []


def test_segmentation_handles_abbreviations_quotes_and_headlines():
    text = (
        "Un titre sans point final\n"
        "M. Dupont cite les U.S. officials, etc. et part. « C'est fini. » Il est parti à 9,4 %. Fin."
    )
    sents = [text[s.start : s.end] for s in split_sentences(text)]
    assert sents[0] == "Un titre sans point final"
    assert sents[1] == "M. Dupont cite les U.S. officials, etc. et part."
    assert sents[2] == "« C'est fini. »"
    assert sents[3] == "Il est parti à 9,4 %."


def test_a_sentence_ending_on_a_decimal_figure_is_not_run_into_the_next():
    text = (
        "Daytime highs reached 34.1C at Heathrow, while Cardiff saw 31.2C. Commuters described carriages. "
        "The model sold for £79.99. Affected units carry batch codes. Le litre coûte 1,85. Les stations ferment."
    )
    sents = [text[s.start : s.end] for s in split_sentences(text)]
    assert sents == [
        "Daytime highs reached 34.1C at Heathrow, while Cardiff saw 31.2C.",
        "Commuters described carriages.",
        "The model sold for £79.99.",
        "Affected units carry batch codes.",
        "Le litre coûte 1,85.",
        "Les stations ferment.",
    ]


def test_language_detection():
    assert detect_language("Le gouvernement a présenté son budget pour l'année prochaine.") == "fr"
    assert detect_language("The government presented its budget for next year.") == "en"
    assert detect_language("Il pleut.") == ""  # too short to decide
    result = extract("The government presented its budget for next year on Monday in London.")
    assert result.language == "en" and result.language_detected


def test_an_article_too_short_to_detect_is_read_as_english():
    result = extract("Il pleut.")
    assert result.language == "en" and result.language_detected


def test_the_language_is_decided_on_the_opening_of_the_article_only():
    english = "The city council approved the budget on Tuesday after a long debate, officials said. " * 20
    french = "Le conseil municipal a approuvé le budget mardi après un long débat, selon les élus. " * 40
    assert len(english) > SAMPLE_CHARS
    assert extract(english + "\n\n" + french).language == "en"
    assert extract(french + "\n\n" + english).language == "fr"


@pytest.mark.parametrize("bad", ["", "   \n\t  ", "\x00\x01\x02\x03" * 50, "\ufffd\ufffd\x07" * 100])
def test_bad_input_raises_a_clear_error(bad):
    with pytest.raises(ExtractionInputError):
        extract(bad, language="fr")


def test_bytes_are_rejected():
    with pytest.raises(ExtractionInputError):
        extract(b"du texte", language="fr")  # type: ignore[arg-type]


def test_nul_bytes_inside_text_and_no_punctuation_are_handled():
    text = "Le ministre a annoncé\x00 une hausse de 5 % des salaires\nun texte sans aucune ponctuation ni majuscule"
    result = extract(text, language="fr")
    assert result.claims
    for claim in result.claims:
        assert compose(text, claim.spans or [(claim.start, claim.end)]) == claim.text


def test_mixed_languages_do_not_crash():
    text = "Le gouvernement a annoncé 3 milliards d'euros.\nThe minister said 40% of schools will close in 2026."
    result = extract(text)
    assert len(result.claims) >= 2


def test_two_megabytes_of_text():
    para = (
        "The council approved a budget of $3.5 million on March 3, 2024, and the mayor said 120 jobs would be created. "
    )
    text = (para * 10 + "\n") * (2_000_000 // (len(para) * 10) + 1)
    assert len(text) >= 2_000_000
    result = extract(text, language="en")
    assert len(result.claims) > 10_000
    last = result.claims[-1]
    assert text[last.start : last.end] == last.text


def test_two_megabyte_line_without_newlines_in_french_is_chunked():
    from claims.extraction.pipeline import _units

    text = "Le conseil a voté un budget de 3 millions d'euros. " * 45_000
    units = list(_units(text))
    assert len(units) > 1 and all(e - s <= 20_000 for s, e, _ in units)


@pytest.mark.skipif(not SAMPLE.exists(), reason=f"{SAMPLE} not available")
def test_french_sample_is_split_into_atomic_claims():
    text = SAMPLE.read_text(encoding="utf-8")
    result = extract(text)
    assert result.language == "fr"
    assert len(result.claims) >= 12
    for claim in result.claims:
        assert compose(text, claim.spans or [(claim.start, claim.end)]) == claim.text
    first = _find(result, "le Corps des Marines des États-Unis a annoncé")
    assert first.dates[0]["iso"] == "2024-11-25"
    # issue 12: the purpose clause qualifies the announcement; it is no longer a subjectless fragment
    assert first.text.endswith("visant à faire face à d'éventuelles crises liées à Taïwan.")
    assert not any(c.text.startswith("visant à") for c in result.claims)
    kyodo = _find(result, "ces bases accueilleront")
    assert kyodo.text.startswith("Selon l'agence de presse Kyodo")
    assert kyodo.attribution == "Kyodo"
    assert kyodo.needs_context and "bases militaires temporaires" in kyodo.context
    accord = _find(result, "un accord de février 2023")
    assert [d["iso"] for d in accord.dates] == ["2023-02"]
    assert [n["value"] for n in accord.numbers] == [5, 9]
    assert "qui devraient être activées" not in accord.text
    assert _find(result, "qui devraient être activées").checkworthy
    manila = _find(result, "L'ambassade des États-Unis à Manille a refusé de commenter")
    assert "tandis que" not in manila.text
    assert _find(result, "l'ambassade de Chine a reconnu").checkworthy
    assert _find(result, "Kyodo rapporte que").attribution == "Kyodo"
    july = _find(result, "en juillet 2024")
    assert july.dates[0]["iso"] == "2024-07"
    assert all(c.checkworthy for c in result.claims if "Taïwan" in c.text)


def test_eval_scorer_meets_targets():
    import sys

    root = Path(__file__).resolve().parents[2]
    sys.path.insert(0, str(root / "bench"))
    try:
        import extract_eval
    finally:
        sys.path.remove(str(root / "bench"))
    totals, scores = extract_eval.evaluate()
    assert len([s for s in scores if s.name.startswith("fr-")]) >= 8
    assert len([s for s in scores if s.name.startswith("en-")]) >= 4
    assert totals["spans"] == 1.0
    assert totals["recall"] >= 0.90
    assert totals["noise"] <= 0.10
    assert totals["atomicity"] >= 0.85


def test_management_command_json(tmp_path):
    from django.core.management import call_command

    path = tmp_path / "article.txt"
    path.write_text(FR_ARTICLE, encoding="utf-8")
    from io import StringIO

    out = StringIO()
    call_command("extract_claims", str(path), "--lang", "fr", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert isinstance(data, list) and data
    keys = {"text", "start", "end", "checkworthy", "score", "kind", "reasons", "entities", "dates", "numbers",
            "attribution", "needs_context", "context"}  # fmt: skip
    for item in data:
        assert keys <= item.keys()
        assert FR_ARTICLE[item["start"] : item["end"]] == item["text"]
    table = StringIO()
    call_command("extract_claims", str(path), stdout=table)
    assert "check-worthy" in table.getvalue()


def test_management_command_errors(tmp_path):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="not found"):
        call_command("extract_claims", str(tmp_path / "missing.txt"), "--json")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\xfa du texte")
    with pytest.raises(CommandError, match="UTF-8"):
        call_command("extract_claims", str(bad), "--json")
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    with pytest.raises(CommandError, match="empty"):
        call_command("extract_claims", str(empty))


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Le chantier doit démarrer au printemps 2026.", "fr"),
        ("Work on the bypass starts in the summer 2027 season.", "en"),
    ],
)
def test_a_season_and_its_year_is_a_date(text: str, language: str) -> None:
    assert [d["iso"] for d in find_dates(text, language=language)] in (["2026"], ["2027"])
    if language == "fr":
        claim = extract(text, language=language).claims[0]
        assert claim.checkworthy and R.DATES in R.codes(claim.reasons)
