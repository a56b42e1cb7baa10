"""English without a parser: finite verbs told by their form (``en_words``), and the rules built on them."""

from __future__ import annotations

import pytest

from claims.extraction import extract
from claims.extraction.en_words import is_finite, looks_english, subject_end
from claims.extraction.rules import rules_disabled


def _texts(text: str) -> list[str]:
    return [c.text for c in extract(text, language="en").claims]


@pytest.mark.parametrize(
    ("word", "following"),
    [("employs", "4,000"), ("chairs", "the"), ("filled", "in"), ("pocketed", "a"), ("rose", "7%"), ("are", "twice"),
     ("wore", "wrist-mounted"), ("turns", "white"), ("argued", "that")],
)  # fmt: skip
def test_a_finite_verb_is_told_by_its_form_and_what_follows(word: str, following: str) -> None:
    assert is_finite(word, following)


@pytest.mark.parametrize(
    ("word", "following"),
    [("Jones", "said"), ("roll", "all"), ("relaxed", ""), ("tables", "in"), ("the", "company"), ("hundred", "people"),
     ("needs", ""), ("news", "the"), ("crisis", "the"), ("turns", "in")],
)  # fmt: skip
def test_nouns_names_and_function_words_are_not_finite_verbs(word: str, following: str) -> None:
    assert not is_finite(word, following)


def test_a_sentence_is_english_or_not_by_its_function_words() -> None:
    assert looks_english("The port handles 30 million tonnes a year.")
    assert not looks_english("Le port a traité 30 millions de tonnes en 2023.")


def test_the_subject_stops_at_its_verb_past_a_dateline_an_introduction_or_an_apposition() -> None:
    for text, subject in (
        ("The port handles 30 million tonnes a year", "The port"),  # "a" is no verb in English
        ("ATHENS, Aug 14 (Wire) - A wildfire that broke out on Sunday has killed two people", "A wildfire"),
        ("Running in cool, still conditions, the 27-year-old broke away", "the 27-year-old"),
        ("The Harlow River Bridge, the main road link between the towns, was closed", "The Harlow River Bridge"),
        ("Teenagers who use phones at night are more likely to", "Teenagers who use phones at night"),
    ):
        span = subject_end(text, 0, len(text))
        assert span is not None and text[span[0] : span[1]] == subject, text


# --- coordinated_finite_predicate (rules_en) -------------------------------------------------------------------------


def test_a_verb_outside_any_list_opens_a_second_predicate() -> None:
    text = "The company employs 4,000 people and reported a loss of 3 million dollars in 2023."
    claims = extract(text, language="en").claims
    assert [c.text for c in claims] == [
        "The company employs 4,000 people",
        "The company … reported a loss of 3 million dollars in 2023.",
    ]
    assert claims[1].span_list() == [[0, 11], [text.index("reported"), len(text)]]
    with rules_disabled("coordinated_finite_predicate"):
        assert _texts(text) == [text]


def test_a_present_verb_and_a_copula_tail_of_several_words() -> None:
    assert _texts("Helen Marsh is a former town planner and chairs the Brackenford Civic Society.") == [
        "Helen Marsh is a former town planner",
        "Helen Marsh … chairs the Brackenford Civic Society.",
    ]
    assert _texts("The participants wore trackers for one week and filled in questionnaires about their mood.")[1] == (
        "The participants … filled in questionnaires about their mood."
    )


@pytest.mark.parametrize(
    "text",
    [
        "The beach was quiet and relaxed on Sunday.",
        "He served as mayor between 2009 and 2017.",
        "Smith and Jones said the figures were wrong.",
        "The band played rock and roll for three hours.",
        "The hall has tables and chairs in every room.",
        "The road has many twists and turns in the mountains.",
        "The city bought buses and trams from the same supplier.",
        "The plan will give mothers and newborns 48 hours of care.",  # two indirect objects
        "The rebels were aided and abetted by the army.",  # one shared agent
        "When he stood up and spoke to the Congress, he was clear.",  # both verbs in the subordinate clause
        "Sales grew in Europe and exports to China doubled.",
        "It was a decision made by the commanders on the spot and based with what they knew.",  # two participles
    ],
)
def test_no_false_split_of_adjectives_ranges_names_or_noun_pairs(text: str) -> None:
    assert _texts(text) == [text]


# --- subjects restored -----------------------------------------------------------------------------------------------


