"""EmailNotifier against a real aiosmtpd SMTP server on 127.0.0.1 (no patched smtplib)."""

from __future__ import annotations

import email
import shutil
import socket
import ssl
import subprocess
import time
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP as SMTPServer
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session

from app.errors import ConfigError
from app.notify import EmailNotifier, Notifier
from tests.app.notify.conftest import make_event

INBOX = "cs@toko.example.com"
SENDER = "sigap@toko.example.com"


class Mailbox:
    """aiosmtpd handler that keeps every envelope it receives."""

    def __init__(self) -> None:
        self.envelopes: list[Envelope] = []

    async def handle_DATA(self, server: SMTPServer, session: Session, envelope: Envelope) -> str:
        self.envelopes.append(envelope)
        return "250 Message accepted"

    def only_message(self) -> tuple[Envelope, EmailMessage]:
        [envelope] = self.envelopes
        assert isinstance(envelope.content, bytes)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        return envelope, message


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def smtp_server() -> Iterator[Callable[..., tuple[Mailbox, int]]]:
    """``smtp_server(**aiosmtpd_options)`` starts a real SMTP server; returns its mailbox and port."""
    controllers: list[Controller] = []

    def start(**options: Any) -> tuple[Mailbox, int]:
        mailbox, port = Mailbox(), free_port()
        controller = Controller(mailbox, hostname="127.0.0.1", port=port, **options)
        controller.start()
        controllers.append(controller)
        return mailbox, port

    yield start
    for controller in controllers:
        controller.stop()


def notifier(port: int, **options: Any) -> EmailNotifier:
    return EmailNotifier("127.0.0.1", port, SENDER, INBOX, **{"timeout_s": 5.0, **options})


def plain_and_html(message: EmailMessage) -> tuple[str, str]:
    plain, rich = message.get_body(("plain",)), message.get_body(("html",))
    assert isinstance(plain, EmailMessage) and isinstance(rich, EmailMessage)
    return plain.get_content(), rich.get_content()


def test_sends_the_case_to_the_support_inbox(smtp_server: Callable[..., tuple[Mailbox, int]]) -> None:
    mailbox, port = smtp_server()
    event = make_event()

    result = notifier(port).notify(event)

    assert (result.delivered, result.attempts, result.error) == (True, 1, None)
    envelope, message = mailbox.only_message()
    assert envelope.mail_from == SENDER and envelope.rcpt_tos == [INBOX]
    assert message["Subject"] == "[Sigap] Kasus baru (prioritas tinggi): pelanggan minta agen — case-7f3a"
    assert message["To"] == INBOX and message["Reply-To"] == "siti@example.co.id"
    assert message["Auto-Submitted"] == "auto-generated"
    plain, rich = plain_and_html(message)
    for expected in (
        "Pelanggan menunggu refund 10 hari — belum masuk ke rekening.",
        "Saluran pilihan: WhatsApp",
        "Nama: Siti Rahayu",
        "Telepon: +62 812-3456-7890",
        "E-mail: siti@example.co.id",
        "https://support.example.com/console/cases/case-7f3a",
        "Pelanggan: refund sy blm masuk udh 10 hari",
        "Sigap: Refund diproses 3–7 hari kerja.",
        "Pelanggan: mau bicara dengan orang",
    ):
        assert expected in plain
    assert "<a href='https://support.example.com/console/cases/case-7f3a'>" in rich
    assert "Siti Rahayu" in rich and "mau bicara dengan orang" in rich


def test_sends_to_every_address_of_a_comma_separated_inbox(smtp_server: Callable[..., tuple[Mailbox, int]]) -> None:
    mailbox, port = smtp_server()

    result = EmailNotifier("127.0.0.1", port, SENDER, f"{INBOX}, lead@toko.example.com").notify(make_event())

    assert result.delivered
    envelope, _ = mailbox.only_message()
    assert envelope.rcpt_tos == [INBOX, "lead@toko.example.com"]


