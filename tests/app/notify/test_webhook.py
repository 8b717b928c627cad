"""WebhookNotifier against a real HTTP receiver on 127.0.0.1 (no patched httpx)."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import time
from collections.abc import Callable

import pytest

from app.errors import ConfigError
from app.notify import Notifier, WebhookNotifier, verify_signature
from tests.app.notify.conftest import Receiver, Reply, make_event

SECRET = "s3cret-for-tests"


def fast_notifier(url: str, *, retries: int = 3, max_delay_s: float = 5.0, timeout_s: float = 2.0) -> WebhookNotifier:
    """Real back-off, scaled down: 10 ms base delay so retry tests stay quick."""
    return WebhookNotifier(
        url, SECRET, retries=retries, base_delay_s=0.01, max_delay_s=max_delay_s, timeout_s=timeout_s
    )


def test_delivers_a_signed_event_receivers_can_verify(receiver: Callable[..., Receiver]) -> None:
    hook = receiver()
    event = make_event()

    result = fast_notifier(hook.url).notify(event)

    assert (result.delivered, result.attempts, result.error) == (True, 1, None)
    [request] = hook.requests
    headers = {name.lower(): value for name, value in request.headers.items()}
    assert headers["content-type"] == "application/json"
    assert headers["x-sigap-event"] == "case.opened"
    assert headers["x-sigap-delivery"] == event.event_id
    timestamp = headers["x-sigap-timestamp"]
    assert abs(int(timestamp) - time.time()) < 5
    assert verify_signature(SECRET, timestamp, request.body, headers["x-sigap-signature"])
    recomputed = hmac.new(SECRET.encode(), f"{timestamp}.{request.body.decode()}".encode(), hashlib.sha256)
    assert headers["x-sigap-signature"] == "sha256=" + recomputed.hexdigest()
    payload = json.loads(request.body)
    assert payload == event.as_dict()
    assert payload["summary"].endswith("— belum masuk ke rekening.")  # non-ASCII survives the ASCII body


@pytest.mark.parametrize("status", [503, 500, 429])
def test_retries_transient_failures_with_the_same_delivery_id(receiver: Callable[..., Receiver], status: int) -> None:
    hook = receiver(Reply(status), Reply(status), Reply(200))
    event = make_event()

    result = fast_notifier(hook.url).notify(event)

    assert (result.delivered, result.attempts) == (True, 3)
    assert len(hook.requests) == 3
    assert {r.headers["X-Sigap-Delivery"] for r in hook.requests} == {event.event_id}
    for request in hook.requests:  # each attempt is signed afresh, with its own timestamp
        assert verify_signature(
            SECRET, request.headers["X-Sigap-Timestamp"], request.body, request.headers["X-Sigap-Signature"]
        )


def test_honours_retry_after(receiver: Callable[..., Receiver]) -> None:
    hook = receiver(Reply(503, {"Retry-After": "1"}), Reply(200))

    result = fast_notifier(hook.url).notify(make_event())

    assert (result.delivered, result.attempts) == (True, 2)
    first, second = hook.requests
    assert second.at - first.at >= 0.95


def test_caps_a_huge_retry_after(receiver: Callable[..., Receiver]) -> None:
    hook = receiver(Reply(429, {"Retry-After": "3600"}), Reply(200))

    started = time.monotonic()
    result = fast_notifier(hook.url, max_delay_s=0.2).notify(make_event())

    assert (result.delivered, result.attempts) == (True, 2)
    assert time.monotonic() - started < 2


def test_gives_up_after_the_configured_retries(receiver: Callable[..., Receiver]) -> None:
    hook = receiver(*[Reply(503)] * 10)

    result = fast_notifier(hook.url, retries=2).notify(make_event())

    assert (result.delivered, result.attempts, result.error) == (False, 3, "HTTP 503")
    assert len(hook.requests) == 3


@pytest.mark.parametrize("status", [400, 401, 404, 301])
def test_does_not_retry_other_client_errors(receiver: Callable[..., Receiver], status: int) -> None:
    hook = receiver(Reply(status, {"Location": "http://127.0.0.1:1/"} if status == 301 else {}))

    result = fast_notifier(hook.url).notify(make_event())

    assert (result.delivered, result.attempts) == (False, 1)
    assert result.error is not None and result.error.startswith(f"HTTP {status}")
    assert len(hook.requests) == 1


def test_a_hung_receiver_fails_within_bounded_time(silent_port: int) -> None:
    notifier = fast_notifier(f"http://127.0.0.1:{silent_port}/hook", retries=1, timeout_s=0.3)

    started = time.monotonic()
    result = notifier.notify(make_event())

    assert (result.delivered, result.attempts) == (False, 2)
    assert result.error is not None and "Timeout" in result.error
    assert time.monotonic() - started < 3


def test_nobody_listening_is_a_result_not_an_exception(dead_port: int) -> None:
    result = fast_notifier(f"http://127.0.0.1:{dead_port}/hook", retries=2).notify(make_event())

    assert (result.delivered, result.attempts) == (False, 3)
    assert result.error is not None and result.error.startswith("ConnectError")


def test_failure_log_names_the_case_but_no_personal_data(dead_port: int, caplog: pytest.LogCaptureFixture) -> None:
    event = make_event()
    url = f"http://127.0.0.1:{dead_port}/hooks/T0KEN-IN-PATH"

    with caplog.at_level(logging.DEBUG, logger="app.notify"):
        fast_notifier(url, retries=0).notify(event)

    logged = caplog.text
    assert event.case_id in logged
    for private in ("Siti", "812-3456", "siti@example", "refund", "T0KEN-IN-PATH"):
        assert private not in logged


def test_deliver_in_background_does_not_wait_for_the_receiver(receiver: Callable[..., Receiver]) -> None:
    hook = receiver(Reply(200, delay_s=0.6))

    started = time.monotonic()
    thread = fast_notifier(hook.url).deliver_in_background(make_event())
    returned_after = time.monotonic() - started
    thread.join(timeout=5)

    assert returned_after < 0.3
    assert thread.daemon and not thread.is_alive()
    assert len(hook.requests) == 1


def test_is_a_notifier() -> None:
    assert isinstance(fast_notifier("https://hooks.example.com/sigap"), Notifier)


def test_refuses_a_webhook_without_secret() -> None:
    with pytest.raises(ConfigError, match="SIGAP_NOTIFY__WEBHOOK_SECRET"):
        WebhookNotifier("https://hooks.example.com/sigap", "")


def test_refuses_a_non_http_url() -> None:
    with pytest.raises(ConfigError, match=re.escape("'ftp://hooks.example.com/x'")):
        WebhookNotifier("ftp://hooks.example.com/x", SECRET)


class TestVerifySignature:
    body = make_event().to_json().encode()

    def signed(self, timestamp: int) -> str:
        return "sha256=" + hmac.new(SECRET.encode(), f"{timestamp}.".encode() + self.body, hashlib.sha256).hexdigest()

    def test_accepts_a_fresh_authentic_request(self) -> None:
        now = int(time.time())
        assert verify_signature(SECRET, str(now), self.body, self.signed(now))
        assert verify_signature(SECRET.encode(), now, self.body.decode(), self.signed(now))

    def test_rejects_a_tampered_body(self) -> None:
        now = int(time.time())
        tampered = self.body.replace(b"case-7f3a", b"case-0000")
        assert not verify_signature(SECRET, now, tampered, self.signed(now))

    @pytest.mark.parametrize("age_s", [301, -301, 86_400])
    def test_rejects_a_timestamp_outside_the_window(self, age_s: int) -> None:
        then = int(time.time()) - age_s
        assert not verify_signature(SECRET, then, self.body, self.signed(then))
        assert verify_signature(SECRET, then, self.body, self.signed(then), tolerance_s=abs(age_s) + 600)

    def test_rejects_a_replayed_signature_with_a_new_timestamp(self) -> None:
        now = int(time.time())
        assert not verify_signature(SECRET, now, self.body, self.signed(now - 10))

    @pytest.mark.parametrize("secret", ["", "another-secret"])
    def test_rejects_a_wrong_or_empty_secret(self, secret: str) -> None:
        now = int(time.time())
        assert not verify_signature(secret, now, self.body, self.signed(now))

    @pytest.mark.parametrize("timestamp", ["", "abc", "12.5", "-5"])
    def test_rejects_a_malformed_timestamp(self, timestamp: str) -> None:
        assert not verify_signature(SECRET, timestamp, self.body, "sha256=00")

    def test_rejects_malformed_signatures(self) -> None:
        now = int(time.time())
        bare_hex = self.signed(now).removeprefix("sha256=")
        for signature in (bare_hex, "", "sha256=", "sha256=ünïcode"):
            assert not verify_signature(SECRET, now, self.body, signature)
