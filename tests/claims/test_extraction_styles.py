"""Extraction on the styles newsrooms actually paste: wires, live blogs, web pages, interviews, lists, CRLF."""

from __future__ import annotations

import pytest

from claims.extraction import extract
from claims.extraction import reasons as R
from claims.extraction.segment import ROLE_ANSWER, ROLE_ITEM, ROLE_QUESTION, ROLE_TEXT, blocks, split_sentences
from claims.extraction.spans import compose
from claims.extraction.types import ExtractedClaim


def _spans_ok(text: str, claims: list[ExtractedClaim]) -> None:
    for c in claims:
        assert 0 <= c.start < c.end <= len(text)
        assert compose(text, c.spans or [(c.start, c.end)]) == c.text


def _worthy_texts(text: str, language: str) -> list[str]:
    result = extract(text, language=language)
    _spans_ok(text, result.claims)
    return [c.text for c in result.claims if c.checkworthy]


# --- datelines and timestamps ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "first_words"),
    [
        ("BERLIN (Reuters) - German exports rose 2.1% in May, the statistics office said.", "en", "German exports"),
        ("CHICAGO (AP) — Two airlines cancelled 340 flights on Sunday after a blizzard.", "en", "Two airlines"),
        ("NEW YORK, June 4 — Shares of Orbis Labs fell 12% on Monday.", "en", "Shares of Orbis"),
        ("MARSEILLE, 12 juin (AFP) - Le port a traité 71 millions de tonnes en 2024.", "fr", "Le port"),
        ("Rennes (AFP) – La ville a planté 4 000 arbres l'hiver dernier.", "fr", "La ville"),
        ("BRUXELLES — La Commission a infligé une amende de 340 millions d'euros à Vantix.", "fr", "La Commission"),
        ("WASHINGTON, D.C. — The regulator fined Trenton Mutual $45 million on Monday.", "en", "The regulator"),
        ("DENVER, Colorado — The state recorded 1,900 wildfires in 2024.", "en", "The state"),
    ],
)
def test_dateline_is_left_out_of_every_claim(text: str, language: str, first_words: str) -> None:
    result = extract(text, language=language)
    _spans_ok(text, result.claims)
    body = text.index(first_words)
    assert result.claims
    assert all(c.start >= body for c in result.claims)
    assert any(c.checkworthy and c.text.startswith(first_words) for c in result.claims)


@pytest.mark.parametrize(
    ("line", "body"),
    [
        ("16h10 — Le préfet a ordonné l'évacuation de 300 habitants du quartier.", "Le préfet"),
        ("9h05 - La préfecture signale 14 blessés légers.", "La préfecture"),
        ("08:45 Les pompiers ont maîtrisé l'incendie vers 8 heures.", "Les pompiers"),
        ("11:40 a.m. ET: The river crested at 31 feet in Davenport, Iowa.", "The river"),
        ("3:02 p.m. — Officials reported 1,200 evacuations in Polk County.", "Officials"),
        ("7:15 a.m. Mayor Lin Tao closed 40 schools for the day.", "Mayor Lin"),
    ],
)
def test_live_blog_timestamp_is_not_part_of_the_claim(line: str, body: str) -> None:
    text = "Suivez nos informations en direct\n" + line + "\n"
    result = extract(text, language="fr" if "a.m" not in line and "p.m" not in line else "en")
    _spans_ok(text, result.claims)
    start = text.index(body)
    own = [c for c in result.claims if c.start >= text.index(line)]
    assert own and all(c.start >= start for c in own)
    assert any(c.checkworthy for c in own)


def test_a_timestamp_alone_never_becomes_a_claim() -> None:
    text = "14h50 —\nLe trafic reprend sur la ligne 4 du métro.\n"
    assert not any("14h50" in c for c in _worthy_texts(text, "fr"))


