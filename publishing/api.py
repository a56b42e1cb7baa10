"""REST API of the review workflow (/api/v1/): the same actions as the claim page, JSON bodies.

Refusals come from claims.policy through the services: 403 for the person (with the
reason), 409 for a state that does not allow it, 412 for a stale version, and 409 with
the failed checks when publishing. ClaimReview documents are public (no sign-in)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import APIException, NotFound
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.api import PreconditionRequired, _version_from_if_match, claims_queryset
from claims.models import Claim, Verdict
from claims.selectors import claim_current_verdict
from claims.serializers import ClaimSerializer
from publishing import selectors, services
from publishing.checks import PublishChecksFailed, publication_checks
from publishing.claimreview import build_claimreview
from publishing.models import Publication, VerdictCitation
from publishing.serializers import (
    CheckSerializer,
    CitedVerdictCreateSerializer,
    CitedVerdictSerializer,
    CorrectionCreateSerializer,
    CorrectionSerializer,
    PublishSerializer,
    SendBackSerializer,
    VersionSerializer,
    WithdrawSerializer,
)

IF_MATCH = OpenApiParameter(
    "If-Match", OpenApiTypes.STR, OpenApiParameter.HEADER, description='The claim\'s version, e.g. "3".'
)


class ChecksFailed(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "publication_checks_failed"

    def __init__(self, exc: PublishChecksFailed) -> None:
        super().__init__(str(exc))
        self.problem_extensions = {"checks": [c.as_dict() for c in exc.checks if not c.passed]}


class JSONLDRenderer(JSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"


def _version(request: Request, data: dict[str, Any]) -> int | None:
    return data.get("version") or _version_from_if_match(request.headers.get("If-Match"))


def _claim_response(claim_id: int, code: int = status.HTTP_200_OK) -> Response:
    claim = get_object_or_404(claims_queryset(), pk=claim_id)
    return Response(ClaimSerializer(claim).data, status=code, headers={"ETag": f'"{claim.version}"'})


@extend_schema(tags=["verdicts"])
class ClaimVerdictsView(APIView):
    """A claim's verdicts with the evidence each cites, newest (current) first; POST records a new one."""

    @extend_schema(responses={200: CitedVerdictSerializer(many=True)})
    def get(self, request: Request, claim_id: int) -> Response:
        claim = get_object_or_404(Claim, pk=claim_id)
        verdicts = (
            Verdict.objects.filter(claim=claim)
            .select_related("rating__scale", "reviewer")
            .prefetch_related(Prefetch("citations", queryset=VerdictCitation.objects.order_by("id")))
            .order_by("-created_at", "-id")
        )
        return Response(CitedVerdictSerializer(verdicts, many=True).data)

    @extend_schema(request=CitedVerdictCreateSerializer, responses={201: CitedVerdictSerializer}, parameters=[IF_MATCH])
    def post(self, request: Request, claim_id: int) -> Response:
        claim = get_object_or_404(Claim, pk=claim_id)
        incoming = CitedVerdictCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        version = _version(request, data)
        if version is None:
            raise PreconditionRequired()
        verdict = services.verdict_record(
            claim=claim,
            user=request.user,
            rating=data["rating"],
            summary=data["summary"],
            evidence=data["evidence"],
            expected_version=version,
        )
        return Response(CitedVerdictSerializer(verdict).data, status=status.HTTP_201_CREATED)


class _ActionView(APIView):
    serializer: type[VersionSerializer] = VersionSerializer

    def _input(self, request: Request) -> dict[str, Any]:
        incoming = self.serializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        return dict(incoming.validated_data)


@extend_schema(tags=["workflow"], request=VersionSerializer, responses={200: ClaimSerializer}, parameters=[IF_MATCH])
class ClaimSubmitView(_ActionView):
    """The current verdict's author (or an editor) submits it: → needs second review."""

    def post(self, request: Request, claim_id: int) -> Response:
        data = self._input(request)
        claim = get_object_or_404(Claim, pk=claim_id)
        services.verdict_submit(claim=claim, user=request.user, expected_version=_version(request, data))
        return _claim_response(claim_id)


@extend_schema(tags=["workflow"], request=VersionSerializer, responses={200: ClaimSerializer}, parameters=[IF_MATCH])
class ClaimApproveView(_ActionView):
    """An editor who did not write the verdict approves it: → ready."""

    def post(self, request: Request, claim_id: int) -> Response:
        data = self._input(request)
        claim = get_object_or_404(Claim, pk=claim_id)
        services.verdict_approve(claim=claim, user=request.user, expected_version=_version(request, data))
        return _claim_response(claim_id)


