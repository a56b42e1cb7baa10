"""REST API for evidence, sources and snapshots (/api/v1/).

Auth, roles, problem details, pagination, throttling and idempotency come from REST_FRAMEWORK settings.
Archived content is hostile: text and WARC are attachments with a `sandbox` CSP, never live HTML.
"""

from __future__ import annotations

import json
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.models import Claim
from factcheck.api.schema import problem_responses
from sources import selectors, services
from sources.models import Evidence, Snapshot, Source
from sources.serializers import (
    EvidenceCreateSerializer,
    EvidenceSerializer,
    EvidenceUpdateSerializer,
    SnapshotSerializer,
    SnapshotStatusSerializer,
    SourceDetailSerializer,
    SourceSerializer,
)
from sources.views import _local_warc_path, _protect


def evidence_queryset() -> QuerySet[Evidence]:
    return selectors.evidence_with_newest_snapshot()


def _may_request_captures(request: Request) -> None:
    if not request.user.has_perm("sources.add_snapshot"):
        raise PermissionDenied("Your role cannot request archiving.")


@extend_schema(tags=["evidence"])
class ClaimEvidenceView(generics.ListCreateAPIView):
    """Sources attached to a claim, with the status of their latest capture; POST attaches one."""

    serializer_class = EvidenceSerializer
    queryset = Evidence.objects.none()
    cursor_ordering = ("-added_at", "-id")

    def get_queryset(self) -> QuerySet[Evidence]:
        claim = get_object_or_404(Claim, pk=self.kwargs["claim_id"])
        return evidence_queryset().filter(claim=claim)

    @extend_schema(responses={200: EvidenceSerializer(many=True), **problem_responses(401, 403, 404)})
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=EvidenceCreateSerializer,
        responses={201: EvidenceSerializer, **problem_responses(400, 401, 403, 404, 422)},
    )
    def post(self, request: Request, claim_id: int) -> Response:
        claim = get_object_or_404(Claim, pk=claim_id)
        incoming = EvidenceCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        evidence = services.evidence_attach(claim=claim, added_by=request.user, **incoming.validated_data)  # type: ignore[arg-type]
        evidence = evidence_queryset().get(pk=evidence.pk)
        return Response(EvidenceSerializer(evidence).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["evidence"])
class EvidenceDetailView(APIView):
    """One piece of evidence. PATCH edits stance, quote or note; DELETE detaches it (author or editor)."""

    @extend_schema(responses={200: EvidenceSerializer, **problem_responses(401, 403, 404)})
    def get(self, request: Request, evidence_id: int) -> Response:
        return Response(EvidenceSerializer(get_object_or_404(evidence_queryset(), pk=evidence_id)).data)

    @extend_schema(
        request=EvidenceUpdateSerializer, responses={200: EvidenceSerializer, **problem_responses(400, 401, 403, 404)}
    )
    def patch(self, request: Request, evidence_id: int) -> Response:
        evidence = get_object_or_404(Evidence, pk=evidence_id)
        incoming = EvidenceUpdateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        services.evidence_update(evidence=evidence, user=request.user, **incoming.validated_data)
        return Response(EvidenceSerializer(evidence_queryset().get(pk=evidence_id)).data)

    @extend_schema(responses={204: None, **problem_responses(401, 403, 404)})
    def delete(self, request: Request, evidence_id: int) -> Response:
        services.evidence_remove(evidence=get_object_or_404(Evidence, pk=evidence_id), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["sources"], responses={200: SourceSerializer(many=True), **problem_responses(401, 403)})
class SourceListView(generics.ListAPIView):
    """Every cited source, newest first (`domain` filters)."""

    serializer_class = SourceSerializer
    queryset = Source.objects.all()
    filterset_fields = ["domain"]
    cursor_ordering = ("-created_at", "-id")


