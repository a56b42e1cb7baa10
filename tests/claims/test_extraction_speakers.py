"""Who says a claim when its own sentence does not name them in full: interview answers, the rest of a quotation,
a pronoun, a surname or a role standing for a speaker named before (``claims.extraction.speakers``)."""

from __future__ import annotations

import pytest

from claims.extraction import extract
from claims.extraction.attribution import find_attribution
from claims.extraction.furniture import is_byline
from claims.extraction.rules import rules_disabled
from claims.extraction.types import ExtractedClaim


def _claim(claims: list[ExtractedClaim], words: str) -> ExtractedClaim:
    found = [c for c in claims if words in c.text]
    assert found, f"no claim holds {words!r}: {[c.text for c in claims]}"
    return found[0]


EN_INTERVIEW = (
    "Q&A: the orchard after the frost\n\n"
    "Fruit grower Dr. Maria Kowalski has run the Hillcrest orchard for 15 years. We asked her about the spring.\n\n"
    "How much fruit did you lose?\n"
    "Kowalski: We lost 40% of the apple crop in April. The frost lasted three nights.\n\n"
    "Will prices rise?\n"
    "Kowalski: Our wholesale price went up by 12% in June.\n"
)

FR_INTERVIEW = (
    "« Le lac a perdu deux mètres »\n\n"
    "Garde-pêche depuis 2010, Lucien Barrault surveille le lac de Vassivière.\n\n"
    "Quel est le niveau du lac ?\n\n"
    "Nous avons mesuré une baisse de deux mètres depuis juin. Le débit de la rivière a chuté de 30 %.\n\n"
    "Que demandez-vous ?\n\n"
    "Nos adhérents réclament un plan d'eau de secours pour 2026.\n\n"
    "Propos recueillis par Anne Rivière\n"
)

# An explainer whose headings are questions: the answers are the writer's, no one else's.
EN_EXPLAINER = (
    "The dam explained\n\nBy Carla Mendes\n\n"
    "Why was the dam closed?\n"
    "Engineers found a crack 3 metres long in the spillway in May. The dam opened in 1971.\n\n"
    "What happens next?\n"
    "The state has set aside $40 million for repairs, which start in September.\n"
)


def test_interview_answers_are_the_interviewees_with_the_full_name():
    claims = extract(EN_INTERVIEW, language="en").claims
    assert "Maria Kowalski" in (_claim(claims, "40% of the apple crop").attribution or "")
    assert "Maria Kowalski" in (_claim(claims, "wholesale price").attribution or "")


def test_interview_answers_without_a_name_prefix_are_the_interviewees():
    claims = extract(FR_INTERVIEW, language="fr").claims
    assert _claim(claims, "baisse de deux mètres").attribution == "Lucien Barrault"
    assert _claim(claims, "plan d'eau de secours").attribution == "Lucien Barrault"


def test_explainer_question_headings_do_not_make_the_writer_a_speaker():
    claims = extract(EN_EXPLAINER, language="en").claims
    assert _claim(claims, "opened in 1971").attribution is None
    assert _claim(claims, "$40 million").attribution is None
    assert not any("Mendes" in (c.attribution or "") for c in claims)


def test_interview_answers_rule_can_be_switched_off():
    with rules_disabled("interview_answer"):
        claims = extract(FR_INTERVIEW, language="fr").claims
    assert _claim(claims, "baisse de deux mètres").attribution != "Lucien Barrault"


def test_a_pronoun_speaker_is_the_last_person_named():
    text = (
        "Health Minister Laura Benson said on Monday that 1,200 nurses would be hired this year. "
        "She added that the hiring would cost $95 million."
    )
    claims = extract(text, language="en").claims
    assert "Laura Benson" in (_claim(claims, "$95 million").attribution or "")


def test_a_pronoun_speaker_with_no_one_named_before_stays_a_pronoun():
    claims = extract("Il a précisé que 300 emplois seraient supprimés en 2025.", language="fr").claims
    assert (_claim(claims, "300 emplois").attribution or "").lower() == "il"


def test_a_role_stands_for_the_speaker_described_by_it():
    text = (
        "Le ministre de la Santé, Paul Girardot, a annoncé mardi la création de 4.000 postes d'infirmiers. "
        "Selon le ministre, le plan coûtera 250 millions d'euros en 2025."
    )
    claims = extract(text, language="fr").claims
    assert "Paul Girardot" in (_claim(claims, "250 millions").attribution or "")


