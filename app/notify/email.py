"""E-mail to the support inbox when a case opens (plain text in Indonesian, with a simple HTML twin).

Customer text never reaches a header unchecked: everything put in ``Subject``/``Reply-To`` is
flattened to one line first, so a reason or summary with CR/LF cannot add headers or recipients.
"""

from __future__ import annotations

import email.policy
import html
import logging
import re
import smtplib
import ssl
from collections.abc import Mapping, Sequence
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from app.errors import ConfigError
from app.notify.base import CaseEvent, NotifyResult

log = logging.getLogger(__name__)

PRIORITY_LABELS = {"low": "rendah", "normal": "normal", "high": "tinggi", "urgent": "mendesak"}
REASON_LABELS = {
    "low_confidence": "bot kurang yakin",
    "human_request": "pelanggan minta agen",
    "frustration": "pelanggan kesal",
    "sensitive": "topik sensitif",
}
CHANNEL_LABELS = {"chat": "chat", "email": "e-mail", "whatsapp": "WhatsApp", "phone": "telepon", "sms": "SMS"}
ROLE_LABELS = {"user": "Pelanggan", "assistant": "Sigap", "agent": "Agen", "system": "Sistem"}
CONTACT_LABELS = {"name": "Nama", "phone": "Telepon", "email": "E-mail"}
MAX_TRANSCRIPT_MESSAGES = 100
MAX_MESSAGE_CHARS = 4000

# Python folds long headers (limit 78) with a doubled space before an encoded word ("agen  — case-1");
# headers are kept short by one_line(), so serialise with RFC 5322's hard limit and leave them unfolded.
_WIRE_POLICY = email.policy.SMTP.clone(max_line_length=998)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
_ADDRESS_PART = r"[^@\s<>,;:\"()\[\]\\]+"
_ADDRESS = re.compile(rf"{_ADDRESS_PART}@{_ADDRESS_PART}")  # configured addresses (sigap@localhost is fine)
_CUSTOMER_EMAIL = re.compile(rf"{_ADDRESS_PART}@{_ADDRESS_PART}\.{_ADDRESS_PART}")  # only these become Reply-To


