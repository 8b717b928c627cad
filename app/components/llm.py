"""Language models: chat messages in, text pieces out, behind one small protocol.

Two backends, both through LangChain: ``ollama`` (``langchain_ollama.ChatOllama``) and ``openai``, any
OpenAI-compatible server such as vLLM or llama.cpp's ``llama-server`` (``langchain_openai.ChatOpenAI``).
The language model is optional: :func:`create_chat_model` gives ``None`` in ``extractive`` mode, and the
answer engine falls back to extractive answers whenever :meth:`ChatModel.stream` raises :class:`LLMError`.

Timeouts are enforced twice, because a server that accepts the connection and then says nothing must never
hang a customer's turn: the HTTP clients get a read timeout, and the library's stream runs in a worker
thread that the caller reads through a queue with deadlines (first piece, gap between pieces, whole answer).
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Protocol, runtime_checkable

import httpx

from app.errors import LLMError, MissingDependencyError
from app.settings import LLMSettings

log = logging.getLogger(__name__)

ChatMessage = dict[str, str]
"""One chat turn: ``{"role": "system" | "user" | "assistant", "content": "..."}``."""

ROLES = ("system", "user", "assistant")
LLM_EXTRA = "llm"  # the extra named by MissingDependencyError when a LangChain integration is missing


@runtime_checkable
class ChatModel(Protocol):
    """A chat language model that streams its answer."""

    @property
    def name(self) -> str:
        """Provider and model, e.g. ``ollama:qwen2.5:3b-instruct`` (for logs and the conversation record)."""
        ...

    def healthy(self) -> bool:
        """True when the server answers a cheap check within ``health_timeout_s``; never raises."""
        ...

    def stream(self, messages: Sequence[ChatMessage]) -> Iterator[str]:
        """Yield the answer's text pieces as the model generates them.

        Raises:
            LLMError: the server is down, too slow (first piece, a stall, the whole answer), or answered
                with an error or something unreadable.
        """
        ...


class _LangChainChatModel:
    """What both backends share: the timed stream over a LangChain chat model, and the health probe."""

    provider = ""

    def __init__(self, settings: LLMSettings, model: str, chat: Any) -> None:
        self._settings = settings
        self._model = model
        self._chat = chat

    @property
    def name(self) -> str:
        return f"{self.provider}:{self._model}"

    def healthy(self) -> bool:
        try:
            return self._probe()
        except Exception as exc:  # a health check reports, it never raises
            log.warning("%s is not available: %s", self.name, self._explain(exc))
            return False

    def stream(self, messages: Sequence[ChatMessage]) -> Iterator[str]:
        turns = _as_turns(messages)
        return _timed_stream(lambda: self._pieces(turns), self._settings, self.name, self._explain)

    def _pieces(self, turns: list[tuple[str, str]]) -> Iterator[str]:
        for chunk in self._chat.stream(turns):
            text = _text_of(chunk.content)
            if text:
                yield text

    def _probe(self) -> bool:
        raise NotImplementedError

    def _explain(self, exc: BaseException) -> str:
        raise NotImplementedError


class OllamaChatModel(_LangChainChatModel):
    """A model served by Ollama (``ollama serve``; the model pulled beforehand with ``ollama pull``)."""

    provider = "ollama"

    def __init__(self, settings: LLMSettings) -> None:
        try:
            from langchain_ollama import ChatOllama
        except ImportError as exc:
            raise MissingDependencyError("langchain-ollama", LLM_EXTRA, "llm.mode=ollama") from exc
        self._host = settings.ollama_host.rstrip("/")
        chat = ChatOllama(
            base_url=self._host,
            model=settings.ollama_model,
            temperature=settings.temperature,
            num_predict=settings.max_tokens,
            client_kwargs={"timeout": _client_timeout(settings)},
        )
        super().__init__(settings, settings.ollama_model, chat)

    def _probe(self) -> bool:
        response = httpx.get(f"{self._host}/api/tags", timeout=self._settings.health_timeout_s)
        response.raise_for_status()
        names = {entry.get("name") for entry in response.json().get("models", [])}
        if self._model in names or f"{self._model}:latest" in names:
            return True
        log.warning(
            "Ollama at %s does not have the model %r (it has %s): run `ollama pull %s` or fix llm.ollama_model.",
            self._host,
            self._model,
            sorted(str(n) for n in names) or "none",
            self._model,
        )
        return False

    def _explain(self, exc: BaseException) -> str:
        from ollama import ResponseError

        where = f"Ollama at {self._host}"
        if isinstance(exc, ResponseError):
            hint = f"run `ollama pull {self._model}`" if exc.status_code == 404 else "check the Ollama server's log"
            return f"{where} answered HTTP {exc.status_code}: {exc.error}. Fix: {hint}."
        if isinstance(exc, ConnectionError | httpx.ConnectError):
            return f"{where} cannot be reached ({exc}). Start it with `ollama serve` or fix llm.ollama_host."
        return _explain_common(exc, where, "llm.ollama_host")


class OpenAIChatModel(_LangChainChatModel):
    """A model behind an OpenAI-compatible API (vLLM, llama.cpp ``llama-server``, ...)."""

    provider = "openai"

    def __init__(self, settings: LLMSettings) -> None:
        try:
            from langchain_openai import ChatOpenAI
        except ImportError as exc:
            raise MissingDependencyError("langchain-openai", LLM_EXTRA, "llm.mode=openai") from exc
        self._base_url = settings.openai_base_url.rstrip("/")
        chat = ChatOpenAI(
            base_url=self._base_url,
            api_key=settings.openai_api_key,
            model=settings.openai_model,
            temperature=settings.temperature,
            max_tokens=settings.max_tokens,
            timeout=_client_timeout(settings),
            max_retries=0,
        )
        super().__init__(settings, settings.openai_model, chat)

    def _probe(self) -> bool:
        key = self._settings.openai_api_key.get_secret_value()
        response = httpx.get(
            f"{self._base_url}/models",
            headers={"Authorization": f"Bearer {key}"},
            timeout=self._settings.health_timeout_s,
        )
        response.raise_for_status()
        return True

    def _explain(self, exc: BaseException) -> str:
        import openai

        where = f"The OpenAI-compatible server at {self._base_url}"
        if isinstance(exc, openai.APIStatusError):
            hint = _OPENAI_STATUS_HINTS.get(exc.status_code, "check the server's log")
            return f"{where} answered HTTP {exc.status_code}: {exc.message}. Fix: {hint}."
        if isinstance(exc, httpx.HTTPStatusError):  # from the health check
            hint = _OPENAI_STATUS_HINTS.get(exc.response.status_code, "check the server's log")
            return f"{where} answered HTTP {exc.response.status_code} to GET {exc.request.url}. Fix: {hint}."
        if isinstance(exc, openai.APITimeoutError):
            return f"{where} sent nothing for {self._settings.first_token_timeout_s} s. Is it overloaded or stuck?"
        if isinstance(exc, openai.APIConnectionError):  # a refused or a broken connection
            causes = list(_causes(exc))
            if any(type(cause).__name__ == "ConnectError" for cause in causes):  # httpx's or httpx2's
                return f"{where} cannot be reached ({causes[-1]}). Start it or fix llm.openai_base_url."
            return f"{where} broke the connection ({causes[-1]}). Check the server's log."
        return _explain_common(exc, where, "llm.openai_base_url")


_OPENAI_STATUS_HINTS = {
    401: "check llm.openai_api_key",
    403: "check llm.openai_api_key",
    404: "check llm.openai_base_url (it usually ends in /v1) and llm.openai_model",
}


def _explain_common(exc: BaseException, where: str, url_setting: str) -> str:
    """Errors both backends can meet: raw HTTP failures (health checks, broken streams), bad JSON."""
    if isinstance(exc, httpx.TimeoutException):
        return f"{where} did not answer in time ({type(exc).__name__}). Is it overloaded or stuck?"
    if isinstance(exc, httpx.ConnectError):
        return f"{where} cannot be reached ({exc}). Start it or fix {url_setting}."
    if isinstance(exc, httpx.HTTPStatusError):
        return f"{where} answered HTTP {exc.response.status_code} to {exc.request.url}. Fix {url_setting}."
    if isinstance(exc, httpx.HTTPError):
        return f"{where} broke the connection ({type(exc).__name__}: {exc}). Check the server's log."
    if isinstance(exc, ValueError | KeyError | TypeError | AttributeError):  # JSON and pydantic errors too
        return f"{where} sent a malformed response ({type(exc).__name__}: {exc}). Check that {url_setting} is right."
    return f"{where} failed ({type(exc).__name__}: {exc}). Check the server and {url_setting}."


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """The errors behind a client library's vague one (openai's "Connection error."), innermost last."""
    cause = exc.__cause__ or exc.__context__
    while cause is not None:
        yield cause
        cause = cause.__cause__ or cause.__context__


def _client_timeout(settings: LLMSettings) -> float:
    """HTTP timeout of the model clients (each read, connect, write).

    A backstop that frees the worker thread of a dead stream: the reader's own deadlines, which give the
    clearer message, fire a little earlier. A float, because openai's flavour of httpx varies by version.
    """
    return settings.first_token_timeout_s + 1.0


def _as_turns(messages: Sequence[ChatMessage]) -> list[tuple[str, str]]:
    """Check the chat messages and turn them into LangChain's ``(role, content)`` form."""
    turns = []
    for index, message in enumerate(messages):
        role, content = message.get("role"), message.get("content")
        if role not in ROLES or not isinstance(content, str):
            raise LLMError(
                f"Chat message {index} is {message!r}: it needs a role among {', '.join(ROLES)} and a text content."
            )
        turns.append((role, content))
    if not turns:
        raise LLMError("No chat messages to send: give at least one user message.")
    return turns


