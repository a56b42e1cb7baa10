"""Working the article by hand: add a claim at a selection, edit, split, merge, assign, dismiss and reopen."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from claims import editing, services
from claims.models import Article, Claim, Verdict
from factcheck.lib.errors import ConflictError, InvalidTransition
from tests.factories import ArticleFactory, ClaimFactory, EvidenceFactory, VerdictFactory

pytestmark = pytest.mark.django_db

BODY = "Le conseil a voté 12 millions d'euros le 3 mars 2025. Les habitants ont manifesté devant la mairie."


@pytest.fixture
def article(alice: Any) -> Article:
    return ArticleFactory(body=BODY, created_by=alice, language="fr")


def _claim(article: Article, words: str, **kwargs: Any) -> Claim:
    start = article.body.index(words)
    return ClaimFactory(article=article, start=start, end=start + len(words), text=words, **kwargs)


def test_a_claim_added_from_a_selection_has_exactly_that_span(article: Article, alice: Any) -> None:
    start = BODY.index("12 millions")
    end = start + len("12 millions d'euros")
    claim = editing.claim_add(article=article, start=start, end=end, text="12 millions d'euros", added_by=alice)
    assert (claim.start, claim.end, claim.text) == (start, end, BODY[start:end])
    assert claim.added_by == alice


def test_a_selection_with_surrounding_spaces_is_trimmed(article: Article, alice: Any) -> None:
    start = BODY.index(" Les habitants")
    claim = editing.claim_add(article=article, start=start, end=start + 15, text=" Les habitants ", added_by=alice)
    assert claim.text == "Les habitants"


def test_words_pasted_without_offsets_are_found_in_the_text(article: Article, alice: Any) -> None:
    claim = editing.claim_add(article=article, start=-1, end=-1, text="devant la mairie", added_by=alice)
    assert BODY[claim.start : claim.end] == "devant la mairie"


def test_words_not_in_the_article_are_refused(article: Article, alice: Any) -> None:
    with pytest.raises(ValidationError, match="not in the article"):
        editing.claim_add(article=article, start=-1, end=-1, text="la préfecture", added_by=alice)
    assert not Claim.objects.exists()


def test_the_same_span_twice_is_refused(article: Article, alice: Any) -> None:
    _claim(article, "Les habitants ont manifesté")
    start = BODY.index("Les habitants ont manifesté")
    with pytest.raises(ValidationError, match="already a claim"):
        editing.claim_add(article=article, start=start, end=start + 27, added_by=alice)


def test_an_added_claim_takes_its_place_in_text_order(article: Article, alice: Any) -> None:
    first = _claim(article, "Le conseil a voté", order=0)
    last = _claim(article, "devant la mairie", order=1)
    middle = editing.claim_add(article=article, start=-1, end=-1, text="Les habitants", added_by=alice)
    first.refresh_from_db()
    last.refresh_from_db()
    assert first.order < middle.order < last.order


def test_extracting_again_keeps_a_reviewer_added_claim(article: Article, alice: Any) -> None:
    added = editing.claim_add(article=article, start=-1, end=-1, text="Les habitants", added_by=alice)
    services._store_claims(article=article, language="fr", extracted=[])
    assert Claim.objects.filter(pk=added.pk).exists()


def test_editing_the_text_keeps_the_span_when_the_words_are_not_in_the_article(article: Article, alice: Any) -> None:
    claim = _claim(article, "Les habitants ont manifesté")
    edited = editing.claim_edit_text(
        claim=claim, text="Des habitants ont protesté", edited_by=alice, expected_version=1
    )
    assert edited.text == "Des habitants ont protesté"
    assert (edited.start, edited.end) == (claim.start, claim.end)
    assert edited.version == 2 and edited.edited_at is not None


def test_editing_the_text_reanchors_when_the_words_moved(article: Article, alice: Any) -> None:
    claim = _claim(article, "Les habitants ont manifesté")
    edited = editing.claim_edit_text(
        claim=claim, text="Les habitants ont manifesté devant la mairie", edited_by=alice, expected_version=1
    )
    assert BODY[edited.start : edited.end] == "Les habitants ont manifesté devant la mairie"


def test_an_edit_based_on_a_stale_version_is_refused(article: Article, alice: Any) -> None:
    claim = _claim(article, "Les habitants ont manifesté")
    editing.claim_edit_text(claim=claim, text="Les habitants", edited_by=alice, expected_version=1)
    with pytest.raises(ConflictError):
        editing.claim_edit_text(claim=claim, text="Autre", edited_by=alice, expected_version=1)


def test_split_makes_two_claims_and_the_first_keeps_the_evidence(article: Article, alice: Any) -> None:
    whole = "Le conseil a voté 12 millions d'euros le 3 mars 2025."
    claim = _claim(article, whole)
    evidence = EvidenceFactory(claim=claim)
    at = BODY.index(" le 3 mars")
    first, second = editing.claim_split(claim=claim, at=at, split_by=alice, expected_version=1)
    assert first.text == "Le conseil a voté 12 millions d'euros"
    assert second.text == "le 3 mars 2025."
    assert BODY[second.start : second.end] == second.text
    evidence.refresh_from_db()
    assert evidence.claim_id == first.pk
    assert first.order < second.order


def test_split_points_fall_between_words(article: Article) -> None:
    claim = _claim(article, "Les habitants ont manifesté")
    assert [BODY[claim.start : at] for at in editing.split_points(claim)] == [
        "Les",
        "Les habitants",
        "Les habitants ont",
    ]


def test_split_outside_the_claim_is_refused(article: Article, alice: Any) -> None:
    claim = _claim(article, "Les habitants ont manifesté")
    with pytest.raises(ValidationError):
        editing.claim_split(claim=claim, at=claim.end + 3, split_by=alice, expected_version=1)


def test_merge_joins_adjacent_claims_and_moves_their_verdicts_and_evidence(article: Article, alice: Any) -> None:
    first = _claim(article, "Le conseil a voté 12 millions d'euros le 3 mars 2025.", order=0)
    second = _claim(article, "Les habitants ont manifesté devant la mairie.", order=1)
    verdict = VerdictFactory(claim=second)
    evidence = EvidenceFactory(claim=second)
    merged = editing.claim_merge(first=first, second=second, merged_by=alice, expected_versions=(1, 1))
    assert merged.text == BODY
    assert not Claim.objects.filter(pk=second.pk).exists()
    assert Verdict.objects.get(pk=verdict.pk).claim_id == merged.pk
    evidence.refresh_from_db()
    assert evidence.claim_id == merged.pk


def test_merge_refuses_claims_with_another_claim_between_them(article: Article, alice: Any) -> None:
    first = _claim(article, "Le conseil a voté", order=0)
    _claim(article, "12 millions", order=1)
    third = _claim(article, "Les habitants", order=2)
    with pytest.raises(ValidationError, match="adjacent"):
        editing.claim_merge(first=first, second=third, merged_by=alice)


def test_merge_refuses_a_stale_version(article: Article, alice: Any) -> None:
    first = _claim(article, "Le conseil a voté", order=0)
    second = _claim(article, "12 millions", order=1)
    with pytest.raises(ConflictError):
        editing.claim_merge(first=first, second=second, merged_by=alice, expected_versions=(1, 7))


def test_assign_to_a_reviewer_and_back_to_nobody(article: Article, alice: Any, bob: Any) -> None:
    claim = _claim(article, "Les habitants")
    assigned = editing.claim_assign(claim=claim, assignee=bob, assigned_by=alice, expected_version=1)
    assert assigned.assignee == bob
    cleared = editing.claim_assign(claim=claim, assignee=None, assigned_by=alice, expected_version=2)
    assert cleared.assignee is None


def test_assign_refuses_someone_without_a_role(article: Article, alice: Any, nobody: Any) -> None:
    claim = _claim(article, "Les habitants")
    with pytest.raises(ValidationError):
        editing.claim_assign(claim=claim, assignee=nobody, assigned_by=alice, expected_version=1)


@pytest.mark.parametrize(("role", "allowed"), [("alice", False), ("carol", True), ("dave", True), ("nobody", False)])
def test_only_editors_and_admins_reopen_a_dismissed_claim(
    article: Article, role: str, allowed: bool, request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(role)
    claim = _claim(article, "Les habitants", status=Claim.Status.DISMISSED)
    if allowed:
        reopened = services.claim_reopen(claim=claim, user=user, expected_version=1)
        assert reopened.status == Claim.Status.NEW
    else:
        with pytest.raises(PermissionDenied):
            services.claim_reopen(claim=claim, user=user, expected_version=1)
        claim.refresh_from_db()
        assert claim.status == Claim.Status.DISMISSED


def test_reopen_refuses_a_claim_that_is_not_dismissed(article: Article, carol: Any) -> None:
    claim = _claim(article, "Les habitants")
    with pytest.raises(InvalidTransition):
        services.claim_reopen(claim=claim, user=carol)


def _post(user: Any, name: str, claim: Claim, data: dict[str, Any]) -> Any:
    client = Client()
    client.force_login(user)
    return client.post(reverse(f"claims:{name}", args=[claim.pk]), data, follow=True)


def test_the_article_page_actions_go_through_the_services(article: Article, alice: Any, bob: Any) -> None:
    claim = _claim(article, "Les habitants ont manifesté", order=0)
    response = _post(alice, "claim_assign", claim, {"version": 1, "to_me": "1"})
    assert "The claim is assigned to you." in response.content.decode()
    claim.refresh_from_db()
    assert claim.assignee == alice and claim.version == 2
    response = _post(alice, "claim_assign", claim, {"version": 1, "assignee": bob.pk})
    assert "Someone else changed this claim meanwhile" in response.content.decode()
    response = _post(alice, "claim_dismiss", claim, {"version": 2})
    claim.refresh_from_db()
    assert claim.status == Claim.Status.DISMISSED
    response = _post(alice, "claim_reopen", claim, {"version": 3})
    assert "Only an editor can reopen" in response.content.decode()


def test_anonymous_and_roleless_users_cannot_edit_claims(article: Article, nobody: Any) -> None:
    claim = _claim(article, "Les habitants")
    names = ["claim_edit", "claim_split", "claim_merge", "claim_assign", "claim_dismiss", "claim_reopen"]
    for name in names:
        assert Client().post(reverse(f"claims:{name}", args=[claim.pk]), {"version": 1}).status_code == 302
        client = Client()
        client.force_login(nobody)
        assert client.post(reverse(f"claims:{name}", args=[claim.pk]), {"version": 1}).status_code == 403
    claim.refresh_from_db()
    assert claim.version == 1
