"""Build the notifiers the settings ask for, and send one event through all of them."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence

from app.notify.base import CaseEvent, Notifier, NotifyResult
from app.settings import NotifySettings

log = logging.getLogger(__name__)


def create_notifiers(settings: NotifySettings) -> list[Notifier]:
    """A webhook notifier when ``webhook_url`` is set, an e-mail one when ``smtp_host`` and ``support_inbox`` are.

    Raises:
        ConfigError: a configured notifier is incomplete or malformed (e.g. a webhook without a secret).
    """
    notifiers: list[Notifier] = []
    if settings.webhook_url:
        from app.notify.webhook import WebhookNotifier

        secret = settings.webhook_secret.get_secret_value()
        notifiers.append(WebhookNotifier(settings.webhook_url, secret, retries=settings.webhook_retries))
    if settings.smtp_host and settings.support_inbox:
        from app.notify.email import EmailNotifier

        notifiers.append(
            EmailNotifier(
                settings.smtp_host,
                settings.smtp_port,
                settings.mail_from,
                settings.support_inbox,
                starttls=settings.smtp_starttls,
                username=settings.smtp_username,
                password=settings.smtp_password.get_secret_value(),
            )
        )
    elif settings.smtp_host or settings.support_inbox:
        missing = "support_inbox" if settings.smtp_host else "smtp_host"
        log.warning("No case e-mails: notify.%s is empty (set SIGAP_NOTIFY__%s).", missing, missing.upper())
    return notifiers


def notify_all(notifiers: Sequence[Notifier], event: CaseEvent) -> list[NotifyResult]:
    """Send ``event`` through every notifier in turn; one result per notifier, in order. Never raises."""
    results = []
    for notifier in notifiers:
        try:
            results.append(notifier.notify(event))
        except Exception as exc:  # a third-party notifier broke its promise; the case must still go on
            log.warning("%s raised for case %s: %s", type(notifier).__name__, event.case_id, type(exc).__name__)
            results.append(NotifyResult(delivered=False, attempts=1, error=f"unexpected {type(exc).__name__}"))
    return results


def notify_all_in_background(notifiers: Sequence[Notifier], event: CaseEvent) -> threading.Thread:
    """Run :func:`notify_all` in a daemon thread so the customer's chat never waits for it.

    The case is already stored, so a notification cut short by shutdown loses nothing but the ping.
    """
    thread = threading.Thread(
        target=notify_all, args=(list(notifiers), event), name=f"sigap-notify-{event.case_id}", daemon=True
    )
    thread.start()
    return thread
