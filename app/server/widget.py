"""The customer chat widget at ``/``: Indonesian by default, English on a switch (or ``?lang=en``).

Thin: each callback calls one :class:`~app.handoff.ChatService` (or Insights) method and turns the
result into component updates. Per-browser state (:class:`WidgetState`) holds the customer's
:class:`~app.handoff.ChatSession`; its token never leaves the server.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, cast

import gradio as gr

from app.errors import ContactError, SigapError
from app.handoff import ChatService, ChatSession, Delta, Final, HandoffOffer
from app.server.i18n import LANG_NAMES, LANGS, Lang, lang_of, t
from app.server.insights import STARTERS, Insights
from app.server.labels import Translated
from app.server.render import bot_text, customer_text, polled_markdown, reply_markdown
from app.store.records import ContactChannel

log = logging.getLogger(__name__)

POLL_SECONDS = 2.0
REPLY_CONCURRENCY = 8  # replies computed at once; more customers queue (the engine is CPU-bound)
CHANNEL_FIELDS = {"live": ("name",), "callback": ("name", "phone", "window"), "email": ("name", "email")}
Updates = dict[Any, Any]


@dataclass
class WidgetState:
    """One browser's chat: the session (created on the first message), what is shown, what is rated."""

    lang: Lang = "id"
    session: ChatSession | None = None
    history: list[dict[str, str]] = field(default_factory=list)
    message_ids: list[int | None] = field(default_factory=list)  # the recorded id of each shown message
    last_seen: int = 0
    sending: bool = False  # while a reply streams, polling stays out of the way
    channels: tuple[str, ...] = ()
    pending_dislike: int | None = None
    rated: set[int] = field(default_factory=set)
    ended: bool = False

    def show(self, role: str, content: str, message_id: int | None = None) -> None:
        self.history.append({"role": role, "content": content})
        self.message_ids.append(message_id)
        self.seen(message_id)

    def seen(self, message_id: int | None) -> None:
        if message_id is not None:
            self.last_seen = max(self.last_seen, message_id)

    def restart_if_ended(self) -> None:
        if self.ended:
            self.session, self.history, self.message_ids = None, [], []
            self.last_seen, self.channels, self.rated, self.ended = 0, (), set(), False


def build_widget(chat: ChatService, insights: Insights) -> gr.Blocks:
    """The customer widget as a Gradio app (mount it with ``gr.mount_gradio_app``)."""
    return CustomerWidget(chat, insights).page