def test_a_surname_speaker_gets_the_full_name_given_before():
    text = (
        "The county's chief engineer, Robert Quayle, inspected the viaduct in March. "
        "The repairs will cost $3 million, Quayle said."
    )
    claims = extract(text, language="en").claims
    assert "Robert Quayle" in (_claim(claims, "$3 million").attribution or "")


def test_a_quote_continued_in_the_next_sentence_keeps_its_speaker():
    text = (
        '"The hall is too small," Mayor Jane Holloway said on Friday. '
        '"The new wing will add 300 seats and cost $2 million."'
    )
    claims = extract(text, language="en").claims
    assert "Jane Holloway" in (_claim(claims, "300 seats").attribution or "")


@pytest.mark.parametrize(
    "text",
    [
        # Not a quotation: the speaker of the previous sentence does not say it.
        "Mayor Jane Holloway said on Friday that the hall was too small. The new wing will add 300 seats.",
        # A company reporting a loss is a fact about the company, not someone's statement.
        "Acme Foods employs 4,000 people. The new wing will add 300 seats, and the company reported a loss.",
    ],
)
def test_a_sentence_that_is_not_a_quote_gets_no_borrowed_speaker(text):
    claims = extract(text, language="en").claims
    assert _claim(claims, "300 seats").attribution is None


def test_a_pronoun_right_after_a_source_stands_for_that_source_and_is_kept():
    text = (
        "Environ 9.000 colis ont été retardés depuis lundi, a précisé la Poste. "
        "Les clients concernés seront remboursés à 100 %, a-t-elle ajouté."
    )
    attribution = _claim(extract(text, language="fr").claims, "remboursés").attribution or ""
    assert attribution.lower().startswith("elle")
    assert "la Poste" in attribution


def test_a_pronoun_does_not_stand_for_a_person_of_the_other_gender():
    text = (
        "« Le dépôt est plein », a affirmé le délégué syndical, M. Paul Verdier. "
        "Le centre de tri a reçu 40.000 colis mardi, selon la direction. "
        "Deux cents intérimaires seront recrutés en 2025. "
        "Elle a ajouté que 12 camions supplémentaires circuleraient en décembre."
    )
    attribution = _claim(extract(text, language="fr").claims, "12 camions").attribution or ""
    assert "Verdier" not in attribution


@pytest.mark.parametrize(
    "sentence",
    [
        "The company reported a loss of $4 million in 2024.",
        "Acme Foods reports higher sales for the third quarter.",
        "The airline reported record profits of $2.1 billion.",
    ],
)
def test_reporting_a_result_is_not_an_attribution(sentence):
    assert find_attribution(sentence) is None


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("The agency reported that 40 people had died.", "The agency"),
        ("Forty people died, the agency reported.", "the agency"),
        ("Chile holds a third of reserves, according to the U.S. Geological Survey.", "the U.S. Geological Survey"),
        ("« Ce budget est sincère », a défendu le maire, Paul Girardot.", "le maire, Paul Girardot"),
    ],
)
def test_speakers_found_in_their_sentence(sentence, speaker):
    assert find_attribution(sentence) == speaker


def test_the_quotes_own_first_person_words_are_not_its_speaker():
    assert find_attribution("Nous doublons nos effectifs, précisant que 300 soldats partiront") is None


def test_a_titled_surname_with_the_occasion_gets_the_full_name():
    text = (
        "Le ministre des Armées, Thierry Morvan, a annoncé l'envoi de 900 soldats. "
        "« Nous restons longtemps », a déclaré M. Morvan devant la presse, précisant que 40 chars partiraient."
    )
    claims = extract(text, language="fr").claims
    assert "Thierry Morvan" in (_claim(claims, "40 chars").attribution or "")


def test_a_pronoun_stands_for_the_person_named_in_apposition_before():
    text = (
        "La ministre du Budget, Claire Vautrin, s'est félicitée du vote. "
        "Elle a rappelé que la dette avait atteint 3.100 milliards d'euros en juin."
    )
    attribution = _claim(extract(text, language="fr").claims, "3.100 milliards").attribution or ""
    assert "Claire Vautrin" in attribution


def test_an_english_pronoun_never_stands_for_a_thing():
    text = "Inspectors have found cracks in 12 beams, the report noted. She added that repairs would cost $4 million."
    attribution = _claim(extract(text, language="en").claims, "$4 million").attribution or ""
    assert "report" not in attribution.lower()


