"""Webhooks: signed deliveries a local receiver verifies, growing retry delays, pausing after a day, SSRF refusal."""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone
from pytest_httpserver import HTTPServer
from werkzeug import Request as WRequest
from werkzeug import Response as WResponse

from factcheck.lib.events import emit_event
from tests.factories import api
from webhooks import services
from webhooks.models import Delivery, Subscription

pytestmark = pytest.mark.django_db


@pytest.fixture
def receiver(httpserver: HTTPServer, settings: Any) -> HTTPServer:
    settings.FETCH_ALLOWLIST = [f"{httpserver.host}:{httpserver.port}"]
    settings.FETCH_ALLOWED_PORTS = [80, 443, httpserver.port]
    settings.FETCH_PER_HOST_DELAY = 0.0
    return httpserver


README = Path(__file__).resolve().parents[2] / "README.md"


def readme_verify() -> Callable[[str, str, bytes, str], bool]:
    """The README's verification snippet, executed as written (the ```python block after "Verify a delivery")."""
    text = README.read_text()
    block = text[text.index("Verify a delivery") :]
    block = block[block.index("```python\n") + 10 :]
    namespace: dict[str, Any] = {}
    exec(block[: block.index("```")], namespace)  # our own README: running it as written is the point
    return namespace["verify"]


def verify(secret: str, request: WRequest) -> bool:
    return readme_verify()(
        secret, request.headers["X-Webhook-Timestamp"], request.get_data(), request.headers["X-Webhook-Signature"]
    )


def subscribe(user: Any, server: HTTPServer, events: list[str]) -> Subscription:
    response = api(user).post("/api/v1/webhooks/", {"url": server.url_for("/hook"), "events": events}, format="json")
    assert response.status_code == 201, response.content
    assert len(response.json()["secret"]) == 64
    return Subscription.objects.get(pk=response.json()["id"])


def test_receiver_verifies_the_signature_of_an_event(
    alice: Any, receiver: HTTPServer, django_capture_on_commit_callbacks: Any
) -> None:
    subscription = subscribe(alice, receiver, ["snapshot.archived"])
    seen: list[dict[str, Any]] = []

    def handler(request: WRequest) -> WResponse:
        seen.append({"valid": verify(subscription.secret, request), "body": json.loads(request.get_data())})
        return WResponse("ok")

    receiver.expect_request("/hook", method="POST").respond_with_handler(handler)
    with django_capture_on_commit_callbacks(execute=True):
        emit_event("snapshot.archived", {"snapshot_id": 7})
        emit_event("article.extracted", {"article_id": 1})  # not subscribed
    assert [s["valid"] for s in seen] == [True]
    assert seen[0]["body"]["event"] == "snapshot.archived" and seen[0]["body"]["data"] == {"snapshot_id": 7}
    delivery = Delivery.objects.get()
    assert delivery.status == "succeeded" and delivery.response_status == 200 and delivery.response_ms is not None
    log = api(alice).get(f"/api/v1/webhooks/{subscription.pk}/deliveries/").json()["results"]
    assert log[0]["status"] == "succeeded"


def test_a_tampered_body_fails_verification() -> None:
    signature = services.sign(secret="s", timestamp=1, body=b'{"a":1}')
    assert signature != services.sign(secret="s", timestamp=1, body=b'{"a":2}')
    assert signature != services.sign(secret="s", timestamp=2, body=b'{"a":1}')


def test_failing_receiver_sees_retries_with_growing_delays(alice: Any, receiver: HTTPServer, settings: Any) -> None:
    settings.WEBHOOK_RETRY_BASE = 0.15
    subscription = subscribe(alice, receiver, ["article.extracted"])
    arrivals: list[float] = []

    def handler(request: WRequest) -> WResponse:
        arrivals.append(time.monotonic())
        return WResponse("down", status=503)

    receiver.expect_request("/hook", method="POST").respond_with_handler(handler)
    (delivery_id,) = services.event_fanout(name="article.extracted", payload={"article_id": 1})
    for _ in range(5):
        delivery = services.delivery_attempt(delivery_id=delivery_id)
        assert delivery is not None and delivery.status == "retrying" and delivery.next_attempt_at is not None
        time.sleep(max(0.0, (delivery.next_attempt_at - timezone.now()).total_seconds()))
    gaps = [b - a for a, b in itertools.pairwise(arrivals)]
    assert len(arrivals) == 5
    assert all(later > earlier for earlier, later in itertools.pairwise(gaps)), gaps
    assert Delivery.objects.get(pk=delivery_id).response_status == 503
    assert subscription.deliveries.get().attempts == 5


