"""Why no text came out of an archived page is stored as a code with parameters and read in the reader's language
(the snapshot text page, the admin, the API); old English text is migrated to codes or shown as it is."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from pytest_httpserver import HTTPServer

from sources import services
from sources.archiving.extract import extract_page, warm_up
from sources.models import Snapshot
from tests.factories import SnapshotFactory, api

pytestmark = pytest.mark.django_db

FR = {"HTTP_ACCEPT_LANGUAGE": "fr"}
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n\x00\x01\x02binary\n%%EOF\n"
_migration = importlib.import_module("sources.migrations.0011_extraction_error_codes_data")


@pytest.fixture
def pdf_snapshot(site: HTTPServer) -> Snapshot:
    site.expect_request("/report").respond_with_data(PDF, content_type="text/html")
    source, _ = services.source_for_url(url=site.url_for("/report"))
    done = services.snapshot_archive(snapshot_id=services.snapshot_request(source=source, enqueue=False).pk)
    assert done is not None and done.status == Snapshot.Status.ARCHIVED
    return done


@pytest.fixture
def too_large() -> Snapshot:
    return SnapshotFactory(
        status=Snapshot.Status.ARCHIVED,
        sha256="0" * 64,
        extraction_error="page too large to extract (6000000 bytes)",
        extraction_error_code="text_too_large",
        extraction_error_params={"size": 6_000_000},
    )


def _text_page(user: Any, snapshot: Snapshot, headers: dict[str, str]) -> str:
    client = Client(**headers)
    client.force_login(user)
    response = client.get(reverse("sources:snapshot_text", args=[snapshot.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_pdf_is_stored_as_a_code_with_its_real_and_declared_types(pdf_snapshot: Snapshot) -> None:
    assert pdf_snapshot.extraction_error_code == "not_text"
    assert pdf_snapshot.extraction_error_params == {"type": "application/pdf", "served_as": "text/html"}
    assert "application/pdf" in pdf_snapshot.extraction_error  # the English detail stays for the admin


def test_a_pdf_source_reads_in_french_on_a_french_page(alice: Any, pdf_snapshot: Snapshot) -> None:
    html = _text_page(alice, pdf_snapshot, FR)
    assert "Aucun texte extrait : la réponse est de type application/pdf (annoncée comme text/html)" in html
    assert "No text extracted" not in html


def test_a_pdf_source_reads_in_english_on_an_english_page(alice: Any, pdf_snapshot: Snapshot) -> None:
    html = _text_page(alice, pdf_snapshot, EN)
    assert "No text extracted: the response is application/pdf (served as text/html)" in html
    assert "Aucun texte" not in html


def test_a_too_large_page_reads_in_the_readers_language(alice: Any, too_large: Snapshot) -> None:
    french = _text_page(alice, too_large, FR)
    assert "La page est trop volumineuse (6" in french and "000 octets) pour qu’on en extraie le texte." in french
    assert "too large" not in french
    english = _text_page(alice, too_large, EN)
    assert "The page is too large (6,000,000 bytes) for its text to be extracted." in english


def test_the_extractor_reports_a_too_large_page_and_a_timeout_as_codes() -> None:
    body = b"<html><body><p>" + b"x" * 2000 + b"</p></body></html>"
    large = extract_page(body, content_type="text/html", max_bytes=1000)
    assert large.error_code == "text_too_large" and large.error_params == {"size": len(body)}
    warm_up()  # the parser is loaded before the 0.05 s alarm, as in a worker
    slow = extract_page(("<p>words in a paragraph</p>\n" * 60_000).encode(), content_type="text/html", time_limit=0.05)
    assert slow.error_code == "text_timed_out" and slow.error_params == {"seconds": 0.05}


def test_the_api_gives_the_code_and_the_text_in_the_requests_language(alice: Any, pdf_snapshot: Snapshot) -> None:
    client = api(alice)
    french = client.get(reverse("api-snapshot", args=[pdf_snapshot.pk]), **FR).json()
    assert french["extraction_error_code"] == "not_text"
    assert french["extraction_error_params"] == {"type": "application/pdf", "served_as": "text/html"}
    assert french["extraction_error_text"].startswith("Aucun texte extrait : la réponse est de type application/pdf")
    assert french["extraction_error"].startswith("No text extracted")  # the English detail, unchanged
    english = client.get(reverse("api-snapshot", args=[pdf_snapshot.pk]), **EN).json()
    assert english["extraction_error_text"].startswith("No text extracted: the response is application/pdf")


def test_the_admin_shows_the_error_in_words_with_its_code(dave: Any, too_large: Snapshot) -> None:
    client = Client(**FR)
    client.force_login(dave)
    html = client.get(reverse("admin:sources_snapshot_change", args=[too_large.pk])).content.decode()
    assert "La page est trop volumineuse" in html and "text_too_large" in html


@pytest.mark.parametrize(
    ("text", "code", "params"),
    [
        ("page too large to extract (6000000 bytes)", "text_too_large", {"size": 6000000}),
        ("extraction timed out after 20s", "text_timed_out", {"seconds": 20}),
        ("extraction timed out after 0.05s", "text_timed_out", {"seconds": 0.05}),
        ("page too deeply nested to extract (more than 256 levels)", "text_too_deep", {"levels": 256}),
        ("page too deeply nested to extract", "text_recursion", {}),
        ("extraction failed: ValueError", "text_parser_failed", {"error": "ValueError"}),
        ("Text extraction failed: boom", "text_failed", {}),
        ("No text extracted: the response is application/pdf (served as text/html); its bytes are in the archive.",
         "not_text", {"type": "application/pdf", "served_as": "text/html"}),
        ("No text extracted: the response is image (served as no content type); its bytes are in the archive.",
         "not_text", {"type": "image", "served_as": ""}),
        ("the parser said something else", "", {}),
    ],
)  # fmt: skip
def test_the_migration_maps_known_english_extraction_errors_to_codes(text: str, code: str, params: Any) -> None:
    assert _migration.extraction_code(text) == (code, params)


def test_the_migration_codes_old_rows_and_keeps_unknown_text_verbatim(alice: Any) -> None:
    old = SnapshotFactory(status=Snapshot.Status.ARCHIVED, sha256="1" * 64,
                          extraction_error="page too large to extract (6000000 bytes)")  # fmt: skip
    odd = SnapshotFactory(status=Snapshot.Status.ARCHIVED, sha256="2" * 64, extraction_error="typed by an admin")
    _migration.forward(apps, None)
    old.refresh_from_db()
    odd.refresh_from_db()
    assert old.extraction_error_code == "text_too_large" and old.extraction_error_params == {"size": 6000000}
    assert odd.extraction_error_code == "" and "typed by an admin" in _text_page(alice, odd, FR)
    assert "trop volumineuse" in _text_page(alice, old, FR)