def test_a_subject_before_an_inserted_relative_is_the_speaker() -> None:
    sentence = (
        "Westmoor Water, which supplies 2.3 million customers across Devon, Somerset and Dorset, says its reservoirs "
        "are at 47% of capacity."
    )
    assert find_attribution(sentence) == "Westmoor Water"
    # the clause after an inverted "says" is what is said, never who says it
    assert find_attribution("The plan, officials say, was dropped in May.") != "was dropped in May"


def test_a_generic_noun_stands_for_the_organisation_named_before() -> None:
    text = (
        "Westmoor Water says its reservoirs are at 47% of capacity. A hosepipe ban starts on Friday. "
        "The company said it has cut leakage by 11% since 2020."
    )
    claim = _claim(extract(text, language="en").claims, "cut leakage")
    assert claim.attribution == "The company (Westmoor Water)"
    with rules_disabled("generic_source"):
        assert _claim(extract(text, language="en").claims, "cut leakage").attribution == "The company"


def test_a_generic_noun_far_from_any_named_source_stays_as_it_is() -> None:
    text = (
        "Le groupe Alvéa a annoncé 200 embauches. "
        + "Le site compte 80 salariés. " * 7
        + ("Selon la direction, 40 postes seront créés en 2026.")
    )
    claim = _claim(extract(text, language="fr").claims, "40 postes")
    assert claim.attribution == "la direction"


def test_a_generic_noun_does_not_stand_for_a_document_or_a_common_noun() -> None:
    text = (
        "Critics say the network loses too much water. Leaks cost 241 million litres a day, according to figures "
        "published by the regulator. The company said it has cut leakage by 11% since 2020."
    )
    assert _claim(extract(text, language="en").claims, "cut leakage").attribution == "The company"


def test_a_french_subject_before_an_inserted_relative_is_the_speaker_without_an_english_verb() -> None:
    # the inserted-relative pattern reads French verbs too: it is tried even when no English reporting verb is there
    sentence = "Enedis, qui a mobilisé 2 400 techniciens, indique que 80 % des foyers ont retrouvé le courant."
    assert find_attribution(sentence) == "Enedis"


def test_an_object_pronoun_after_selon_stands_for_the_person_named_before() -> None:
    text = (
        "« Le marché se calme », observe Hugo Ferrandi, notaire à Vienne. "
        "Selon lui, les prix ont reculé de 4 % en un an dans le centre-ville."
    )
    attribution = _claim(extract(text, language="fr").claims, "reculé de 4 %").attribution or ""
    assert "Hugo Ferrandi" in attribution


def test_a_feeling_speech_tag_names_the_speaker_a_pronoun_then_stands_for() -> None:
    text = (
        "« Les abricots n'ont jamais été aussi beaux », se réjouit la présidente de la coopérative, Odile Marchal. "
        "Elle précise que la récolte atteint 1 200 tonnes."
    )
    attribution = _claim(extract(text, language="fr").claims, "1 200 tonnes").attribution or ""
    assert "Odile Marchal" in attribution


def test_an_adverb_after_the_speaker_is_not_part_of_it() -> None:
    text = "Brindle Foods posted sales of $80 million in May. It also said it would open 12 stores next year."
    attribution = _claim(extract(text, language="en").claims, "12 stores").attribution
    assert attribution is None or "also" not in attribution


@pytest.mark.parametrize(
    ("text", "language", "words", "organisation"),
    [
        (
            "Les salariés de la direction de Transalpe réclament une prime. Selon la direction, 30 % des agents ont "
            "cessé le travail lundi.",
            "fr",
            "30 % des agents",
            "Transalpe",
        ),
        (
            "The Harbourside Institute for Coastal Research surveyed 2,000 anglers. According to the institute's "
            "report, 38% of them caught fewer fish in 2025.",
            "en",
            "38% of them",
            "Harbourside Institute for Coastal Research",
        ),
    ],
)
def test_a_generic_source_stands_for_the_organisation_the_article_named(
    text: str, language: str, words: str, organisation: str
) -> None:
    attribution = _claim(extract(text, language=language).claims, words).attribution or ""
    assert organisation in attribution
    with rules_disabled("generic_source"):
        assert organisation not in (_claim(extract(text, language=language).claims, words).attribution or "")