def one_line(text: str, limit: int = 200) -> str:
    """``text`` without line breaks or control characters, whitespace collapsed, at most ``limit`` chars."""
    flat = " ".join(_CONTROL.sub(" ", text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _label(labels: Mapping[str, str], value: str) -> str:
    return labels.get(value, one_line(value) or "-")


def case_subject(event: CaseEvent) -> str:
    """``[Sigap] Kasus baru (prioritas tinggi): <alasan> — <case id>``, always a single line."""
    priority = _label(PRIORITY_LABELS, event.priority)
    reason = one_line(REASON_LABELS.get(event.reason, event.reason), 120) or "-"
    return f"[Sigap] Kasus baru (prioritas {priority}): {reason} — {one_line(event.case_id, 80)}"


def _facts(event: CaseEvent) -> list[tuple[str, str]]:
    return [
        ("ID kasus", one_line(event.case_id)),
        ("Prioritas", _label(PRIORITY_LABELS, event.priority)),
        ("Alasan", _label(REASON_LABELS, event.reason)),
        ("Saluran pilihan", _label(CHANNEL_LABELS, event.channel)),
        ("Bahasa", one_line(event.lang)),
        ("Dibuka", one_line(event.created_at)),
        ("Percakapan", one_line(event.conversation_id)),
    ]


def _contact_rows(contact: Mapping[str, str]) -> list[tuple[str, str]]:
    return [
        (CONTACT_LABELS.get(key, one_line(key, 40)), one_line(str(value))) for key, value in contact.items() if value
    ]


def _messages(transcript: Sequence[Mapping[str, str]]) -> tuple[list[tuple[str, str, str]], int]:
    """(time, speaker, text) of the last messages, and how many earlier ones were left out."""
    kept = list(transcript)[-MAX_TRANSCRIPT_MESSAGES:]
    rows = []
    for message in kept:
        role = str(message.get("role", ""))
        text = str(message.get("content", ""))
        if len(text) > MAX_MESSAGE_CHARS:
            text = text[:MAX_MESSAGE_CHARS] + " […]"
        rows.append((one_line(str(message.get("created_at", "")), 40), _label(ROLE_LABELS, role), text))
    return rows, len(transcript) - len(kept)


def case_text(event: CaseEvent) -> str:
    """The plain-text body (Indonesian): facts, summary, contact, console link, transcript."""
    lines = ["Ada kasus baru yang perlu ditangani agen.", ""]
    lines += [f"{name}: {value}" for name, value in _facts(event)]
    lines += ["", "Ringkasan:", event.summary.strip() or "-", "", "Kontak pelanggan:"]
    lines += [f"  {name}: {value}" for name, value in _contact_rows(event.contact)] or ["  (tidak ada)"]
    lines += ["", f"Buka di konsol agen: {one_line(event.agent_url, 2000)}", "", "Transkrip percakapan:"]
    messages, omitted = _messages(event.transcript)
    if omitted:
        lines.append(f"  ({omitted} pesan sebelumnya tidak ditampilkan; lihat konsol agen)")
    for when, speaker, text in messages:
        lines.append(f"[{when}] {speaker}: " + text.strip().replace("\n", "\n    "))
    if not messages:
        lines.append("  (kosong)")
    return "\n".join(lines) + "\n"


def case_html(event: CaseEvent) -> str:
    """The HTML alternative: the same content, every value escaped."""
    esc = html.escape
    facts = "".join(f"<tr><th align='left'>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in _facts(event))
    contact = "".join(f"<li>{esc(k)}: {esc(v)}</li>" for k, v in _contact_rows(event.contact)) or "<li>(tidak ada)</li>"
    url = one_line(event.agent_url, 2000)
    link = f"<a href='{esc(url)}'>{esc(url)}</a>" if url.startswith(("http://", "https://")) else esc(url)
    messages, omitted = _messages(event.transcript)
    note = f"<p><em>{omitted} pesan sebelumnya tidak ditampilkan.</em></p>" if omitted else ""
    talk = "".join(
        f"<p><small>{esc(when)}</small> <b>{esc(who)}:</b><br>{esc(text.strip()).replace(chr(10), '<br>')}</p>"
        for when, who, text in messages
    )
    return (
        "<html><body><p>Ada kasus baru yang perlu ditangani agen.</p>"
        f"<table>{facts}</table><h3>Ringkasan</h3><p>{esc(event.summary.strip() or '-')}</p>"
        f"<h3>Kontak pelanggan</h3><ul>{contact}</ul><p>Buka di konsol agen: {link}</p>"
        f"<h3>Transkrip percakapan</h3>{note}{talk or '<p>(kosong)</p>'}</body></html>"
    )


def compose_case_email(event: CaseEvent, mail_from: str, to: Sequence[str]) -> EmailMessage:
    """The whole message; ``Reply-To`` is the customer's address when it is a plain valid one."""
    message = EmailMessage()
    message["Subject"] = case_subject(event)
    message["From"] = mail_from
    message["To"] = ", ".join(to)
    message["Date"] = formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = make_msgid(domain=mail_from.rpartition("@")[2] or "localhost")
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: auto-responders must not answer
    customer_email = one_line(str(event.contact.get("email", "")), 254)
    if _CUSTOMER_EMAIL.fullmatch(customer_email):
        message["Reply-To"] = customer_email
    message.set_content(case_text(event))
    message.add_alternative(case_html(event), subtype="html")
    return message


def _check_address(setting: str, address: str) -> str:
    if not _ADDRESS.fullmatch(address.strip()):
        raise ConfigError(
            f"notify.{setting} must be one e-mail address like support@example.com, got {address!r}: "
            f"fix SIGAP_NOTIFY__{setting.upper()}."
        )
    return address.strip()


class EmailNotifier:
    """Sends each case event as an e-mail through an SMTP server; never raises."""

    def __init__(
        self,
        host: str,
        port: int,
        mail_from: str,
        to: str | Sequence[str],
        *,
        starttls: bool = False,
        username: str = "",
        password: str = "",
        timeout_s: float = 10.0,
        tls_context: ssl.SSLContext | None = None,
    ) -> None:
        """Check the addresses once, at start-up. ``to`` may be a comma-separated string.

        Raises:
            ConfigError: an address is malformed or no recipient is given.
        """
        recipients = [part for part in (to.split(",") if isinstance(to, str) else to) if part.strip()]
        if not recipients:
            raise ConfigError("notify.support_inbox is empty: set SIGAP_NOTIFY__SUPPORT_INBOX to support's address.")
        self.to = [_check_address("support_inbox", address) for address in recipients]
        self.mail_from = _check_address("mail_from", mail_from)
        self.host, self.port, self.starttls, self.timeout_s = host, port, starttls, timeout_s
        self.username = username
        self._password = password
        self._tls_context = tls_context or ssl.create_default_context()
        if username and not starttls:
            log.warning("SMTP login to %s without STARTTLS sends the password in clear text.", host)

    def notify(self, event: CaseEvent) -> NotifyResult:
        """Send the e-mail for ``event``; the result says whether the server accepted it."""
        try:
            refused = self._send(compose_case_email(event, self.mail_from, self.to))
        except (smtplib.SMTPException, OSError) as exc:  # OSError covers refused, timeouts and TLS failures
            error = f"{type(exc).__name__}: {exc}"
        except Exception as exc:  # a notifier must never break the chat
            log.debug("e-mail for case %s crashed", event.case_id, exc_info=True)
            error = f"unexpected {type(exc).__name__}"
        else:
            if refused:
                log.warning("E-mail for case %s refused for %d of %d recipients.", event.case_id, refused, len(self.to))
            return NotifyResult(delivered=True, attempts=1)
        log.warning("E-mail for case %s not sent via %s:%d: %s", event.case_id, self.host, self.port, error)
        return NotifyResult(delivered=False, attempts=1, error=error)

    def _send(self, message: EmailMessage) -> int:
        """Hand ``message`` to the SMTP server; returns how many recipients it refused."""
        with smtplib.SMTP(self.host, self.port, timeout=self.timeout_s) as smtp:
            if self.starttls:
                smtp.starttls(context=self._tls_context)
            if self.username:
                smtp.login(self.username, self._password)
            refused = smtp.sendmail(self.mail_from, self.to, message.as_bytes(policy=_WIRE_POLICY))
        return len(refused)
