"""The named rules of the dependency-parse engine (``claims/extraction/parse_cuts.py``), one by one.

Rules the French model triggers on ordinary sentences are tested through ``extract`` (with the rule on, and
switched off); the others on a hand-built parse, so the test does not depend on the model's mistakes.
"""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from spacy.tokens import Doc

from claims.extraction import extract
from claims.extraction.parse_rules import CLAUSE_RULES, CUE_RULES, ParseContext, run
from claims.extraction.rules import DISABLED, KNOWN, rules_disabled


def _texts(text: str, language: str = "fr") -> list[str]:
    return [c.text for c in extract(text, language=language).claims]


def _parse(tokens: list[tuple[str, int, str, str]], morphs: dict[int, str] | None = None) -> Any:
    """A sentence from ``(word, head index, dep, pos)`` rows (words joined by spaces, punctuation glued left)."""
    words = [t[0] for t in tokens]
    spaces = [i + 1 < len(words) and words[i + 1] not in (",", ".", ";") for i in range(len(words))]
    morph_list = [(morphs or {}).get(i, "") for i in range(len(words))]
    doc = Doc(spacy.blank("fr").vocab, words=words, spaces=spaces, heads=[t[1] for t in tokens],
              deps=[t[2] for t in tokens], pos=[t[3] for t in tokens], morphs=morph_list)  # fmt: skip
    return doc[:]


def _cuts(sent: Any) -> tuple[list[str], list[str]]:
    """The pieces' first words after each cut, and the nested pieces' texts, the rules give on ``sent``."""
    ctx = ParseContext(sent, 0, sent.doc.text, 0)
    run(ctx)
    return [sent.doc[i].text for i in sorted(ctx.cuts)], [sent.doc.text[p.start : p.end] for p in ctx.nested]


def test_parse_rules_are_declared_in_order_and_can_be_switched_off() -> None:
    assert list(CLAUSE_RULES) == [
        "coordinated_que_clause",
        "distributive_object",
        "participle_conj_misparse",
        "participle_after_object",
        "coordinated_clause",
        "coordinated_verb",
        "adverbial_with_subject",
        "contrast_clause",
        "purpose_clause",
        "participle_root_misparse",
        "trailing_predicate",
        "trailing_participle",
        "participle_adjective",
        "relative_hung_verb",
        "trailing_relative",
        "inserted_relative",
    ]
    assert list(CUE_RULES) == [
        "semicolon",
        "verbless_apposition",
        "verb_tagged_as_noun",
        "clause_tagged_as_noun",
        "number_comparison",
        "soit_addition",
        "ce_qui_addition",
        "change_from",
        "present_participle",
        "absolute_participle",
        "inserted_apposition",
        "dont_addition",
        "figure_tail",
        "colon_clause",
        "clause_after_comma_link",
        "apposition_tail",
        "circumstance_tail",
        "name_title",
        "vote_tally",
        "earlier_figure",
        "repeated_preposition_amount",
        "ainsi_que_item",
        "bare_number_comparison",
        "cause_tail",
        "mistagged_second_verb",
        "leading_adjunct",
        "contrast_after_comma",
        "inserted_relative_cue",
        "short_participle",
    ]
    assert set(CLAUSE_RULES) | set(CUE_RULES) <= KNOWN