# --- web-page boilerplate -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Publié le 4 avril 2025 à 08h12, mis à jour à 09h00",
        "Mis à jour le 4 avril 2025 à 10h30",
        "Photo: Kim Lee/Reuters",
        "(Photo by Omar Haddad/Getty Images)",
        "Crédit photo : Marc Blanc / Hans Lucas",
        "Rivière en crue à Nevers. AFP / Guillaume Roux",
        "12 commentaires",
        "318 Comments",
        "Temps de lecture : 6 min",
        "Reading time: 7 minutes",
        "Lire aussi : Les 10 villes où les loyers ont le plus augmenté en 2024",
        "Nous utilisons des cookies pour vous offrir la meilleure expérience sur notre site.",
        "Partager sur Facebook",
        "By Ana Lopez | Updated Feb. 2, 2025 at 9:14 a.m.",
        "Par Hélène Girard et Thomas Perrin",
        "(Reporting by Ivan Petrov; Editing by Jane Moss)",
        "(Rédaction de Bruxelles, édité par Marc Joly)",
        "Par Le Parisien avec AFP",
        "Publié il y a 2 heures, mis à jour il y a 5 minutes",
        "Le 21/06/2025 à 16:05",
        "Posted March 2, 2025 at 4:10 PM",
        "Last modified on Wed 8 Jan 2025 09.15 GMT",
        "Vidéo - Les images des inondations à Morlaix en 2025",
        "3 of 15 | Rescuers search the rubble in Tainan on Feb. 6, 2025.",
        "Image caption, Volunteers clear mud in a street in Valencia",
        "Sur le même sujet",
    ],
)
def test_web_page_boilerplate_is_not_checkworthy(line: str) -> None:
    text = f"Le conseil municipal a voté un budget de 82 millions d'euros en 2025.\n{line}\n"
    result = extract(text, language="fr")
    _spans_ok(text, result.claims)
    assert not any(c.checkworthy for c in result.claims if c.start >= text.index(line))
    assert any(c.checkworthy for c in result.claims if c.end <= text.index(line))


@pytest.mark.parametrize(
    "sentence",
    [
        "By 2030, the city will plant 25,000 trees along its main avenues.",
        "Par ailleurs, Jean Morel a dirigé la société de 2011 à 2019.",
        "A new survey found that 61% of nurses plan to leave the profession.",
        "10 people died in the floods in Valencia on Tuesday.",
        "Q2 revenue rose 8% to $4.1 billion at Kestrel Foods.",
        "Le 3 mars 2025, le Parlement a adopté la loi sur l'eau par 310 voix.",
        "On Feb. 4, 2025 at 10 a.m., the Senate confirmed 3 judges.",
    ],
)
def test_ordinary_sentences_keep_their_first_words(sentence: str) -> None:
    result = extract(sentence + "\n", language="en" if sentence.isascii() else "fr")
    assert result.claims[0].start == 0
    assert any(c.checkworthy for c in result.claims)


# --- interviews -----------------------------------------------------------------------------------------------------


def test_interviewer_label_marks_a_question() -> None:
    text = "Interviewer: Your port handled 2.4 million containers in 2024.\nKim: We handled 2.1 million, a record.\n"
    result = extract(text, language="en")
    _spans_ok(text, result.claims)
    assert not any(c.checkworthy and "2.4 million" in c.text for c in result.claims)
    assert any(c.checkworthy and "2.1 million" in c.text for c in result.claims)


def test_interview_questions_are_not_checkworthy_but_answers_are() -> None:
    text = (
        "Q: Your district lost 2,000 students since 2020.\n"
        "A: Enrollment fell by 1,850 pupils between 2020 and 2024, according to our own count.\n"
        "Q: How many schools will close?\n"
        "A: Four elementary schools will close in June.\n"
    )
    result = extract(text, language="en")
    _spans_ok(text, result.claims)
    worthy = [c.text for c in result.claims if c.checkworthy]
    assert not any("2,000 students" in t for t in worthy)
    assert not any("How many" in t for t in worthy)
    assert any(t.startswith("Enrollment fell by 1,850") for t in worthy)
    assert any(t.startswith("Four elementary schools") for t in worthy)
    assert not any(c.text.startswith(("Q:", "A:")) for c in result.claims)
    question = next(c for c in result.claims if "2,000 students" in c.text)
    assert R.INTERVIEWER_QUESTION in R.codes(question.reasons)