def _text_of(content: str | list[Any]) -> str:
    """The text of a LangChain message chunk, whose content is a string or a list of content blocks."""
    if isinstance(content, str):
        return content
    texts = []
    for block in content:
        if isinstance(block, str):
            texts.append(block)
        elif isinstance(block, dict) and block.get("type") == "text":
            texts.append(str(block.get("text", "")))
    return "".join(texts)


_END = object()


def _pump(produce: Callable[[], Iterator[str]], pieces: queue.Queue[object], cancel: threading.Event) -> None:
    """Worker thread: move the library's pieces into the queue, then `_END` or the exception raised."""
    source: Iterator[str] | None = None
    try:
        source = produce()
        for piece in source:
            if cancel.is_set():
                return
            pieces.put(piece)
        pieces.put(_END)
    except Exception as exc:  # handed to the reader, which translates it into LLMError
        pieces.put(exc)
    finally:
        close = getattr(source, "close", None)
        if close is not None:
            with contextlib.suppress(Exception):  # nobody is left to tell
                close()  # closes the HTTP response when the reader gave up early


def _timed_stream(
    produce: Callable[[], Iterator[str]],
    settings: LLMSettings,
    name: str,
    explain: Callable[[BaseException], str],
) -> Iterator[str]:
    """Yield ``produce()``'s pieces, read in a worker thread, within the settings' deadlines.

    Raises:
        LLMError: no first piece within ``first_token_timeout_s``; no further piece for as long (a stall);
            the whole answer past ``request_timeout_s``; an empty answer; any error of the library.
    """
    pieces: queue.Queue[object] = queue.Queue()
    cancel = threading.Event()
    answer_deadline = time.monotonic() + settings.request_timeout_s
    worker = threading.Thread(target=_pump, args=(produce, pieces, cancel), name=f"llm {name}", daemon=True)
    worker.start()
    received = 0
    try:
        while True:
            remaining = answer_deadline - time.monotonic()
            try:
                item = pieces.get(timeout=max(min(settings.first_token_timeout_s, remaining), 0.0))
            except queue.Empty:
                whole_answer = remaining <= settings.first_token_timeout_s
                raise LLMError(_too_slow(name, settings, received, whole_answer)) from None
            if item is _END:
                break
            if isinstance(item, BaseException):
                raise LLMError(f"{name}: {explain(item)}") from item
            received += 1
            yield str(item)
        if not received:
            raise LLMError(f"{name} answered with no text. Check that the model works, e.g. with a short prompt.")
    finally:
        cancel.set()


def _too_slow(name: str, settings: LLMSettings, received: int, whole_answer: bool) -> str:
    if whole_answer:
        return (
            f"{name} did not finish its answer within llm.request_timeout_s={settings.request_timeout_s} s "
            f"({received} piece(s) received). Lower llm.max_tokens or use a faster model."
        )
    if not received:
        return (
            f"{name} sent no first token within llm.first_token_timeout_s={settings.first_token_timeout_s} s. "
            "Is the server overloaded or still loading the model?"
        )
    return (
        f"{name} stalled: no new piece for {settings.first_token_timeout_s} s after {received} piece(s). "
        "Check the server's log."
    )


def create_chat_model(settings: LLMSettings) -> ChatModel | None:
    """Build the chat model the settings ask for; ``None`` in ``extractive`` mode.

    In ``auto`` mode this is the model of ``settings.provider``: the caller checks :meth:`ChatModel.healthy`.

    Raises:
        MissingDependencyError: the provider's LangChain integration is not installed.
    """
    if settings.mode == "extractive":
        return None
    provider = settings.provider if settings.mode == "auto" else settings.mode
    if provider == "ollama":
        return OllamaChatModel(settings)
    return OpenAIChatModel(settings)
