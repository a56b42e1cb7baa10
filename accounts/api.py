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
from factcheck.api.schema import problem_responses


@extend_schema(tags=["tokens"])
class ApiTokenViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Your own API tokens. The secret is returned once, by create; DELETE revokes."""

    permission_classes = [IsAuthenticated]
    serializer_class = ApiTokenSerializer
    queryset = ApiToken.objects.none()
    cursor_ordering = ("-created_at", "-id")

    def get_queryset(self) -> QuerySet[ApiToken]:
        return ApiToken.objects.filter(user_id=int(self.request.user.pk or 0))

    @extend_schema(responses={200: ApiTokenSerializer(many=True), **problem_responses(401)})
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(responses={200: ApiTokenSerializer, **problem_responses(401, 404)})
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(
        request=ApiTokenCreateSerializer, responses={201: ApiTokenCreatedSerializer, **problem_responses(400, 401, 422)}
    )
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

    @extend_schema(request=None, responses={204: None, **problem_responses(401, 404)})
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        services.token_revoke(token=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["tokens"])
class MeView(APIView):
    """Who the API sees: the user, their roles and the token used."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: MeSerializer, **problem_responses(401)})
    def get(self, request: Request) -> Response:
        return Response(MeSerializer(me_data(request.user, request.auth)).data)