def test_a_result_participle_is_read_with_the_subject_alone() -> None:
    text = "The port handles 30 million tonnes a year, making it the largest in the region."
    assert _texts(text) == [
        "The port handles 30 million tonnes a year",
        "The port … making it the largest in the region.",
    ]


# --- elliptical_amount (rules_lists) ---------------------------------------------------------------------------------


def test_a_second_amount_with_the_same_preposition_is_a_claim_of_its_own() -> None:
    text = "Rents rose 7% in London and 5% in Manchester last year."
    claims = extract(text, language="en").claims
    assert [c.text for c in claims] == ["Rents rose 7% in London", "Rents rose … 5% in Manchester last year."]
    assert claims[1].span_list() == [[0, 10], [text.index("5%"), len(text)]]
    with rules_disabled("elliptical_amount"):
        assert _texts(text) == [text]


@pytest.mark.parametrize(
    "text",
    ["Prices rose between 3% in 2021 and 5% in 2023 on average.", "He won in 2 hours, 1 minute and 48 seconds."],
)
def test_ranges_and_compound_measures_stay_whole(text: str) -> None:
    assert _texts(text) == [text]


# --- gapped_amounts (rules_lists) ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "Le gaz représente 40 % de la facture, l'électricité 35 % et le bois 25 %.",
            "fr",
            ["Le gaz représente 40 % de la facture", "l'électricité 35 %", "le bois 25 %."],
        ),
        (
            "Le loyer moyen atteint 14 euros dans le centre, 9 euros en périphérie.",
            "fr",
            ["Le loyer moyen atteint 14 euros dans le centre", "Le loyer moyen atteint … 9 euros en périphérie."],
        ),
        (
            "Exports grew 12% to Germany, 8% to Poland and 3% to Italy.",
            "en",
            ["Exports grew 12% to Germany", "Exports grew … 8% to Poland", "Exports grew … 3% to Italy."],
        ),
        (
            "À Brest, le thermomètre a marqué 29,1 °C, à Quimper 30,4 °C et à Morlaix 28,7 °C.",
            "fr",
            ["À Brest, le thermomètre a marqué 29,1 °C", "à Quimper 30,4 °C", "à Morlaix 28,7 °C."],
        ),
        ("Glasgow recorded 41mm of rain and Aberdeen 37mm.", "en", ["Glasgow recorded 41mm of rain", "Aberdeen 37mm."]),
        (
            "Le plan local d'urbanisme a été voté par 31 voix pour, quatre contre et trois abstentions.",
            "fr",
            ["Le plan local d'urbanisme a été voté par 31 voix pour", "quatre contre", "trois abstentions."],
        ),
        (
            "The bylaw passed with 9 votes in favour and 2 against.",
            "en",
            ["The bylaw passed with 9 votes in favour", "2 against."],
        ),
    ],
)
def test_conjuncts_that_leave_the_verb_out_are_claims_of_their_own(
    text: str, language: str, expected: list[str]
) -> None:
    claims = extract(text, language=language).claims
    assert [c.text for c in claims] == expected
    assert all(c.checkworthy for c in claims)
    assert all(c.needs_context for c in claims[1:])
    with rules_disabled("gapped_amounts"):
        assert len(extract(text, language=language).claims) < len(expected)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Selon le parquet, 90 000 euros ont été versés entre 2016 et 2018 à une société écran.", "fr"),
        ("The clinic treats everyone aged 60 and over from next week.", "en"),
        ("Chez les plus de 70 ans, elle atteint 18 %.", "fr"),
        ("Le syndicat réclame une prime de 200 euros et l'embauche de 500 agents.", "fr"),
    ],
)
def test_ranges_clauses_and_coordinated_objects_are_not_gapped_conjuncts(text: str, language: str) -> None:
    with rules_disabled("gapped_amounts"):
        without = [c.text for c in extract(text, language=language).claims]
    assert [c.text for c in extract(text, language=language).claims] == without


# --- participle_antecedent (rules_en), cut by cue_trailing_clause -----------------------------------------------------


def test_a_trailing_past_participle_is_read_with_the_noun_it_qualifies() -> None:
    text = "That gap is now a 210-space car park, approved by the planning committee last March."
    claims = extract(text, language="en").claims
    assert [c.text for c in claims] == [
        "That gap is now a 210-space car park",
        "a 210-space car park, approved by the planning committee last March.",
    ]
    with rules_disabled("participle_antecedent", "restore_subject"):
        assert _texts(text)[1] == "approved by the planning committee last March."


