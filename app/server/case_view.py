"""How the agent console words a case: queue labels, the case's facts, its draft and its transcript.

Everything a customer typed (messages, summary, contact details) is escaped before it becomes HTML or Markdown.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime, tzinfo

from app.handoff.context import priority_label
from app.server.i18n import t
from app.server.render import bot_text, transcript_markdown
from app.store.records import HandoffCase, Message

SUMMARY_CHARS = 70


def queue_choices(cases: Sequence[HandoffCase], lang: str, now: datetime) -> list[tuple[str, str]]:
    """One radio choice per case, in the queue's order: (label, case id)."""
    return [(queue_label(case, lang, now), case.id) for case in cases]


def queue_label(case: HandoffCase, lang: str, now: datetime) -> str:
    minutes = max(0, int((now - case.created_at).total_seconds() // 60))
    summary = " ".join((case.summary or "").split())
    if len(summary) > SUMMARY_CHARS:
        summary = summary[: SUMMARY_CHARS - 1] + "…"
    return t(
        lang,
        "queue_item",
        priority=t(lang, f"priority_{priority_label(case.priority)}"),
        reason=t(lang, f"reason_{case.reason}"),
        status=status_text(case, lang),
        waited=t(lang, "waited", minutes=minutes),
        summary=summary or case.id,
    )


def status_text(case: HandoffCase, lang: str) -> str:
    return t(lang, f"status_{case.status}", agent=case.claimed_by or "")


def case_details_html(case: HandoffCase, lang: str, me: str, zone: tzinfo) -> str:
    """The case's facts as a compact grid, with a warning when another agent has it."""
    contact = " · ".join(part for part in (case.contact.name, case.contact.phone, case.contact.email) if part)
    channel = t(lang, f"channel_{case.contact_channel}") if case.contact_channel else t(lang, "channel_none")
    facts = [
        ("f_status", status_text(case, lang)),
        ("f_reason", t(lang, f"reason_{case.reason}")),
        ("f_confidence", f"{case.confidence:.2f}" if case.confidence is not None else "–"),
        ("f_category", case.category or "–"),
        ("f_sentiment", case.sentiment or "–"),
        ("f_lang", case.lang),
        ("f_contact", contact or "–"),
        ("f_channel", channel),
        ("f_callback", case.callback_window or "–"),
        ("f_opened", case.created_at.astimezone(zone).strftime("%Y-%m-%d %H:%M %Z")),
        ("f_summary", " ".join((case.summary or "–").split())),
    ]
    cells = "".join(
        f"<div class='sigap-fact{' sigap-fact-wide' if key == 'f_summary' else ''}'>"
        f"<dt>{html.escape(t(lang, key))}</dt><dd>{html.escape(value)}</dd></div>"
        for key, value in facts
    )
    banner = ""
    if case.status == "claimed" and case.claimed_by and case.claimed_by != me:
        warning = t(lang, "claimed_other", agent=case.claimed_by).replace("**", "")
        banner = f"<p class='sigap-warning' id='claimed-by-other'>{html.escape(warning)}</p>"
    heading = html.escape(t(lang, "case_heading", case_id=case.id))
    return f"<h3>{heading}</h3>{banner}<dl class='sigap-facts'>{cells}</dl>"


def draft_markdown(case: HandoffCase, lang: str) -> str:
    return bot_text(case.draft_answer) if case.draft_answer else t(lang, "draft_none")


def transcript_messages(messages: Sequence[Message], lang: str) -> list[dict[str, str]]:
    """The conversation for the console's Chatbot: the customer on one side, everyone else on the other."""
    return [
        {"role": "user" if m.role == "customer" else "assistant", "content": transcript_markdown(m, lang)}
        for m in messages
    ]