def test_dialogue_dashes_question_turn_is_left_out_even_with_figures() -> None:
    text = (
        "— Vous aviez promis 500 logements sociaux en 2023. Le compte y est-il ?\n"
        "— Nous en avons livré 420 à la fin de l'année, selon le bilan de l'office.\n"
        "Question : Vous avez quitté la mairie de Tours en 2021.\n"
        "Réponse : J'ai présidé la métropole de 2014 à 2020.\n"
    )
    worthy = _worthy_texts(text, "fr")
    assert not any("500 logements" in t or "Tours en 2021" in t for t in worthy)
    assert any(t.startswith("Nous en avons livré 420") for t in worthy)
    assert any(t.startswith("J'ai présidé la métropole") for t in worthy)


def test_capitalised_speaker_turns_are_dialogue() -> None:
    text = (
        "LA TRIBUNE. - Vous avez fermé 6 usines depuis 2022 ?\n"
        "MARC ALBERT. - Nous en avons fermé 4, et ouvert 2 autres en Pologne en 2024.\n"
    )
    result = extract(text, language="fr")
    _spans_ok(text, result.claims)
    assert not any(c.checkworthy and "6 usines" in c.text for c in result.claims)
    assert any(c.checkworthy and c.text.startswith("Nous en avons fermé 4") for c in result.claims)
    assert not any(c.text.startswith(("LA TRIBUNE", "MARC ALBERT")) for c in result.claims)


def test_block_roles() -> None:
    text = (
        "Q. Why now?\nA. Because costs rose 9%.\n- item one is here\n1. Second item\nPlain line.\n— Un tour de parole."
    )
    roles = [role for _span, role in blocks(text)]
    assert roles == [ROLE_QUESTION, ROLE_ANSWER, ROLE_ITEM, ROLE_ITEM, ROLE_TEXT, ROLE_ANSWER]
    starts = [text[span.start : span.start + 3] for span, _role in blocks(text)]
    assert starts == ["Why", "Bec", "ite", "Sec", "Pla", "Un "]


# --- lists, headlines, tables ---------------------------------------------------------------------------------------


def test_list_items_are_separate_claims_without_their_markers() -> None:
    text = (
        "Les chiffres clés du rapport :\n"
        "- 18 % des agriculteurs ont plus de 60 ans ;\n"
        "• la surface bio a reculé de 2 % en 2024 ;\n"
        "* les exportations de vin ont atteint 15,6 milliards d'euros\n"
        "1. Le prix du lait a baissé de 4 % sur un an.\n"
        "2) La région Bretagne compte 23 000 exploitations.\n"
    )
    result = extract(text, language="fr")
    _spans_ok(text, result.claims)
    worthy = [c.text for c in result.claims if c.checkworthy]
    for start in ("18 % des agriculteurs", "la surface bio", "les exportations de vin", "Le prix du lait", "La région"):
        assert any(t.startswith(start) for t in worthy), start
    assert not any(c.text[:1] in "-•*" or c.text[:2] in ("1.", "2)") for c in result.claims)
    assert len({c.paragraph_index for c in result.claims if c.checkworthy}) == 5


def test_headline_without_stop_is_its_own_unit() -> None:
    text = "TRAFFIC DEATHS DROP 9% ACROSS TEXAS\nTraffic deaths in Texas fell 9% in 2024, the transport agency said.\n"
    result = extract(text, language="en")
    _spans_ok(text, result.claims)
    assert result.claims[0].text == "TRAFFIC DEATHS DROP 9% ACROSS TEXAS"
    assert all(c.end <= text.index("\n") or c.start > text.index("\n") for c in result.claims)


