"""`sigap agent-hash`: a password in, the scrypt hash for sigap.toml out."""

from __future__ import annotations

from typer.testing import CliRunner

from app.cli import cli
from app.handoff import verify_password
from app.settings import AgentAccount


def test_hash_from_stdin_verifies_and_fits_an_agent_account() -> None:
    result = CliRunner().invoke(cli, ["agent-hash", "--password-stdin"], input="rahasia-sari-123\n")
    assert result.exit_code == 0, result.output
    hashed = result.stdout.strip()
    assert hashed.startswith("scrypt$") and verify_password("rahasia-sari-123", hashed)
    assert not verify_password("rahasia-sari-124", hashed)
    AgentAccount(name="sari", password_hash=hashed)


def test_prompt_asks_twice_and_short_passwords_are_refused() -> None:
    prompted = CliRunner().invoke(cli, ["agent-hash"], input="rahasia-budi-456\nrahasia-budi-456\n")
    assert prompted.exit_code == 0, prompted.output
    assert verify_password("rahasia-budi-456", prompted.stdout.strip().splitlines()[-1])
    short = CliRunner().invoke(cli, ["agent-hash", "--password-stdin"], input="pendek\n")
    assert short.exit_code == 2 and "at least 8" in short.output
