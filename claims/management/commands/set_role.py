"""Give an account its workbench role (editors and admins become staff for the admin)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims import users


class Command(BaseCommand):
    help = "Put USERNAME in one role: reviewer, editor or admin (editors and admins can open /admin/)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("role", choices=users.ROLES)

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model()._default_manager.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(
                f"No account named {options['username']!r}; create it with createsuperuser or the admin."
            )
        try:
            users.user_set_role(user=user, role=options["role"])
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(
            self.style.SUCCESS(f"{user.get_username()} is now {options['role']} (staff: {user.is_staff}).")
        )
