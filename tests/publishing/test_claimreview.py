"""ClaimReview documents checked against the schema.org vocabulary (release 30.0, in
../shared/data/schemaorg/) and expanded with pyld offline; the required and recommended
properties of Google's fact-check documentation are present."""

from __future__ import annotations

import copy
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from publishing.claimreview import RECOMMENDED, REQUIRED, build_claimreview, problems
from publishing.models import Publication
from tests.factories import api
from tests.publishing.conftest import S, bring_to, new_claim

pytestmark = pytest.mark.django_db

REPO_ROOT = Path(__file__).resolve().parents[2]
VOCABULARY_FILES = ("schemaorg-current-https.jsonld", "schemaorgcontext.jsonld")


def _git_common_dir() -> Path | None:
    """The main checkout's .git directory, also from a worktree (whose .git is a file naming it)."""
    dot_git = REPO_ROOT / ".git"
    if dot_git.is_dir():
        return dot_git
    if not dot_git.is_file():
        return None
    gitdir = Path(dot_git.read_text().removeprefix("gitdir:").strip())
    commondir = gitdir / "commondir"
    return (gitdir / commondir.read_text().strip()).resolve() if commondir.is_file() else gitdir


def find_schemaorg_dir() -> Path:
    """SCHEMAORG_DIR, else the first shared/data/schemaorg found upwards from the repo root or beside the main
    checkout (../shared of the git common dir's checkout); the first candidate when none holds the files."""
    if os.environ.get("SCHEMAORG_DIR"):
        return Path(os.environ["SCHEMAORG_DIR"])
    candidates = [folder / "shared" / "data" / "schemaorg" for folder in (REPO_ROOT, *REPO_ROOT.parents)]
    common = _git_common_dir()
    if common is not None:
        candidates.append(common.parent.parent / "shared" / "data" / "schemaorg")
    found = [c for c in candidates if all((c / name).is_file() for name in VOCABULARY_FILES)]
    return found[0] if found else REPO_ROOT.parent / "shared" / "data" / "schemaorg"


SCHEMAORG_DIR = find_schemaorg_dir()
VOCABULARY, CONTEXT = (SCHEMAORG_DIR / name for name in VOCABULARY_FILES)


@pytest.fixture(scope="module")
def vocabulary() -> dict[str, Any]:
    if not VOCABULARY.exists() or not CONTEXT.exists():
        where = (
            "as SCHEMAORG_DIR says"
            if os.environ.get("SCHEMAORG_DIR")
            else "upwards from the repo or beside the main checkout"
        )
        reason = f"the schema.org vocabulary is not at {SCHEMAORG_DIR} (looked {where}; set SCHEMAORG_DIR)"
        print(f"\nSKIPPING: {reason}")
        pytest.skip(reason)
    return load_vocabulary()


@cache
def load_vocabulary() -> dict[str, Any]:
    graph = json.loads(VOCABULARY.read_text())["@graph"]
    nodes = {node["@id"].removeprefix("schema:"): node for node in graph if node["@id"].startswith("schema:")}

    def ids(value: Any) -> list[str]:
        items = value if isinstance(value, list) else [value] if value else []
        return [item["@id"].removeprefix("schema:") for item in items]

    return {
        "classes": {name: ids(n.get("rdfs:subClassOf")) for name, n in nodes.items() if n["@type"] == "rdfs:Class"},
        "properties": {
            name: ids(n.get("schema:domainIncludes")) for name, n in nodes.items() if n["@type"] == "rdf:Property"
        },
    }


def ancestors(vocab: dict[str, Any], type_name: str) -> set[str]:
    seen, todo = set(), [type_name]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(vocab["classes"].get(name, []))
    return seen


def term_uses(node: dict[str, Any]) -> list[tuple[str, str]]:
    """(type, property) for every property of every typed node in the document."""
    uses = []
    for key, value in node.items():
        if key.startswith("@"):
            continue
        uses.append((node["@type"], key))
        for child in value if isinstance(value, list) else [value]:
            if isinstance(child, dict):
                uses.extend(term_uses(child))
    return uses


@pytest.fixture
def published(alice: Any, approver: Any) -> Publication:
    claim = bring_to(new_claim(), S.PUBLISHED, author=alice, approver=approver)
    return Publication.objects.get(claim=claim)


def test_every_type_and_property_exists_and_is_used_on_a_type_it_belongs_to(
    vocabulary: dict[str, Any], published: Publication
) -> None:
    doc = build_claimreview(published)
    uses = term_uses(doc)
    assert len(uses) > 20
    for type_name, prop in uses:
        assert type_name in vocabulary["classes"], f"unknown type {type_name}"
        assert prop in vocabulary["properties"], f"unknown property {prop}"
        domains = set(vocabulary["properties"][prop])
        assert domains & ancestors(vocabulary, type_name), f"{prop} is not a property of {type_name}"


