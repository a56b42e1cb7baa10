"""The review workflow's rules: cited evidence, version checks, four eyes, pre-publication
checks with override, the frozen publication and public corrections."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from claims.models import Claim, Verdict
from factcheck.lib.errors import ConflictError, InvalidTransition
from publishing import services
from publishing.checks import PublishChecksFailed, publication_checks
from publishing.models import Correction, Publication, WorkflowEvent
from sources.models import Evidence
from tests.factories import EvidenceFactory, api, default_rating
from tests.publishing.conftest import S, archived_evidence, bring_to, new_claim

pytestmark = pytest.mark.django_db


def record(claim: Claim, user: Any, evidence: list[int], **kw: Any) -> Verdict:
    claim.refresh_from_db()
    return services.verdict_record(
        claim=claim,
        user=user,
        rating=kw.get("rating", default_rating("False")),
        summary=kw.get("summary", "It was 10 million."),
        evidence=evidence,
        expected_version=kw.get("version", claim.version),
    )


def test_a_verdict_must_cite_evidence_of_its_own_claim(alice: Any) -> None:
    claim, other = new_claim(), new_claim()
    foreign = archived_evidence(other)
    with pytest.raises(ValidationError) as empty:
        record(claim, alice, [])
    assert "evidence" in empty.value.message_dict
    with pytest.raises(ValidationError, match="attached to this claim"):
        record(claim, alice, [foreign.pk])
    assert not Verdict.objects.exists()


def test_a_verdict_needs_a_summary(alice: Any) -> None:
    claim = new_claim()
    with pytest.raises(ValidationError) as exc:
        record(claim, alice, [archived_evidence(claim).pk], summary="  ")
    assert "summary" in exc.value.message_dict


def test_past_verdicts_are_kept_and_the_newest_is_current(alice: Any, bob: Any) -> None:
    claim = new_claim()
    evidence = archived_evidence(claim)
    record(claim, alice, [evidence.pk], rating=default_rating("Mostly true"))
    record(claim, bob, [evidence.pk], rating=default_rating("False"))
    labels = [v.rating.label for v in Verdict.objects.filter(claim=claim).order_by("-created_at", "-id")]
    assert labels == ["False", "Mostly true"]
    claim.refresh_from_db()
    assert claim.status == S.IN_REVIEW


def test_a_verdict_written_against_a_stale_version_is_a_conflict(alice: Any, bob: Any) -> None:
    claim = new_claim()
    evidence = archived_evidence(claim)
    stale = claim.version
    record(claim, alice, [evidence.pk], version=stale)
    with pytest.raises(ConflictError):
        record(claim, bob, [evidence.pk], version=stale, summary="Bob's take.")
    assert list(Verdict.objects.values_list("summary", flat=True)) == ["It was 10 million."]


def test_the_author_cannot_approve_her_own_verdict_even_as_an_editor(erin: Any, carol: Any) -> None:
    claim = bring_to(new_claim(), S.NEEDS_SECOND_REVIEW, author=erin, approver=carol)
    with pytest.raises(PermissionDenied, match="not the verdict's author"):
        services.verdict_approve(claim=claim, user=erin)
    assert services.verdict_approve(claim=claim, user=carol).status == S.READY


def test_in_review_cannot_jump_to_ready(carol: Any, alice: Any) -> None:
    claim = bring_to(new_claim(), S.IN_REVIEW, author=alice, approver=carol)
    with pytest.raises(InvalidTransition):
        services.verdict_approve(claim=claim, user=carol)


def test_send_back_keeps_the_comment_and_needs_one(alice: Any, carol: Any) -> None:
    claim = bring_to(new_claim(), S.NEEDS_SECOND_REVIEW, author=alice, approver=carol)
    with pytest.raises(ValidationError):
        services.verdict_send_back(claim=claim, user=carol, comment=" ")
    services.verdict_send_back(claim=claim, user=carol, comment="Check the date of the vote.")
    claim.refresh_from_db()
    assert claim.status == S.IN_REVIEW
    event = WorkflowEvent.objects.get(claim=claim, action=WorkflowEvent.Action.SENT_BACK)
    assert (event.comment, event.actor) == ("Check the date of the vote.", carol)


def test_a_new_verdict_on_a_published_claim_is_refused(alice: Any, carol: Any, approver: Any) -> None:
    claim = bring_to(new_claim(), S.PUBLISHED, author=alice, approver=approver)
    with pytest.raises(InvalidTransition, match="correction"):
        record(claim, carol, [claim.evidence.get().pk])
    assert Publication.objects.get(claim=claim).rating_label == "False"


def _ready_claim(alice: Any, approver: Any, **evidence: Any) -> Claim:
    claim = new_claim()
    archived_evidence(claim, **evidence)
    return bring_to(claim, S.READY, author=alice, approver=approver)


def test_checks_pass_for_archived_found_quotes(alice: Any, approver: Any) -> None:
    claim = _ready_claim(alice, approver)
    checks = publication_checks(claim=claim, verdict=claim.verdicts.first())
    assert [(c.code, c.passed) for c in checks] == [
        ("archived", True),
        ("quotes", True),
        ("sources", True),
        ("summary", True),
        ("rating", True),
        ("claimreview", True),
    ]


def test_publish_refuses_unarchived_sources_and_missing_quotes_with_each_failed_check(
    alice: Any, approver: Any, carol: Any, settings: Any
) -> None:
    settings.PUBLISH_MIN_SOURCES = 2
    claim = new_claim()
    pending = EvidenceFactory(claim=claim, quote="", anchor_status=Evidence.AnchorStatus.NO_QUOTE)
    claim = bring_to(claim, S.READY, author=alice, approver=approver)
    response = api(carol).post(f"/api/v1/claims/{claim.pk}/publish/", {}, format="json")
    assert response.status_code == 409
    error = response.json()
    assert error["code"] == "publication_checks_failed"
    assert {c["code"] for c in error["checks"]} == {"archived", "quotes", "sources"}
    assert any(pending.source.url in d for c in error["checks"] for d in c["details"])
    claim.refresh_from_db()
    assert claim.status == S.READY and not Publication.objects.exists()


def test_an_editor_may_publish_anyway_with_an_override_reason_shown_in_the_history(
    alice: Any, approver: Any, carol: Any
) -> None:
    claim = new_claim()
    EvidenceFactory(claim=claim, quote="", anchor_status=Evidence.AnchorStatus.NO_QUOTE)
    claim = bring_to(claim, S.READY, author=alice, approver=approver)
    with pytest.raises(PublishChecksFailed):
        services.claim_publish(claim=claim, user=carol)
    publication = services.claim_publish(claim=claim, user=carol, override_reason="The ministry page is down.")
    assert publication.override_reason == "The ministry page is down."
    event = WorkflowEvent.objects.get(claim=claim, action=WorkflowEvent.Action.PUBLISHED)
    assert event.comment == "The ministry page is down." and {c["code"] for c in event.failed_checks} >= {"archived"}
    client = Client()
    client.force_login(alice)
    html = client.get(reverse("claims:claim_detail", args=[claim.pk])).content.decode()
    assert "Override reason: The ministry page is down." in html


def test_publication_is_frozen_and_a_correction_is_public(alice: Any, approver: Any, carol: Any) -> None:
    claim = bring_to(new_claim(), S.PUBLISHED, author=alice, approver=approver)
    publication = Publication.objects.get(claim=claim)
    sha = publication.sources[0]["sha256"]
    # Live edits to the article or the evidence do not change what was published.
    claim.article.title = "Edited later"
    claim.article.save()
    Evidence.objects.filter(claim=claim).update(quote="something else")
    publication.refresh_from_db()
    assert publication.article_title == "Le budget de la ville" and publication.sources[0]["quote"] != "something else"
    assert len(sha) == 64

    with pytest.raises(PermissionDenied):
        services.claim_correct(
            claim=claim, user=alice, reason="x", rating=default_rating("Misleading"), summary="s", evidence=[1]
        )
    second = archived_evidence(claim, domain="ministry.example", n=1)
    correction = services.claim_correct(
        claim=claim,
        user=carol,
        reason="The ministry published the final figure.",
        rating=default_rating("Misleading"),
        summary="The final budget was 11 million euros.",
        evidence=[second.pk],
    )
    publication.refresh_from_db()
    assert publication.rating_label == "Misleading" and publication.modified_at is not None
    assert {c["field"] for c in correction.changes} == {"rating", "summary", "sources"}
    assert Correction.objects.get().corrected_by == carol
    claim.refresh_from_db()
    assert claim.status == S.PUBLISHED


def test_verdict_api_records_citations_and_requires_a_version(alice: Any, bob: Any) -> None:
    claim = new_claim()
    evidence = archived_evidence(claim)
    url = f"/api/v1/claims/{claim.pk}/verdicts/"
    body = {"rating": default_rating("False").pk, "summary": "It is not.", "evidence": [evidence.pk]}
    assert api(alice).post(url, body, format="json").status_code == 428
    created = api(alice).post(url, body, format="json", HTTP_IF_MATCH=f'"{claim.version}"')
    assert created.status_code == 201
    assert created.json()["evidence"] == [evidence.pk] and created.json()["reviewer"] == "alice"
    stale = api(bob).post(url, {**body, "version": claim.version}, format="json")
    assert stale.status_code == 412 and stale.json()["code"] == "conflict"
    listed = api(bob).get(url).json()
    assert [v["summary"] for v in listed] == ["It is not."]
    invalid = api(alice).post(url, {**body, "evidence": [], "version": claim.version + 1}, format="json")
    assert invalid.status_code == 400 and "evidence" in invalid.json()["errors"]


def test_verdict_form_ticks_the_cited_evidence_and_keeps_input_on_error(alice: Any) -> None:
    claim = new_claim()
    cited, other = archived_evidence(claim), archived_evidence(claim, domain="other.example", n=1)
    record(claim, alice, [cited.pk])
    client = Client()
    client.force_login(alice)
    html = client.get(reverse("claims:claim_detail", args=[claim.pk])).content.decode()
    assert f'value="{cited.pk}" id="id_evidence_0" checked' in html or (
        f'value="{cited.pk}"' in html and "checked" in html.split(f'value="{cited.pk}"')[1][:80]
    )
    assert "checked" not in html.split(f'value="{other.pk}"')[1][:40]
    claim.refresh_from_db()
    response = client.post(
        reverse("publishing:verdict_record", args=[claim.pk]),
        {"rating": default_rating("True").pk, "summary": "Typed but no evidence", "version": claim.version},
    )
    assert response.status_code == 400
    assert "Typed but no evidence" in response.content.decode()
    assert "Cite at least one evidence item" in response.content.decode()