# --- rules seen on real parses ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "text", "pieces"),
    [
        (
            "coordinated_clause",
            "Les prix ont baissé de 2 % en mars et les salaires ont augmenté de 3 % en avril.",
            ["Les prix ont baissé de 2 % en mars", "et les salaires ont augmenté de 3 % en avril."],
        ),
        (
            "coordinated_verb",
            "Les pompiers ont évacué 300 habitants, mais restent prudents sur la suite de la crue.",
            ["Les pompiers ont évacué 300 habitants", "Les pompiers … restent prudents sur la suite de la crue."],
        ),
        (
            "adverbial_with_subject,clause_after_comma_link",
            "Le gouvernement a présenté le budget mardi, alors que la dette atteint 3 000 milliards.",
            ["Le gouvernement a présenté le budget mardi", "alors que la dette atteint 3 000 milliards."],
        ),
        (
            "purpose_clause",
            "La ville a fermé le pont Wilson en mars pour réparer ses piles endommagées par la crue.",
            ["La ville a fermé le pont Wilson en mars", "pour réparer ses piles endommagées par la crue."],
        ),
        (
            "trailing_predicate,present_participle",  # either cuts this one
            "Le fleuve est monté de 6 mètres en deux jours, provoquant l'évacuation de 300 habitants.",
            ["Le fleuve est monté de 6 mètres en deux jours", "Le fleuve … provoquant l'évacuation de 300 habitants."],
        ),
        (
            "semicolon",
            "Le budget de la ville baisse de 3 % ; la dette atteint 120 millions d'euros.",
            ["Le budget de la ville baisse de 3 %", "la dette atteint 120 millions d'euros."],
        ),
        (
            "verbless_apposition",
            "Les ventes ont atteint 2 millions d'unités en 2024, un record depuis 1976.",
            ["Les ventes ont atteint 2 millions d'unités en 2024", "un record depuis 1976."],
        ),
        (
            "number_comparison",
            "Le taux de chômage atteint 7,4 % au premier trimestre, contre 7,1 % en 2023.",
            ["Le taux de chômage atteint 7,4 % au premier trimestre", "contre 7,1 % en 2023."],
        ),
        (
            "soit_addition",
            "Le budget augmente de 12 millions d'euros, soit une hausse de 4 % sur un an.",
            ["Le budget augmente de 12 millions d'euros", "soit une hausse de 4 % sur un an."],
        ),
        (
            "ce_qui_addition",
            "Le déficit atteint 5,5 % du PIB, ce qui représente 154 milliards d'euros.",
            ["Le déficit atteint 5,5 % du PIB", "ce qui représente 154 milliards d'euros."],
        ),
        (
            "number_comparison",
            "L'agence a confirmé le lancement de 290 satellites d'ici 2030, "
            "pour un coût estimé à 10,6 milliards d'euros.",
            [
                "L'agence a confirmé le lancement de 290 satellites d'ici 2030",
                "pour un coût estimé à 10,6 milliards d'euros.",
            ],
        ),
        (
            "present_participle",
            "La crue a atteint 6 mètres à Nemours, inondant plus de 200 maisons du centre-ville.",
            ["La crue a atteint 6 mètres à Nemours", "La crue … inondant plus de 200 maisons du centre-ville."],
        ),
        (
            "absolute_participle",
            "L'usine a fermé en mars, 200 salariés ayant été licenciés depuis janvier.",
            ["L'usine a fermé en mars", "200 salariés ayant été licenciés depuis janvier."],
        ),
        (
            "verb_tagged_as_noun",
            "Le syndicat conteste ce chiffre et évoque 1 200 postes supprimés dans la région.",
            ["Le syndicat conteste ce chiffre", "Le syndicat … évoque 1 200 postes supprimés dans la région."],
        ),
    ],
)
def test_rule_cuts_the_sentence_and_switched_off_leaves_it_whole(rule: str, text: str, pieces: list[str]) -> None:
    assert _texts(text) == pieces
    with rules_disabled(*rule.split(",")):
        assert _texts(text) == [text]


@pytest.mark.parametrize(
    ("rule", "text", "main", "inner"),
    [
        (
            "inserted_relative,inserted_apposition",
            "Les associations, qui contestent le projet depuis 2021, ont déposé un recours en mars.",
            "Les associations … ont déposé un recours en mars.",
            "Les associations, qui contestent le projet depuis 2021",
        ),
        (
            "relative_hung_verb,inserted_apposition",
            "Les associations antinucléaires, qui contestent le projet depuis son lancement, ont déposé un nouveau "
            "recours le 12 novembre.",
            "Les associations antinucléaires … ont déposé un nouveau recours le 12 novembre.",
            "Les associations antinucléaires, qui contestent le projet depuis son lancement",
        ),
        (
            "participle_root_misparse,inserted_apposition",
            "Les îles, s'étendant de Kyushu à Taïwan, serviront de base aux exercices conjoints.",
            "Les îles … serviront de base aux exercices conjoints.",
            "Les îles, s'étendant de Kyushu à Taïwan",
        ),
    ],
)
def test_inserted_clause_is_taken_out_of_its_sentence_and_given_with_its_antecedent(
    rule: str, text: str, main: str, inner: str
) -> None:
    claims = extract(text, language="fr").claims
    assert [c.text for c in claims] == [main, inner]
    assert claims[0].spans[0][0] == 0 and claims[0].end == len(text)  # the main claim keeps its subject and end
    assert claims[1].spans == [(0, len(inner))]  # the antecedent, the comma and the clause: one span
    assert claims[1].needs_context
    with rules_disabled("inserted_out_of_main"):
        assert _texts(text) == [text, inner]  # the clause is still given, the main claim keeps it
    with rules_disabled(*rule.split(",")):
        assert _texts(text) == [text]


