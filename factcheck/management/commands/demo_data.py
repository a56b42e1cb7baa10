"""Create the demo accounts and a demo article (idempotent). Prints the credentials."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from claims.models import Article, Claim
from claims.selectors import default_ratings
from claims.services import article_create, article_run_extraction
from claims.users import user_set_role
from publishing import services as publishing
from publishing.models import Publication
from sources.models import Evidence, Snapshot, Source
from sources.services import evidence_reanchor

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
        if not Publication.objects.exists():
            claim = _demo_fact_check(User.objects.get(username="reviewer"), User.objects.get(username="editor"))
            self.stdout.write(f"Demo fact-check published: /fact-checks/{claim.pk}/")
        for username, password, role in DEMO_USERS:
            self.stdout.write(self.style.SUCCESS(f"Demo {role}: username {username!r}, password {password!r}"))
        self.stdout.write("Editors and admins moderate at /admin/.")


FACT_CHECK_ARTICLE = "The city council approved a budget of 12 million euros on 3 March 2025, the mayor said."
FACT_CHECK_SOURCE = (
    "Council minutes, 3 March 2025. The council approved a budget of 10 million euros for 2025, "
    "after a vote of 31 to 12. The figure of 12 million euros was the first draft."
)


def _demo_fact_check(reviewer: Any, editor: Any) -> Claim:
    """One claim taken through the whole workflow: verdict citing archived evidence, second review, publication.

    The archive is made in place (the demo runs offline); everything else goes through the services."""
    article = article_create(
        title="Council budget (demo)",
        body=FACT_CHECK_ARTICLE,
        language="en",
        outlet="Demo Gazette",
        url="https://gazette.example/council-budget",
        published_on=date(2025, 3, 4),
        created_by=reviewer,
    )
    article_run_extraction(article_id=article.pk)
    claim = Claim.objects.filter(article=article).order_by("order").first()
    if claim is None:
        raise CommandError("The demo fact-check's article yielded no claim.")
    url = "https://council.example/minutes/2025-03-03"
    source, _ = Source.objects.get_or_create(
        canonical_url=url, defaults={"url": url, "domain": "council.example", "title": "Council minutes"}
    )
    Snapshot.objects.create(
        source=source,
        status=Snapshot.Status.ARCHIVED,
        sha256=hashlib.sha256(FACT_CHECK_SOURCE.encode()).hexdigest(),
        extracted_text=FACT_CHECK_SOURCE,
        title="Council minutes, 3 March 2025",
        fetched_at=timezone.now(),
    )
    evidence = Evidence.objects.create(
        claim=claim,
        source=source,
        stance=Evidence.Stance.CONTRADICTS,
        quote="a budget of 10 million euros",
        added_by=reviewer,
        anchor_status=Evidence.AnchorStatus.PENDING,
    )
    evidence_reanchor(evidence=evidence)
    claim.refresh_from_db()
    publishing.verdict_record(
        claim=claim,
        user=reviewer,
        rating=default_ratings().get(label="Mostly false"),
        summary="The council minutes record a budget of 10 million euros; 12 million was the first draft.",
        evidence=[evidence.pk],
        expected_version=claim.version,
    )
    publishing.verdict_submit(claim=claim, user=reviewer)
    publishing.verdict_approve(claim=claim, user=editor)
    publishing.claim_publish(claim=claim, user=editor)
    return claim
