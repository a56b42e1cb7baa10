"""/api/v1/tokens/ (a user's own tokens) and /api/v1/me/."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import services
from accounts.models import ApiToken
from accounts.serializers import (
    ApiTokenCreatedSerializer,
    ApiTokenCreateSerializer,
    ApiTokenSerializer,
    MeSerializer,
    me_data,
)


@extend_schema(tags=["tokens"])
class ApiTokenViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Your own API tokens. The secret is returned once, by create; DELETE revokes."""

    permission_classes = [IsAuthenticated]
    serializer_class = ApiTokenSerializer
    queryset = ApiToken.objects.none()
    cursor_ordering = ("-created_at", "-id")

    def get_queryset(self) -> QuerySet[ApiToken]:
        return ApiToken.objects.filter(user_id=int(self.request.user.pk or 0))

    @extend_schema(request=ApiTokenCreateSerializer, responses={201: ApiTokenCreatedSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        incoming = ApiTokenCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        token, secret = services.token_create(
            user=request.user,
            name=incoming.validated_data["name"],
            expires_in_days=incoming.validated_data.get("expires_in_days"),
        )
        token.token = secret  # type: ignore[attr-defined]
        return Response(ApiTokenCreatedSerializer(token).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={204: None})
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        services.token_revoke(token=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["tokens"])
class MeView(APIView):
    """Who the API sees: the user, their roles and the token used."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: MeSerializer})
    def get(self, request: Request) -> Response:
        return Response(MeSerializer(me_data(request.user, request.auth)).data)
