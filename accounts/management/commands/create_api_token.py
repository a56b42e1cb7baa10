"""python manage.py create_api_token USERNAME [--name NAME] [--expires DAYS]: prints a new token."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.services import token_create


class Command(BaseCommand):
    help = "Create an API token for a user and print it (it is shown only this once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="command line", help="What the token is for.")
        parser.add_argument("--expires", type=int, default=None, metavar="DAYS", help="Expire after DAYS days.")

    def handle(self, *args: Any, **options: Any) -> None:
        user_model = get_user_model()
        try:
            user = user_model.objects.get(username=options["username"])
        except user_model.DoesNotExist as exc:
            raise CommandError(
                f"No user named {options['username']!r}; create it first (manage.py createsuperuser)."
            ) from exc
        if not user.is_active:
            raise CommandError(f"User {user.username!r} is deactivated.")
        try:
            _token, secret = token_create(user=user, name=options["name"], expires_in_days=options["expires"])
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(secret)
