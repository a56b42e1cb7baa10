"""Claim edits from the reviewer's editing screens (claims/editing.py) are in the history like every write."""

from __future__ import annotations

from typing import Any

from claims import editing
from claims.models import Claim
from history.context import acting_as
from history.models import HistoryEntry


def _entries(claim: Claim) -> list[HistoryEntry]:
    return list(HistoryEntry.objects.filter(content_type__model="claim", object_id=str(claim.pk)).order_by("id"))


def test_editing_a_claims_wording_is_recorded_with_the_old_and_new_text(claim: Claim, alice: Any) -> None:
    old_text = claim.text
    with acting_as(alice, "ui"):
        editing.claim_edit_text(
            claim=claim, text="The council approved a budget.", edited_by=alice, expected_version=None
        )
    entry = _entries(claim)[-1]
    changes = {c["field"]: (c["old"], c["new"]) for c in entry.changes}
    assert (entry.action, entry.via, entry.actor_label) == ("changed", "ui", "alice")
    assert changes["text"] == (old_text, "The council approved a budget.")


def test_splitting_a_claim_records_the_shortened_claim_and_the_new_one(claim: Claim, alice: Any) -> None:
    points = editing.split_points(claim)
    assert points, "the factory's claim has a place to split"
    with acting_as(alice, "ui"):
        first, second = editing.claim_split(claim=claim, at=points[0], split_by=alice, expected_version=None)
    assert _entries(first)[-1].action == "changed"
    assert [e.action for e in _entries(second)] == ["created"]