@pytest.mark.parametrize(
    ("text", "main", "inner"),
    [
        (
            "Le département, propriétaire du pont, prendra en charge 60 % de la facture.",
            "Le département … prendra en charge 60 % de la facture.",
            "Le département, propriétaire du pont",
        ),
        (
            "Le prévenu, âgé de 67 ans, est jugé depuis lundi pour homicides involontaires.",
            "Le prévenu … est jugé depuis lundi pour homicides involontaires.",
            "Le prévenu, âgé de 67 ans",
        ),
        (
            "En 2023, 11 800 animaux domestiques, essentiellement des brebis, ont été tués par le loup.",
            "En 2023, 11 800 animaux domestiques … ont été tués par le loup.",
            "11 800 animaux domestiques, essentiellement des brebis",
        ),
    ],
)
def test_inserted_apposition_between_subject_and_verb(text: str, main: str, inner: str) -> None:
    assert _texts(text) == [main, inner]
    with rules_disabled("inserted_apposition"):
        assert _texts(text) == [text]


@pytest.mark.parametrize(
    "text",
    [
        "L'avocat du prévenu, Me Yann Guéguen, a annoncé son intention de faire appel.",  # a name: no fact
        "Le montant des amendes, y compris celles du stationnement, atteint 2,2 milliards d'euros.",  # restriction
        "Selon la préfecture, deux personnes sont mortes, a-t-elle indiqué.",  # no subject before the comma
    ],
)
def test_no_inserted_apposition(text: str) -> None:
    assert len(_texts(text)) == 1


# --- rules tested on a hand-built parse ------------------------------------------------------------------------------


def test_contrast_clause_without_its_own_subject_is_cut() -> None:
    # "Les ventes montent à Paris, mais baissent à Lyon" with "baissent" an advcl marked "mais".
    sent = _parse([("Les", 1, "det", "DET"), ("ventes", 2, "nsubj", "NOUN"), ("montent", 2, "ROOT", "VERB"),
                   ("à", 4, "case", "ADP"), ("Paris", 2, "obl", "PROPN"), (",", 2, "punct", "PUNCT"),
                   ("mais", 7, "cc", "CCONJ"), ("baissent", 2, "advcl", "VERB"), ("à", 9, "case", "ADP"),
                   ("Lyon", 7, "obl", "PROPN"), (".", 2, "punct", "PUNCT")])  # fmt: skip
    assert _cuts(sent)[0] == ["mais"]
    with rules_disabled("contrast_clause"):
        assert _cuts(sent)[0] == []  # still decided on by the rule switched off: no later rule cuts there


def test_trailing_participle_lower_than_the_main_verb() -> None:
    # "Il a visité l'usine de Lyon, construite en 1970 par Renault": advcl on the noun "usine".
    sent = _parse([("Il", 2, "nsubj", "PRON"), ("a", 2, "aux", "AUX"), ("visité", 2, "ROOT", "VERB"),
                   ("l'usine", 2, "obj", "NOUN"), ("de", 5, "case", "ADP"), ("Lyon", 3, "nmod", "PROPN"),
                   (",", 2, "punct", "PUNCT"), ("construite", 3, "advcl", "VERB"), ("en", 9, "case", "ADP"),
                   ("1970", 7, "obl", "NUM"), ("par", 11, "case", "ADP"), ("Renault", 7, "obl", "PROPN"),
                   (".", 2, "punct", "PUNCT")], {7: "VerbForm=Part"})  # fmt: skip
    assert _cuts(sent)[0] == ["construite"]
    with rules_disabled("trailing_participle"):
        assert _cuts(sent)[0] == []


