"""REST API for articles, claims, verdicts and ratings (/api/v1/)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, mixins, status, viewsets
from rest_framework.exceptions import APIException
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from claims import selectors, services
from claims.models import Article, Claim, Rating, Verdict
from claims.serializers import (
    ArticleCreateSerializer,
    ArticleSerializer,
    ClaimSerializer,
    ClaimStatusSerializer,
    RatingSerializer,
)
from factcheck.lib.permissions import API_AUTHENTICATION_CLASSES, HasWorkbenchRole
from history import selectors as history_selectors
from history.drf import HistoryActorAPIMixin
from history.serializers import HistoryEntrySerializer


class WorkbenchAPIMixin(HistoryActorAPIMixin, APIView):
    """Token or session auth, and the same role check as the web UI; writes are logged as the API's."""

    authentication_classes = API_AUTHENTICATION_CLASSES
    permission_classes = [HasWorkbenchRole]


class PreconditionRequired(APIException):
    status_code = 428
    default_code = "precondition_required"
    default_detail = "Send the claim's version (in the body or as If-Match) so concurrent edits are not lost."


def claims_queryset() -> QuerySet[Claim]:
    return (
        Claim.objects.select_related("assignee")
        .prefetch_related(
            Prefetch("verdicts", queryset=Verdict.objects.select_related("rating", "reviewer", "rating__scale"))
        )
        .annotate(evidence_count=Count("evidence", distinct=True))
    )


def _version_from_if_match(header: str | None) -> int | None:
    """`If-Match: "3"` (or W/"3", or 3) → 3; anything else → None."""
    if not header:
        return None
    value = header.strip().removeprefix("W/").strip('"')
    return int(value) if value.isdigit() else None


@extend_schema(tags=["articles"])
class ArticleViewSet(
    WorkbenchAPIMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Articles: list, create (claims are extracted in the background) and retrieve."""

    serializer_class = ArticleSerializer
    queryset = Article.objects.none()

    def get_queryset(self) -> QuerySet[Article]:
        return selectors.articles_list().order_by("-created_at", "-id")

    @extend_schema(request=ArticleCreateSerializer, responses={201: ArticleSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        incoming = ArticleCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        article = services.article_create(created_by=request.user, **incoming.validated_data)  # type: ignore[arg-type]
        article = selectors.articles_list().get(pk=article.pk)
        return Response(ArticleSerializer(article).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["claims"])
class ArticleClaimsView(WorkbenchAPIMixin, generics.ListAPIView):
    """The claims extracted from one article, in reading order."""

    serializer_class = ClaimSerializer
    queryset = Claim.objects.none()

    def get_queryset(self) -> QuerySet[Claim]:
        article = get_object_or_404(Article, pk=self.kwargs["article_id"])
        return claims_queryset().filter(article=article).order_by("order", "start")


@extend_schema(tags=["claims"])
class ClaimDetailView(WorkbenchAPIMixin, APIView):
    """One claim. PATCH moves it through the review workflow; stale versions get 412."""

    def _claim(self, claim_id: int) -> Claim:
        return get_object_or_404(claims_queryset(), pk=claim_id)

    @extend_schema(responses={200: ClaimSerializer})
    def get(self, request: Request, claim_id: int) -> Response:
        claim = self._claim(claim_id)
        return Response(ClaimSerializer(claim).data, headers={"ETag": f'"{claim.version}"'})

    @extend_schema(
        request=ClaimStatusSerializer,
        responses={200: ClaimSerializer},
        parameters=[
            OpenApiParameter(
                "If-Match", OpenApiTypes.STR, OpenApiParameter.HEADER, description='The claim\'s version, e.g. "3".'
            )
        ],
    )
    def patch(self, request: Request, claim_id: int) -> Response:
        claim = self._claim(claim_id)
        incoming = ClaimStatusSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        version = incoming.validated_data.get("version") or _version_from_if_match(request.headers.get("If-Match"))
        if version is None:
            raise PreconditionRequired()
        services.claim_set_status(
            claim=claim, status=incoming.validated_data["status"], user=request.user, expected_version=version
        )
        claim = self._claim(claim_id)
        return Response(ClaimSerializer(claim).data, headers={"ETag": f'"{claim.version}"'})


@extend_schema(tags=["verdicts"])
class RatingListView(WorkbenchAPIMixin, generics.ListAPIView):
    """The ratings of the default scale, truest first."""

    serializer_class = RatingSerializer
    pagination_class = None
    queryset = Rating.objects.none()

    def get_queryset(self) -> QuerySet[Rating]:
        return selectors.default_ratings().select_related("scale")


@extend_schema(tags=["history"])
class ClaimHistoryView(WorkbenchAPIMixin, generics.ListAPIView):
    """Every recorded change to the claim, its verdicts and its evidence, newest first (read-only)."""

    serializer_class = HistoryEntrySerializer
    queryset = Claim.objects.none()

    def get_queryset(self) -> QuerySet[Any]:
        claim = get_object_or_404(Claim, pk=self.kwargs["claim_id"])
        return history_selectors.claim_timeline(claim_id=claim.pk)


@extend_schema(tags=["history"])
class ArticleHistoryView(WorkbenchAPIMixin, generics.ListAPIView):
    """Every recorded change to the article itself, newest first (read-only)."""

    serializer_class = HistoryEntrySerializer
    queryset = Article.objects.none()

    def get_queryset(self) -> QuerySet[Any]:
        article = get_object_or_404(Article, pk=self.kwargs["article_id"])
        return history_selectors.article_timeline(article_id=article.pk)
