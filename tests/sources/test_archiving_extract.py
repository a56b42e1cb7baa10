"""Tests for sources.archiving.extract and the charset cases it relies on (sources.fetcher.decode_text)."""

from __future__ import annotations

import threading
import time
from datetime import date

import pytest

from claims.extraction import extract
from sources.archiving.extract import PageExtract, extract_page, sniff_kind
from sources.fetcher import decode_text

NAV_FR = """
<header class="site-header"><a href="/" class="logo">La Gazette du Centre</a>
<nav><ul><li><a href="/politique">Politique</a></li><li><a href="/economie">Économie</a></li>
<li><a href="/societe">Société</a></li><li><a href="/sport">Sport</a></li><li><a href="/abonnement">Je m'abonne</a></li>
</ul></nav></header>"""

ARTICLE_FR = f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">
<title>Chômage : le taux remonte à 7,4 % au premier trimestre - La Gazette du Centre</title>
<meta name="author" content="Claire Martin">
<meta property="og:title" content="Chômage : le taux remonte à 7,4 % au premier trimestre">
<meta property="article:published_time" content="2024-05-16T07:45:00+02:00">
<link rel="canonical" href="https://www.gazette-centre.fr/economie/chomage-taux-premier-trimestre.html">
</head><body>{NAV_FR}
<main><article>
<h1>Chômage : le taux remonte à 7,4 % au premier trimestre</h1>
<p class="byline">Par <span class="author">Claire Martin</span>, publié le 16 mai 2024</p>
<p>Le taux de chômage au sens du Bureau international du travail a atteint 7,4 % de la population active au premier
trimestre 2024, selon les chiffres publiés jeudi par l'Insee. Il s'agit d'une hausse de 0,1 point par rapport au
trimestre précédent.</p>
<p>Le nombre de chômeurs augmente de 23 000 personnes sur le trimestre, pour s'établir à 2,3 millions. La hausse
concerne surtout les jeunes de 15 à 24 ans, dont le taux de chômage progresse de 0,9 point à 18,1 %.</p>
<p>Le gouvernement maintient son objectif de plein emploi d'ici 2027, soit un taux de chômage autour de 5 %. Plusieurs
économistes jugent toutefois cet objectif difficile à atteindre compte tenu du ralentissement de la croissance.</p>
<p>« Le marché du travail montre des signes d'essoufflement après plusieurs années de créations d'emplois
dynamiques », analyse une économiste de l'Observatoire français des conjonctures économiques.</p>
</article>
<aside class="related"><h2>À lire aussi</h2><ul><li><a href="/a">Retraites : la réforme entre en vigueur</a></li>
<li><a href="/b">Inflation : les prix ralentissent en avril</a></li></ul></aside>
</main>
<footer><p>© 2024 La Gazette du Centre. Tous droits réservés.</p><a href="/mentions">Mentions légales</a>
<a href="/cookies">Gestion des cookies</a><a href="/contact">Nous contacter</a></footer>
</body></html>"""

ARTICLE_EN = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>City council approves $45 million bridge repair plan | The Riverside Courier</title>
<meta name="author" content="James O'Connor">
<meta name="date" content="2023-11-02">
</head><body>
<div class="topbar"><a href="/subscribe">Subscribe now</a> | <a href="/login">Sign in</a></div>
<nav class="menu"><a href="/news">News</a> <a href="/sports">Sports</a> <a href="/opinion">Opinion</a>
<a href="/weather">Weather</a> <a href="/obituaries">Obituaries</a></nav>
<div class="content"><article class="story">
<h1>City council approves $45 million bridge repair plan</h1>
<div class="meta">By James O'Connor · November 2, 2023</div>
<p>The Riverside city council voted 7 to 2 on Wednesday night to approve a $45 million plan to repair the Main Street
bridge, which engineers rated structurally deficient in a 2022 inspection.</p>
<p>Work is scheduled to begin in March and will close two of the four lanes for about eighteen months. The city
expects federal grants to cover roughly 60 percent of the cost, with the remainder funded by a municipal bond.</p>
<p>Council member Ana Ruiz, who voted against the plan, said the city had not studied cheaper alternatives such as
a partial replacement of the deck. Residents who spoke at the meeting mostly supported the repairs.</p>
</article></div>
<div class="newsletter">Sign up for our morning newsletter and never miss a story.</div>
<footer>Copyright 2023 The Riverside Courier. All rights reserved. Privacy policy. Terms of use.</footer>
</body></html>"""

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog>>endobj\n<html><body><p>not html</p></body></html>\n%%EOF"


