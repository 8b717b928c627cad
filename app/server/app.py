"""The web server: one FastAPI app with the customer widget at ``/``, the agent console at ``/agent``,
the dashboard at ``/dashboard`` (both behind the agents' login) and the JSON API at ``/api/v1``.

    services = build_services(settings)
    uvicorn.run(create_app(settings, services), host=..., port=...)
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import gradio as gr
from fastapi import FastAPI

from app.handoff import AgentService
from app.server.api import api_router
from app.server.console import build_console
from app.server.dashboard import build_dashboard
from app.server.i18n import t
from app.server.services import Services
from app.server.theme import CSS, WIDGET_CSS, theme
from app.server.widget import build_widget
from app.settings import Settings

log = logging.getLogger(__name__)

AGENT_PATH = "/agent"
DASHBOARD_PATH = "/dashboard"


def create_app(settings: Settings, services: Services) -> FastAPI:
    """The whole web app over ``services`` (build them with :func:`app.server.services.build_services`)."""
    app = FastAPI(
        title="Sigap",
        summary="Customer-support chat API: the same conversations as the web widget.",
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.include_router(api_router(services.chat))

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    login = agent_login(services.agents, bool(settings.agents))
    roles = {account.name: account.role for account in settings.agents}
    timezone = settings.handoff.timezone
    look = {"theme": theme(), "css": CSS, "footer_links": [], "ssr_mode": False}
    console = build_console(services.agents, roles, timezone, logout_url=f"{AGENT_PATH}/logout")
    dashboard = build_dashboard(services.insights, timezone, export_dir=settings.data_dir / "exports")
    for blocks, path in ((console, AGENT_PATH), (dashboard, DASHBOARD_PATH)):
        gr.mount_gradio_app(
            app, blocks, path=path, auth=login, auth_message=t("id", "auth_message"), show_error=True, **look
        )
    # Mounted last: "/" would otherwise swallow the paths above.
    widget = build_widget(services.chat, services.insights)
    gr.mount_gradio_app(app, widget, path="/", show_error=False, **(look | {"css": WIDGET_CSS}))
    return app


def agent_login(agents: AgentService, has_accounts: bool) -> Callable[[str, str], bool]:
    """The login check of /agent and /dashboard: any configured agent or manager account."""

    def check(name: str, password: str) -> bool:
        if not has_accounts:
            log.warning("Login refused for %r: no agent accounts are configured ([[agents]] in sigap.toml).", name)
            return False
        return agents.authenticate(name, password) is not None

    return check
