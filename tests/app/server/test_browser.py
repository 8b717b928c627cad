"""The real pages in a real headless Chromium (Debian's package), against the real server over HTTP.

A customer asks, sees the answer stream in with its source, rates it, asks for an agent and leaves a
phone number; an agent logs in, claims the case and replies; the reply appears in the customer's
widget; the dashboard counts it all. Screenshots go to tests/artifacts/ and, for the README, to
docs/screenshots/.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI

from app.server.services import Services
from tests.app.server.conftest import AGENT, AGENT_PASSWORD, MANAGER
from tests.conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
ARTIFACTS = ROOT / "tests" / "artifacts"
SCREENSHOTS = ROOT / "docs" / "screenshots"
PHONE = {"width": 412, "height": 915}
DESKTOP = {"width": 1280, "height": 900}
WAIT_MS = 20_000
QUESTION = "refund saya kapan masuk ya?"
ANSWER = "Refund diproses 3–7 hari kerja setelah retur disetujui."
# Records every text the latest bot message shows, to prove the answer arrived piece by piece.
WATCH_STREAM = """() => {
  window.sigapStates = [];
  const chat = document.querySelector('#chat');
  new MutationObserver(() => {
    const bots = chat.querySelectorAll('[data-testid="bot"]');
    if (bots.length) window.sigapStates.push(bots[bots.length - 1].innerText);
  }).observe(chat, {subtree: true, childList: true, characterData: true});
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (never `playwright install`: no browser downloads)."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests need Debian's Chromium. "
            "Install it with `apt-get update && apt-get install -y chromium`."
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("The browser tests need Playwright: pip install -e '.[test]' (never `playwright install`).")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def live_url(web_app: FastAPI) -> Iterator[str]:
    """The app served by uvicorn in a thread on a free port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    config = uvicorn.Config(web_app, host="127.0.0.1", port=port, log_level="warning", timeout_graceful_shutdown=2)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="sigap-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=30)


@pytest.fixture
def new_page(browser: Any, live_url: str) -> Iterator[Callable[..., Any]]:
    """``new_page(viewport, locale=...)``: a page in a fresh browser context (its own cookies), closed
    before the server stops so that no page keeps a connection open."""
    contexts: list[Any] = []

    def open_page(viewport: dict[str, int], **options: Any) -> Any:
        contexts.append(browser.new_context(viewport=viewport, **options))
        return contexts[-1].new_page()

    yield open_page
    for context in contexts:
        context.close()


def shoot(page: Any, name: str, *, readme: bool = False) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    if readme:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def log_in(page: Any, url: str) -> None:
    page.goto(url)
    page.locator("input:not([type=password])").first.fill(AGENT)  # Gradio's login form, labels translated
    page.locator("input[type=password]").fill(AGENT_PASSWORD)
    page.get_by_role("button", name=re.compile("^(Login|Masuk)$", re.I)).click()


def bot_messages(page: Any) -> Any:
    return page.locator("#chat [data-testid='bot']")


def test_customer_agent_and_manager_journey(new_page: Callable[..., Any], live_url: str) -> None:
    customer = new_page(PHONE, locale="id-ID")
    dialogs: list[str] = []
    customer.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    customer.goto(f"{live_url}/")
    expect_visible(customer.locator("#starter-0"), "Bagaimana cara melacak paket saya?")  # most asked (3 tickets)

    customer.evaluate(WATCH_STREAM)
    customer.get_by_role("textbox", name="Pesan Anda").fill(QUESTION)
    customer.get_by_role("textbox", name="Pesan Anda").press("Enter")
    answer = bot_messages(customer).last
    answer.get_by_text(ANSWER).first.wait_for(timeout=WAIT_MS)
    states = [s for s in customer.evaluate("window.sigapStates") if s.strip()]
    assert any(ANSWER not in state for state in states), states  # shown before it was complete
    source = answer.locator("details summary")
    assert "Berapa lama proses refund?" in source.inner_text() and "refund-lama" in source.inner_text()
    source.click()
    answer.locator("details p").get_by_text("3–7 hari kerja").wait_for(timeout=WAIT_MS)
    shoot(customer, "widget", readme=True)

    customer.locator("#chat").get_by_role("button", name=re.compile("^(Dislike|Tidak suka)$", re.I)).last.click()
    customer.get_by_role("textbox", name="Alasan").fill("kurang jelas untuk transfer bank")
    customer.locator("#reason-send").click()
    customer.get_by_text("Terima kasih atas masukan Anda.").first.wait_for(timeout=WAIT_MS)

    customer.locator("#talk-to-agent").click()
    expect_visible(customer.locator("#handoff-info").first, "antrean nomor 1")
    customer.get_by_role("radio", name="Telepon balik").check()
    customer.get_by_role("textbox", name="Nama (opsional)").fill("Budi")
    customer.get_by_role("textbox", name="Nomor telepon").fill("0812-3456-7890")
    customer.get_by_role("textbox", name="Waktu yang nyaman untuk ditelepon").fill("besok 09.00–11.00")
    customer.locator("#contact-save").click()
    expect_visible(customer.locator("#contact-status").first, "Pilihan Anda tersimpan")
    bot_messages(customer).get_by_text("nomor Anda sudah tersimpan").wait_for(timeout=WAIT_MS)  # by polling

    agent = new_page(DESKTOP, locale="id-ID")
    log_in(agent, f"{live_url}/agent/")
    expect_visible(agent.locator("#signed-in").first, f"Masuk sebagai {AGENT}")
    agent.get_by_role("radio", name=re.compile(re.escape(QUESTION))).check()
    details = agent.locator("#case-details").first
    expect_visible(details, "Budi")
    for shown in ("Telepon balik", "+6281234567890", "besok 09.00–11.00", "tombol Hubungi agen"):
        assert shown in details.inner_text()
    agent.locator("#transcript").get_by_text(QUESTION).first.wait_for(timeout=WAIT_MS)
    agent.locator("#claim").click()
    expect_visible(agent.locator("#action-status").first, "Anda menangani kasus ini")
    agent.get_by_role("textbox", name="Balasan untuk pelanggan").fill(
        "Halo Budi, refund Anda sudah kami cek: masuk besok."
    )
    agent.locator("#reply-send").click()
    expect_visible(agent.locator("#action-status").first, "Balasan terkirim")
    agent.locator("#transcript").get_by_text("sari · agen").first.wait_for(timeout=WAIT_MS)
    shoot(agent, "agent-console", readme=True)

    reply = bot_messages(customer).filter(has_text="Halo Budi, refund Anda sudah kami cek")
    reply.wait_for(timeout=WAIT_MS)  # the widget polls every 2 s
    assert f"{AGENT} · agen" in reply.inner_text()
    customer.locator("#end-chat").click()
    customer.locator("#csat").get_by_role("radio", name="5").check()
    customer.locator("#ces").get_by_role("radio", name="6").check()
    customer.locator("#rate-send").click()
    bot_messages(customer).get_by_text("Terima kasih atas penilaian Anda").wait_for(timeout=WAIT_MS)
    shoot(customer, "widget-after-agent-reply")
    assert dialogs == []

    dashboard = agent.context.new_page()
    log_in(dashboard, f"{live_url}/dashboard/")
    cards = dashboard.locator("#kpis").first
    expect_visible(cards, "Percakapan")
    text = cards.inner_text()
    for shown in ("100%", "1 dari 1", "+0 / −1", "5.00", "6.00"):
        assert shown in text, text
    expect_visible(dashboard.locator("#gaps").first, QUESTION)  # the thumbs-down made it a knowledge gap
    expect_visible(dashboard.locator("#chart-reasons").first, "tombol Hubungi agen")
    with dashboard.expect_download() as download:
        dashboard.locator("#export").first.click()
    exported = Path(download.value.path()).read_text(encoding="utf-8")
    assert "totals,conversations,1" in exported and "feedback,csat_average,5.0" in exported
    shoot(dashboard, "dashboard", readme=True)


def test_html_from_customers_is_shown_as_text_and_the_widget_speaks_english(
    new_page: Callable[..., Any], live_url: str, services: Services
) -> None:
    page = new_page(PHONE)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{live_url}/")
    expect_visible(page.locator("#starter-0"), "Bagaimana cara melacak paket saya?")  # loaded
    page.locator("#lang").get_by_role("radio", name="English").check()
    message = page.get_by_role("textbox", name="Your message")
    message.wait_for(timeout=WAIT_MS)
    expect_visible(page.locator("#talk-to-agent"), "Talk to an agent")
    attack = "<script>alert(1)</script><img src=x onerror=alert(2)> **bold** [link](javascript:alert(3))"
    message.fill(attack)
    page.locator("#send").click()
    page.locator("#chat [data-testid='user']").get_by_text(attack).wait_for(timeout=WAIT_MS)
    assert page.locator("#chat img[src='x'], #chat script, #chat a[href^='javascript']").count() == 0
    page.locator("#talk-to-agent").click()
    expect_visible(page.locator("#handoff-info").first, "number 1 in the queue")
    shoot(page, "widget-english-escaped")
    assert dialogs == []

    case = services.agents.queue()[0]
    assert services.agents.claim(case.id, MANAGER)  # another agent is quicker
    agent = new_page(DESKTOP)
    log_in(agent, f"{live_url}/agent/?case={case.id}")  # the link notifications carry
    expect_visible(agent.locator("#case-details").first, case.id)
    agent.locator("#claim").click()
    expect_visible(agent.locator("#claimed-by-other").first, f"sudah diambil oleh {MANAGER}")
    transcript = agent.locator("#transcript").first
    transcript.get_by_text(attack).wait_for(timeout=WAIT_MS)  # literal for the agent too
    assert transcript.locator("img[src='x'], script").count() == 0
    assert dialogs == []


def expect_visible(locator: Any, text: str) -> None:
    """Wait until ``locator`` shows ``text``."""
    from playwright.sync_api import expect

    expect(locator).to_contain_text(text, timeout=WAIT_MS)


def test_the_embed_example_page_shows_the_widget_in_an_iframe(new_page: Callable[..., Any], live_url: str) -> None:
    page = new_page({"width": 1024, "height": 800})
    page.goto(f"{(ROOT / 'examples' / 'embed.html').as_uri()}?sigap={live_url}/")
    page.get_by_role("button", name="Chat dengan kami").click()
    widget = page.frame_locator("#sigap-chat iframe")
    widget.get_by_role("textbox", name="Pesan Anda").fill("bagaimana cara melacak paket saya?")
    widget.locator("#send").click()
    expect_visible(widget.locator("#chat"), "Buka menu Pesanan Saya")
    shoot(page, "embed")