def test_failing_for_a_day_pauses_and_tells_the_owner(alice: Any, receiver: HTTPServer, client: Any) -> None:
    subscription = subscribe(alice, receiver, ["article.extracted"])
    receiver.expect_request("/hook", method="POST").respond_with_data("no", status=500)
    Subscription.objects.filter(pk=subscription.pk).update(failing_since=timezone.now() - timedelta(hours=25))
    (delivery_id,) = services.event_fanout(name="article.extracted", payload={"article_id": 1})
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("django.db.transaction.on_commit", lambda fn, using=None, robust=False: fn())
        services.delivery_attempt(delivery_id=delivery_id)
    subscription.refresh_from_db()
    assert subscription.status == "paused"
    assert len(mail.outbox) == 1 and subscription.url in mail.outbox[0].subject
    client.force_login(alice)
    assert "paused" in client.get("/accounts/profile/").content.decode()
    assert services.event_fanout(name="article.extracted", payload={}) == []
    resumed = api(alice).patch(f"/api/v1/webhooks/{subscription.pk}/", {"status": "active"}, format="json")
    assert resumed.json()["status"] == "active" and resumed.json()["failing_since"] is None


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8000/hook", "http://10.0.0.5/hook", "http://[::1]/", "file:///etc/passwd"]
)
def test_private_receivers_are_refused(alice: Any, url: str) -> None:
    response = api(alice).post("/api/v1/webhooks/", {"url": url, "events": ["claim.published"]}, format="json")
    assert response.status_code == 400 and "url" in response.json()["errors"]
    assert not Subscription.objects.exists()


def test_subscriptions_are_visible_to_their_owner_only(alice: Any, bob: Any, receiver: HTTPServer) -> None:
    subscription = subscribe(alice, receiver, ["claim.published"])
    assert api(bob).get("/api/v1/webhooks/").json()["results"] == []
    assert api(bob).get(f"/api/v1/webhooks/{subscription.pk}/").status_code == 404
    assert api(bob).get(f"/api/v1/webhooks/{subscription.pk}/deliveries/").status_code == 404
    assert api(bob).delete(f"/api/v1/webhooks/{subscription.pk}/").status_code == 404
    assert api(None).get("/api/v1/webhooks/").status_code == 401
    assert api(alice).delete(f"/api/v1/webhooks/{subscription.pk}/").status_code == 204


def test_unknown_events_are_refused(alice: Any, receiver: HTTPServer) -> None:
    response = api(alice).post("/api/v1/webhooks/", {"url": receiver.url_for("/h"), "events": ["nope"]}, format="json")
    assert response.status_code == 400
    with pytest.raises(ValueError):
        emit_event("nope", {})


def test_the_worker_schedules_each_retry_later_than_the_one_before(
    alice: Any, receiver: HTTPServer, monkeypatch: Any
) -> None:
    from webhooks import tasks

    subscribe(alice, receiver, ["article.extracted"])
    receiver.expect_request("/hook", method="POST").respond_with_data("down", status=503)
    (delivery_id,) = services.event_fanout(name="article.extracted", payload={"article_id": 1})
    scheduled: list[tuple[tuple[int, ...], float]] = []
    monkeypatch.setattr(tasks.deliver, "apply_async", lambda args, countdown: scheduled.append((args, countdown)))
    for _ in range(4):
        tasks.deliver(delivery_id)  # what the worker runs; each failure re-queues the task with a countdown
    assert [args for args, _ in scheduled] == [(delivery_id,)] * 4
    delays = [countdown for _, countdown in scheduled]
    assert delays[0] >= 29 and all(later > earlier for earlier, later in itertools.pairwise(delays)), delays
    assert len(receiver.log) == 4


def test_the_failure_clock_starts_at_the_first_failure_and_a_success_stops_it(alice: Any, receiver: HTTPServer) -> None:
    subscription = subscribe(alice, receiver, ["article.extracted"])
    receiver.expect_ordered_request("/hook", method="POST").respond_with_data("no", status=500)
    receiver.expect_ordered_request("/hook", method="POST").respond_with_data("ok")
    (delivery_id,) = services.event_fanout(name="article.extracted", payload={"article_id": 1})
    services.delivery_attempt(delivery_id=delivery_id)
    subscription.refresh_from_db()
    assert subscription.status == "active" and subscription.failing_since is not None
    assert not mail.outbox
    services.delivery_attempt(delivery_id=delivery_id)
    subscription.refresh_from_db()
    assert subscription.status == "active" and subscription.failing_since is None


def test_an_event_nobody_subscribes_to_puts_no_task_on_the_broker(
    alice: Any, receiver: HTTPServer, django_capture_on_commit_callbacks: Any
) -> None:
    # Every archived page and extracted article emits an event: with no subscriber, no fan-out task is queued.
    with django_capture_on_commit_callbacks() as callbacks:
        emit_event("snapshot.archived", {"snapshot_id": 7})
    assert callbacks == []
    subscription = subscribe(alice, receiver, ["snapshot.archived"])
    with django_capture_on_commit_callbacks() as callbacks:
        emit_event("snapshot.archived", {"snapshot_id": 8})
        emit_event("claim.published", {"claim_id": 1})  # not one of its events
    assert len(callbacks) == 1
    Subscription.objects.filter(pk=subscription.pk).update(status=Subscription.Status.PAUSED)
    with django_capture_on_commit_callbacks() as callbacks:
        emit_event("snapshot.archived", {"snapshot_id": 9})
    assert callbacks == []
