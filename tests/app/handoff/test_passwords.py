"""Agent passwords: salted scrypt hashes, verified in constant time; logins through the agent service."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import ConfigError
from app.handoff import AgentService, hash_password, verify_password
from app.settings import AgentAccount, Settings
from app.store import SqlConversationStore
from tests.app.handoff.conftest import AGENTS


def test_hashes_are_salted_and_verify_only_the_right_password() -> None:
    first, second = hash_password("kopi-susu-2025"), hash_password("kopi-susu-2025")
    assert first != second and first.startswith("scrypt$16384$8$1$") and len(first.split("$")) == 6
    assert "kopi-susu-2025" not in first
    assert verify_password("kopi-susu-2025", first) and verify_password("kopi-susu-2025", second)
    assert not verify_password("kopi-susu-2024", first) and not verify_password("", first)


@pytest.mark.parametrize(
    "stored", ["", "plain-text", "scrypt$16384$8$1$!!!$abc", "scrypt$3$8$1$c2FsdA==$" + "A" * 44, "bcrypt$1$2$3$4$5"]
)
def test_malformed_hashes_never_verify(stored: str) -> None:
    assert not verify_password("anything", stored)


def test_empty_passwords_are_refused() -> None:
    with pytest.raises(ValueError, match="empty"):
        hash_password("")


def test_agents_log_in_with_their_own_password(agents: AgentService) -> None:
    account = agents.authenticate("sari", AGENTS["sari"])
    assert account is not None and (account.name, account.role) == ("sari", "agent")
    assert agents.authenticate(" sari ", AGENTS["sari"]) == account
    assert agents.authenticate("sari", AGENTS["budi"]) is None
    assert agents.authenticate("tamu", AGENTS["sari"]) is None


def test_a_malformed_hash_in_the_settings_fails_at_start(store: SqlConversationStore, tmp_path: Path) -> None:
    settings = Settings(agents=[AgentAccount(name="rina", password_hash="rahasia")])
    with pytest.raises(ConfigError, match=r"rina.*sigap agent-hash"):
        AgentService(store, settings, tmp_path, reindex=lambda: None)
