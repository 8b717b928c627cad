"""Signed JSON webhooks: POST each case event to a URL of the support team's choosing.

Every request carries these headers::

    Content-Type: application/json
    X-Sigap-Event: case.opened
    X-Sigap-Delivery: <event id, the same on every retry: use it to drop duplicates>
    X-Sigap-Timestamp: <unix seconds when this attempt was sent>
    X-Sigap-Signature: sha256=<hex HMAC-SHA256 of f"{timestamp}.{body}" keyed with notify.webhook_secret>

To verify a request, take the raw body bytes as received (do not re-serialise the JSON) and call
:func:`verify_signature` (or do the same in your language: HMAC-SHA256 over the ASCII timestamp, a
``.``, then the body; compare in constant time; reject timestamps more than 5 minutes away from now).

Delivery is retried on connection errors, timeouts, HTTP 429 and 5xx, with exponential back-off
(``base_delay_s``, doubling, with jitter; a ``Retry-After`` in seconds or as a date is honoured, capped at
``max_delay_s``). Other 4xx and 3xx answers are not retried: they need a fix on the receiving side.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import random
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import httpx

from app.errors import ConfigError
from app.notify.base import CaseEvent, NotifyResult

log = logging.getLogger(__name__)

SIGNATURE_PREFIX = "sha256="
USER_AGENT = "Sigap-Webhook/1"


def compute_signature(secret: str | bytes, timestamp: int | str, body: bytes | str) -> str:
    """``sha256=<hex>``: HMAC-SHA256 of ``f"{timestamp}.{body}"`` keyed with ``secret``."""
    key = secret.encode("utf-8") if isinstance(secret, str) else secret
    payload = body.encode("utf-8") if isinstance(body, str) else body
    digest = hmac.new(key, f"{timestamp}.".encode("ascii") + payload, hashlib.sha256).hexdigest()
    return SIGNATURE_PREFIX + digest


def verify_signature(
    secret: str | bytes,
    timestamp: int | str,
    body: bytes | str,
    signature: str,
    tolerance_s: float = 300,
    *,
    now: float | None = None,
) -> bool:
    """Whether a webhook request is authentic and fresh (within ``tolerance_s`` of ``now``).

    Use the raw ``X-Sigap-Timestamp`` and ``X-Sigap-Signature`` headers and the raw body bytes. An empty
    secret never verifies (anyone could forge that signature).
    """
    if not secret or not str(timestamp).strip().isdigit():
        return False
    current = time.time() if now is None else now
    if abs(current - int(timestamp)) > tolerance_s:
        return False
    expected = compute_signature(secret, str(timestamp).strip(), body).encode("ascii")
    return hmac.compare_digest(expected, signature.strip().encode("utf-8", "replace"))


@dataclass(frozen=True)
class _Attempt:
    delivered: bool
    retryable: bool
    error: str | None = None
    retry_after_s: float | None = None


class WebhookNotifier:
    """POSTs signed case events to ``url``; never raises (see the module docstring for the protocol)."""

    def __init__(
        self,
        url: str,
        secret: str,
        *,
        retries: int = 4,
        base_delay_s: float = 1.0,
        max_delay_s: float = 30.0,
        timeout_s: float = 10.0,
    ) -> None:
        """Check the settings once, at start-up.

        Raises:
            ConfigError: the URL is not http(s), the secret is empty, or a number is negative.
        """
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ConfigError(
                f"notify.webhook_url must be an http:// or https:// URL, got {url!r}: "
                "set SIGAP_NOTIFY__WEBHOOK_URL to the receiver's address."
            )
        if not secret:
            raise ConfigError(
                "notify.webhook_url is set but notify.webhook_secret is empty: set SIGAP_NOTIFY__WEBHOOK_SECRET "
                "to a long random string (python -c 'import secrets; print(secrets.token_hex(32))') "
                "and give the receiver the same value."
            )
        if min(retries, base_delay_s, max_delay_s) < 0 or timeout_s <= 0:
            raise ConfigError(
                f"Webhook retries/delays must be >= 0 and timeout > 0, got retries={retries}, "
                f"base_delay_s={base_delay_s}, max_delay_s={max_delay_s}, timeout_s={timeout_s}."
            )
        self.url = url
        self.host = parts.hostname  # logged instead of the URL, whose path may hold a token
        self._secret = secret
        self.retries = retries
        self.base_delay_s = base_delay_s
        self.max_delay_s = max_delay_s
        self.timeout_s = timeout_s

    def notify(self, event: CaseEvent) -> NotifyResult:
        """Deliver ``event``, retrying transient failures; the result says whether it arrived."""
        attempts = 0
        try:
            body = event.to_json().encode("ascii")
            with httpx.Client(timeout=self.timeout_s, follow_redirects=False) as client:
                outcome = _Attempt(delivered=False, retryable=True)
                while outcome.retryable and attempts <= self.retries:
                    if attempts:
                        time.sleep(self._delay_s(attempts, outcome.retry_after_s))
                    attempts += 1
                    outcome = self._post_once(client, event, body)
                    if outcome.delivered:
                        return NotifyResult(delivered=True, attempts=attempts)
            error = outcome.error
        except Exception as exc:  # a notifier must never break the chat
            log.debug("webhook for case %s crashed", event.case_id, exc_info=True)
            error = f"unexpected {type(exc).__name__}"
        log.warning(
            "Webhook for case %s not delivered to %s after %d attempt(s): %s", event.case_id, self.host, attempts, error
        )
        return NotifyResult(delivered=False, attempts=attempts, error=error)

    def deliver_in_background(self, event: CaseEvent) -> threading.Thread:
        """Run :meth:`notify` in a daemon thread, so the chat never waits for the receiver."""
        thread = threading.Thread(target=self.notify, args=(event,), name=f"sigap-webhook-{event.case_id}", daemon=True)
        thread.start()
        return thread

    def _post_once(self, client: httpx.Client, event: CaseEvent, body: bytes) -> _Attempt:
        timestamp = str(int(time.time()))
        headers = {
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "X-Sigap-Event": event.event,
            "X-Sigap-Delivery": event.event_id,
            "X-Sigap-Timestamp": timestamp,
            "X-Sigap-Signature": compute_signature(self._secret, timestamp, body),
        }
        try:
            response = client.post(self.url, content=body, headers=headers)
        except httpx.TransportError as exc:  # connection refused, DNS, timeouts, broken connections
            return _Attempt(delivered=False, retryable=True, error=f"{type(exc).__name__}: {exc}")
        return _judge(response)

    def _delay_s(self, retry: int, retry_after_s: float | None) -> float:
        backoff = self.base_delay_s * 2.0 ** (retry - 1)
        jittered = backoff / 2 + random.uniform(0, backoff / 2)  # spread retries of many instances apart
        return min(max(jittered, retry_after_s or 0.0), self.max_delay_s)


def _judge(response: httpx.Response) -> _Attempt:
    status = response.status_code
    if 200 <= status < 300:
        return _Attempt(delivered=True, retryable=False)
    if status == 429 or status >= 500:
        retry_after = _retry_after_s(response.headers.get("Retry-After"))
        return _Attempt(delivered=False, retryable=True, error=f"HTTP {status}", retry_after_s=retry_after)
    if 300 <= status < 400:
        hint = "the receiver redirects: set notify.webhook_url to the final address"
    else:
        hint = "the receiver rejected the event: check its logs (not retried)"
    return _Attempt(delivered=False, retryable=False, error=f"HTTP {status}: {hint}")


def _retry_after_s(value: str | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta seconds or an HTTP date); None if absent or bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