def _loader() -> Any:
    context = json.loads(CONTEXT.read_text())

    def load(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
        if url.rstrip("/") in {"https://schema.org", "http://schema.org"} or "schema.org/docs/jsonldcontext" in url:
            return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": context}
        raise AssertionError(f"the document loader was asked for {url}: no network in tests")

    return load


def test_pyld_expands_every_term_with_the_bundled_context(vocabulary: dict[str, Any], published: Publication) -> None:
    from pyld import jsonld

    doc = build_claimreview(published)
    expanded = jsonld.expand(copy.deepcopy(doc), {"documentLoader": _loader()})
    assert len(expanded) == 1
    root = expanded[0]
    assert root["@type"] == ["http://schema.org/ClaimReview"]

    def keys(node: Any) -> set[str]:
        found: set[str] = set()
        if isinstance(node, dict):
            for key, value in node.items():
                if not key.startswith("@"):
                    found.add(key)
                for child in value if isinstance(value, list) else [value]:
                    found |= keys(child)
        return found

    compact_terms = {prop for _type, prop in term_uses(doc)}
    expanded_terms = keys(root)
    # Nothing was dropped: every term of the document became a schema.org IRI.
    assert {t.removeprefix("http://schema.org/") for t in expanded_terms} == compact_terms
    assert all(t.startswith("http://schema.org/") for t in expanded_terms)
    url = root["http://schema.org/url"][0]
    assert url == {"@id": doc["url"]} or url == {"@value": doc["url"]}


def test_required_and_recommended_properties_are_present(published: Publication) -> None:
    doc = build_claimreview(published)
    errors, warnings = problems(doc)
    assert errors == [] and warnings == []
    assert doc["url"] == f"http://127.0.0.1:8000/fact-checks/{published.claim_id}/"
    assert doc["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 1,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "False",
        "ratingExplanation": "The official report says 10 million euros, not 12.",
    }
    assert doc["itemReviewed"]["author"] == {"@type": "Person", "name": "Jean Maire"}
    assert doc["itemReviewed"]["appearance"]["url"] == "https://quotidien.example/budget"
    assert doc["inLanguage"] == "fr" and "dateModified" not in doc
    assert REQUIRED and RECOMMENDED


def test_the_structural_check_reports_missing_required_properties(published: Publication) -> None:
    doc = build_claimreview(published)
    del doc["claimReviewed"]
    doc["reviewRating"].pop("alternateName")
    doc["url"] = "/fact-checks/1/"
    errors, _ = problems(doc)
    assert len(errors) == 3


def test_the_claimreview_api_is_public_and_serves_the_same_document(published: Publication, settings: Any) -> None:
    settings.PUBLIC_BASE_URL = "https://factcheck.example"
    response = api().get(f"/api/v1/claims/{published.claim_id}/claimreview/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    assert json.loads(response.content) == build_claimreview(published)
    assert json.loads(response.content)["url"] == f"https://factcheck.example/fact-checks/{published.claim_id}/"
    listed = api().get("/api/v1/claimreviews/")
    assert listed.status_code == 200
    body = json.loads(listed.content)
    assert body["results"] == [build_claimreview(published)] and body["next"] is None


def test_an_unpublished_claim_has_no_claimreview(alice: Any, approver: Any) -> None:
    claim = bring_to(new_claim(), S.READY, author=alice, approver=approver)
    assert api().get(f"/api/v1/claims/{claim.pk}/claimreview/").status_code == 404
    assert json.loads(api().get("/api/v1/claimreviews/").content)["results"] == []


def test_print_a_claimreview_document(published: Publication) -> None:
    print("\nClaimReview document:\n" + json.dumps(build_claimreview(published), indent=2, ensure_ascii=False))


def test_the_claimreview_feed_runs_a_constant_number_of_queries(alice: Any, approver: Any) -> None:
    for _ in range(3):
        bring_to(new_claim(), S.PUBLISHED, author=alice, approver=approver)
    client = api()
    client.get("/api/v1/claimreviews/")
    counts = []
    for size in (1, 3):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(f"/api/v1/claimreviews/?page_size={size}")
        assert response.status_code == 200 and len(json.loads(response.content)["results"]) == size
        counts.append(len(ctx.captured_queries))
    # The feed leaves the frozen sources and scale out of its query: reading one of them per row would add queries.
    assert counts[0] == counts[1] <= 10, counts
