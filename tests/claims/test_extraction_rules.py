"""General rules of ``claims.extraction``, each checked on sentences written for these tests.

French goes through the spaCy parse (``fr_core_news_sm``); English through the rule engine (no model).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from claims.extraction import extract
from claims.extraction import reasons as R
from claims.extraction.attribution import find_attribution
from claims.extraction.facts import rule_entities
from claims.extraction.spans import compose

ROOT = Path(__file__).resolve().parents[2]
EVAL_DIR = ROOT / "bench" / "eval"


def _claims(text: str, lang: str):
    result = extract(text, language=lang)
    for claim in result.claims:
        assert compose(text, claim.spans or [(claim.start, claim.end)]) == claim.text
    return result.claims


def _one(claims, fragment: str, *, start: str | None = None):
    found = [c for c in claims if fragment in c.text and (start is None or c.text.startswith(start))]
    assert found, f"no claim with {fragment!r}: {[c.text for c in claims]}"
    return found[0]


# --- reported speech ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("La directrice de l'agence, Claire Dumas, a déclaré que le réseau serait rénové.", "Claire Dumas"),
        ("Le préfet a affirmé que 64 familles avaient été relogées.", "Le préfet"),
        ("La mutuelle indique que ses tarifs augmenteront de 7 %.", "La mutuelle"),
        ("Le courtier estime que les taux baisseront au printemps.", "Le courtier"),
        ("La compagnie assure que tous les vols partiront à l'heure.", "La compagnie"),
        ("Le comité d'organisation précise que 900 bénévoles seront mobilisés.", "Le comité d'organisation"),
        ("Selon la gendarmerie, 35 véhicules ont été contrôlés.", "la gendarmerie"),
        ("D'après l'office du tourisme, la fréquentation a progressé de 9 %.", "office du tourisme"),
        ("Le chantier durera huit mois, a précisé mardi la ministre des Sports.", "la ministre des Sports"),
        ("« Nous ouvrirons deux crèches en 2026 », a annoncé le maire de Tours, Henri Lebrun.", "Henri Lebrun"),
        ("Selon le président du club, Paul Girard, le stade sera agrandi.", "Paul Girard"),
        ("Le maire de Lille, Arnaud Leroy, a annoncé l'ouverture de trois crèches.", "Arnaud Leroy"),
    ],
)
def test_french_verbs_of_saying_give_the_speaker(sentence, speaker):
    claims = _claims(sentence, "fr")
    main = max(claims, key=lambda c: c.end - c.start)
    assert main.attribution is not None and speaker.lower() in main.attribution.lower()


def test_speaker_with_role_and_name_keeps_both():
    text = "La présidente du conseil départemental, Anne Morel, a déclaré que les collèges seraient rénovés en 2027."
    claim = _claims(text, "fr")[0]
    assert claim.attribution == "La présidente du conseil départemental, Anne Morel"
    assert claim.checkworthy
    assert claim.kind in ("attribution", "plan", "event")


def test_inverted_incise_with_pronoun_needs_context():
    text = "La piscine municipale a fermé pour travaux. Elle rouvrira le 4 mai, a-t-elle ajouté."
    claim = _one(_claims(text, "fr"), "rouvrira")
    assert claim.attribution == "elle"
    assert claim.needs_context
    assert "piscine" in claim.context


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("The port handled 4.1 million containers last year, the harbour authority said.", "the harbour authority"),
        ('"We will hire 300 nurses by December," the hospital\'s director told reporters.', "director"),
        ("According to police, 12 people were arrested after the match.", "police"),
        ("Transport Secretary Louise Haigh announced that 40 bus routes would open in 2026.", "Louise Haigh"),
        ("The company stated that its profits fell 18% in the first quarter.", "The company"),
        ("The senator claimed the bill would cost taxpayers $2 billion.", "The senator"),
        ('"Stocks will last until March," said Chief Economist Dr. Maya Patel.', "Maya Patel"),
        ("The museum received 2 million visitors, according to a report from the city council.", "city council"),
    ],
)
def test_english_verbs_of_saying_give_the_speaker(sentence, speaker):
    claims = _claims(sentence, "en")
    main = max(claims, key=lambda c: c.end - c.start)
    assert main.attribution is not None and speaker.lower() in main.attribution.lower()


def test_find_attribution_ignores_a_day_before_the_speaker():
    assert find_attribution("Le pont sera fermé, a indiqué jeudi la mairie.") == "la mairie"


# --- relatives and inserted clauses -----------------------------------------------------------------------------


def test_french_inserted_relative_keeps_subject_with_predicate():
    text = (
        "Les pompiers, qui luttaient contre l'incendie depuis mardi, ont évacué 300 habitants "
        "mais restent prudents sur la suite."
    )
    claims = _claims(text, "fr")
    main = _one(claims, "ont évacué 300 habitants", start="Les pompiers")
    assert not main.needs_context or R.REFERS_OUTSIDE in R.codes(main.reasons)
    relative = _one(claims, "luttaient contre l'incendie", start="Les pompiers, qui")  # built with its antecedent
    assert "luttaient" not in main.text  # and taken out of the main claim
    assert "ont évacué" not in relative.text
    assert relative.needs_context and relative.context == "Les pompiers"
    assert not any(c.text.startswith("ont évacué") for c in claims)
    tail = _one(claims, "restent prudents")
    assert tail.needs_context and tail.context == "Les pompiers"


def test_french_inserted_participle_is_given_on_its_own():
    text = "Le viaduc, long de 2,4 kilomètres et achevé en 2004, accueille 25 000 véhicules par jour."
    claims = _claims(text, "fr")
    assert _one(claims, "accueille 25 000 véhicules", start="Le viaduc").checkworthy


def test_english_inserted_relative_is_nested():
    text = "The bridge, which opened in 1932, carries 60,000 vehicles a day."
    claims = _claims(text, "en")
    main = _one(claims, "carries 60,000 vehicles", start="The bridge")
    assert main.checkworthy and not main.needs_context
    relative = claims[1]
    assert relative.text == "The bridge, which opened in 1932"  # built with its antecedent
    assert relative.checkworthy
    assert relative.needs_context and relative.context == "The bridge"
    assert main.start == relative.start and relative.end < main.end


def test_english_trailing_relative_is_a_dependent_claim():
    text = "The council bought 40 electric buses, which will enter service in June 2026."
    claims = _claims(text, "en")
    tail = _one(claims, "will enter service", start="40 electric buses, which")
    assert tail.needs_context and "electric buses" in tail.context
    assert tail.checkworthy


def test_predicate_only_pieces_are_never_standalone():
    """On every evaluation article: a piece opening on a verb or a connective+verb borrows its subject."""
    starts = re.compile(
        r"^(?:(?:mais|et|puis|and|but|then)\s+)?(?:a|ont|est|sont|était|sera|seront|has|have|had|was|were|will|"
        r"is|are)\s",
    )
    checked = 0
    for path in sorted(EVAL_DIR.glob("*.txt")) + sorted((EVAL_DIR / "heldout").glob("*.txt")):
        lang = "fr" if path.name.startswith("fr-") else "en"
        text = path.read_text(encoding="utf-8")
        for claim in extract(text, language=lang).claims:
            spans = claim.spans or [(claim.start, claim.end)]
            if starts.match(text[spans[-1][0] : spans[-1][1]]):
                checked += 1
                # its subject is restored from the sentence, or it says which context it needs
                assert len(spans) > 1 or (claim.needs_context and claim.context), claim.text
    assert checked >= 1


# --- references outside subject position ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "fragment"),
    [
        ("Dans le cadre de cet accord, la ville versera 5 millions d'euros au club.", "fr", "versera"),
        ("Le conseil a validé cette dépense de 2 millions d'euros jeudi.", "fr", "validé"),
        ("C'est la première baisse du chômage depuis 2019.", "fr", "baisse"),
        ("Under this agreement, the city will pay $5 million to the club.", "en", "will pay"),
        ("Officials said these measures would cut emissions by 20%.", "en", "emissions"),
    ],
)
def test_demonstratives_anywhere_need_context(text, lang, fragment):
    claim = _one(_claims("Le texte a été voté lundi. " + text if lang == "fr" else text, lang), fragment)
    assert claim.needs_context
    assert R.REFERS_OUTSIDE in R.codes(claim.reasons)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Cette semaine, le Sénat a adopté le texte par 210 voix contre 98.", "fr"),
        ("Ce mardi, la Banque de France a relevé sa prévision de croissance à 1,1 %.", "fr"),
        ("This year, the airport handled 31 million passengers.", "en"),
    ],
)
def test_time_demonstratives_do_not_need_context(text, lang):
    claim = _claims(text, lang)[0]
    assert not claim.needs_context


# --- clause splitting -----------------------------------------------------------------------------------------------


def test_french_verbless_apposition_after_a_clause_is_split():
    text = "La fréquentation du musée a atteint 2,3 millions de visiteurs, un niveau jamais vu depuis 2008."
    claims = _claims(text, "fr")
    main = _one(claims, "2,3 millions de visiteurs")
    tail = _one(claims, "un niveau jamais vu depuis 2008")
    assert main is not tail
    assert tail.needs_context and "fréquentation" in tail.context


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        ("Exports fell 6% in May, while imports grew 2%.", "Exports fell 6%", "imports grew 2%"),
        ("The storm felled 300 trees, and about 5,000 homes lost power.", "300 trees", "5,000 homes lost power"),
        ("Bus fares rose 8% in 2024, but train tickets stayed flat.", "Bus fares rose", "train tickets stayed"),
    ],
)
def test_english_coordinated_clauses_are_split(text, first, second):
    claims = _claims(text, "en")
    a, b = _one(claims, first), _one(claims, second)
    assert a is not b
    assert first not in b.text


def test_english_reporting_tail_with_figures_is_not_glued_as_speech():
    claims = _claims("Sales dropped 9% in March, while rentals added 4,000 contracts.", "en")
    assert _one(claims, "rentals added") is not _one(claims, "Sales dropped")


# --- English entities without a model ---------------------------------------------------------------------------


def test_titles_are_stripped_from_person_names():
    ents = {e["text"]: e["type"] for e in rule_entities("Health Secretary Maria Lopez met Dr. Samuel Okafor in Leeds.")}
    assert ents.get("Maria Lopez") == "person"
    assert ents.get("Samuel Okafor") == "person"
    assert "Health Secretary Maria Lopez" not in ents
    orgs = {e["text"]: e["type"] for e in rule_entities("Shares in General Motors fell on Monday.")}
    assert orgs.get("General Motors") == "organisation"


def test_english_claim_entities_use_stripped_names():
    claim = _claims("Prime Minister Anna Berg said the tax would rise by 2% in April.", "en")[0]
    types = {e["text"]: e["type"] for e in claim.entities}
    assert types.get("Anna Berg") == "person"


# --- the evaluation report ------------------------------------------------------------------------------------------


def test_eval_reports_main_and_heldout_sets(capsys):
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import extract_eval
    finally:
        sys.path.remove(str(ROOT / "bench"))
    held_totals, held = extract_eval.evaluate(EVAL_DIR / "heldout")
    assert len([s for s in held if s.name.startswith("fr-")]) >= 4
    assert len([s for s in held if s.name.startswith("en-")]) >= 3
    assert held_totals["spans"] == 1.0
    assert held_totals["recall"] >= 0.90
    assert held_totals["atomicity"] >= 0.85
    assert "attribution" in held_totals and "context" in held_totals
    assert extract_eval.main([]) == 0
    out = capsys.readouterr().out
    assert "== main set ==" in out and "== held-out set ==" in out
    assert "== held-out-2 set ==" in out and "== styles set ==" in out  # every set printed on its own
    # the blind set is never scored by a plain (tuning) run; a once-blind set is labelled a development score
    for blind in extract_eval.BLIND_SETS:
        assert f"== {blind} set ==" not in out
        if (EVAL_DIR / blind.replace("held-out", "heldout")).is_dir():
            assert f"({blind}: blind, not scored" in out
    assert "== held-out-4 set ==\n(written blind, but its errors were read while tuning" in out
    assert "== held-out-2 set ==\n(written blind, but its errors were read while tuning" in out
    assert (
        re.search(r"^held-out-2 .*atomicity", out, re.M) and re.search(r"^  sentences .*atomicity", out, re.M) is None
    )
    assert re.search(r"^combined .*recall", out, re.M)


def test_sentence_opening_possessive_needs_context():
    text = "Le stade a rouvert en mars. Sa capacité atteint désormais 42 000 places."
    claim = _one(_claims(text, "fr"), "42 000 places")
    assert claim.needs_context and "stade" in claim.context
    claim = _one(_claims("The mine closed in 2019. Its owners paid $3 million in fines.", "en"), "owners paid")
    assert claim.needs_context


def test_english_role_apposition_subject_with_told():
    text = "The city's finance director, Omar Reyes, told reporters that the budget would grow by 4%."
    claim = _claims(text, "en")[0]
    assert claim.attribution == "The city's finance director, Omar Reyes"


def test_reported_clause_is_never_taken_for_a_speaker():
    assert find_attribution("Officials, citing the report, told reporters that 40 roads were closed.") != (
        "reporters that 40 roads were closed"
    )


def test_french_relative_on_subject_then_main_verb_after_comma():
    text = "Les riverains, qui dénoncent le bruit depuis des mois, ont lancé une pétition le 3 février."
    claims = _claims(text, "fr")
    main = _one(claims, "ont lancé une pétition", start="Les riverains")
    assert main.checkworthy and not main.context.startswith("Les riverains")
    relative = _one(claims, "dénoncent le bruit", start="Les riverains, qui")
    assert main.text == "Les riverains … ont lancé une pétition le 3 février."
    assert "pétition" not in relative.text
    assert relative.needs_context and relative.context == "Les riverains"


def test_english_relative_inside_reported_speech_is_nested():
    text = "The mayor said the stadium, which cost $90 million, would reopen in August."
    claims = _claims(text, "en")
    _one(claims, "would reopen in August", start="The mayor")
    relative = _one(claims, "cost $90 million", start="the stadium, which")
    assert relative.needs_context and relative.context == "the stadium"


def test_short_name_after_in_is_a_place():
    types = {e["text"]: e["type"] for e in rule_entities("The plant, based in Dundee, employs 800 people.")}
    assert types.get("Dundee") == "place"


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("The mayor, who took office in 2019, said the bridge would reopen in May.", "The mayor"),
        ("The police chief, speaking on Tuesday, said crime had fallen by 8%.", "The police chief"),
        ("Le maire, qui a été élu en 2020, a déclaré que le pont rouvrirait en mai.", "Le maire"),
        (
            "La présidente de la Région, Carole Delga, a déclaré que le budget augmenterait.",
            "La présidente de la Région, Carole Delga",
        ),
    ],
)
def test_a_speakers_aside_is_not_part_of_the_speaker(sentence: str, speaker: str) -> None:
    assert find_attribution(sentence) == speaker


@pytest.mark.parametrize(
    "sentence",
    [
        "The company employs 4,000 people and reported a loss of 3 million dollars in 2023.",
        "More than 12,000 customers have lost power across three counties, the utility reports.",
    ],
)
def test_a_number_or_a_coordinated_predicate_is_never_a_speaker(sentence: str) -> None:
    speaker = find_attribution(sentence)
    assert speaker is None or (not speaker[0].isdigit() and not speaker.endswith((" and", " or")))