def test_a_participle_after_an_amount_takes_the_whole_noun_phrase() -> None:
    text = "She improved the course record of 2:11:53, set by Tigist Assefa in 2023."
    assert _texts(text)[1] == "the course record of 2:11:53, set by Tigist Assefa in 2023."


def test_a_verb_of_saying_after_a_comma_is_not_a_participle_claim() -> None:
    text = "The deal was signed on Monday, said the minister."
    assert _texts(text) == [text]


# --- more English cues -----------------------------------------------------------------------------------------------


def test_but_and_an_unlisted_verb_is_a_second_predicate_with_the_subject() -> None:
    text = "The budget keeps the tax rate unchanged at $11.40, but raises water and sewer fees by 6%."
    claims = extract(text, language="en").claims
    assert [c.text for c in claims] == [
        "The budget keeps the tax rate unchanged at $11.40",
        "The budget … raises water and sewer fees by 6%.",
    ]
    with rules_disabled("finite_predicate_subject"):
        assert _texts(text)[1] == "but raises water and sewer fees by 6%."


def test_an_ordinal_or_same_apposition_after_a_comma_is_its_own_claim() -> None:
    text = "The world is going through its fourth global bleaching event, the second in a decade."
    assert _texts(text) == ["The world is going through its fourth global bleaching event", "the second in a decade."]


def test_adding_that_opens_a_reported_claim_with_the_speaker() -> None:
    text = '"We are on track," Minister Laura Espinoza said, adding that two new projects would seek approval in May.'
    claims = extract(text, language="en").claims
    assert claims[-1].text == "adding that two new projects would seek approval in May."
    assert claims[-1].attribution == "Minister Laura Espinoza"


def test_a_relative_after_a_measured_apposition_qualifies_the_noun_before_it() -> None:
    text = (
        "Drivers are diverted to the Route 9 crossing, about 11 miles to the south, which adds 25 minutes to a commute."
    )
    claims = extract(text, language="en").claims
    assert claims[-1].text == "the Route 9 crossing … which adds 25 minutes to a commute."
    assert any(c.text == "the Route 9 crossing … about 11 miles to the south" for c in claims)


def test_a_bare_second_verb_keeps_the_modal_and_the_reported_subject() -> None:
    text = "He added that a full replacement would cost $210 million and take four years."
    claims = extract(text, language="en").claims
    assert claims[1].text == "He added that a full replacement would … take four years."
    assert claims[1].attribution == "He"
    with rules_disabled("shared_modal"):
        assert _texts(text)[1] == "He … take four years."


def test_an_age_and_a_speaker_description_are_given_as_claims_too() -> None:
    assert "Alemu, 24" in _texts("Alemu, 24, was running only her second marathon.")
    text = '"The benefit levels off at 10,000 steps," said Mette Kjaergaard, an epidemiologist who led the study.'
    assert "Mette Kjaergaard, an epidemiologist who led the study" in _texts(text)
    with rules_disabled("cue_speaker_apposition"):
        assert _texts(text) == [text]


def test_and_that_keeps_a_speaker_described_between_commas() -> None:
    text = "Dr Sam Okafor, a neurologist, pointed out that 94% were of European descent and that it was measured once."
    texts = _texts(text)
    assert "Dr Sam Okafor … pointed out … that it was measured once." in texts


def test_even_though_opens_a_clause_of_its_own() -> None:
    text = "It funds six inspectors, even though the number of beekeepers has roughly doubled since then."
    assert _texts(text)[-1] == "even though the number of beekeepers has roughly doubled since then."


def test_after_and_a_clause_is_a_claim_of_its_own() -> None:
    text = "The bridge was closed to all traffic on Monday after inspectors found cracks in two of its beams."
    assert _texts(text) == [
        "The bridge was closed to all traffic on Monday",
        "after inspectors found cracks in two of its beams.",
    ]
    with rules_disabled("cue_subordinate_clause"):
        assert _texts(text) == [text]
    for text in (
        "He was elected mayor after winning 46% of the vote.",  # a participle, no clause
        "The vote came after the meeting on Tuesday night in the town hall.",  # a noun phrase
        "The rover will operate for 14 days before the lunar night begins.",  # "before" only dates the claim
        "The reason prices are so high is because demand has doubled.",  # the clause is the predicate
        "It is time to act on this because we have run up so much debt.",  # a reason, not a reported event
    ):
        assert _texts(text) == [text]


