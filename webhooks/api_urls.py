from django.urls import include, path
from rest_framework.routers import SimpleRouter

from webhooks import api

router = SimpleRouter()
router.register("webhooks", api.SubscriptionViewSet, basename="api-webhook")


urlpatterns = [
    path("", include(router.urls)),
    path("webhooks/<int:subscription_id>/deliveries/", api.DeliveryListView.as_view(), name="api-webhook-deliveries"),
]
