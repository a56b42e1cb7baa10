"""REST API for a claim's evidence and for snapshots (/api/v1/)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.models import Claim
from factcheck.lib.permissions import API_AUTHENTICATION_CLASSES, HasWorkbenchRole
from history.drf import HistoryActorAPIMixin
from sources import selectors, services
from sources.models import Snapshot
from sources.serializers import EvidenceCreateSerializer, EvidenceSerializer, SnapshotSerializer


@extend_schema(tags=["evidence"])
class ClaimEvidenceView(HistoryActorAPIMixin, APIView):
    """Sources attached to a claim, with the status of their latest capture; POST attaches one."""

    authentication_classes = API_AUTHENTICATION_CLASSES
    permission_classes = [HasWorkbenchRole]

    @extend_schema(responses={200: EvidenceSerializer(many=True)})
    def get(self, request: Request, claim_id: int) -> Response:
        claim = get_object_or_404(Claim, pk=claim_id)
        evidence = selectors.evidence_with_newest_snapshot().filter(claim=claim)
        return Response(EvidenceSerializer(evidence, many=True).data)

    @extend_schema(request=EvidenceCreateSerializer, responses={201: EvidenceSerializer})
    def post(self, request: Request, claim_id: int) -> Response:
        claim = get_object_or_404(Claim, pk=claim_id)
        incoming = EvidenceCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        attached = services.evidence_attach(claim=claim, added_by=request.user, **incoming.validated_data)  # type: ignore[arg-type]
        evidence = selectors.evidence_with_newest_snapshot().get(pk=attached.pk)
        return Response(EvidenceSerializer(evidence).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["evidence"])
class SnapshotDetailView(HistoryActorAPIMixin, generics.RetrieveAPIView):
    """One capture of a source: its status, attempts, timings and hashes (not the content)."""

    authentication_classes = API_AUTHENTICATION_CLASSES
    permission_classes = [HasWorkbenchRole]
    serializer_class = SnapshotSerializer
    queryset = Snapshot.objects.all()
    lookup_url_kwarg = "snapshot_id"
