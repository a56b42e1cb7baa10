"""REST API for a claim's evidence and for snapshots (/api/v1/)."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.models import Claim
from factcheck.lib.permissions import API_AUTHENTICATION_CLASSES, HasWorkbenchRole
from history.drf import HistoryActorAPIMixin
from sources.models import Evidence, Snapshot
from sources.serializers import EvidenceCreateSerializer, EvidenceSerializer, SnapshotSerializer


def evidence_queryset() -> QuerySet[Evidence]:
    newest_first = Snapshot.objects.order_by("-requested_at", "-id")
    return (
        Evidence.objects.select_related("source", "added_by")
        .prefetch_related(Prefetch("source__snapshots", queryset=newest_first, to_attr="newest_snapshots"))
        .order_by("-added_at", "-id")
    )


@extend_schema(tags=["evidence"])
class ClaimEvidenceView(HistoryActorAPIMixin, APIView):
    """Sources attached to a claim, with the status of their latest capture; POST attaches one."""

    authentication_classes = API_AUTHENTICATION_CLASSES
    permission_classes = [HasWorkbenchRole]

    @extend_schema(responses={200: EvidenceSerializer(many=True)})
    def get(self, request: Request, claim_id: int) -> Response:
        claim = get_object_or_404(Claim, pk=claim_id)
        return Response(EvidenceSerializer(evidence_queryset().filter(claim=claim), many=True).data)

    @extend_schema(request=EvidenceCreateSerializer, responses={201: EvidenceSerializer})
    def post(self, request: Request, claim_id: int) -> Response:
        from sources.services import evidence_attach

        claim = get_object_or_404(Claim, pk=claim_id)
        incoming = EvidenceCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        evidence = evidence_attach(claim=claim, added_by=request.user, **incoming.validated_data)  # type: ignore[arg-type]
        evidence = evidence_queryset().get(pk=evidence.pk)
        return Response(EvidenceSerializer(evidence).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["evidence"])
class SnapshotDetailView(HistoryActorAPIMixin, generics.RetrieveAPIView):
    """One capture of a source: its status, attempts, timings and hashes (not the content)."""

    authentication_classes = API_AUTHENTICATION_CLASSES
    permission_classes = [HasWorkbenchRole]
    serializer_class = SnapshotSerializer
    queryset = Snapshot.objects.all()
    lookup_url_kwarg = "snapshot_id"