def test_participle_labelled_adjective() -> None:
    sent = _parse([("Il", 1, "nsubj", "PRON"), ("présente", 1, "ROOT", "VERB"), ("un", 3, "det", "DET"),
                   ("satellite", 1, "obj", "NOUN"), (",", 1, "punct", "PUNCT"), ("lancé", 3, "amod", "ADJ"),
                   ("le", 7, "det", "DET"), ("3", 5, "obl", "NUM"), ("mars", 7, "nmod", "NOUN"),
                   (".", 1, "punct", "PUNCT")])  # fmt: skip
    assert _cuts(sent)[0] == ["lancé"]
    with rules_disabled("participle_adjective"):
        assert _cuts(sent)[0] == []


def test_relative_hung_verb_keeps_the_sentence_and_gives_the_relative() -> None:
    # "Les associations, qui contestent le projet, ont déposé un recours": "déposé" parsed under "contestent".
    sent = _parse([("Les", 1, "det", "DET"), ("associations", 1, "ROOT", "NOUN"), (",", 1, "punct", "PUNCT"),
                   ("qui", 4, "nsubj", "PRON"), ("contestent", 1, "acl:relcl", "VERB"), ("le", 6, "det", "DET"),
                   ("projet", 4, "obj", "NOUN"), (",", 1, "punct", "PUNCT"), ("ont", 9, "aux", "AUX"),
                   ("déposé", 4, "conj", "VERB"), ("un", 11, "det", "DET"), ("recours", 9, "obj", "NOUN"),
                   (".", 1, "punct", "PUNCT")])  # fmt: skip
    assert _cuts(sent) == ([], ["qui contestent le projet"])
    with rules_disabled("relative_hung_verb", "inserted_apposition"):  # (the words-only fallback would give it)
        assert _cuts(sent)[1] == []


def test_trailing_relative_on_a_noun() -> None:
    sent = _parse([("Il", 1, "nsubj", "PRON"), ("ouvre", 1, "ROOT", "VERB"), ("le", 3, "det", "DET"),
                   ("pont", 1, "obj", "NOUN"), (",", 1, "punct", "PUNCT"), ("qui", 6, "nsubj", "PRON"),
                   ("coûte", 3, "acl:relcl", "VERB"), ("40", 8, "nummod", "NUM"), ("millions", 6, "obj", "NOUN"),
                   (".", 1, "punct", "PUNCT")])  # fmt: skip
    assert _cuts(sent)[0] == ["qui"]
    with rules_disabled("trailing_relative"):
        assert _cuts(sent)[0] == []


def test_clause_tagged_as_noun() -> None:
    # "Les ventes baissent de 3 % et les taux atteignent 4 %": "taux" parsed as a (noun) conjunct of the verb.
    sent = _parse([("Les", 1, "det", "DET"), ("ventes", 2, "nsubj", "NOUN"), ("baissent", 2, "ROOT", "VERB"),
                   ("de", 5, "case", "ADP"), ("3", 5, "nummod", "NUM"), ("%", 2, "obl", "NOUN"),
                   ("et", 8, "cc", "CCONJ"), ("les", 8, "det", "DET"), ("taux", 2, "conj", "NOUN"),
                   ("atteignent", 8, "acl", "VERB"), ("4", 11, "nummod", "NUM"), ("%", 9, "obj", "NOUN"),
                   (".", 2, "punct", "PUNCT")], {9: "VerbForm=Fin"})  # fmt: skip
    assert _cuts(sent)[0] == ["et"]
    with rules_disabled("clause_tagged_as_noun"):
        assert _cuts(sent)[0] == []


def test_change_from_after_a_figure() -> None:
    sent = _parse([("Sales", 1, "nsubj", "NOUN"), ("rose", 1, "ROOT", "VERB"), ("4", 3, "nummod", "NUM"),
                   ("%", 1, "obj", "NOUN"), (",", 1, "punct", "PUNCT"), ("up", 1, "advmod", "ADV"),
                   ("from", 7, "case", "ADP"), ("3", 5, "obl", "NUM"), ("%", 7, "nmod", "NOUN"),
                   (".", 1, "punct", "PUNCT")])  # fmt: skip
    assert _cuts(sent)[0] == ["up"]
    with rules_disabled("change_from"):
        assert _cuts(sent)[0] == []


