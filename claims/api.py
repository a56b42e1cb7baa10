"""REST API for articles, claims, verdicts, ratings and scales (/api/v1/).

Authentication, the role check, problem details, cursor pagination, throttling and
idempotency come from REST_FRAMEWORK settings (factcheck/api/), so every view gets them.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import generics, mixins, status, viewsets
from rest_framework.exceptions import APIException
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from claims import editing, selectors, services
from claims.filters import ArticleFilter, ClaimFilter
from claims.models import Article, Claim, Rating, RatingScale, Verdict
from claims.serializers import (
    ArticleCreateSerializer,
    ArticleSerializer,
    ArticleSummarySerializer,
    ClaimSerializer,
    ClaimStatusSerializer,
    RatingScaleSerializer,
    RatingSerializer,
    VerdictSerializer,
)
from factcheck.api.schema import problem_responses
from factcheck.lib.hooks import article_importer
from history import selectors as history_selectors
from history.serializers import HistoryEntrySerializer

IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description='The `ETag` you read, e.g. `"3"`. Missing → 428; stale → 412.',
)


class PreconditionRequired(APIException):
    status_code = 428
    default_code = "precondition_required"
    default_detail = _(
        "Send the claim's ETag as If-Match (or its version in the body) so concurrent edits are not lost."
    )


def _evidence_count() -> Coalesce:
    # A correlated count, not Count("evidence") + GROUP BY: a page of 50 then costs 50 index
    # lookups instead of grouping the whole table. The model comes from the reverse relation
    # because claims never imports sources.
    evidence = Claim._meta.get_field("evidence").related_model
    counted = evidence._default_manager.filter(claim=OuterRef("pk")).order_by().values("claim").annotate(n=Count("*"))
    return Coalesce(Subquery(counted.values("n")[:1]), 0)


def claims_queryset() -> QuerySet[Claim]:
    return (
        Claim.objects.select_related("assignee")
        .prefetch_related(
            Prefetch("verdicts", queryset=Verdict.objects.select_related("rating", "reviewer", "rating__scale"))
        )
        .annotate(evidence_count=_evidence_count())
    )


def _version_from_if_match(header: str | None) -> int | None:
    """`If-Match: "3"` (or W/"3", or 3) → 3; anything else → None."""
    if not header:
        return None
    value = header.strip().removeprefix("W/").strip('"')
    return int(value) if value.isdigit() else None


def claim_etag(claim: Claim) -> str:
    return f'"{claim.version}"'


def verdict_etag(verdict: Verdict) -> str:
    return f'"{verdict.pk}-{int(verdict.updated_at.timestamp() * 1000)}"'


@extend_schema(tags=["articles"])
@extend_schema(methods=["GET"], responses={200: ArticleSummarySerializer(many=True), **problem_responses(401, 403)})
class ArticleViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Articles: list (summaries, no body), create from text or from a URL, retrieve (with the body)."""

    serializer_class = ArticleSerializer
    queryset = Article.objects.none()
    filterset_class = ArticleFilter
    cursor_ordering = ("-created_at", "-id")

    def get_queryset(self) -> QuerySet[Article]:
        qs = selectors.articles_list()
        if self.action == "list":
            qs = qs.defer("body", "extraction_error")
        return qs

    def get_serializer_class(self) -> Any:
        return ArticleSummarySerializer if self.action == "list" else ArticleSerializer

    @extend_schema(responses={200: ArticleSerializer, **problem_responses(401, 403, 404)})
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(
        request=ArticleCreateSerializer,
        responses={201: ArticleSerializer, **problem_responses(400, 401, 403, 413, 422)},
        examples=[
            OpenApiExample(
                "From text",
                request_only=True,
                value={"title": "Budget", "body": "The council approved 12 million euros on 3 March 2025."},
            ),
            OpenApiExample("From a URL", request_only=True, value={"url": "https://news.example/budget-2025"}),
        ],
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                description="Retry safely: the same key and body replay the first response.",
            )
        ],
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        incoming = ArticleCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        if data["body"].strip():
            article = services.article_create(created_by=request.user, **data)  # type: ignore[arg-type]
        else:
            # Fetching belongs to the sources app, which registers the importer at startup.
            article = article_importer()(
                url=data["url"],
                title=data["title"],
                language=data["language"],
                created_by=request.user,
            )
        article = selectors.articles_list().get(pk=article.pk)
        return Response(ArticleSerializer(article).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["claims"], responses={200: ClaimSerializer(many=True), **problem_responses(401, 403, 404)})
class ArticleClaimsView(generics.ListAPIView):
    """The claims extracted from one article, in reading order."""

    serializer_class = ClaimSerializer
    queryset = Claim.objects.none()
    cursor_ordering = ("order", "start", "id")

    def get_queryset(self) -> QuerySet[Claim]:
        article = get_object_or_404(Article, pk=self.kwargs["article_id"])
        return claims_queryset().filter(article=article)


