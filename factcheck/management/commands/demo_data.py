"""Create the demo accounts and a demo article (idempotent). Prints the credentials."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from claims.models import Article
from claims.services import article_create
from claims.users import user_set_role

DEMO_ARTICLE = Path(__file__).resolve().parents[2] / "demo" / "article-fr.txt"
DEMO_USERS = [
    ("reviewer", "reviewer-demo-2026", "reviewer"),
    ("editor", "editor-demo-2026", "editor"),
    ("admin", "admin-demo-2026", "admin"),
]


class Command(BaseCommand):
    help = "Create demo reviewer/editor accounts and a demo article (local use only)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("demo_data creates accounts with known passwords; it only runs with DEBUG on.")
        User = get_user_model()
        for username, password, role in DEMO_USERS:
            user, created = User.objects.get_or_create(username=username)
            if created:
                user.set_password(password)
                user.save()
            user_set_role(user=user, role=role)  # editors and admins are staff: they can open /admin/
        lines = DEMO_ARTICLE.read_text(encoding="utf-8").splitlines()
        title, body = lines[0], "\n".join(lines[1:]).strip() + "\n"
        if not Article.objects.filter(title=title).exists():
            article_create(
                title=title,
                body=body,
                language="fr",
                outlet="Demo",
                created_by=User.objects.get(username="reviewer"),
            )
            self.stdout.write(f"Demo article created: {title}")
        for username, password, role in DEMO_USERS:
            self.stdout.write(self.style.SUCCESS(f"Demo {role}: username {username!r}, password {password!r}"))
        self.stdout.write("Editors and admins moderate at /admin/.")