def test_eval_measures_a_rule_switched_off(capsys: pytest.CaptureFixture[str]) -> None:
    import sys
    from pathlib import Path

    bench = Path(__file__).resolve().parents[2] / "bench"
    sys.path.insert(0, str(bench))
    try:
        import extract_eval
    finally:
        sys.path.remove(str(bench))
    assert extract_eval.main(["--only", "main", "--without", "semicolon", "--without", "with_clause"]) == 0
    out = capsys.readouterr().out
    assert "rules switched off: semicolon, with_clause" in out
    assert not DISABLED  # switched back on after the run
    with pytest.raises(SystemExit):
        extract_eval.main(["--only", "main", "--without", "no_such_rule"])


# --- self-contained pieces ------------------------------------------------------------------------------------------


def test_coordinated_verb_is_built_from_its_subject_and_predicate() -> None:
    text = "Les pompiers ont évacué 300 habitants, mais restent prudents sur la suite de la crue."
    claims = extract(text, language="fr").claims
    assert [c.text for c in claims] == [
        "Les pompiers ont évacué 300 habitants",
        "Les pompiers … restent prudents sur la suite de la crue.",
    ]
    assert claims[1].spans == [(0, 12), (text.index("restent"), len(text))]
    with rules_disabled("borrowed_subject"):
        assert _texts(text)[1] == "mais restent prudents sur la suite de la crue."


def test_verb_tagged_as_noun_gets_its_subject() -> None:
    text = "Le syndicat conteste ce chiffre et évoque 1 200 postes supprimés dans la région."
    assert _texts(text)[1] == "Le syndicat … évoque 1 200 postes supprimés dans la région."


def test_relative_parsed_as_adverbial_is_read_with_its_antecedent() -> None:
    text = "Le maire a inauguré le nouveau pont, qui a coûté 40 millions d'euros à la commune."
    claims = extract(text, language="fr").claims
    assert [c.text for c in claims] == [
        "Le maire a inauguré le nouveau pont",
        "le nouveau pont, qui a coûté 40 millions d'euros à la commune.",
    ]
    assert claims[1].needs_context


def test_a_connective_adverb_ending_in_ant_is_no_participle() -> None:
    assert _texts("La ville a voté le budget en mars, cependant sans débat au conseil municipal.") == [
        "La ville a voté le budget en mars, cependant sans débat au conseil municipal."
    ]


# --- splitting rules added for French atomicity -------------------------------------------------------------------


def test_a_present_participle_after_a_noun_is_not_read_with_that_noun() -> None:
    """``…aux Philippines, visant à …`` qualifies the announcement, not ``Philippines`` (issue 12's own example)."""
    texts = _texts(
        "Le Corps des Marines a annoncé des plans pour établir des bases sur les îles Nansei et aux Philippines, "
        "visant à faire face à d'éventuelles crises liées à Taïwan."
    )
    assert not any(t.startswith("Philippines") for t in texts)
    assert any(t.startswith("Le Corps des Marines") and t.endswith("liées à Taïwan.") for t in texts)


@pytest.mark.parametrize(
    ("rule", "text", "pieces"),
    [
        (
            "participle_conj_misparse",
            "L'agence a présenté un nouveau satellite, lancé le 3 mars depuis Kourou par Ariane 6.",
            [
                "L'agence a présenté un nouveau satellite",
                "un nouveau satellite, lancé le 3 mars depuis Kourou par Ariane 6.",
            ],
        ),
        (
            "coordinated_que_clause",
            "Le ministre a déclaré que le plan coûterait 3 milliards et qu'il créerait 2 000 emplois.",
            [
                "Le ministre a déclaré que le plan coûterait 3 milliards",
                "Le ministre a déclaré … qu'il créerait 2 000 emplois.",
            ],
        ),
        (
            "coordinated_que_clause",
            "Il a indiqué que le chantier devrait débuter en septembre et durer environ dix-huit mois.",
            [
                "Il a indiqué que le chantier devrait débuter en septembre",
                "Il a indiqué que le chantier devrait … durer environ dix-huit mois.",
            ],
        ),
        (
            "participle_after_object",
            "Le BEA a ouvert une enquête de sécurité et dépêché deux enquêteurs sur place dès dimanche soir.",
            [
                "Le BEA a ouvert une enquête de sécurité",
                "Le BEA … dépêché deux enquêteurs sur place dès dimanche soir.",
            ],
        ),
        (
            "distributive_object",
            "Le camion transporte des légumes, des fruits et des boissons.",
            [
                "Le camion transporte des légumes",
                "Le camion transporte … des fruits",
                "Le camion transporte … des boissons.",
            ],
        ),
    ],
)
def test_french_splitting_rule_builds_self_contained_claims(rule: str, text: str, pieces: list[str]) -> None:
    claims = extract(text, language="fr").claims
    assert [c.text for c in claims] == pieces
    for claim in claims:
        assert claim.text == " … ".join(text[s:e] for s, e in claim.spans)
    with rules_disabled(rule):
        assert _texts(text) == [text]