@extend_schema(tags=["claims"], responses={200: ClaimSerializer(many=True), **problem_responses(400, 401, 403)})
class ClaimListView(generics.ListAPIView):
    """Claims across articles, most check-worthy first; filter by article, status, kind, assignee, verdict, text."""

    serializer_class = ClaimSerializer
    queryset = Claim.objects.none()
    filterset_class = ClaimFilter
    cursor_ordering = ("-id",)

    def get_queryset(self) -> QuerySet[Claim]:
        return claims_queryset()


@extend_schema(tags=["claims"])
class ClaimDetailView(APIView):
    """One claim (with `ETag`). PATCH changes status, text or assignee; needs `If-Match` (428 / 412)."""

    def _claim(self, claim_id: int) -> Claim:
        return get_object_or_404(claims_queryset(), pk=claim_id)

    @extend_schema(responses={200: ClaimSerializer, **problem_responses(401, 403, 404)})
    def get(self, request: Request, claim_id: int) -> Response:
        claim = self._claim(claim_id)
        return Response(ClaimSerializer(claim).data, headers={"ETag": claim_etag(claim)})

    @extend_schema(
        request=ClaimStatusSerializer,
        responses={200: ClaimSerializer, **problem_responses(400, 401, 403, 404, 409, 412, 428)},
        parameters=[IF_MATCH],
        examples=[OpenApiExample("Assign and start review", value={"status": "in_review", "assignee": "alice"})],
    )
    def patch(self, request: Request, claim_id: int) -> Response:
        claim = self._claim(claim_id)
        incoming = ClaimStatusSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        version = data.get("version") or _version_from_if_match(request.headers.get("If-Match"))
        if version is None:
            raise PreconditionRequired()
        editing.claim_update(
            claim=claim,
            user=request.user,
            expected_version=version,
            status=data.get("status"),
            text=data.get("text", editing.UNSET),
            assignee=data.get("assignee", editing.UNSET),
        )
        claim = self._claim(claim_id)
        return Response(ClaimSerializer(claim).data, headers={"ETag": claim_etag(claim)})


@extend_schema(tags=["verdicts"])
@extend_schema(tags=["verdicts"], responses={200: VerdictSerializer, **problem_responses(401, 403, 404)})
class VerdictDetailView(APIView):
    """One verdict, with its `ETag`."""

    def get(self, request: Request, verdict_id: int) -> Response:
        verdict = get_object_or_404(Verdict.objects.select_related("rating__scale", "reviewer"), pk=verdict_id)
        return Response(VerdictSerializer(verdict).data, headers={"ETag": verdict_etag(verdict)})


@extend_schema(tags=["verdicts"], responses={200: RatingSerializer(many=True), **problem_responses(401, 403)})
class RatingListView(generics.ListAPIView):
    """The ratings of the default scale, truest first."""

    serializer_class = RatingSerializer
    pagination_class = None
    queryset = Rating.objects.none()

    def get_queryset(self) -> QuerySet[Rating]:
        return selectors.default_ratings().select_related("scale")


@extend_schema(tags=["verdicts"], responses={200: RatingScaleSerializer(many=True), **problem_responses(401, 403)})
class RatingScaleListView(generics.ListAPIView):
    """Every rating scale with its ratings (the default one is flagged)."""

    serializer_class = RatingScaleSerializer
    pagination_class = None
    queryset = RatingScale.objects.none()

    def get_queryset(self) -> QuerySet[RatingScale]:
        ratings = Rating.objects.select_related("scale").order_by("-value")
        return RatingScale.objects.prefetch_related(Prefetch("ratings", queryset=ratings)).order_by("name", "id")


@extend_schema(tags=["history"])
class ClaimHistoryView(generics.ListAPIView):
    """Every recorded change to the claim, its verdicts and its evidence, newest first (read-only)."""

    serializer_class = HistoryEntrySerializer
    queryset = Claim.objects.none()

    def get_queryset(self) -> QuerySet[Any]:
        claim = get_object_or_404(Claim, pk=self.kwargs["claim_id"])
        return history_selectors.claim_timeline(claim_id=claim.pk)


@extend_schema(tags=["history"])
class ArticleHistoryView(generics.ListAPIView):
    """Every recorded change to the article itself, newest first (read-only)."""

    serializer_class = HistoryEntrySerializer
    queryset = Article.objects.none()

    def get_queryset(self) -> QuerySet[Any]:
        article = get_object_or_404(Article, pk=self.kwargs["article_id"])
        return history_selectors.article_timeline(article_id=article.pk)
