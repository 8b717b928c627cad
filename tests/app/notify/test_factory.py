"""create_notifiers picks notifiers from the settings; notify_all never lets one failure stop the rest."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable

import pytest

from app.errors import ConfigError
from app.notify import (
    CaseEvent,
    EmailNotifier,
    NotifyResult,
    WebhookNotifier,
    create_notifiers,
    notify_all,
    notify_all_in_background,
)
from app.settings import NotifySettings
from tests.app.notify.conftest import Receiver, Reply, make_event


def test_nothing_configured_means_no_notifiers() -> None:
    assert create_notifiers(NotifySettings()) == []


def test_the_default_sender_is_accepted() -> None:
    mail = create_notifiers(NotifySettings(smtp_host="127.0.0.1", support_inbox="cs@example.com"))[0]
    assert isinstance(mail, EmailNotifier) and mail.mail_from == "sigap@localhost"


def test_builds_the_configured_notifiers() -> None:
    settings = NotifySettings(
        webhook_url="https://hooks.example.com/sigap",
        webhook_secret="k",
        webhook_retries=2,
        smtp_host="smtp.example.com",
        smtp_port=587,
        smtp_starttls=True,
        smtp_username="sigap",
        support_inbox="cs@example.com",
    )

    webhook, mail = create_notifiers(settings)

    assert isinstance(webhook, WebhookNotifier) and webhook.retries == 2
    assert isinstance(mail, EmailNotifier) and (mail.host, mail.port, mail.starttls) == ("smtp.example.com", 587, True)
    assert mail.to == ["cs@example.com"]


def test_a_webhook_without_secret_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="webhook_secret is empty"):
        create_notifiers(NotifySettings(webhook_url="https://hooks.example.com/sigap"))


def test_half_configured_email_is_off_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="app.notify"):
        assert create_notifiers(NotifySettings(smtp_host="smtp.example.com")) == []
    assert "SIGAP_NOTIFY__SUPPORT_INBOX" in caplog.text


class Exploding:
    """A notifier that breaks the never-raise promise (a third-party one might)."""

    def notify(self, event: CaseEvent) -> NotifyResult:
        raise RuntimeError("boom")


def test_notify_all_reports_every_notifier_and_survives_a_broken_one(
    receiver: Callable[..., Receiver], dead_port: int
) -> None:
    hook = receiver()
    working = WebhookNotifier(hook.url, "k", retries=0)
    down = EmailNotifier("127.0.0.1", dead_port, "sigap@example.com", "cs@example.com", timeout_s=2)

    results = notify_all([Exploding(), down, working], make_event())

    assert [r.delivered for r in results] == [False, False, True]
    assert results[0].error == "unexpected RuntimeError"
    assert len(hook.requests) == 1


def test_notify_all_in_background_returns_at_once(receiver: Callable[..., Receiver]) -> None:
    hook = receiver(Reply(200, delay_s=0.6))
    event = make_event()

    started = time.monotonic()
    thread = notify_all_in_background([WebhookNotifier(hook.url, "k")], event)
    returned_after = time.monotonic() - started
    thread.join(timeout=5)

    assert returned_after < 0.3 and not thread.is_alive()
    assert json.loads(hook.requests[0].body)["case_id"] == event.case_id