class CustomerWidget:
    """The widget's components (made in ``_layout_*``) and its callbacks (``on_*``), wired in ``_wire``."""

    def __init__(self, chat: ChatService, insights: Insights) -> None:
        self.chat = chat
        self.insights = insights
        self.tr = Translated()
        self.page = gr.Blocks(title=t("id", "widget_title"), analytics_enabled=False)
        with self.page:
            self.state = gr.State(WidgetState())
            self._layout_chat()
            self._layout_dislike()
            self._layout_handoff()
            self._layout_rating()
            self.timer = gr.Timer(POLL_SECONDS, active=False)
            self._wire()

    def _layout_chat(self) -> None:
        tr = self.tr
        with gr.Row(elem_classes="sigap-header"):
            with gr.Column(scale=3, min_width=300):
                tr.add(gr.Markdown, {"value": lambda lang: f"{t(lang, 'widget_heading')}\n{t(lang, 'widget_intro')}"})
            with gr.Column(scale=1, min_width=220):
                choices = [(LANG_NAMES[code], code) for code in LANGS]
                self.lang = gr.Radio(choices, value="id", label=t("id", "lang_label"), elem_id="lang")
        self.chatbot = tr.add(
            gr.Chatbot,
            {"label": "chat_label", "placeholder": "chat_placeholder"},
            elem_id="chat",
            height="min(62vh, 600px)",
            show_label=False,
            latex_delimiters=[],  # "$$" in a customer's message is money, not maths
            group_consecutive_messages=False,
            buttons=[],
            layout="bubble",
        )
        with gr.Row(visible=False, elem_id="starters") as self.starters_row:
            self.starters = [
                gr.Button("", size="sm", variant="secondary", elem_id=f"starter-{n}", visible=False)
                for n in range(STARTERS)
            ]
        with gr.Row(equal_height=True):
            texts = {"label": "message_label", "placeholder": "message_placeholder"}
            self.message = tr.add(gr.Textbox, texts, elem_id="message", lines=1, max_lines=6, scale=5, min_width=200)
            self.send = tr.add(gr.Button, {"value": "send"}, variant="primary", elem_id="send", scale=1, min_width=90)
        with gr.Row():
            self.agent_button = tr.add(gr.Button, {"value": "talk_to_agent"}, elem_id="talk-to-agent", min_width=160)
            self.end_button = tr.add(gr.Button, {"value": "end_chat"}, elem_id="end-chat", min_width=160)

    def _layout_dislike(self) -> None:
        tr = self.tr
        with gr.Group(visible=False, elem_id="dislike-panel") as self.dislike_panel:
            tr.add(gr.Markdown, {"value": "dislike_title"}, padding=True)
            texts = {"label": "dislike_reason_label", "placeholder": "dislike_placeholder"}
            self.reason = tr.add(gr.Textbox, texts, elem_id="reason")
            with gr.Row():
                self.reason_send = tr.add(gr.Button, {"value": "dislike_send"}, elem_id="reason-send", size="sm")
                self.reason_skip = tr.add(gr.Button, {"value": "dislike_skip"}, elem_id="reason-skip", size="sm")

    def _layout_handoff(self) -> None:
        tr = self.tr
        with gr.Group(visible=False, elem_id="handoff-panel") as self.handoff_panel:
            tr.add(gr.Markdown, {"value": "handoff_heading"}, padding=True)
            self.handoff_info = gr.Markdown(elem_id="handoff-info", padding=True)
            with gr.Column() as self.contact_form:
                self.channel = tr.add(gr.Radio, {"label": "channel_label"}, elem_id="channel")
                self.fields = {
                    "name": tr.add(gr.Textbox, {"label": "name_label"}, elem_id="contact-name"),
                    "phone": tr.add(
                        gr.Textbox,
                        {"label": "phone_label", "placeholder": "phone_placeholder"},
                        elem_id="contact-phone",
                    ),
                    "email": tr.add(
                        gr.Textbox,
                        {"label": "email_label", "placeholder": "email_placeholder"},
                        elem_id="contact-email",
                    ),
                    "window": tr.add(
                        gr.Textbox,
                        {"label": "window_label", "placeholder": "window_placeholder"},
                        elem_id="contact-window",
                    ),
                }
                self.contact_submit = tr.add(
                    gr.Button, {"value": "contact_submit"}, variant="primary", elem_id="contact-save"
                )
            self.contact_status = gr.Markdown(elem_id="contact-status", padding=True)

    def _layout_rating(self) -> None:
        tr = self.tr
        with gr.Group(visible=False, elem_id="rating-panel") as self.rating_panel:
            tr.add(gr.Markdown, {"value": "end_heading"}, padding=True)
            self.csat = tr.add(gr.Radio, {"label": "csat_label"}, choices=[1, 2, 3, 4, 5], elem_id="csat")
            self.ces = tr.add(gr.Radio, {"label": "ces_label"}, choices=[1, 2, 3, 4, 5, 6, 7], elem_id="ces")
            with gr.Row():
                self.rate_submit = tr.add(gr.Button, {"value": "rate_submit"}, variant="primary", elem_id="rate-send")
                self.rate_cancel = tr.add(gr.Button, {"value": "rate_cancel"}, elem_id="rate-cancel")
            self.rating_status = gr.Markdown(elem_id="rating-status", padding=True)

    def _wire(self) -> None:
        state, chatbot, timer, fields = self.state, self.chatbot, self.timer, list(self.fields.values())
        translated = [*self.tr.components, *self.starters, self.starters_row, self.channel, state]
        self.page.load(self.on_load, [state], [*translated, self.lang], show_progress="hidden")
        self.lang.change(self.on_lang, [self.lang, state], translated, show_progress="hidden")
        panels = [self.handoff_panel, self.handoff_info, self.contact_form, self.channel, self.contact_status, timer]
        sent = [chatbot, self.message, self.starters_row, state, *panels, *fields]
        for trigger in (self.message.submit, self.send.click):
            trigger(self.on_send, [self.message, state], sent, concurrency_limit=REPLY_CONCURRENCY)
        for button in self.starters:
            button.click(self.on_send, [button, state], sent, concurrency_limit=REPLY_CONCURRENCY)
        self.agent_button.click(self.on_agent, [state], [chatbot, state, *panels, *fields])
        self.channel.change(self.field_visibility, [self.channel], fields)
        contact = [self.channel, *fields, state]
        self.contact_submit.click(self.on_contact, contact, [self.contact_status, self.contact_form])
        rated = [self.dislike_panel, self.reason, state]
        chatbot.like(self.on_like, [state], rated)
        self.reason_send.click(self.on_reason, [self.reason, state], rated)
        self.reason_skip.click(lambda current: self.on_reason("", current), [state], rated)
        rating = [self.rating_panel, self.rating_status, self.csat, self.ces]
        self.end_button.click(self.on_end, [state], rating)
        closed = [chatbot, self.rating_panel, self.rating_status, self.handoff_panel, timer, state]
        self.rate_submit.click(self.on_rate, [self.csat, self.ces, state], closed)
        self.rate_cancel.click(lambda: gr.update(visible=False), None, [self.rating_panel])
        chatbot.clear(self.on_clear, [state], [state, self.handoff_panel, self.dislike_panel, self.rating_panel, timer])
        timer.tick(self.on_poll, [state], [chatbot, state], show_progress="hidden", concurrency_limit=None)

    def session_of(self, current: WidgetState) -> ChatSession:
        """The customer's session, started on first use (visitors who never write leave no conversation)."""
        if current.session is None:
            current.session = self.chat.start(current.lang)
        return current.session

    def texts(self, lang: Lang, current: WidgetState) -> Updates:
        """Every text on the page in ``lang``, and the popular questions in it."""
        updates: Updates = dict(zip(self.tr.components, self.tr.updates(lang), strict=True))
        questions = self.insights.starter_questions(lang)
        for button, question in zip(self.starters, [*questions, *[""] * STARTERS], strict=False):
            updates[button] = gr.update(value=question, visible=bool(question))
        updates[self.starters_row] = gr.update(visible=bool(questions) and not current.history)
        choices = _channel_choices(current.channels, lang)
        updates[self.channel] = gr.update(label=t(lang, "channel_label"), choices=choices)
        return updates

    def on_load(self, current: WidgetState, request: gr.Request) -> Updates:
        current.lang = lang_of(request.query_params.get("lang", "id"))
        return {**self.texts(current.lang, current), self.lang: current.lang, self.state: current}

    def on_lang(self, lang: str, current: WidgetState) -> Updates:
        current.lang = lang_of(lang)
        return {**self.texts(current.lang, current), self.state: current}

    def on_send(self, text: str, current: WidgetState) -> Iterator[Updates]:
        """Show the message, then the reply as it streams; a handoff opens the panel."""
        if not text or not text.strip() or current.sending:
            yield {self.state: current}
            return
        current.restart_if_ended()
        current.sending = True
        try:
            current.show("user", customer_text(text.strip()))
            current.show("assistant", t(current.lang, "typing"))
            hidden = gr.update(visible=False)
            yield {self.chatbot: current.history, self.message: "", self.starters_row: hidden, self.state: current}
            yield from self._stream_reply(text, current)
        finally:
            current.sending = False

    def _stream_reply(self, text: str, current: WidgetState) -> Iterator[Updates]:
        try:
            for event in self.chat.send(self.session_of(current), text):
                if isinstance(event, Delta):
                    current.history[-1]["content"] = bot_text(event.text_so_far)
                    yield {self.chatbot: current.history}
                else:
                    yield self._final(event, current)
        except SigapError:
            log.exception("The chat failed for a customer")
            current.history[-1]["content"] = t(current.lang, "error_generic")
            yield {self.chatbot: current.history, self.state: current}

    def _final(self, final: Final, current: WidgetState) -> Updates:
        current.history[-1]["content"] = reply_markdown(final, current.lang)
        current.message_ids[-1] = final.message_id
        current.seen(final.message_id)
        updates: Updates = {self.chatbot: current.history, self.state: current}
        if final.offer is not None:
            return updates | self.offer_updates(final.offer, current)
        return updates | ({self.timer: gr.Timer(active=True)} if final.case is not None else {})

    def offer_updates(self, offer: HandoffOffer, current: WidgetState) -> Updates:
        """The handoff panel: what happens next, and the channels the customer may choose."""
        lang, current.channels = current.lang, offer.channels
        if offer.case.status == "claimed":
            info = t(lang, "handoff_with_agent")
        elif offer.in_hours:
            wait = t(lang, "minutes", minutes=offer.wait_minutes or 0)
            info = t(lang, "handoff_in_hours", position=offer.position or 1, wait=wait)
        else:
            info = t(lang, "handoff_closed", hours=offer.opening_hours)
        first = offer.channels[0]
        return {
            self.handoff_panel: gr.update(visible=True),
            self.handoff_info: info,
            self.contact_form: gr.update(visible=offer.case.status != "claimed"),
            self.channel: gr.update(choices=_channel_choices(offer.channels, lang), value=first),
            self.contact_status: "",
            self.timer: gr.Timer(active=True),
            **self.field_visibility(first),
        }

    def field_visibility(self, chosen: str | None) -> Updates:
        wanted = CHANNEL_FIELDS.get(chosen or "", ("name",))
        return {component: gr.update(visible=key in wanted) for key, component in self.fields.items()}

    def on_agent(self, current: WidgetState) -> Updates:
        current.restart_if_ended()
        try:
            offer = self.chat.request_agent(self.session_of(current))
        except SigapError:
            log.exception("A customer's request for an agent failed")
            current.show("assistant", t(current.lang, "error_generic"))
            return {self.chatbot: current.history, self.state: current}
        current.show("assistant", bot_text(offer.text), offer.message_id)
        return {self.chatbot: current.history, self.state: current, **self.offer_updates(offer, current)}

    def on_contact(self, chosen: str, name: str, phone: str, email: str, window: str, current: WidgetState) -> Updates:
        lang = current.lang
        if current.session is None:
            return {self.contact_status: t(lang, "no_conversation")}
        try:
            channel = cast(ContactChannel, chosen)  # checked by the service
            self.chat.choose_channel(
                current.session, channel, name=name, phone=phone, email=email, callback_window=window
            )
        except ContactError as exc:
            return {self.contact_status: f"⚠ {exc.message(lang)}"}
        except SigapError:
            log.exception("Saving a customer's contact choice failed")
            return {self.contact_status: t(lang, "error_generic")}
        return {self.contact_status: t(lang, "contact_saved"), self.contact_form: gr.update(visible=False)}

    def on_like(self, current: WidgetState, data: gr.LikeData) -> Updates:
        """Thumbs up is recorded at once; thumbs down first asks (optionally) what was wrong."""
        index = data.index[0] if isinstance(data.index, list | tuple) else data.index
        rated = current.message_ids[index] if 0 <= index < len(current.message_ids) else None
        if current.session is None or rated is None or rated in current.rated or data.liked not in (True, False):
            return {self.state: current}
        current.rated.add(rated)
        if data.liked is False:
            current.pending_dislike = rated
            return {self.dislike_panel: gr.update(visible=True), self.reason: "", self.state: current}
        return self._rate_reply(current, 1, rated, None)

    def on_reason(self, why: str, current: WidgetState) -> Updates:
        rated, current.pending_dislike = current.pending_dislike, None
        hidden = {self.dislike_panel: gr.update(visible=False), self.reason: ""}
        return hidden if rated is None else self._rate_reply(current, -1, rated, why) | hidden

    def _rate_reply(self, current: WidgetState, value: int, rated: int, why: str | None) -> Updates:
        assert current.session is not None
        try:
            self.chat.feedback(current.session, "thumbs", value, message_id=rated, reason=why)
        except SigapError:
            log.exception("Recording a thumbs rating failed")
            return {self.state: current}
        gr.Info(t(current.lang, "feedback_thanks"), duration=3)
        return {self.state: current}

    def on_end(self, current: WidgetState) -> Updates:
        if current.session is None or current.ended:
            gr.Info(t(current.lang, "no_conversation"), duration=4)
            return {self.rating_status: gr.skip()}
        return {self.rating_panel: gr.update(visible=True), self.rating_status: "", self.csat: None, self.ces: None}

    def on_rate(self, satisfied: int | None, effort: int | None, current: WidgetState) -> Updates:
        """Record CSAT and CES and close the conversation (the next message starts a new one)."""
        if current.session is None:
            return {self.rating_panel: gr.update(visible=False)}
        if satisfied is None or effort is None:
            return {self.rating_status: t(current.lang, "rate_missing")}
        try:
            self.chat.feedback(current.session, "csat", int(satisfied))
            self.chat.feedback(current.session, "ces", int(effort))
        except SigapError:
            log.exception("Recording a customer's rating failed")
            return {self.rating_status: t(current.lang, "error_generic")}
        current.show("assistant", t(current.lang, "rate_thanks"))
        current.ended = True
        return {
            self.chatbot: current.history,
            self.rating_panel: gr.update(visible=False),
            self.handoff_panel: gr.update(visible=False),
            self.timer: gr.Timer(active=False),
            self.state: current,
        }

    def on_clear(self, current: WidgetState) -> Updates:
        """The Chatbot's own clear button: the next message starts a new conversation."""
        current.ended = True
        current.restart_if_ended()
        hidden = gr.update(visible=False)
        panels = {self.handoff_panel: hidden, self.dislike_panel: hidden, self.rating_panel: hidden}
        return {self.state: current, self.timer: gr.Timer(active=False), **panels}

    def on_poll(self, current: WidgetState) -> Updates:
        """Agent replies and notices the widget has not shown yet (every POLL_SECONDS while a case is open)."""
        if current.session is None or current.sending or current.ended:
            return {self.state: current}
        try:
            fresh = self.chat.poll(current.session, current.last_seen)
        except SigapError:
            log.warning("Polling for agent messages failed", exc_info=True)
            return {self.state: current}
        shown = set(current.message_ids)
        new = [message for message in fresh if message.id not in shown]
        for polled in new:
            current.show("assistant", polled_markdown(polled, current.lang), polled.id)
        return {self.chatbot: current.history, self.state: current} if new else {self.state: current}


def _channel_choices(channels: tuple[str, ...], lang: str) -> list[tuple[str, str]]:
    return [(t(lang, f"channel_{chosen}"), chosen) for chosen in channels]