def test_after_a_comma_or_as_and_a_clause_is_a_claim_of_its_own() -> None:
    text = "The water company lifted its hosepipe ban on Friday, after reservoir levels recovered to 81% of capacity."
    assert _texts(text) == [
        "The water company lifted its hosepipe ban on Friday",
        "after reservoir levels recovered to 81% of capacity.",
    ]
    text = "It was the second recall this year, after 12,000 units of a different brand were withdrawn in February."
    assert _texts(text)[-1] == "after 12,000 units of a different brand were withdrawn in February."
    text = "Sales fell 4% at the chain last year as the company closed 12 of its stores."
    assert _texts(text) == ["Sales fell 4% at the chain last year", "as the company closed 12 of its stores."]
    for text in (
        "The firm hired 200 staff last year as part of the plan.",
        "Turnout reached 61% in the city as well as in the suburbs.",
        "The deal was signed in May, as the company had promised.",
    ):
        assert _texts(text) == [text]


def test_an_introduction_ending_in_a_year_is_skipped_to_find_the_subject() -> None:
    text = "In 2022, 61 British companies took part in a trial, with around 2,900 employees working 80% of their hours."
    assert _texts(text)[1] == "61 British companies … with around 2,900 employees working 80% of their hours."


@pytest.mark.parametrize("text", ["Yes, it is.", "So, the answer, frankly, is no.", "Well, and, but, so.", "A, the."])
def test_short_or_odd_sentences_never_fail(text: str) -> None:
    assert _texts(text)


def test_who_after_an_organisation_in_a_persons_description_is_about_the_person() -> None:
    text = (
        "Mark Ellison, a specialist at King's College London who was not involved in the research, called it striking."
    )
    assert "Mark Ellison … who was not involved in the research" in _texts(text)
    with rules_disabled("person_relative"):
        assert "Mark Ellison … who was not involved in the research" not in _texts(text)


def test_a_leading_past_participle_is_read_with_the_subject_after_it() -> None:
    text = "Born in Portsmouth in 1933, she studied zoology at the University of Southampton."
    claims = extract(text, language="en").claims
    lead = next(c for c in claims if c.text.startswith("Born"))
    assert lead.text == "Born in Portsmouth in 1933 … she"
    assert any(c.text == "she studied zoology at the University of Southampton." for c in claims)
    text = "Founded in 1998 by two engineers, the firm now employs 4,000 people."
    assert [c.text for c in extract(text, language="en").claims] == [
        "Founded in 1998 by two engineers … the firm",
        "the firm now employs 4,000 people.",
    ]
    with rules_disabled("cue_leading_participle"):
        assert [c.text for c in extract(text, language="en").claims] == [text]
    text = "Born in 1933, the year of the great flood."  # no clause after the comma
    assert [c.text for c in extract(text, language="en").claims] == [text]


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("Vale hit 27 fours and four sixes.", ["Vale hit 27 fours", "Vale hit … four sixes"]),
        (
            "She is survived by two sons and five grandchildren.",
            ["She is survived by two sons", "She is survived by … five grandchildren"],
        ),
        (
            "Le club compte 400 licenciés et trente bénévoles.",
            ["Le club compte 400 licenciés", "Le club compte … trente bénévoles"],
        ),
    ],
)
def test_two_counts_in_figures_or_words_are_two_checkworthy_claims(text: str, items: list[str]) -> None:
    claims = extract(text, language="fr" if " et " in text else "en").claims
    assert [c.text.rstrip(".") for c in claims] == items
    assert all(c.checkworthy for c in claims)


def test_one_measure_in_several_units_is_not_two_counts() -> None:
    text = "Kiprotich won the race in 2 hours and 1 minute."
    assert [c.text for c in extract(text, language="en").claims] == [text]


def test_the_part_of_a_figure_counted_apart_is_a_claim_of_its_own() -> None:
    text = "The firm said it had received 31 reports of units overheating, including nine fires."
    texts = [c.text for c in extract(text, language="en").claims]
    assert texts[0] == "The firm said it had received 31 reports of units overheating"
    assert texts[1].endswith("including nine fires.")
    with rules_disabled("cue_share_tail"):
        assert [c.text for c in extract(text, language="en").claims] == [text]
    text = "Eleven other people, including four firefighters, were treated in hospital."  # inside the subject
    assert [c.text for c in extract(text, language="en").claims] == [text]


def test_a_long_with_construction_is_split_off() -> None:
    text = "The UK recorded its warmest June night, with the temperature in central London not falling below 24.3C."
    texts = [c.text for c in extract(text, language="en").claims]
    assert texts[0] == "The UK recorded its warmest June night"
    assert texts[1].endswith("with the temperature in central London not falling below 24.3C.")
