"""/api/v1/webhooks/: your subscriptions and their delivery log (owner only)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, mixins, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from factcheck.api.schema import problem_responses
from webhooks import services
from webhooks.models import Delivery, Subscription
from webhooks.serializers import (
    DeliverySerializer,
    SubscriptionCreatedSerializer,
    SubscriptionCreateSerializer,
    SubscriptionSerializer,
    SubscriptionUpdateSerializer,
)


@extend_schema(tags=["webhooks"])
class SubscriptionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet
):
    """Subscribe a receiver URL to events; the secret (for the signature) is returned at creation."""

    serializer_class = SubscriptionSerializer
    queryset = Subscription.objects.none()
    cursor_ordering = ("-created_at", "-id")

    def get_queryset(self) -> QuerySet[Subscription]:
        return Subscription.objects.filter(owner_id=int(self.request.user.pk or 0))

    @extend_schema(responses={200: SubscriptionSerializer(many=True), **problem_responses(401, 403)})
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(responses={200: SubscriptionSerializer, **problem_responses(401, 403, 404)})
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(
        request=SubscriptionCreateSerializer,
        responses={201: SubscriptionCreatedSerializer, **problem_responses(400, 401, 403, 422)},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        incoming = SubscriptionCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        subscription = services.subscription_create(owner=request.user, **incoming.validated_data)
        return Response(SubscriptionCreatedSerializer(subscription).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=SubscriptionUpdateSerializer,
        responses={200: SubscriptionSerializer, **problem_responses(400, 401, 403, 404)},
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        incoming = SubscriptionUpdateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        subscription = services.subscription_update(subscription=self.get_object(), **incoming.validated_data)
        return Response(SubscriptionSerializer(subscription).data)

    @extend_schema(responses={204: None, **problem_responses(401, 403, 404)})
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        services.subscription_delete(subscription=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["webhooks"], responses={200: DeliverySerializer(many=True), **problem_responses(401, 403, 404)})
class DeliveryListView(generics.ListAPIView):
    """The delivery log of one of your subscriptions, newest first."""

    serializer_class = DeliverySerializer
    queryset = Delivery.objects.none()
    cursor_ordering = ("-created_at", "-id")

    def get_queryset(self) -> QuerySet[Delivery]:
        subscription = get_object_or_404(
            Subscription, pk=self.kwargs["subscription_id"], owner_id=int(self.request.user.pk or 0)
        )
        return Delivery.objects.filter(subscription=subscription)
