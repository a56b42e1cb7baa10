"""Reasons and errors are stored as codes with parameters and read in the reader's language; old English text
is migrated to codes when recognised and otherwise shown as it is."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pytest_httpserver import HTTPServer

from claims.extraction import reasons as R
from sources import services
from sources.models import Snapshot
from tests.factories import ArticleFactory, ClaimFactory, EvidenceFactory, SnapshotFactory, api

pytestmark = pytest.mark.django_db

FR = {"HTTP_ACCEPT_LANGUAGE": "fr"}
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def failed_claim(alice: Any) -> Any:
    article = ArticleFactory(created_by=alice, body="Le chômage a atteint 7 % en 2024.", title="Chômage")
    claim = ClaimFactory(
        article=article,
        reasons=[R.reason(R.FIGURES, figures=["7 %"]), R.reason(R.ATTRIBUTED, speaker="l'Insee")],
    )
    evidence = EvidenceFactory(claim=claim, added_by=alice)
    SnapshotFactory(
        source=evidence.source,
        status=Snapshot.Status.FAILED,
        error_code="http_server_error",
        error_params={"status": 503, "gave_up_after": 3},
        error_message="Gave up after 3 attempts. Last error: HTTP 503: server error, retrying with backoff",
    )
    return claim


def _page(user: Any, claim: Any, headers: dict[str, str]) -> str:
    client = Client(**headers)
    client.force_login(user)
    return client.get(reverse("claims:claim_detail", args=[claim.pk])).content.decode()


def test_a_claims_reasons_and_a_failed_capture_read_in_french_on_a_french_page(alice: Any, failed_claim: Any) -> None:
    html = _page(alice, failed_claim, FR)
    assert "contient des chiffres (7 %)" in html and "attribuée à l&#x27;Insee" in html
    assert "Abandon après 3 tentatives. Dernière erreur : Erreur du serveur (HTTP 503)." in html
    assert "contains figures" not in html and "Gave up" not in html


def test_the_same_claim_reads_in_english_on_an_english_page(alice: Any, failed_claim: Any) -> None:
    html = _page(alice, failed_claim, EN)
    assert "contains figures (7 %)" in html and "attributed to l&#x27;Insee" in html
    assert "Gave up after 3 attempts. Last error: Server error (HTTP 503)." in html


def test_the_api_gives_the_codes_and_a_message_in_the_requests_language(alice: Any, failed_claim: Any) -> None:
    client = api(alice)
    data = client.get(reverse("api-claim", args=[failed_claim.pk]), **FR).json()
    assert data["reasons"][0] == {
        "code": "figures",
        "params": {"figures": ["7 %"]},
        "message": "contient des chiffres (7 %)",
    }
    snapshot = Snapshot.objects.get(source__evidence__claim=failed_claim)
    english = client.get(reverse("api-snapshot", args=[snapshot.pk]), **EN).json()
    assert english["error_code"] == "http_server_error" and english["error_params"]["status"] == 503
    assert english["error_text"] == "Gave up after 3 attempts. Last error: Server error (HTTP 503)."
    french = client.get(reverse("api-snapshot", args=[snapshot.pk]), **FR).json()
    assert french["error_text"].startswith("Abandon après 3 tentatives")


def test_text_stored_before_codes_is_shown_as_it_is(alice: Any) -> None:
    claim = ClaimFactory(article=ArticleFactory(created_by=alice), reasons=["has a figure"])
    assert "has a figure" in _page(alice, claim, FR)
    assert api(alice).get(reverse("api-claim", args=[claim.pk]), **FR).json()["reasons"] == [
        {"code": "", "params": {}, "message": "has a figure"}
    ]


def test_a_404_is_stored_as_a_code_with_its_status(site: HTTPServer) -> None:
    site.expect_request("/gone").respond_with_data("not here", status=404)
    source, _ = services.source_for_url(url=site.url_for("/gone"))
    snapshot = services.snapshot_request(source=source, enqueue=False)
    done = services.snapshot_archive(snapshot_id=snapshot.pk)
    assert done is not None and done.error_code == "http_gone" and done.error_params == {"status": 404}


def test_a_refused_host_is_stored_with_its_host_name(site: HTTPServer, settings: Any) -> None:
    source, _ = services.source_for_url(url=site.url_for("/page"))
    snapshot = services.snapshot_request(source=source, enqueue=False)
    settings.FETCH_ALLOWLIST = []  # the local server is a loopback address again
    done = services.snapshot_archive(snapshot_id=snapshot.pk)
    assert done is not None and done.status == Snapshot.Status.FAILED
    assert done.error_code == "url_port" and done.error_params["port"] == site.port
    assert done.error_params["host"] == "localhost"


def test_a_refused_link_is_refused_in_the_readers_language(alice: Any) -> None:
    client = Client(**FR)
    client.force_login(alice)
    response = client.post(reverse("claims:article_create"), {"url": "http://localhost:8080/page"})
    assert "Le port 8080 n’est pas autorisé." in response.content.decode()


_claims_migration = importlib.import_module("claims.migrations.0011_coded_reasons")
_sources_migration = importlib.import_module("sources.migrations.0008_coded_errors_data")


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        ("contains figures (7 percent, 12)", R.reason(R.FIGURES, figures=["7 percent", "12"])),
        ("'ces bases' refers to something outside the claim", R.reason(R.REFERS_OUTSIDE, ref="ces bases")),
        ("learned score 0.62 (threshold 0.50): weighed by 'tax'", R.reason(R.LEARNED_SCORE, score=0.62,
                                                                           threshold=0.5, terms=["tax"])),
        ("a question, not a statement", R.reason(R.QUESTION)),
        ("something a person typed", "something a person typed"),
    ],
)  # fmt: skip
def test_the_migration_maps_known_english_reasons_to_codes(text: str, coded: Any) -> None:
    assert _claims_migration.reason_code(text) == coded


@pytest.mark.parametrize(
    ("text", "code", "params"),
    [
        ("HTTP 404: the page is gone or does not exist", "http_gone", {"status": 404}),
        ("Attempt 2 failed: example.org sent nothing for 10 s (read timeout)", "read_timeout",
         {"host": "example.org", "seconds": 10, "attempt": 2}),
        ("Gave up after 3 attempts. Last error: HTTP 503: server error, retrying with backoff", "http_server_error",
         {"status": 503, "gave_up_after": 3}),
        ("HTTP 503 three times", "", {}),
    ],
)  # fmt: skip
def test_the_migration_maps_known_english_capture_errors_to_codes(text: str, code: str, params: Any) -> None:
    assert _sources_migration.snapshot_code(text) == (code, params)
