"""Tell support when a handoff case opens: signed webhooks and e-mail, never breaking the chat.

    from app.notify import create_notifiers, notify_all_in_background
    notifiers = create_notifiers(settings.notify)        # at start-up; [] when nothing is configured
    notify_all_in_background(notifiers, case_event)      # when a case opens

Receivers of the webhook verify requests with :func:`app.notify.webhook.verify_signature`.
"""

from app.notify.base import CASE_OPENED, CaseEvent, Notifier, NotifyResult
from app.notify.email import EmailNotifier
from app.notify.factory import create_notifiers, notify_all, notify_all_in_background
from app.notify.webhook import WebhookNotifier, compute_signature, verify_signature

__all__ = [
    "CASE_OPENED",
    "CaseEvent",
    "EmailNotifier",
    "Notifier",
    "NotifyResult",
    "WebhookNotifier",
    "compute_signature",
    "create_notifiers",
    "notify_all",
    "notify_all_in_background",
    "verify_signature",
]
