"""Components whose texts follow the page's language: made once, relabelled by one callback.

    tr = Translated()
    box = tr.add(gr.Textbox, {"label": "message_label", "placeholder": "message_placeholder"}, elem_id="message")
    lang_radio.change(lambda lang: tr.updates(lang), lang_radio, tr.components)

A text is an i18n key, or a function of the language for values that are not one string (choices).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from app.server.i18n import Lang, lang_of, t

C = TypeVar("C")
Text = str | Callable[[Lang], Any]


class Translated:
    """The registry of one page's translated components."""

    def __init__(self, lang: Lang = "id") -> None:
        self._lang = lang
        self._items: list[tuple[Any, Mapping[str, Text]]] = []

    def add(self, factory: Callable[..., C], texts: Mapping[str, Text], **kwargs: Any) -> C:
        """Build ``factory(**kwargs)`` with ``texts`` (property → key) in the page's first language."""
        component = factory(**{name: _resolve(text, self._lang) for name, text in texts.items()}, **kwargs)
        self._items.append((component, texts))
        return component

    @property
    def components(self) -> list[Any]:
        return [component for component, _ in self._items]

    def updates(self, lang: str) -> list[Any]:
        """One update per component (same order as :attr:`components`) with its texts in ``lang``."""
        import gradio as gr

        chosen = lang_of(lang)
        return [gr.update(**{name: _resolve(text, chosen) for name, text in texts.items()}) for _, texts in self._items]


def _resolve(text: Text, lang: Lang) -> Any:
    return t(lang, text) if isinstance(text, str) else text(lang)