def test_reported_speech_keeps_the_attribution_with_each_que_clause() -> None:
    text = "Le ministre a déclaré que le plan coûterait 3 milliards et qu'il créerait 2 000 emplois."
    claims = extract(text, language="fr").claims
    assert all(c.attribution and "ministre" in c.attribution for c in claims)


@pytest.mark.parametrize(
    "text",
    [
        "La mairie a évacué 300 habitants, ouvert un gymnase et fermé la route.",  # participles sharing "a"
        "Le maçon mélange du sable, de la chaux et de l'eau.",  # a verb that brings its objects together
    ],
)
def test_no_split_where_the_pieces_are_not_claims_of_their_own(text: str) -> None:
    texts = _texts(text)
    assert not any(t.startswith("un ") or "… de la chaux" in t or t.startswith("ouvert") for t in texts)


@pytest.mark.parametrize(
    ("rule", "text", "pieces"),
    [
        (
            "dont_addition",
            "L'ouvrage voit passer chaque jour environ 11 000 véhicules, dont près de 900 camions.",
            [
                "L'ouvrage voit passer chaque jour environ 11 000 véhicules",
                "environ 11 000 véhicules, dont près de 900 camions.",
            ],
        ),
        (
            "figure_tail",
            "Le taux de chômage a reculé de 0,2 point au quatrième trimestre, à 7,1 % de la population active.",
            [
                "Le taux de chômage a reculé de 0,2 point au quatrième trimestre",
                "Le taux de chômage … à 7,1 % de la population active.",
            ],
        ),
        (
            "figure_tail",
            "La participation s'est établie à 38,6 %, en hausse de plus de six points par rapport au premier tour.",
            [
                "La participation s'est établie à 38,6 %",
                "La participation … en hausse de plus de six points par rapport au premier tour.",
            ],
        ),
        (
            "colon_clause",
            "Les pluies de l'automne ont empêché de nombreux agriculteurs de semer à temps : près de 500 000 hectares "
            "prévus en blé n'ont jamais été emblavés.",
            [
                "Les pluies de l'automne ont empêché de nombreux agriculteurs de semer à temps",
                "près de 500 000 hectares prévus en blé n'ont jamais été emblavés.",
            ],
        ),
    ],
)
def test_french_addition_rules(rule: str, text: str, pieces: list[str]) -> None:
    assert _texts(text) == pieces
    with rules_disabled(rule):
        assert _texts(text) == [text]


@pytest.mark.parametrize(
    "text",
    [
        "Le ministre a déclaré : le plan coûtera 3 milliards d'euros en 2025.",  # a verb of saying opens a quote
        "Le bilan : trois morts et douze blessés.",  # no clause before the colon
        "Les 40 salariés, dont la moitié sont des femmes, ont été reclassés.",  # a relative with its own verb
    ],
)
def test_french_addition_rules_leave_alone(text: str) -> None:
    assert len([t for t in _texts(text) if not t.startswith("Les 40 salariés,")]) == 1


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        (
            "Le mildiou a frappé dès le mois de mai, puis la grêle du 22 juin a détruit près de 400 hectares.",
            ["Le mildiou a frappé dès le mois de mai", "puis la grêle du 22 juin a détruit près de 400 hectares."],
        ),
        (
            "Le taux de grévistes atteignait 27,4 % à la mi-journée, et il montait à 61 % chez les conducteurs.",
            ["Le taux de grévistes atteignait 27,4 % à la mi-journée", "et il montait à 61 % chez les conducteurs."],
        ),
    ],
)
def test_clause_after_comma_link(text: str, pieces: list[str]) -> None:
    assert _texts(text) == pieces
    with rules_disabled("clause_after_comma_link"):
        assert _texts(text) == [text]


def test_inserted_relative_after_a_name_is_taken_out_even_when_the_verb_is_mistagged() -> None:
    text = "Nantes, qui n'a plus gagné depuis six matchs, pointe désormais à la 15e place."
    assert _texts(text) == ["Nantes … pointe désormais à la 15e place.", "Nantes, qui n'a plus gagné depuis six matchs"]


