"""Deactivate an account: its sessions end and its API tokens are revoked."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims import users


class Command(BaseCommand):
    help = "Deactivate USERNAME: sign them out everywhere and revoke their API tokens (the account is kept)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model()._default_manager.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No account named {options['username']!r}.")
        users.user_deactivate(user=user)
        self.stdout.write(self.style.SUCCESS(f"{user.get_username()} is deactivated; sessions ended, tokens revoked."))