def test_french_article_main_text_and_metadata() -> None:
    result = extract_page(
        ARTICLE_FR.encode("utf-8"),
        content_type="text/html; charset=utf-8",
        url="https://www.gazette-centre.fr/economie/chomage?utm_source=x",
        time_limit=20,
    )
    assert result.error == ""
    assert result.kind == "html"
    assert "7,4 % de la population active au premier" in " ".join(result.text.split())
    assert "2,3 millions" in result.text
    assert "plein emploi d'ici 2027" in result.text
    for boilerplate in ("Je m'abonne", "Mentions légales", "Tous droits réservés", "Gestion des cookies"):
        assert boilerplate not in result.text
    assert result.title == "Chômage : le taux remonte à 7,4 % au premier trimestre"
    assert result.author == "Claire Martin"
    assert result.published == date(2024, 5, 16)
    assert result.language == "fr"
    assert result.encoding == "utf-8"
    assert result.page_canonical_url == "https://www.gazette-centre.fr/economie/chomage-taux-premier-trimestre.html"


def test_english_article_main_text_and_metadata() -> None:
    result = extract_page(
        ARTICLE_EN.encode("utf-8"), headers=[("Content-Type", "text/html")], url="https://courier.example/x"
    )
    assert result.error == ""
    assert "voted 7 to 2 on Wednesday night" in result.text
    assert "roughly 60 percent of the cost" in result.text
    for boilerplate in ("Subscribe now", "Obituaries", "morning newsletter", "Privacy policy"):
        assert boilerplate not in result.text
    assert "bridge repair plan" in result.title
    assert result.author == "James O'Connor"
    assert result.published == date(2023, 11, 2)
    assert result.language == "en"
    assert result.page_canonical_url == ""


def test_html_sniffed_when_type_missing_or_wrong() -> None:
    for content_type in ("", "application/octet-stream", "text/plain"):
        result = extract_page(ARTICLE_EN.encode(), content_type=content_type)
        assert result.kind == "html", content_type
        assert "voted 7 to 2" in result.text
        assert "<p>" not in result.text


def test_pdf_served_as_html_is_not_parsed() -> None:
    result = extract_page(PDF, content_type="text/html; charset=utf-8")
    assert result == PageExtract(kind="pdf")
    assert sniff_kind(PDF, "text/html") == "pdf"


@pytest.mark.parametrize(
    ("body", "content_type", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "text/html", "image"),
        (b"\xff\xd8\xff\xe0junk", "image/jpeg", "image"),
        (bytes(range(256)), "application/octet-stream", "binary"),
        (b"\x00\x01\x02\x03 random", "", "binary"),
        (b"", "text/html", "empty"),
        (b"just some words", "", "text"),
        (b'{"a": 1}', "application/json", "text"),
        (b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>', "", "html"),
        (b"  <!DOCTYPE html><html></html>", "image/png", "html"),
    ],
)
def test_sniff_kind(body: bytes, content_type: str, kind: str) -> None:
    assert sniff_kind(body, content_type) == kind