def test_table_header_is_not_checkworthy_and_rows_stay_apart() -> None:
    text = "Imports fell 3% in April.\nCountry\tApril\tMarch\nChina\t41.2\t43.0\nMexico\t38.9\t39.5\n"
    result = extract(text, language="en")
    _spans_ok(text, result.claims)
    assert not any(c.checkworthy for c in result.claims if c.text.startswith("Country"))
    assert all("\n" not in c.text for c in result.claims)


# --- abbreviations --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Sen. Ortiz met Gov. Hale in St. Paul on Jan. 5 to discuss the plan.",
        "The team is now ranked No. 2 vs. No. 7 last year, said Dr. Reyes of Acme Inc. in a memo.",
        "Le 1er mars, Mme Lefort a invoqué l'art. 12 du règlement devant env. 40 élus.",
        "Le décret n° 412 vise p. ex. les communes du XXIe siècle, selon M. Dubois et le Dr Marin.",
        "Le projet, c.-à-d. la nouvelle ligne, coûtera 2 milliards d'euros, etc. selon la région.",
    ],
)
def test_abbreviations_do_not_break_sentences(sentence: str) -> None:
    assert len(split_sentences(sentence)) == 1


def test_sentence_still_ends_after_a_real_stop_following_an_abbreviation_list() -> None:
    text = "The firm is based in St. Louis. It employs 900 people."
    assert [text[s.start : s.end] for s in split_sentences(text)] == [
        "The firm is based in St. Louis.",
        "It employs 900 people.",
    ]


# --- CRLF, non-breaking spaces, typography --------------------------------------------------------------------------


def test_crlf_offsets_index_the_original_text() -> None:
    text = (
        "ROUEN (AFP) - La raffinerie a produit 6,2\u00a0millions de tonnes en 2024.\r\n"
        "\r\n"
        "14h20 — «\u202fNous avons réduit nos émissions de 11\u202f%\u202f», a affirmé la directrice, Anne Roy.\r\n"
        "- 320 salariés ont été formés — un record — depuis janvier.\r\n"
        "Les “quotas carbone” ont coûté 48\u00a0millions d’euros.\r\n"
    )
    result = extract(text, language="fr")
    assert result.claims
    _spans_ok(text, result.claims)
    assert all("\r" not in c.text and "\n" not in c.text for c in result.claims)
    assert not any(c.text.startswith(("ROUEN", "14h20", "-")) for c in result.claims)
    worthy = [c.text for c in result.claims if c.checkworthy]
    assert any(t.startswith("La raffinerie a produit 6,2") for t in worthy)
    assert any("320 salariés" in t for t in worthy)
    numbers = [n for c in result.claims for n in c.numbers]
    assert any(n["value"] == 11 and n["unit"] == "percent" for n in numbers)
    assert any(n["value"] == 6.2e6 for n in numbers)


def test_lone_carriage_returns_are_line_breaks_too() -> None:
    text = "Le lac a perdu 30 % de son volume.\rLes pêcheurs ont capturé 2 tonnes de moins en 2024.\r"
    result = extract(text, language="fr")
    _spans_ok(text, result.claims)
    assert len({c.paragraph_index for c in result.claims}) == 2


# --- numbers and dates ----------------------------------------------------------------------------------------------


def test_us_money_and_percent_formats_are_normalised() -> None:
    text = "Harbor Bank posted a profit of $1.2 billion for 2024, up 3.5% from 2023, and cut 450 jobs.\n"
    result = extract(text, language="en")
    _spans_ok(text, result.claims)
    numbers = [n for c in result.claims for n in c.numbers]
    assert {"value": 1_200_000_000, "unit": "USD"}.items() <= next(
        n for n in numbers if n["text"] == "$1.2 billion"
    ).items()
    assert {"value": 3.5, "unit": "percent"}.items() <= next(n for n in numbers if n["text"] == "3.5%").items()
    assert any(c.text.startswith("up 3.5%") for c in result.claims)  # a separate, dependent claim


