"""Move a claim through the review workflow from the shell, under the same policy as the UI and the API."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.models import Claim
from claims.services import claim_set_status
from factcheck.lib.errors import DomainError
from publishing import services

ACTIONS = ["start_review", "dismiss", "reopen", "submit", "approve", "send_back", "publish"]
PLAIN = {"start_review": Claim.Status.IN_REVIEW, "dismiss": Claim.Status.DISMISSED, "reopen": Claim.Status.NEW}


class Command(BaseCommand):
    help = "Act on a claim as a given user (start_review, dismiss, reopen, submit, approve, send_back, publish)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("claim_id", type=int)
        parser.add_argument("action", choices=ACTIONS)
        parser.add_argument("--as", dest="username", required=True, help="The user who acts (the policy applies).")
        parser.add_argument("--comment", default="", help="send_back: the comment for the reviewer.")
        parser.add_argument("--override-reason", default="", help="publish: publish despite failed checks.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = get_user_model().objects.get(username=options["username"])
            claim = Claim.objects.get(pk=options["claim_id"])
        except (Claim.DoesNotExist, get_user_model().DoesNotExist) as exc:
            raise CommandError(str(exc)) from exc
        action = options["action"]
        try:
            if action in PLAIN:
                claim_set_status(claim=claim, status=PLAIN[action], user=user)
            elif action == "submit":
                services.verdict_submit(claim=claim, user=user)
            elif action == "approve":
                services.verdict_approve(claim=claim, user=user)
            elif action == "send_back":
                services.verdict_send_back(claim=claim, user=user, comment=options["comment"])
            else:
                services.claim_publish(claim=claim, user=user, override_reason=options["override_reason"])
        except (PermissionDenied, DomainError) as exc:
            raise CommandError(f"Refused: {exc}") from exc
        except ValidationError as exc:
            raise CommandError(f"Refused: {'; '.join(exc.messages)}") from exc
        claim.refresh_from_db()
        self.stdout.write(f"Claim {claim.pk} is now {claim.get_status_display().lower()}.")
