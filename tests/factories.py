"""factory_boy factories for the workbench's models."""

from __future__ import annotations

from typing import Any

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from claims.models import Article, Claim, Rating, RatingScale, Verdict
from sources.models import Evidence, Snapshot, Source

DEFAULT_PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@newsroom.example")
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def role(self, create: bool, extracted: str | None, **kwargs: object) -> None:
        if create and extracted:
            self.groups.add(Group.objects.get(name=extracted))
        if create:
            self.save()


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article {n}")
    body = "The city council approved a budget of 12 million euros on 3 March 2025. Residents protested."
    language = "en"
    created_by = factory.SubFactory(UserFactory)
    extraction_status = Article.ExtractionStatus.READY


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    article = factory.SubFactory(ArticleFactory)
    start = 0
    end = factory.LazyAttribute(lambda c: c.article.body.find(".") + 1 or len(c.article.body))
    text = factory.LazyAttribute(lambda c: c.article.body[c.start : c.end])
    order = 0
    score = 0.8


def default_rating(label: str = "False") -> Rating:
    return Rating.objects.get(scale=RatingScale.objects.get(is_default=True), label=label)


class VerdictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Verdict

    claim = factory.SubFactory(ClaimFactory)
    rating = factory.LazyFunction(default_rating)
    summary = "The budget was 10 million euros, not 12."
    reviewer = factory.SubFactory(UserFactory)


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    url = factory.Sequence(lambda n: f"https://news.example/story-{n}")
    canonical_url = factory.LazyAttribute(lambda s: s.url)
    domain = "news.example"


class SnapshotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Snapshot

    source = factory.SubFactory(SourceFactory)
    status = Snapshot.Status.PENDING


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evidence

    claim = factory.SubFactory(ClaimFactory)
    source = factory.SubFactory(SourceFactory)
    stance = Evidence.Stance.SUPPORTS
    quote = ""
    added_by = factory.SubFactory(UserFactory)


def api(user: Any | None = None) -> Any:
    """A DRF test client, authenticated as `user` when given."""
    from rest_framework.test import APIClient

    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client
