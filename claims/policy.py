"""The one review policy: who may do what to a claim, now, and why not.

Pure functions over (user, claim, current verdict): no writes, no queries beyond the
user's groups. Every interface asks here before a status change — the claims and
publishing services (which refuse), the API, the web views (which also use it to pick
the buttons to show), the admin and management commands.

Roles are Django groups: reviewer (works claims, writes and submits verdicts), editor
(also approves, sends back, publishes, corrects, withdraws, reopens) and admin (the group `admin`
or a superuser; everything an editor may do). Four eyes: approval needs an editor who
is not the author of the current verdict.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from claims.models import Claim, Verdict

REVIEWER, EDITOR, ADMIN = "reviewer", "editor", "admin"
S = Claim.Status


class Action(StrEnum):
    START_REVIEW = "start_review"
    DISMISS = "dismiss"
    REOPEN = "reopen"
    RECORD_VERDICT = "record_verdict"
    SUBMIT = "submit"
    APPROVE = "approve"
    SEND_BACK = "send_back"
    PUBLISH = "publish"
    CORRECT = "correct"
    WITHDRAW = "withdraw"


@dataclass(frozen=True)
class Decision:
    """The answer: allowed or not, and a reason a person can read (translatable).

    `forbidden` tells a refusal of the person (HTTP 403) from a refusal of the moment
    (the claim's state does not allow it yet: HTTP 409)."""

    allowed: bool
    reason: str | Promise = ""
    forbidden: bool = False

    def __bool__(self) -> bool:
        return self.allowed


ALLOW = Decision(True)


def _state(reason: str | Promise) -> Decision:
    return Decision(False, reason, forbidden=False)


def _deny(reason: str | Promise) -> Decision:
    return Decision(False, reason, forbidden=True)


def roles(user: Any) -> frozenset[str]:
    """The workbench roles of an active user (cached on the user object for the request)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_policy_roles", None)
    if cached is None:
        names = set(user.groups.filter(name__in=[REVIEWER, EDITOR, ADMIN]).values_list("name", flat=True))
        if user.is_superuser:
            names.add(ADMIN)
        cached = frozenset(names)
        user._policy_roles = cached
    return frozenset(cached)


def is_editor(user: Any) -> bool:
    """Editors and admins: they approve, send back, publish, correct and reopen."""
    return bool(roles(user) & {EDITOR, ADMIN})


def _is_author(user: Any, verdict: Verdict | None) -> bool:
    return verdict is not None and verdict.reviewer_id is not None and verdict.reviewer_id == user.pk


def _base(user: Any) -> Decision | None:
    if not roles(user):
        return _deny(_("Your account has no reviewer, editor or admin role."))
    return None


def _editor_only(user: Any, what: str | Promise) -> Decision | None:
    refused = _base(user)
    if refused is not None:
        return refused
    if not is_editor(user):
        return _deny(what)
    return None


def can_start_review(user: Any, claim: Claim, verdict: Verdict | None = None) -> Decision:
    if (refused := _base(user)) is not None:
        return refused
    if claim.status != S.NEW:
        return _state(_("Only a new claim can be put in review."))
    return ALLOW


def can_dismiss(user: Any, claim: Claim, verdict: Verdict | None = None) -> Decision:
    if (refused := _base(user)) is not None:
        return refused
    if claim.status in {S.NEW, S.IN_REVIEW}:
        return ALLOW
    if claim.status in {S.NEEDS_SECOND_REVIEW, S.READY}:
        return ALLOW if is_editor(user) else _deny(_("Only an editor can dismiss a claim that is under review."))
    if claim.status == S.PUBLISHED:
        return _state(_("A published fact-check is not dismissed; an editor corrects it in the open."))
    return _state(_("The claim is already dismissed."))


def can_reopen(user: Any, claim: Claim, verdict: Verdict | None = None) -> Decision:
    if (refused := _editor_only(user, _("Only an editor can reopen a dismissed claim."))) is not None:
        return refused
    if claim.status != S.DISMISSED:
        return _state(_("Only a dismissed claim can be reopened."))
    return ALLOW


def can_record_verdict(user: Any, claim: Claim, verdict: Verdict | None = None) -> Decision:
    if (refused := _base(user)) is not None:
        return refused
    if claim.status in {S.NEW, S.IN_REVIEW}:
        return ALLOW
    if claim.status in {S.NEEDS_SECOND_REVIEW, S.READY}:
        return _state(_("The verdict is under second review; an editor must send it back before a new one is written."))
    if claim.status == S.PUBLISHED:
        return _state(_("The fact-check is published; its verdict changes only through a correction by an editor."))
    return _state(_("The claim is dismissed; an editor must reopen it first."))


def can_submit(user: Any, claim: Claim, verdict: Verdict | None = None) -> Decision:
    if (refused := _base(user)) is not None:
        return refused
    if claim.status != S.IN_REVIEW:
        return _state(_("Only a claim in review can be submitted for a second review."))
    if verdict is None:
        return _state(_("Record a verdict before submitting it."))
    if not (_is_author(user, verdict) or is_editor(user)):
        return _deny(_("Only the author of the current verdict or an editor can submit it for review."))
    return ALLOW


def can_approve(user: Any, claim: Claim, verdict: Verdict | None = None) -> Decision:
    if (refused := _editor_only(user, _("Approval needs an editor who is not the verdict's author."))) is not None:
        return refused
    if _is_author(user, verdict):
        return _deny(_("Approval needs an editor who is not the verdict's author; you wrote this verdict."))
    if claim.status != S.NEEDS_SECOND_REVIEW or verdict is None:
        return _state(_("Only a verdict submitted for a second review can be approved."))
    return ALLOW


def can_send_back(user: Any, claim: Claim, verdict: Verdict | None = None) -> Decision:
    if (refused := _editor_only(user, _("Only an editor can send a verdict back."))) is not None:
        return refused
    if claim.status not in {S.NEEDS_SECOND_REVIEW, S.READY}:
        return _state(_("Only a verdict under second review or ready to publish can be sent back."))
    return ALLOW


def can_publish(user: Any, claim: Claim, verdict: Verdict | None = None) -> Decision:
    if (refused := _editor_only(user, _("Only an editor can publish a fact-check."))) is not None:
        return refused
    if claim.status != S.READY or verdict is None:
        return _state(_("Only an approved verdict (ready to publish) can be published."))
    return ALLOW


def can_correct(user: Any, claim: Claim, verdict: Verdict | None = None) -> Decision:
    if (refused := _editor_only(user, _("Only an editor can correct a published fact-check."))) is not None:
        return refused
    if claim.status != S.PUBLISHED:
        return _state(_("Only a published fact-check can be corrected."))
    if claim.withdrawn_at is not None:
        return _state(_("This fact-check is withdrawn; it is no longer corrected."))
    return ALLOW


def can_withdraw(user: Any, claim: Claim, verdict: Verdict | None = None) -> Decision:
    """A published fact-check is never deleted: an editor withdraws it with a public note."""
    if (refused := _editor_only(user, _("Only an editor can withdraw a published fact-check."))) is not None:
        return refused
    if claim.status != S.PUBLISHED:
        return _state(_("Only a published fact-check is withdrawn; delete or dismiss this one instead."))
    if claim.withdrawn_at is not None:
        return _state(_("This fact-check is withdrawn already."))
    return ALLOW


CHECKS = {
    Action.START_REVIEW: can_start_review,
    Action.DISMISS: can_dismiss,
    Action.REOPEN: can_reopen,
    Action.RECORD_VERDICT: can_record_verdict,
    Action.SUBMIT: can_submit,
    Action.APPROVE: can_approve,
    Action.SEND_BACK: can_send_back,
    Action.PUBLISH: can_publish,
    Action.CORRECT: can_correct,
    Action.WITHDRAW: can_withdraw,
}

# The statuses a plain status change may set, and the action each one is.
# Everything else is a workflow action of its own (submit, approve, send back with a
# comment, publish with the checks, correct): a PATCH of `status` can never skip them.
_PLAIN_TARGETS = {S.IN_REVIEW: Action.START_REVIEW, S.DISMISSED: Action.DISMISS, S.NEW: Action.REOPEN}
_WORKFLOW_ONLY = {
    S.NEEDS_SECOND_REVIEW: _("Submit the verdict for a second review with the Submit action."),
    S.READY: _("Only an editor who did not write the verdict approves it, with the Approve action."),
    S.PUBLISHED: _("Publishing is the Publish action of an editor, after the pre-publication checks."),
}


def check(action: Action | str, user: Any, claim: Claim, verdict: Verdict | None = None) -> Decision:
    return CHECKS[Action(action)](user, claim, verdict)


def can_set_status(user: Any, claim: Claim, status: str, verdict: Verdict | None = None) -> Decision:
    """A plain status change (PATCH, the status buttons, the admin): only start review, dismiss and reopen."""
    if (refused := _base(user)) is not None:
        return refused
    if status in _WORKFLOW_ONLY:
        return _deny(_WORKFLOW_ONLY[S(status)])
    if status == S.IN_REVIEW and claim.status in {S.NEEDS_SECOND_REVIEW, S.READY}:
        return _deny(_("Sending a verdict back is the Send back action of an editor, with a comment."))
    if status == S.IN_REVIEW and claim.status == S.PUBLISHED:
        return _deny(_("A published fact-check changes only through a correction by an editor."))
    action = _PLAIN_TARGETS.get(S(status)) if status in S.values else None
    if action is None:
        return _state(_("Unknown status."))
    return check(action, user, claim, verdict)


def allowed_actions(user: Any, claim: Claim, verdict: Verdict | None = None) -> dict[str, Decision]:
    """Every action with its decision, for the UI to show the buttons (and say why one is missing)."""
    return {action.value: fn(user, claim, verdict) for action, fn in CHECKS.items()}
