"""Turning chat records into the Markdown the Chatbot shows, safely.

A customer's text is shown as text, never executed or formatted: HTML is escaped and Markdown
punctuation backslash-escaped, so ``<script>`` or ``[link](javascript:…)`` appear literally. Replies
from the knowledge base keep their Markdown (``**3–7 hari kerja**``) but not raw HTML.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from app.answer.models import Source
from app.handoff import Final
from app.server.i18n import t
from app.store.records import Message

EXCERPT_CHARS = 300
# Sources listed under an answer: the one it was taken from, and others nearly as relevant (not every
# neighbour the search returned — an unrelated "source" would confuse the customer).
SOURCE_MARGIN = 0.03
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|~$:])")


def customer_text(text: str) -> str:
    """A customer's message as literal text: no HTML, no Markdown, no LaTeX, no autolinks."""
    return html.escape(_MARKDOWN_PUNCTUATION.sub(r"\\\1", text), quote=True)


def bot_text(text: str) -> str:
    """A reply (knowledge base, agent): Markdown kept, HTML shown as text."""
    return html.escape(text, quote=False)


def reply_markdown(final: Final, lang: str) -> str:
    """The recorded reply, with its sources under it when the bot answered from the knowledge base."""
    answer = final.answer
    text = bot_text(final.reply_text)
    if answer is None or answer.decision != "answer" or not answer.sources:
        return text
    lead = answer.sources[0].score
    shown = [answer.sources[0], *(s for s in answer.sources[1:] if s.score >= lead - SOURCE_MARGIN)]
    return f"{text}\n\n{sources_html(shown, lang)}"


def sources_html(sources: Sequence[Source], lang: str) -> str:
    """The sources as one HTML block: title and id, with the excerpt folded away under ``<details>``."""
    items = "".join(
        "<details class='sigap-source'>"
        f"<summary>{html.escape(source.title)} · <code>{html.escape(source.doc_id)}</code></summary>"
        f"<p>{html.escape(_excerpt(source.excerpt))}</p></details>"
        for source in sources
    )
    return f"<div class='sigap-sources'><strong>{html.escape(t(lang, 'sources'))}</strong>{items}</div>"


def polled_markdown(message: Message, lang: str) -> str:
    """An agent reply or a notice that reached the widget by polling."""
    if message.role == "agent":
        name = message.agent_name or t(lang, "agent_fallback")
        return f"**{customer_text(t(lang, 'agent_says', agent=name))}**\n\n{bot_text(message.content)}"
    if message.role == "system":
        return f"<em>{bot_text(message.content)}</em>"
    return bot_text(message.content)


def transcript_markdown(message: Message, lang: str) -> str:
    """One message as the agent console's transcript shows it (customers' words stay literal)."""
    if message.role == "customer":
        return customer_text(message.content)
    if message.role == "agent":
        return polled_markdown(message, lang)
    label = t(lang, "role_bot" if message.role == "bot" else "role_system")
    return f"_{label}:_ {bot_text(message.content)}"


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) < EXCERPT_CHARS else flat[: EXCERPT_CHARS - 1].rsplit(" ", 1)[0] + "…"
