"""Support hears about a new case: a signed webhook reaches a real local HTTP server, the chat never waits."""

from __future__ import annotations

import json
import time
from collections.abc import Callable

from app.notify import create_notifiers, verify_signature
from app.settings import NotifySettings
from tests.app.handoff.conftest import ChatFactory, Receiver, say

SECRET = "rahasia-webhook-uji"


def _wait_for(receiver: Receiver, count: int, timeout_s: float = 10.0) -> None:
    deadline = time.monotonic() + timeout_s
    while len(receiver.requests) < count and time.monotonic() < deadline:
        time.sleep(0.02)
    assert len(receiver.requests) >= count, "the webhook never arrived"


def test_a_new_case_sends_one_signed_webhook_with_the_transcript(
    receiver: Callable[..., Receiver], make_chat: ChatFactory
) -> None:
    hook = receiver()
    notifiers = create_notifiers(NotifySettings(webhook_url=hook.url, webhook_secret=SECRET, webhook_retries=0))
    chat = make_chat(notifiers=notifiers)
    session = chat.start("id")
    say(chat, session, "Berapa lama proses refund?")
    final = say(chat, session, "mau bicara dengan cs")
    assert final.case is not None
    _wait_for(hook, 1)
    request = hook.requests[0]
    headers = {name.lower(): value for name, value in request.headers.items()}
    assert verify_signature(SECRET, headers["x-sigap-timestamp"], request.body, headers["x-sigap-signature"])
    event = json.loads(request.body)
    assert (event["event"], event["case_id"], event["reason"], event["priority"]) == (
        "case.opened",
        final.case.id,
        "human_request",
        "normal",
    )
    assert event["agent_url"].endswith(f"?case={final.case.id}") and event["channel"] == "web"
    assert [m["role"] for m in event["transcript"]] == ["user", "assistant", "user", "assistant"]
    assert event["transcript"][2]["content"] == "mau bicara dengan cs"
    assert event["transcript"][3]["content"] == final.reply_text
    say(chat, session, "halo, masih di sana?")  # joins the open case: no second notification
    chat.request_agent(session)
    time.sleep(0.2)
    assert len(hook.requests) == 1