@extend_schema(tags=["workflow"], request=SendBackSerializer, responses={200: ClaimSerializer}, parameters=[IF_MATCH])
class ClaimSendBackView(_ActionView):
    """An editor sends the verdict back with a comment: → in review."""

    serializer = SendBackSerializer

    def post(self, request: Request, claim_id: int) -> Response:
        data = self._input(request)
        claim = get_object_or_404(Claim, pk=claim_id)
        services.verdict_send_back(
            claim=claim, user=request.user, comment=data["comment"], expected_version=_version(request, data)
        )
        return _claim_response(claim_id)


@extend_schema(tags=["workflow"])
class ClaimPublicationChecksView(APIView):
    """The pre-publication checks for the current verdict, as the editor sees them before Publish."""

    @extend_schema(responses={200: CheckSerializer(many=True)})
    def get(self, request: Request, claim_id: int) -> Response:
        claim = get_object_or_404(Claim.objects.select_related("article"), pk=claim_id)
        checks = publication_checks(claim=claim, verdict=claim_current_verdict(claim=claim))
        return Response([c.as_dict() for c in checks])


@extend_schema(
    tags=["workflow"],
    request=PublishSerializer,
    responses={200: ClaimSerializer, 409: OpenApiResponse(description="Failed pre-publication checks (listed).")},
    parameters=[IF_MATCH],
)
class ClaimPublishView(_ActionView):
    """An editor publishes the approved verdict: → published. Failed checks → 409 unless override_reason."""

    serializer = PublishSerializer

    def post(self, request: Request, claim_id: int) -> Response:
        data = self._input(request)
        claim = get_object_or_404(Claim, pk=claim_id)
        try:
            services.claim_publish(
                claim=claim,
                user=request.user,
                override_reason=data["override_reason"],
                expected_version=_version(request, data),
            )
        except PublishChecksFailed as exc:
            raise ChecksFailed(exc) from exc
        return _claim_response(claim_id)


@extend_schema(tags=["workflow"])
class ClaimCorrectionsView(_ActionView):
    """Corrections of a published fact-check; POST (editors) publishes one."""

    serializer = CorrectionCreateSerializer

    @extend_schema(responses={200: CorrectionSerializer(many=True)})
    def get(self, request: Request, claim_id: int) -> Response:
        publication = get_object_or_404(Publication, claim_id=claim_id)
        return Response(CorrectionSerializer(publication.corrections.order_by("-created_at", "-id"), many=True).data)

    @extend_schema(request=CorrectionCreateSerializer, responses={201: CorrectionSerializer}, parameters=[IF_MATCH])
    def post(self, request: Request, claim_id: int) -> Response:
        data = self._input(request)
        claim = get_object_or_404(Claim, pk=claim_id)
        correction = services.claim_correct(
            claim=claim,
            user=request.user,
            reason=data["reason"],
            rating=data["rating"],
            summary=data["summary"],
            evidence=data["evidence"],
            expected_version=_version(request, data),
        )
        return Response(CorrectionSerializer(correction).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["workflow"], request=WithdrawSerializer, responses={200: ClaimSerializer}, parameters=[IF_MATCH])
class ClaimWithdrawView(_ActionView):
    """An editor withdraws a published fact-check with a public note (it is never deleted)."""

    serializer = WithdrawSerializer

    def post(self, request: Request, claim_id: int) -> Response:
        data = self._input(request)
        claim = get_object_or_404(Claim, pk=claim_id)
        services.claim_withdraw(
            claim=claim, user=request.user, note=data["note"], expected_version=_version(request, data)
        )
        return _claim_response(claim_id)


class PublicClaimReviewMixin(APIView):
    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONLDRenderer, JSONRenderer]


@extend_schema(tags=["public"], responses={200: OpenApiTypes.OBJECT})
class ClaimReviewView(PublicClaimReviewMixin):
    """The schema.org ClaimReview of a published fact-check (public, `application/ld+json`)."""

    def get(self, request: Request, claim_id: int) -> Response:
        publication = selectors.publication_for(claim_id=claim_id)
        if publication is None:
            raise NotFound(_("No published fact-check here."))
        return Response(build_claimreview(publication))


@extend_schema(tags=["public"], responses={200: OpenApiTypes.OBJECT})
class ClaimReviewListView(PublicClaimReviewMixin, generics.ListAPIView):
    """Every published fact-check's ClaimReview, newest first, paginated (public)."""

    queryset = Publication.objects.none()
    cursor_ordering = ("-published_at", "-claim_id")

    def get_queryset(self) -> Any:
        return selectors.claimreview_feed()

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response([build_claimreview(p) for p in page or []])
