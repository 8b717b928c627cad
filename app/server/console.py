"""The agent console at ``/agent`` (behind the agents' login): the queue, one case at a time, and the
actions on it — claim, reply, return to the bot, resolve, promote the answer to a FAQ draft.

Thin: each callback calls one :class:`~app.handoff.AgentService` method; the logged-in agent's name
comes from ``gr.Request.username``. The queue and the open case refresh themselves.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import gradio as gr
import pandas as pd

from app.errors import HandoffError, StoreError
from app.handoff import AgentService, CaseView
from app.handoff.agents import customer_question
from app.server.case_view import case_details_html, draft_markdown, queue_choices, transcript_messages
from app.server.faq_form import faq_form
from app.server.i18n import LANG_NAMES, LANGS, Lang, lang_of, t
from app.server.labels import Translated
from app.store.records import HandoffCase

log = logging.getLogger(__name__)

REFRESH_SECONDS = 4.0
ACTION_ERRORS = (StoreError, HandoffError, ValueError)  # CaseStateError and NotFoundError are StoreErrors
Updates = dict[Any, Any]


def build_console(agents: AgentService, roles: Mapping[str, str], timezone: str, logout_url: str) -> gr.Blocks:
    """The agent console; ``roles`` maps each account name to agent or manager."""
    return AgentConsole(agents, roles, timezone, logout_url).page


class AgentConsole:
    """The console's components (``_layout_*``), callbacks (``on_*``, ``show_*``) and wiring (``_wire``)."""

    def __init__(self, agents: AgentService, roles: Mapping[str, str], timezone: str, logout_url: str) -> None:
        self.agents = agents
        self.roles = roles
        self.zone = ZoneInfo(timezone)
        self.logout_url = logout_url
        self.tr = Translated()
        self.page = gr.Blocks(title=t("id", "console_title"), analytics_enabled=False, fill_width=True)
        with self.page:
            self.lang = gr.State("id")
            self.selected = gr.State(None)
            self._layout_header()
            with gr.Row():
                with gr.Column(scale=1, min_width=280):
                    self.queue = self.tr.add(gr.Radio, {"label": "queue_label"}, choices=[], elem_id="queue")
                    self.queue_note = gr.Markdown(elem_id="queue-note")
                with gr.Column(scale=2, min_width=320):
                    self._layout_case()
                    self._layout_actions()
                    self._layout_promote()
            self.timer = gr.Timer(REFRESH_SECONDS)
            self._wire()

    def _layout_header(self) -> None:
        with gr.Row(equal_height=True):
            self.tr.add(gr.Markdown, {"value": "console_heading"})
            self.who = gr.Markdown(elem_id="signed-in")
            choices = [(LANG_NAMES[code], code) for code in LANGS]
            self.lang_radio = gr.Radio(
                choices, value="id", label=t("id", "lang_label"), elem_id="lang", scale=0, min_width=340
            )

    def _layout_case(self) -> None:
        tr = self.tr
        self.details = tr.add(gr.Markdown, {"value": "case_none"}, elem_id="case-details")
        self.transcript = tr.add(
            gr.Chatbot,
            {"label": "transcript_label"},
            elem_id="transcript",
            height=360,
            show_label=False,
            latex_delimiters=[],
            group_consecutive_messages=False,
            buttons=[],
        )

    def _layout_actions(self) -> None:
        tr = self.tr
        with gr.Row():
            self.claim = tr.add(gr.Button, {"value": "claim"}, variant="primary", elem_id="claim")
            self.back_to_bot = tr.add(gr.Button, {"value": "return_bot"}, elem_id="return-to-bot")
        self.status = gr.Markdown(elem_id="action-status")
        texts = {"label": "reply_label", "placeholder": "reply_placeholder"}
        self.reply = tr.add(gr.Textbox, texts, lines=3, elem_id="reply")
        self.reply_send = tr.add(gr.Button, {"value": "reply_send"}, variant="primary", elem_id="reply-send")
        with tr.add(gr.Accordion, {"label": "draft_label"}, open=True):
            self.draft = gr.Markdown(elem_id="draft")
        self.sources = tr.add(gr.Dataframe, {"label": "sources_label"}, interactive=False, elem_id="case-sources")
        with gr.Row(equal_height=True):
            self.note = tr.add(gr.Textbox, {"label": "resolve_note_label"}, elem_id="resolve-note", scale=3)
            self.resolve = tr.add(gr.Button, {"value": "resolve"}, elem_id="resolve", scale=1, min_width=120)

    def _layout_promote(self) -> None:
        tr = self.tr
        with tr.add(gr.Accordion, {"label": "promote_heading"}, open=False, elem_id="promote"):
            self.question, self.answer, self.category, self.entry_lang, self.promote = faq_form(tr, "promote")

    def _wire(self) -> None:
        selected, lang, status = self.selected, self.lang, self.status
        case_outputs = [self.details, self.transcript, self.draft, self.sources]
        refresh_case: dict[str, Any] = {"fn": self.show_case, "inputs": [selected, lang], "outputs": case_outputs}
        listed = [self.queue, self.queue_note]
        refresh_queue: dict[str, Any] = {"fn": self.show_queue, "inputs": [selected, lang], "outputs": listed}
        translated = [*self.tr.components, lang, self.who]
        self.page.load(self.on_load, [lang], [*translated, self.lang_radio, *listed])
        self.lang_radio.change(self.on_lang, [self.lang_radio], translated).then(**refresh_queue).then(**refresh_case)
        prefilled = [self.question, self.answer, self.category, self.entry_lang]
        self.queue.change(self.on_select, [self.queue, lang], [*case_outputs, selected, status, *prefilled])
        self.claim.click(self.on_claim, [selected, lang], [status]).then(**refresh_case).then(**refresh_queue)
        replied = self.reply_send.click(self.on_reply, [selected, lang, self.reply], [status, self.reply])
        replied.then(**refresh_case)
        self.back_to_bot.click(self.on_return, [selected, lang], [status]).then(**refresh_case).then(**refresh_queue)
        resolved = self.resolve.click(self.on_resolve, [selected, lang, self.note], [status])
        resolved.then(**refresh_case).then(**refresh_queue)
        self.promote.click(self.on_promote, [selected, lang, *prefilled], [status])
        self.timer.tick(**refresh_queue, show_progress="hidden")
        self.timer.tick(**refresh_case, show_progress="hidden")

    def show_queue(self, case_id: str | None, lang: str) -> Updates:
        """The open cases; the selected one stays selected while it is open."""
        cases = self.agents.queue()
        choices = queue_choices(cases, lang, datetime.now(self.zone))
        keep = case_id if any(case.id == case_id for case in cases) else None
        return {
            self.queue: gr.update(choices=choices, value=keep),
            self.queue_note: "" if cases else t(lang, "queue_empty"),
        }

    def show_case(self, case_id: str | None, lang: str, request: gr.Request) -> Updates:
        if not case_id:
            return {self.details: t(lang, "case_none"), self.transcript: [], self.draft: "", self.sources: None}
        return self._case_updates(self.agents.case_view(case_id), lang, _agent(request))

    def _case_updates(self, view: CaseView, lang: str, me: str) -> Updates:
        return {
            self.details: case_details_html(view.case, lang, me, self.zone),
            self.transcript: transcript_messages(view.transcript.messages, lang),
            self.draft: draft_markdown(view.case, lang),
            self.sources: _sources_frame(view.case, lang),
        }

    def on_select(self, case_id: str | None, lang: str, request: gr.Request) -> Updates:
        """Show the case and prefill the FAQ form: the customer's question, the agent's last reply."""
        if not case_id:
            return {self.selected: None}
        view = self.agents.case_view(case_id)
        agent_replies = [m.content for m in view.transcript.messages if m.role == "agent"]
        return {
            **self._case_updates(view, lang, _agent(request)),
            self.selected: case_id,
            self.status: "",
            self.question: customer_question(view.transcript, view.case),
            self.answer: agent_replies[-1] if agent_replies else (view.case.draft_answer or ""),
            self.category: view.case.category or "",
            self.entry_lang: lang_of(view.case.lang),
        }

    def on_load(self, lang: str, request: gr.Request) -> Updates:
        """The page in ``?lang=`` (default Indonesian), with the case of ``?case=`` (notification links) open."""
        chosen = lang_of(request.query_params.get("lang", lang))
        updates = self.on_lang(chosen, request) | {self.lang_radio: chosen}
        listed = self.show_queue(request.query_params.get("case"), chosen)
        return updates | listed | {self.queue: {**updates[self.queue], **listed[self.queue]}}

    def on_lang(self, lang: str, request: gr.Request) -> Updates:
        chosen: Lang = lang_of(lang)
        name = _agent(request)
        role = t(chosen, f"role_{self.roles.get(name, 'agent')}_account")
        signed_in = t(chosen, "signed_in", name=name, role=role, logout=self.logout_url)
        return dict(zip(self.tr.components, self.tr.updates(chosen), strict=True)) | {
            self.lang: chosen,
            self.who: signed_in,
        }

    def on_claim(self, case_id: str | None, lang: str, request: gr.Request) -> str:
        def claim(chosen: str) -> str:
            won = self.agents.claim(chosen, _agent(request))
            return t(lang, "claimed_ok") if won else ""  # the case view then names the winner

        return _attempt(case_id, lang, claim)

    def on_reply(self, case_id: str | None, lang: str, text: str, request: gr.Request) -> Updates:
        """Send the reply; the text box is emptied only when it was sent."""

        def reply(chosen: str) -> str:
            self.agents.reply(chosen, _agent(request), text)
            return t(lang, "reply_sent")

        outcome = _attempt(case_id, lang, reply)
        return {self.status: outcome, self.reply: "" if outcome == t(lang, "reply_sent") else gr.skip()}

    def on_return(self, case_id: str | None, lang: str, request: gr.Request) -> str:
        def give_back(chosen: str) -> str:
            self.agents.return_to_bot(chosen, _agent(request))
            return t(lang, "returned")

        return _attempt(case_id, lang, give_back)

    def on_resolve(self, case_id: str | None, lang: str, note: str, request: gr.Request) -> str:
        def resolve(chosen: str) -> str:
            self.agents.resolve(chosen, _agent(request), note)
            return t(lang, "resolved")

        return _attempt(case_id, lang, resolve)

    def on_promote(
        self,
        case_id: str | None,
        lang: str,
        question: str,
        answer: str,
        category: str,
        in_lang: str,
        request: gr.Request,
    ) -> str:
        def promote(chosen: str) -> str:
            path = self.agents.promote_to_faq(
                chosen, _agent(request), question=question, answer=answer, category=category, lang=in_lang
            )
            return t(lang, "promote_done", path=path.name)

        return _attempt(case_id, lang, promote)


def _attempt(case_id: str | None, lang: str, action: Callable[[str], str]) -> str:
    """Run an action on the selected case; its outcome or its error is the status line."""
    if not case_id:
        return t(lang, "select_case_first")
    try:
        return action(case_id)
    except ACTION_ERRORS as exc:
        return t(lang, "action_failed", error=str(exc))


def _agent(request: gr.Request) -> str:
    return str(request.username or "")


def _sources_frame(case: HandoffCase, lang: str) -> pd.DataFrame:
    columns = [t(lang, key) for key in ("col_doc", "col_title", "col_kind", "col_score")]
    rows = [[s.get("doc_id"), s.get("title"), s.get("kind"), s.get("score")] for s in case.sources]
    return pd.DataFrame(rows, columns=columns)