def test_customer_text_cannot_inject_headers(smtp_server: Callable[..., tuple[Mailbox, int]]) -> None:
    mailbox, port = smtp_server()
    event = make_event(
        reason="refund\r\nBcc: evil@attacker.example\r\nX-Injected: yes",
        summary="ringkasan\r\nBcc: evil@attacker.example",
        priority="high\nX-Priority-Hack: 1",
        case_id="case-1\u2028X-Case: 2",
        contact={
            "name": "Budi\r\nCc: evil@attacker.example",
            "email": "budi@example.com\r\nBcc: evil@attacker.example",
        },
    )

    assert notifier(port).notify(event).delivered

    envelope, message = mailbox.only_message()
    assert envelope.rcpt_tos == [INBOX]
    assert isinstance(envelope.content, bytes)
    header_lines = envelope.content.split(b"\r\n\r\n", 1)[0].split(b"\r\n")
    names = [line.split(b":", 1)[0].decode() for line in header_lines if not line[:1].isspace()]
    assert sorted(names) == sorted(
        ["Subject", "From", "To", "Date", "Message-ID", "Auto-Submitted", "MIME-Version", "Content-Type"]
    ), "a Reply-To, Bcc, Cc or X- header was smuggled in"
    assert message["Subject"] == (
        "[Sigap] Kasus baru (prioritas high X-Priority-Hack: 1): "
        "refund Bcc: evil@attacker.example X-Injected: yes — case-1 X-Case: 2"
    )  # the customer's words stay visible, flattened into the one Subject line
    plain, _ = plain_and_html(message)
    assert "ringkasan" in plain  # the text itself still reaches the agent, in the body


def test_user_text_is_escaped_in_the_html_part(smtp_server: Callable[..., tuple[Mailbox, int]]) -> None:
    mailbox, port = smtp_server()
    event = make_event(summary="<script>alert(1)</script>", agent_url="javascript:alert(1)")

    assert notifier(port).notify(event).delivered

    _, rich = plain_and_html(mailbox.only_message()[1])
    assert "<script>" not in rich and "&lt;script&gt;" in rich
    assert "href='javascript:" not in rich


def test_smtp_server_down_is_a_result_not_an_exception(caplog: pytest.LogCaptureFixture) -> None:
    event = make_event()

    result = notifier(free_port()).notify(event)

    assert (result.delivered, result.attempts) == (False, 1)
    assert result.error is not None and result.error.startswith("ConnectionRefusedError")
    assert event.case_id in caplog.text and "Siti" not in caplog.text


def test_a_hung_smtp_server_fails_within_bounded_time(silent_port: int) -> None:
    started = time.monotonic()
    result = notifier(silent_port, timeout_s=0.3).notify(make_event())

    assert not result.delivered
    assert result.error is not None and "timed out" in result.error
    assert time.monotonic() - started < 2


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, made with the openssl command."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-keyout", str(key), "-out", str(cert), "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True, timeout=30,
    )  # fmt: skip
    return cert, key


def starttls_server(
    start: Callable[..., tuple[Mailbox, int]], certificate: tuple[Path, Path], logins: list[tuple[bytes, bytes]]
) -> tuple[Mailbox, int]:
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(*certificate)

    def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
        assert isinstance(auth_data, LoginPassword)
        logins.append((auth_data.login, auth_data.password))
        return AuthResult(success=(auth_data.login, auth_data.password) == (b"agen", b"rahasia"), handled=False)

    return start(
        tls_context=server_tls, require_starttls=True, auth_required=True, auth_require_tls=True,
        authenticator=authenticator,
    )  # fmt: skip


def test_starttls_and_login(smtp_server: Callable[..., tuple[Mailbox, int]], certificate: tuple[Path, Path]) -> None:
    logins: list[tuple[bytes, bytes]] = []
    mailbox, port = starttls_server(smtp_server, certificate, logins)
    client_tls = ssl.create_default_context(cafile=str(certificate[0]))

    result = notifier(port, starttls=True, username="agen", password="rahasia", tls_context=client_tls).notify(
        make_event()
    )

    assert result.delivered, result.error
    assert logins == [(b"agen", b"rahasia")]
    assert mailbox.only_message()[1]["To"] == INBOX


def test_wrong_password_or_untrusted_certificate_is_not_delivered(
    smtp_server: Callable[..., tuple[Mailbox, int]], certificate: tuple[Path, Path]
) -> None:
    mailbox, port = starttls_server(smtp_server, certificate, [])
    trusted = ssl.create_default_context(cafile=str(certificate[0]))

    wrong_password = notifier(port, starttls=True, username="agen", password="salah", tls_context=trusted)
    untrusted = notifier(port, starttls=True, username="agen", password="rahasia")  # system CAs only

    first, second = wrong_password.notify(make_event()), untrusted.notify(make_event())
    assert not first.delivered and first.error is not None and first.error.startswith("SMTPAuthenticationError")
    assert not second.delivered and second.error is not None and "CERTIFICATE_VERIFY_FAILED" in second.error
    assert mailbox.envelopes == []


def test_is_a_notifier() -> None:
    assert isinstance(notifier(25), Notifier)


@pytest.mark.parametrize(("inbox", "sender"), [("", SENDER), ("not-an-address", SENDER), (INBOX, "x\r\nBcc: a@b.c")])
def test_refuses_malformed_addresses(inbox: str, sender: str) -> None:
    with pytest.raises(ConfigError, match="SIGAP_NOTIFY__"):
        EmailNotifier("127.0.0.1", 25, sender, inbox)