def test_a_role_noun_stands_for_the_person_named_before_it_with_that_role():
    text = (
        "Bertrand Joly, PDG de Ferrovia Fret, a présenté mardi le plan de l'entreprise. "
        "Selon le dirigeant, l'entreprise a perdu 62 millions d'euros en 2024."
    )
    claims = extract(text, language="fr").claims
    assert _claim(claims, "62 millions").attribution == "le dirigeant (Bertrand Joly)"
    with rules_disabled("short_speaker"):
        assert extract(text, language="fr").claims[-1].attribution == "le dirigeant"


def test_a_role_noun_of_the_other_gender_or_with_no_one_named_stays_as_it_is():
    text = (
        "Le PDG de Ferrovia Fret, Bertrand Joly, a présenté mardi le plan de l'entreprise. "
        "Selon la directrice, l'entreprise a perdu 62 millions d'euros en 2024."
    )
    assert _claim(extract(text, language="fr").claims, "62 millions").attribution == "la directrice"
    alone = "Selon le dirigeant, l'entreprise a perdu 62 millions d'euros en 2024."
    assert _claim(extract(alone, language="fr").claims, "62 millions").attribution == "le dirigeant"


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("28 372 candidats ont été admis, selon les chiffres publiés vendredi matin par le rectorat.", "le rectorat"),
        ("Selon les prévisions communiquées mercredi par Lorva Mobilités, un tram sur trois roule.", "Lorva Mobilités"),
        ("The firm lost 241 million litres a day, according to figures published by the regulator Ofwat.",
         "the regulator Ofwat"),
        ("Selon le rapport annuel du service déchets, chaque habitant a produit 231 kilos.", "le service déchets"),
        ("Selon un rapport de la Cour des comptes, la dette a atteint 3 000 milliards.", "la Cour des comptes"),
        ("According to a report by the IMF, growth will slow to 2%.", "the IMF"),
    ],
)  # fmt: skip
def test_figures_and_documents_stand_for_whoever_published_them(sentence: str, speaker: str) -> None:
    assert find_attribution(sentence) == speaker


QA_BOLD = (
    "Budget Q&A: where the money goes\n\n"
    "Interview by Rob Haines | Monday 17 February 2025\n\n"
    "Kessington Council has published its draft budget. Council leader Amina Forsyth took our questions. "
    "So who pays?\n\n"
    "**How much will council tax go up?**\n\n"
    "We are proposing a 4.99% rise. For a Band D home that means £1,932.40 a year.\n\n"
    "**Where does the money go?**\n\n"
    "Our net budget is £231 million. Adult social care will take £98.6 million of it.\n"
)


def test_bold_questions_make_a_q_and_a_answered_by_the_person_the_introduction_names() -> None:
    claims = extract(QA_BOLD, language="en").claims
    rise = _claim(claims, "4.99% rise")
    assert rise.attribution == "Amina Forsyth"  # not the interviewer of the byline, nor the council
    assert _claim(claims, "£231 million").attribution == "Amina Forsyth"
    assert not any("How much" in c.text and c.checkworthy for c in claims)
    with rules_disabled("interview_answer"):
        assert _claim(extract(QA_BOLD, language="en").claims, "4.99% rise").attribution != "Amina Forsyth"


@pytest.mark.parametrize(
    "line",
    [
        "Interview by Rob Haines | Monday 17 February 2025",
        "Propos recueillis par Nicolas Vidal | samedi 7 juin 2025",
        "Words by Imogen Astley · Photographs by Rui Calado",
    ],
)
def test_a_credit_line_is_a_byline(line: str) -> None:
    assert is_byline(line)  # so its name is never taken for the interviewee


def test_a_line_about_an_interview_is_no_byline() -> None:
    assert not is_byline("Interview with the mayor of Lorvanne")


def test_a_comma_inside_a_figure_ends_no_speaker_phrase() -> None:
    sentence = (
        "Lead author Dr Imogen Fairley, a sleep researcher at Kingsmere University, said the team planned a follow-up "
        "with 3,000 pupils in 2026."
    )
    assert find_attribution(sentence) == "Lead author Dr Imogen Fairley"  # the name, not the role after it
    assert find_attribution("The plan will cost $4m, said John Smith.") == "John Smith"


def test_a_french_speech_verb_with_a_grave_accent_after_the_claim() -> None:
    sentence = "La capacité de désendettement atteint 14 ans, bien au-delà du seuil d'alerte, relève la CRC."
    assert find_attribution(sentence) == "la CRC"