def test_non_html_bodies_give_no_text_and_no_error() -> None:
    for body, ctype in [(b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"), (bytes(range(256)) * 4, ""), (b"", "")]:
        result = extract_page(body, content_type=ctype)
        assert result.text == "" and result.error == ""


def test_plain_text_is_decoded() -> None:
    body = "Communiqué de presse\r\nLe préfet a annoncé la fermeture des écoles jusqu'à lundi.\r\n".encode("cp1252")
    result = extract_page(body, content_type="text/plain; charset=windows-1252")
    assert result.kind == "text"
    assert result.text == "Communiqué de presse\nLe préfet a annoncé la fermeture des écoles jusqu'à lundi."
    assert result.encoding == "cp1252"
    assert result.language == "fr"


# --- charset --------------------------------------------------------------------------------------------------------

PAGE = "<html><head>{meta}<title>Élection</title></head><body><p>Un électeur sur deux s'est abstenu à Besançon, où la "
PAGE += "participation a été très faible dimanche, selon la préfecture.</p></body></html>"


def test_charset_bom_wins_over_header() -> None:
    body = b"\xef\xbb\xbf" + PAGE.format(meta="").encode("utf-8")
    text, encoding = decode_text(body, {"Content-Type": "text/html; charset=iso-8859-1"})
    assert encoding == "utf-8" and text.startswith("<html>") and "électeur" in text
    text16, enc16 = decode_text(b"\xff\xfe" + "héllo".encode("utf-16-le"), [])
    assert (text16, enc16) == ("héllo", "utf-16-le")


def test_charset_from_header() -> None:
    body = PAGE.format(meta='<meta charset="utf-8">').encode("iso-8859-1")
    text, encoding = decode_text(body, [("content-type", "text/html; charset=ISO-8859-1")])
    assert encoding == "cp1252"  # WHATWG: latin-1 labels decode as windows-1252
    assert "électeur" in text and "\ufffd" not in text


def test_charset_from_meta_tags() -> None:
    body = PAGE.format(meta='<meta charset="windows-1252">').encode("cp1252")
    assert decode_text(body, {"Content-Type": "text/html"})[1] == "cp1252"
    body2 = PAGE.format(meta='<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15">').encode(
        "iso-8859-15"
    )
    text, encoding = decode_text(body2, [])
    assert encoding == "iso8859-15" and "Besançon" in text
    assert decode_text(b'<meta charset="utf-16"><p>\xc3\xa9</p>', {})[1] == "utf-8"
    assert decode_text(b'<meta charset="no-such-charset"><p>\xc3\xa9</p>', {})[1] == "utf-8"
    result = extract_page(body2, content_type="text/html")  # header without charset: the meta decides
    assert result.encoding == "iso8859-15" and "Besançon" in result.text


def test_charset_detection_without_declaration() -> None:
    text_fr = (
        "Le conseil municipal a voté mercredi une hausse de la taxe foncière, décision très critiquée par "
        "l'opposition, qui dénonce un budget élaboré sans concertation ni étude préalable. "
    ) * 5
    body = text_fr.encode("cp1252")
    text, encoding = decode_text(body, {})
    assert "décision très critiquée" in text
    assert extract_page(body, content_type="text/plain").text.startswith("Le conseil municipal a voté")
    assert encoding in {"cp1252", "iso8859-1", "iso8859-15", "cp1250", "latin_1"}
    assert decode_text("déjà vu".encode(), []) == ("déjà vu", "utf-8")


def test_invalid_bytes_are_replaced_deterministically() -> None:
    body = b"<html><body><p>caf\xc3\xa9 \xff\xfe broken \xc3</p></body></html>"
    first = decode_text(body, {"Content-Type": "text/html; charset=utf-8"})
    assert first == decode_text(body, {"Content-Type": "text/html; charset=utf-8"})
    assert "café" in first[0] and "\ufffd" in first[0]
    result = extract_page(body, content_type="text/html; charset=utf-8")
    assert result.error == "" and "café" in result.text


def test_unknown_header_charset_falls_back() -> None:
    text, encoding = decode_text("é".encode(), {"Content-Type": "text/html; charset=klingon"})
    assert (text, encoding) == ("é", "utf-8")


# --- bounds ---------------------------------------------------------------------------------------------------------


def test_huge_page_is_refused_quickly() -> None:
    body = b"<html><head><link rel=canonical href='/c'></head><body><p>" + b"x" * 6_000_000 + b"</p></body></html>"
    started = time.monotonic()
    result = extract_page(body, content_type="text/html", url="https://e.com/a", time_limit=2, max_bytes=5_000_000)
    assert time.monotonic() - started < 2
    assert result.error == f"page too large to extract ({len(body)} bytes)"
    assert result.text == ""
    assert result.page_canonical_url == "https://e.com/c"


def test_deeply_nested_divs_finish_with_error() -> None:
    body = ("<html><body>" + "<div>" * 100_000 + "<p>deep</p>" + "</div>" * 100_000 + "</body></html>").encode()
    started = time.monotonic()
    result = extract_page(body, content_type="text/html", time_limit=3)
    assert time.monotonic() - started < 3.5
    assert result.error != ""
    assert result.text == ""


def test_time_limit_interrupts_long_extraction() -> None:
    body = ("<html><body>" + "<p>some words in a paragraph here</p>\n" * 60_000 + "</body></html>").encode()
    started = time.monotonic()
    result = extract_page(body, content_type="text/html", time_limit=0.05)
    assert time.monotonic() - started < 2
    assert result.error == "extraction timed out after 0.05s"
    assert result.text == ""
    assert result.encoding == "utf-8"


def test_time_limit_is_skipped_outside_main_thread() -> None:
    out: list[PageExtract] = []
    thread = threading.Thread(target=lambda: out.append(extract_page(ARTICLE_EN.encode(), time_limit=0.000001)))
    thread.start()
    thread.join(30)
    assert out and out[0].error == "" and "voted 7 to 2" in out[0].text


def test_outer_alarm_is_restored() -> None:
    import signal

    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(signum))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.5)
        extract_page(ARTICLE_EN.encode(), time_limit=5)
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 0
        deadline = time.monotonic() + 2
        while not fired and time.monotonic() < deadline:
            time.sleep(0.01)
        assert fired
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _page(body: str, *, title: str = "", lang: str = "") -> bytes:
    lang_attr = f' lang="{lang}"' if lang else ""
    return f"<html{lang_attr}><head><title>{title}</title></head><body><p>{body}</p></body></html>".encode()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le gouvernement a présenté jeudi son projet de loi sur l'immigration.", "fr"),
        ("The government presented its immigration bill on Thursday.", "en"),
        ("El gobierno presentó el jueves su proyecto de ley de inmigración.", "es"),
        ("Правительство в четверг представило законопроект об иммиграции.", "ru"),
    ],
)
def test_a_page_language_is_decided_by_the_detector_the_claim_extraction_uses(text: str, expected: str) -> None:
    page = extract_page(_page(text), content_type="text/html; charset=utf-8", url="https://example.org/a")
    assert page.language == expected
    assert extract(text).language == expected  # the same detector: an imported article keeps its page's language


def test_a_page_too_short_to_detect_falls_back_on_its_title_then_on_html_lang() -> None:
    from_title = extract_page(
        _page("Voir aussi.", title="Le gouvernement présente son projet de loi sur l'immigration", lang="de"),
        content_type="text/html; charset=utf-8",
        url="https://example.org/b",
    )
    assert from_title.language == "fr"
    from_lang = extract_page(_page("Voir aussi.", lang="de"), content_type="text/html", url="https://example.org/c")
    assert from_lang.language == "de"
    assert extract_page(b"ok", content_type="text/plain").language == ""


def test_charset_from_headers_mapping_or_pairs() -> None:
    body = PAGE.format(meta="").encode("cp1252")
    for headers in (
        {"Content-Type": "text/html; charset=windows-1252"},
        [("content-type", "text/html; charset=cp1252")],
    ):
        result = extract_page(body, headers=headers)
        assert result.encoding == "cp1252"
        assert "Besançon" in result.text