def test_apposition_inside_a_que_clause_is_read_with_that_clause_subject() -> None:
    text = "Le maire a répondu que le prix du repas, désormais fixé à 3,45 euros, restait le plus bas du département."
    assert _texts(text)[1] == "le prix du repas, désormais fixé à 3,45 euros"


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        (
            "La Garonne a atteint 9,2 mètres à Agen mardi soir, son plus haut niveau depuis la crue de 1981.",
            ["La Garonne a atteint 9,2 mètres à Agen mardi soir", "son plus haut niveau depuis la crue de 1981."],
        ),
        (
            "Le feu s'était propagé par la cage d'escalier, seule issue du bâtiment.",
            ["Le feu s'était propagé par la cage d'escalier", "la cage d'escalier, seule issue du bâtiment."],
        ),
    ],
)
def test_apposition_tail(text: str, pieces: list[str]) -> None:
    assert _texts(text) == pieces
    with rules_disabled("apposition_tail"):
        assert _texts(text) == [text]


@pytest.mark.parametrize(
    "text",
    [
        "C'est là qu'elle conduit, en 1974, la campagne Gascogne II au large de la Gironde.",  # the verb's object
        "L'équipe a subi une huitième défaite consécutive, à Lyon (33-10).",  # a place, not a level reached
    ],
)
def test_no_tail_cut_inside_the_clause(text: str) -> None:
    assert not any(t.startswith(("la campagne", "à Lyon")) for t in _texts(text))


def test_two_amounts_are_distributed_but_not_two_demands() -> None:
    text = "La tempête a fait au moins trois morts et une quinzaine de blessés."
    assert _texts(text) == ["La tempête a fait au moins trois morts", "La tempête a fait … une quinzaine de blessés."]
    demands = "Le syndicat réclame une hausse de 300 euros par mois et l'embauche de 1 000 agents."
    assert _texts(demands) == [demands]  # the figures qualify the items: not two amounts of the same thing


def test_circumstance_tail_naming_a_place() -> None:
    text = "La France va déployer 1 200 soldats en Roumanie, lors d'un déplacement sur la base de Mont-de-Marsan."
    assert _texts(text) == [
        "La France va déployer 1 200 soldats en Roumanie",
        "lors d'un déplacement sur la base de Mont-de-Marsan.",
    ]
    with rules_disabled("circumstance_tail"):
        assert _texts(text) == [text]
    manner = "Le conseil a voté le budget, dans un climat tendu et après de longs débats."
    with rules_disabled("circumstance_tail"):
        without = _texts(manner)
    assert _texts(manner) == without  # no name nor figure: a manner, the rule does not cut it


def test_a_claim_built_from_spans_loses_the_inserted_phrase_of_its_subject() -> None:
    text = (
        "Le demi d'ouverture Thomas Lavigne, de retour après trois mois d'absence, a réussi quatre "
        "transformations et deux pénalités."
    )
    texts = _texts(text)
    assert "Le demi d'ouverture Thomas Lavigne … a réussi … deux pénalités." in texts


def test_name_title_after_a_speaker() -> None:
    text = "« Le chômage va remonter », observe Julien Marchetti, directeur adjoint du département analyse de l'OFCE."
    assert _texts(text)[1] == "Julien Marchetti, directeur adjoint du département analyse de l'OFCE."
    with rules_disabled("name_title"):
        assert _texts(text) == [text]


def test_a_second_noun_after_an_object_is_no_participle() -> None:
    text = "La mairie a acheté des tables et des chaises pour la salle."
    assert _texts(text) == [text]


def test_a_comparison_runs_to_the_next_comma_and_summer_is_no_verb() -> None:
    text = (
        "Le taux d'occupation des hôtels a atteint 86 % en août, contre 81 % en juillet, et les campings ont affiché "
        "complet du 20 juillet au 15 août."
    )
    assert "contre 81 % en juillet" in _texts(text)
    summer = "La dépense moyenne s'est établie à 74 euros par jour, contre 69 euros l'été dernier."
    assert _texts(summer)[-1] == "contre 69 euros l'été dernier."
    with rules_disabled("number_comparison"):
        assert _texts(summer) == [summer]