@pytest.mark.parametrize(
    ("text", "language", "iso"),
    [
        ("The pipeline reopened on Jan. 5, 2025 after a two-week shutdown.", "en", "2025-01-05"),
        ("The vote is scheduled for Sept. 30, 2025 in the House.", "en", "2025-09-30"),
        ("La loi est entrée en vigueur le 1er janvier 2025 dans toute la France.", "fr", "2025-01-01"),
        ("Le chantier a démarré le 3 févr. 2024 à Nantes.", "fr", "2024-02-03"),
    ],
)
def test_dates_are_given_in_iso(text: str, language: str, iso: str) -> None:
    result = extract(text, language=language)
    _spans_ok(text, result.claims)
    assert iso in [d["iso"] for c in result.claims for d in c.dates]
    # The day of the month is part of the date, not a separate figure.
    assert not any(n["text"] in ("5", "30", "1", "3") for c in result.claims for n in c.numbers)


# --- hard-wrapped copy-paste (PDF, e-mail, press releases) --------------------------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_hard_wrapped_lines_are_joined_into_one_paragraph(newline: str) -> None:
    text = newline.join(
        [
            "Selon la préfecture, les pluies de la nuit ont provoqué l'évacuation de",
            "1 450 habitants dans trois communes de la vallée, dont Quimperlé. Les",
            "secours sont intervenus 320 fois entre minuit et 6 heures du matin,",
            "Météo-France maintenant sa vigilance orange jusqu'à jeudi.",
            "",
        ]
    )
    result = extract(text, language="fr")
    _spans_ok(text, result.claims)
    assert len({c.paragraph_index for c in result.claims}) == 1
    worthy = [c.text for c in result.claims if c.checkworthy]
    assert any("l'évacuation de" in t and "1 450 habitants" in t for t in worthy)
    assert any(t.startswith("Les") and "320 fois" in t for t in worthy)


@pytest.mark.parametrize(
    "text",
    [
        "Accueil\nactualités\nsociété\n",  # short menu lines
        "The mayor posted the figures on social media on Tuesday, March 3\npic.twitter.com/Qa12\n",
        "Grève à la SNCF : suivez en direct la journée de mobilisation nationale\n14h32 — Le trafic reprend.\n",
        "Country     2023     2024\n1. France   4.1%     3.2%\n",
        "La mairie a voté un budget de 82 millions d'euros pour la rénovation\n24 commentaires\n",
        "Le chômage recule au troisième trimestre\nLe taux de chômage a baissé à 7,2 %.\n",
    ],
)
def test_lines_that_are_not_wrapped_stay_apart(text: str) -> None:
    first_break = text.index("\n")
    result = extract(text, language="fr")
    _spans_ok(text, result.claims)
    assert all(c.end <= first_break or c.start > first_break for c in result.claims)


@pytest.mark.parametrize(
    "line",
    [
        "Propos recueillis par Camille Roussel",
        "Media contact: Jordan Blake, +1 212 555 0188",
        "Contact presse : Lucie Martin, 01 45 00 00 00",
        "FOR IMMEDIATE RELEASE",
        "###",
        "— Lina Costa (@linacosta) May 14, 2025",
        "pic.twitter.com/Zx81kQ",
        "A post shared by Port of Oakland (@portofoakland)",
        "Contributing: Sam Ortiz, Daily Ledger",
        "Reuters reporter Ana Silva in Lisbon contributed to this report.",
        "Follow Priya Nair on X: @priyanair",
        "Editor's note: This story was updated on May 15 to correct the number of ships.",
    ],
)
def test_interview_and_press_release_furniture_is_boilerplate(line: str) -> None:
    text = f"Harlow Foods said sales rose 6% to $2.3 billion in 2024.\n{line}\n"
    result = extract(text, language="en")
    _spans_ok(text, result.claims)
    assert not any(c.checkworthy for c in result.claims if c.start >= text.index(line))


