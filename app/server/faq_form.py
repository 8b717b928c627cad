"""The FAQ-draft form shared by the agent console (promote a case) and the dashboard (answer a gap)."""

from __future__ import annotations

from typing import Any

import gradio as gr

from app.server.i18n import LANGS
from app.server.labels import Translated


def faq_form(tr: Translated, prefix: str) -> tuple[Any, Any, Any, Any, Any]:
    """Question, answer, category, language and submit button, with element ids ``<prefix>-question`` …"""
    question = tr.add(gr.Textbox, {"label": "promote_question"}, elem_id=f"{prefix}-question")
    answer = tr.add(gr.Textbox, {"label": "promote_answer"}, lines=4, elem_id=f"{prefix}-answer")
    with gr.Row():
        category = tr.add(gr.Textbox, {"label": "promote_category"}, elem_id=f"{prefix}-category")
        lang = tr.add(gr.Radio, {"label": "promote_lang"}, choices=list(LANGS), value="id", elem_id=f"{prefix}-lang")
    submit = tr.add(gr.Button, {"value": "promote_submit"}, variant="primary", elem_id=f"{prefix}-save")
    return question, answer, category, lang, submit