@extend_schema(tags=["sources"], responses={200: SourceDetailSerializer, **problem_responses(401, 403, 404)})
class SourceDetailView(generics.RetrieveAPIView):
    """A source and its captures, newest first."""

    serializer_class = SourceDetailSerializer
    lookup_url_kwarg = "source_id"

    def get_queryset(self) -> QuerySet[Source]:
        newest = Snapshot.objects.order_by("-requested_at", "-id")
        return Source.objects.prefetch_related(Prefetch("snapshots", queryset=newest, to_attr="recent_snapshots"))


@extend_schema(tags=["sources"])
class SourceRearchiveView(APIView):
    """Queue a new capture of the source (202, the capture's status)."""

    @extend_schema(request=None, responses={202: SnapshotStatusSerializer, **problem_responses(401, 403, 404, 422)})
    def post(self, request: Request, source_id: int) -> Response:
        _may_request_captures(request)
        snapshot = services.source_rearchive(source=get_object_or_404(Source, pk=source_id))
        return Response(SnapshotStatusSerializer(snapshot).data, status=status.HTTP_202_ACCEPTED)


@extend_schema(tags=["sources"], responses={200: SnapshotSerializer, **problem_responses(401, 403, 404)})
class SnapshotDetailView(generics.RetrieveAPIView):
    """One capture of a source: its status, attempts, timings and hashes (not the content)."""

    serializer_class = SnapshotSerializer
    queryset = Snapshot.objects.defer("extracted_text", "response_headers")
    lookup_url_kwarg = "snapshot_id"


@extend_schema(tags=["sources"])
class SnapshotRetryView(APIView):
    """Queue a failed or timed-out capture again."""

    @extend_schema(
        request=None, responses={202: SnapshotStatusSerializer, **problem_responses(401, 403, 404, 409, 422)}
    )
    def post(self, request: Request, snapshot_id: int) -> Response:
        _may_request_captures(request)
        snapshot = services.snapshot_retry(snapshot=get_object_or_404(Snapshot, pk=snapshot_id))
        return Response(SnapshotStatusSerializer(snapshot).data, status=status.HTTP_202_ACCEPTED)


class _FileRenderer(BaseRenderer):
    """Lets `Accept: text/plain` / `application/warc` through content negotiation (the view builds the body)."""

    format = "download"
    charset = None

    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None) -> Any:
        return json.dumps(data).encode() if isinstance(data, dict) else data  # a problem, when it fails


class _TextRenderer(_FileRenderer):
    media_type = "text/plain"


class _WarcRenderer(_FileRenderer):
    media_type = "application/warc"


_TEXT = OpenApiResponse(OpenApiTypes.STR, description="The extracted text (text/plain attachment).")
_WARC = OpenApiResponse(OpenApiTypes.BINARY, description="The WARC file (application/warc attachment).")


@extend_schema(tags=["sources"], responses={(200, "text/plain"): _TEXT, **problem_responses(401, 403, 404)})
class SnapshotTextView(APIView):
    """Download the capture's extracted text."""

    renderer_classes = [JSONRenderer, _TextRenderer]

    def get(self, request: Request, snapshot_id: int) -> HttpResponse:
        snapshot = get_object_or_404(Snapshot.objects.only("id", "status", "extracted_text"), pk=snapshot_id)
        if snapshot.status != Snapshot.Status.ARCHIVED:
            raise Http404("This capture is not archived.")
        response = HttpResponse(snapshot.extracted_text, content_type="text/plain; charset=utf-8")
        _protect(response, f"snapshot-{snapshot.pk}.txt")
        return response


@extend_schema(tags=["sources"], responses={(200, "application/warc"): _WARC, **problem_responses(401, 403, 404)})
class SnapshotWarcView(APIView):
    """Download the capture's WARC file."""

    renderer_classes = [JSONRenderer, _WarcRenderer]

    def get(self, request: Request, snapshot_id: int) -> Any:
        snapshot = get_object_or_404(Snapshot, pk=snapshot_id)
        try:
            handle = open(_local_warc_path(snapshot), "rb")  # noqa: SIM115 - FileResponse closes it
        except OSError as exc:
            raise Http404("The archive file is missing.") from exc
        response = FileResponse(handle, content_type="application/warc")
        _protect(response, f"snapshot-{snapshot.pk}.warc.gz")
        return response