def test_markdown_heading_and_quote_markers_are_left_out() -> None:
    text = "## Les loyers flambent à Lyon\n> Les loyers ont augmenté de 9 % en 2024 à Lyon, selon l'observatoire.\n"
    result = extract(text, language="fr")
    _spans_ok(text, result.claims)
    assert result.claims[0].text == "Les loyers flambent à Lyon"
    assert any(c.checkworthy and c.text.startswith("Les loyers ont augmenté de 9 %") for c in result.claims)


@pytest.mark.parametrize(
    ("text", "language", "iso"),
    [
        ("The recall began on 3/14/2025 in 12 states.", "en", "2025-03-14"),
        ("The audit was published on 04/03/2025 by the agency.", "en", "2025-04-03"),
        ("L'audit a été publié le 04/03/2025 par l'agence.", "fr", "2025-03-04"),
        ("Le contrat a été signé le 25/12/2024 à Lille.", "fr", "2024-12-25"),
    ],
)
def test_numeric_dates_follow_the_language_order(text: str, language: str, iso: str) -> None:
    result = extract(text, language=language)
    assert iso in [d["iso"] for c in result.claims for d in c.dates]


def test_percentage_point_singular_is_a_unit() -> None:
    result = extract("Le taux directeur a baissé de 0,5 point de pourcentage en juin.", language="fr")
    units = [n["unit"] for c in result.claims for n in c.numbers]
    assert "percentage points" in units


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("La dépêche (AFP) a révélé que 40 sites avaient été fermés en 2024.", "fr"),
        ("SNCF — la compagnie a supprimé 1 200 trains en mars.", "fr"),
        ("NASA said on Monday that its probe had travelled 6 billion km.", "en"),
        ("Reuters (Reuters) reported 3 deaths.", "en"),
    ],
)
def test_sentences_that_only_look_like_datelines_keep_their_subject(text: str, language: str) -> None:
    result = extract(text, language=language)
    assert result.claims[0].start == 0


def test_crlf_english_rule_engine_offsets() -> None:
    text = (
        "SEATTLE (AP) — Boeing delivered 45 jets in May, up 12% from April.\r\n"
        "Q: Did the company meet its target of 50 jets?\r\n"
        "A: It fell short by 5 jets, according to the Jan. 5 filing with the SEC.\r\n"
        "• Orders reached $3.4\u00a0billion in the quarter\r\n"
    )
    result = extract(text, language="en")
    _spans_ok(text, result.claims)
    assert all("\r" not in c.text for c in result.claims)
    worthy = [c.text for c in result.claims if c.checkworthy]
    assert any(t.startswith("Boeing delivered 45 jets") for t in worthy)
    assert any(t.startswith("It fell short by 5 jets") for t in worthy)
    assert any(t.startswith("Orders reached $3.4") for t in worthy)
    assert not any("target of 50 jets" in t for t in worthy)
    money = [n for c in result.claims for n in c.numbers if n["unit"] == "USD"]
    assert money and money[0]["value"] == 3.4e9


def test_list_items_inherit_the_source_of_their_intro() -> None:
    text = (
        "D'après la Dares :\n"
        "- 310 000 contrats d'apprentissage ont été signés en 2024 ;\n"
        "- 42 % des apprentis préparent un diplôme du supérieur.\n"
        "Les chiffres clés :\n"
        "- 18 régions ont augmenté leurs aides en 2024.\n"
    )
    result = extract(text, language="fr")
    _spans_ok(text, result.claims)
    by_start = {c.text[:12]: c.attribution for c in result.claims}
    assert by_start["310 000 cont"] and "Dares" in by_start["310 000 cont"]
    assert by_start["42 % des app"] and "Dares" in by_start["42 % des app"]
    assert by_start["18 régions o"] is None
